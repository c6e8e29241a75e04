"""The learner's journal: every reflection and rating, saved so that nothing is lost.

How it keeps work safe, and why:

* One small JSON file per entry (`<journal>/<notebook>/<prompt>.json`). Two notebooks
  open at once write different files, so they never contend.
* Every save writes a temporary file in the same folder, flushes it to disk, then renames
  it over the old one. A rename within one folder is atomic on local disks and on NFS, so
  a kernel killed mid-save leaves either the old entry or the new one, never half of each.
  No file locks are used: they are unreliable on the network home directories that many
  JupyterHubs use, and so is SQLite's locking.
* Every saved version is also kept in `<notebook>/earlier-versions/<prompt>/` as a hard
  link to the same file (no extra copy, so a save costs one more directory entry). The
  last 50, the newest of each day, and every version that was replaced by a much shorter
  text or by another view's text are kept; older ones are pruned. `Journal.revisions()`
  lists them and `Journal.restore_revision()` brings one back.
* Compare before write: a view remembers the version (inode, modification time, size) it
  last read or wrote. If the file on disk is another version when it saves, the other
  version is kept as an earlier version marked "other" and the view is told.
* A file that cannot be read is never overwritten or deleted: it is renamed aside
  (`…json.damaged-<time>`) and reported in plain words. Only regular files are read, and
  only up to a size limit, so a FIFO or a device file can never hang a kernel.
* The folder and every parent it creates are made readable by the learner only (mode
  700, files 600) whatever the umask. A journal folder owned by another user is refused;
  one that others could write to is made private again and the learner is told.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import stat
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import paths

FORMAT = "praxislab-journal"
FORMAT_VERSION = 1
MAX_TEXT_CHARS = 50_000
"""About 8,000 words: far beyond any reflection, small enough to save in a blink."""
MAX_RAW_CHARS = 2 * MAX_TEXT_CHARS
"""Longer than this before cleaning is refused at once (cleaning at most halves a text:
only line endings and invisible control characters are dropped), so a huge paste costs
no kernel time."""
MAX_FILE_BYTES = 2_000_000
"""An entry file larger than this is not one of ours (50,000 characters of any script is
at most 200 kB of UTF-8); it is set aside rather than read."""
KINDS = ("reflection", "rating", "choice", "action")
HISTORY = "earlier-versions"
KEEP_RECENT = 50
KEEP_MARKED = 50
TIDY_AFTER_SECONDS = 3600.0
"""Temporary files older than this are left by interrupted saves (a save takes
milliseconds), so opening the journal removes them."""
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TMP_MARK = ".tmp-"
_DAMAGED_MARK = ".damaged-"
_REV_NAME = re.compile(r"^(\d{6,})-(\d{8}T\d{6})-(\d+)(?:-(other|longer|deleted))?\.json$")
_REASONS = {
    "other": "changed in another tab or notebook, kept when this one saved",
    "longer": "kept because a much shorter text replaced it",
    "deleted": "kept when the answer was cleared",
}


class JournalError(Exception):
    """A problem with the journal, with a message meant for the learner."""


class TextRefused(JournalError):
    """The text was not saved (too long, not text); what was saved before is untouched."""


class ReadFailed(JournalError):
    """A saved entry exists but could not be read just now; it was left untouched."""


class FolderRefused(JournalError):
    """The journal folder belongs to someone else, so it is neither read nor written."""


class DamagedEntry(JournalError):
    """A saved entry could not be read; it has been set aside, not deleted."""

    def __init__(self, message: str, set_aside: Path | None):
        super().__init__(message)
        self.set_aside = set_aside


class _NotOurs(ValueError):
    """Not a regular file, or far too large to be an entry."""


_DAMAGE = (ValueError, UnicodeDecodeError, RecursionError, JournalError)


def check_id(value: object, what: str) -> str:
    """Notebook and prompt ids become file names, so they are kept plain."""
    if not isinstance(value, str) or not _ID.match(value):
        raise JournalError(
            f"The {what} id {value!r} cannot be used: use 1-80 lowercase letters, digits, "
            "dots, hyphens or underscores, starting with a letter or digit "
            "(for example '01-power')."
        )
    return value


def _too_long(length: int) -> TextRefused:
    return TextRefused(
        f"Not saved: this answer is {length:,} characters long and the limit is "
        f"{MAX_TEXT_CHARS:,} (about 8,000 words). Your text is still in the box; "
        "shorten it, or keep the long version in a document of your own."
    )


def clean_text(text: object) -> str:
    """Make learner text safe to store, or refuse it with a message that says why.

    Keeps every printable character of every script and emoji; turns Windows and old Mac
    line endings into newlines; drops invisible control characters (which can come in
    with copy and paste) and replaces broken surrogate halves with '�'. The length is
    checked before any of that, so a pasted novel is refused at once.
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        raise TextRefused(
            f"Only text can be saved here, not {type(text).__name__}. "
            "Type or paste your answer into the box."
        )
    if len(text) > MAX_RAW_CHARS:
        raise _too_long(len(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) != "Cc"
    )
    text = _SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    if len(text) > MAX_TEXT_CHARS:
        raise _too_long(len(text))
    return text


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Entry:
    """One thing a learner wrote or chose, for one prompt in one notebook."""

    notebook: str
    prompt: str
    text: str = ""
    kind: str = "reflection"
    private: bool = False
    saved_at: str = ""
    prompt_text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    revision: int = 0
    """How many times this answer has been saved (0 for entries from before revisions)."""

    def to_json(self) -> dict[str, Any]:
        record = asdict(self)
        record["format"] = FORMAT
        record["version"] = FORMAT_VERSION
        return record

    @classmethod
    def from_json(cls, record: object) -> Entry:
        if not isinstance(record, dict) or record.get("format") != FORMAT:
            raise ValueError("not a Praxis Lab journal entry")
        if record.get("version") != FORMAT_VERSION:
            raise ValueError(f"unknown journal format version {record.get('version')!r}")
        text = record.get("text", "")
        data = record.get("data", {})
        if not isinstance(text, str) or not isinstance(data, dict):
            raise ValueError("the text or data field has the wrong type")
        if len(text) > MAX_TEXT_CHARS:
            raise ValueError("the text is longer than any saved answer can be")
        kind = record.get("kind", "reflection")
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        revision = record.get("revision", 0)
        if not isinstance(revision, int) or isinstance(revision, bool) or revision < 0:
            raise ValueError(f"the revision {revision!r} is not a whole number")
        return cls(
            notebook=check_id(record.get("notebook"), "notebook"),
            prompt=check_id(record.get("prompt"), "prompt"),
            text=text,
            kind=kind,
            private=bool(record.get("private", False)),
            saved_at=str(record.get("saved_at", "")),
            prompt_text=str(record.get("prompt_text", "")),
            data=data,
            revision=revision,
        )

    @property
    def words(self) -> int:
        return count_words(self.text)


def count_words(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class Version:
    """Which file is on disk: every save makes a new file (new inode), so this identifies
    one saved version without reading it (the 'etag' of compare-before-write)."""

    inode: int
    mtime_ns: int
    size: int

    @property
    def token(self) -> str:
        return f"{self.inode}-{self.mtime_ns}-{self.size}"

    @classmethod
    def of(cls, st: os.stat_result) -> Version:
        return cls(st.st_ino, st.st_mtime_ns, st.st_size)


@dataclass(frozen=True)
class Revision:
    """One earlier version of an answer."""

    id: str
    revision: int
    saved_at: str
    text: str
    reason: str = ""
    """'' (an ordinary save), 'other', 'longer' or 'deleted' (see `describe`)."""

    @property
    def words(self) -> int:
        return count_words(self.text)

    def describe(self) -> str:
        why = f" ({_REASONS[self.reason]})" if self.reason in _REASONS else ""
        return f"Saved {_friendly_time(self.saved_at)}, {self.words:,} words{why}"


@dataclass(frozen=True)
class Saved:
    """What a save did: the entry as written, its version, and, when the file had been
    changed by another view since this one read it, that other entry (kept as an
    earlier version with id `other_id`)."""

    entry: Entry
    version: Version
    other: Entry | None = None
    other_id: str | None = None


ANY: Any = object()
"""`expected=ANY`: save whatever is on disk (kept as an earlier version anyway)."""


class Journal:
    """Saves and restores entries in one folder (see the module notes for the design)."""

    def __init__(self, directory: str | os.PathLike[str] | None = None):
        self.directory = Path(directory) if directory is not None else paths.journal_dir()
        self.warnings: list[str] = []
        """Plain-words notes about the folder (for example permissions made private)."""
        self._checked: set[Path] = set()
        self._known: dict[Path, tuple[Version, Entry]] = {}
        self._tidied = False
        self._pruned: set[Path] = set()
        self._pruning: threading.Thread | None = None

    # -- paths ---------------------------------------------------------------------------
    def path_for(self, notebook: str, prompt: str) -> Path:
        return (
            self.directory
            / check_id(notebook, "notebook")
            / f"{check_id(prompt, 'prompt')}.json"
        )

    def history_for(self, notebook: str, prompt: str) -> Path:
        return self.directory / check_id(notebook, "notebook") / HISTORY / check_id(
            prompt, "prompt")

    # -- the folder: private, ours, tidy -------------------------------------------------
    def _check_folder(self, folder: Path) -> None:
        """Refuse a folder another user owns; make one others could read or write ours
        alone again (and say so), as ssh does with ~/.ssh."""
        if folder in self._checked:
            return
        try:
            st = os.stat(folder)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise ReadFailed(f"Could not open the journal folder {folder} ({exc.strerror}).") \
                from exc
        if not stat.S_ISDIR(st.st_mode):
            raise FolderRefused(
                f"{folder} should be your journal folder, but it is not a folder. Nothing was "
                "read or saved. Move it away, or set PRAXISLAB_JOURNAL to another folder.")
        if st.st_uid != os.geteuid():
            raise FolderRefused(
                f"Not used: the journal folder {folder} belongs to another user (user id "
                f"{st.st_uid}), who could read, change or delete your answers. Nothing was "
                "read or saved there. Set PRAXISLAB_JOURNAL to a folder of your own (for "
                "example ~/praxislab-journal), or ask whoever runs your JupyterHub.")
        if st.st_mode & 0o077:
            try:
                os.chmod(folder, 0o700)
            except OSError as exc:
                raise FolderRefused(
                    f"Not used: the journal folder {folder} can be opened by other users and "
                    f"its permissions could not be changed ({exc.strerror}). Run "
                    f"`chmod 700 {folder}` in a terminal, or set PRAXISLAB_JOURNAL to another "
                    "folder.") from exc
            if st.st_mode & 0o022:
                self.warnings.append(
                    f"Your journal folder {folder} could be changed by other users; it is now "
                    "private to you (mode 700). Look through it for answers you did not "
                    "write, and tell whoever runs your JupyterHub.")
        self._checked.add(folder)

    def _open(self, folder: Path | None = None) -> None:
        self._check_folder(self.directory)
        if folder is not None:
            self._check_folder(folder)
        if not self._tidied and self.directory.is_dir():
            self._tidied = True
            self.tidy(TIDY_AFTER_SECONDS)

    def private_folder(self, *parts: str) -> Path:
        """A folder inside the journal (created 0700 with every missing parent, the
        journal's README written if the journal is new), for example `exports`."""
        folder = self.directory.joinpath(*parts)
        self._ensure_folder(folder)
        return folder

    def _ensure_folder(self, folder: Path) -> None:
        try:
            if paths.make_private_dir(self.directory) and self.directory.is_dir():
                _write_readme(self.directory)
            self._check_folder(self.directory)
            paths.make_private_dir(folder)
            self._check_folder(folder)
        except OSError as exc:
            raise JournalError(
                f"Could not create the journal folder {folder} ({exc.strerror}). "
                "Nothing was saved. Set PRAXISLAB_JOURNAL to a folder you can write to, "
                "or ask whoever runs your JupyterHub."
            ) from exc
        self._open()

    # -- writing -------------------------------------------------------------------------
    def save(self, entry: Entry) -> Entry:
        """Write an entry atomically and return it with its save time. Whatever was saved
        before is kept as an earlier version."""
        return self.write(entry).entry

    def write(self, entry: Entry, expected: Version | None = ANY) -> Saved:
        """Save `entry` over the version the caller last read or wrote (`expected`; None
        for 'there was none'). If the file is another version now, that version is kept
        as an earlier version marked 'other' and returned in `Saved.other`."""
        text = clean_text(entry.text)
        if entry.kind not in KINDS:
            raise JournalError(f"Unknown entry kind {entry.kind!r}; use one of {KINDS}.")
        try:
            json.dumps(entry.data)
        except (TypeError, ValueError, RecursionError) as exc:
            raise JournalError(f"This answer's data cannot be stored as JSON: {exc}") from exc
        target = self.path_for(entry.notebook, entry.prompt)
        history = self.history_for(entry.notebook, entry.prompt)
        self._ensure_folder(target.parent)
        previous, current = self._current(target, entry.prompt)
        conflict = (previous is not None and expected is not ANY and expected != current
                    and (previous.text, previous.data) != (text, entry.data))
        revision = max(previous.revision if previous else 0, entry.revision) + 1
        saved = Entry(notebook=entry.notebook, prompt=entry.prompt, text=text, kind=entry.kind,
                      private=entry.private, saved_at=now_iso(), prompt_text=entry.prompt_text,
                      data=entry.data, revision=revision)
        other_id = None
        self._ensure_history(history)
        if previous is not None and current is not None:
            reason = ("other" if conflict else
                      "longer" if _much_shorter(text, previous.text) else "")
            if previous.revision == 0:  # saved before there were earlier versions
                _keep(target, history / _rev_name(previous, current))
            if reason:
                other_id = _rev_name(previous, current, reason)
                _keep(target, history / other_id)
        payload = json.dumps(saved.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
        version = _atomic_write(target, payload,
                                keep=lambda v: history / _rev_name(saved, v))
        self._known[target] = (version, saved)
        if revision % 10 == 0 or other_id or history not in self._pruned:
            self._pruned.add(history)
            self._prune_soon(history)
        return Saved(saved, version, previous if conflict else None, other_id)

    def _ensure_history(self, history: Path) -> None:
        if history in self._checked:
            return
        try:
            paths.make_private_dir(history)
            self._check_folder(history.parent)
            self._check_folder(history)
        except OSError as exc:
            raise JournalError(
                f"Could not create the folder for earlier versions {history} "
                f"({exc.strerror}). Nothing was saved.") from exc

    def _current(self, target: Path, prompt: str) -> tuple[Entry | None, Version | None]:
        """The entry on disk now and its version; a damaged one is set aside (so it is
        protected from this save), one that cannot be read stops the save."""
        try:
            st = os.lstat(target)
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            raise ReadFailed(self._unreadable(target, exc)) from exc
        known = self._known.get(target)
        if known and stat.S_ISREG(st.st_mode) and known[0] == Version.of(st):
            return known[1], known[0]
        try:
            return self.read(target.parent.name, prompt)
        except DamagedEntry:
            return None, None

    @staticmethod
    def _unreadable(target: Path, exc: OSError) -> str:
        return (f"Not saved: your saved answer in {target} could not be read just now "
                f"({exc.strerror}), so it was not written over. Your text is still in the "
                "box; re-run this cell to try again.")

    def delete(self, notebook: str, prompt: str) -> bool:
        """Remove one entry at the learner's request (for example 'clear my ratings').
        The removed version is kept among the earlier versions."""
        target = self.path_for(notebook, prompt)
        self._open(target.parent)
        try:
            entry, version = self.read(notebook, prompt)
        except DamagedEntry:
            return True
        if entry is None or version is None:
            return False
        history = self.history_for(notebook, prompt)
        try:
            self._ensure_history(history)
            _keep(target, history / _rev_name(entry, version, "deleted"))
        except JournalError:
            pass
        try:
            target.unlink()
        except FileNotFoundError:
            return False
        self._known.pop(target, None)
        return True

    # -- reading -------------------------------------------------------------------------
    def load(self, notebook: str, prompt: str) -> Entry | None:
        """The saved entry, or None if there is none yet.

        Raises DamagedEntry (after setting the file aside) when the file cannot be read
        as an entry, ReadFailed (leaving it as it is) when reading fails for now."""
        return self.read(notebook, prompt)[0]

    def read(self, notebook: str, prompt: str) -> tuple[Entry | None, Version | None]:
        """Like `load`, with the version read (to pass to `write` as `expected`)."""
        target = self.path_for(notebook, prompt)
        self._open(target.parent)
        try:
            got = _read_regular(target)
            if got is None:
                return None, None
            raw, version = got
            entry = _parse(raw, notebook, prompt)
        except OSError as exc:
            raise ReadFailed(
                f"Could not read {target} ({exc.strerror}); it was left as it is, and "
                "nothing will be saved over it until it can be read."
            ) from exc
        except _DAMAGE as exc:
            aside = self._set_aside(target)
            where = f" It is kept as {aside.name} in {aside.parent}." if aside else ""
            raise DamagedEntry(
                f"Your saved answer for '{prompt}' could not be read ({_short(exc)}), so it "
                f"has been set aside and nothing was deleted.{where} You can open it in the "
                "file browser and copy your text back; new typing is saved as normal.",
                aside,
            ) from exc
        self._known[target] = (version, entry)
        return entry, version

    def _set_aside(self, target: Path) -> Path | None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = target.with_name(f"{target.name}{_DAMAGED_MARK}{stamp}-{secrets.token_hex(2)}")
        try:
            os.replace(target, aside)
        except FileNotFoundError:
            return None
        self._known.pop(target, None)
        return aside

    def _files(self) -> Iterator[Path]:
        self._open()
        if not self.directory.is_dir():
            return
        for folder in sorted(p for p in self.directory.iterdir() if p.is_dir()):
            self._check_folder(folder)
            yield from sorted(folder.glob("*.json"))

    def entries(self, include_private: bool = False) -> Iterator[Entry]:
        """Every readable entry, sorted by notebook and prompt. Damaged files are skipped
        here (they are reported when their notebook loads them); see `problems()`."""
        for file in self._files():
            try:
                got = _read_regular(file)
                if got is None:
                    continue
                entry = _parse(got[0], file.parent.name, file.stem)
            except (OSError, *_DAMAGE):
                continue
            if entry.private and not include_private:
                continue
            yield entry

    def problems(self) -> list[Path]:
        """Files that were set aside as damaged, or that cannot be read now."""
        found: list[Path] = []
        self._open()
        if not self.directory.is_dir():
            return found
        for file in sorted(self.directory.glob("*/*")):
            if _DAMAGED_MARK in file.name:
                found.append(file)
            elif file.suffix == ".json":
                try:
                    got = _read_regular(file)
                    if got is not None:
                        _parse(got[0], file.parent.name, file.stem)
                except (OSError, *_DAMAGE):
                    found.append(file)
        return found

    # -- earlier versions ----------------------------------------------------------------
    def revisions(self, notebook: str, prompt: str) -> list[Revision]:
        """Earlier versions of one answer, newest first (the current one left out)."""
        self.settle()
        history = self.history_for(notebook, prompt)
        self._open(history.parent)
        target = self.path_for(notebook, prompt)
        try:
            current = os.stat(target).st_ino
        except OSError:
            current = None
        try:
            names = os.listdir(history)
        except OSError:
            return []
        self._check_folder(history)
        seen: dict[int, Revision] = {}
        for name in names:
            match = _REV_NAME.match(name)
            if not match:
                continue
            try:
                got = _read_regular(history / name)
                if got is None:
                    continue
                entry = _parse(got[0], notebook, prompt)
            except (OSError, *_DAMAGE):
                continue
            inode = got[1].inode
            if inode == current:
                continue
            reason = match.group(4) or ""
            if inode in seen and not reason:
                continue
            seen[inode] = Revision(name, entry.revision, entry.saved_at, entry.text, reason)
        return sorted(seen.values(), key=lambda r: (r.saved_at, r.revision, r.id), reverse=True)

    def restore_revision(self, notebook: str, prompt: str, revision_id: str,
                         expected: Version | None = ANY) -> Saved:
        """Make an earlier version the current answer again. What was current is kept as
        an earlier version, so restoring can itself be undone."""
        if not isinstance(revision_id, str) or not _REV_NAME.match(revision_id):
            raise JournalError(f"There is no earlier version called {revision_id!r}.")
        file = self.history_for(notebook, prompt) / revision_id
        self._open(file.parent.parent)
        try:
            got = _read_regular(file)
            if got is None:
                raise JournalError("That earlier version is no longer there (it was pruned "
                                   "or removed). Open Earlier versions again to see the list.")
            old = _parse(got[0], notebook, prompt)
        except OSError as exc:
            raise ReadFailed(f"Could not read {file} ({exc.strerror}).") from exc
        except _DAMAGE as exc:
            raise JournalError(f"That earlier version could not be read ({_short(exc)}).") \
                from exc
        return self.write(Entry(old.notebook, old.prompt, old.text, old.kind, old.private,
                                prompt_text=old.prompt_text, data=old.data), expected)

    def _prune_soon(self, history: Path) -> None:
        """Prune in a background thread: removing a file's last link can take milliseconds
        on a busy disk, and the learner's save must not wait for it. Killing the kernel
        mid-prune is harmless (each removal is one unlink)."""
        self.settle()
        worker = threading.Thread(target=self._prune, args=(history,), daemon=True,
                                  name="praxislab-prune")
        self._pruning = worker
        worker.start()

    def settle(self) -> None:
        """Wait for background pruning to finish (listing versions does this first)."""
        worker, self._pruning = self._pruning, None
        if worker is not None:
            worker.join()

    def _prune(self, history: Path) -> int:
        """Keep the last KEEP_RECENT versions, the newest of each day, and the last
        KEEP_MARKED versions marked 'other', 'longer' or 'deleted'."""
        try:
            names = os.listdir(history)
        except OSError:
            return 0
        plain, marked = [], []
        for name in names:
            match = _REV_NAME.match(name)
            if match:
                key = (match.group(2), int(match.group(1)), name)
                (marked if match.group(4) else plain).append(key)
        plain.sort()
        marked.sort()
        keep = {k[2] for k in plain[-KEEP_RECENT:]} | {k[2] for k in marked[-KEEP_MARKED:]}
        newest_of_day: dict[str, str] = {}
        for stamp, _, name in plain:
            newest_of_day[stamp[:8]] = name
        keep |= set(newest_of_day.values())
        removed = 0
        for _, _, name in plain + marked:
            if name not in keep:
                try:
                    os.unlink(history / name)
                    removed += 1
                except OSError:
                    pass
        return removed

    def tidy(self, older_than_seconds: float = 86_400) -> int:
        """Remove temporary files left by saves that were interrupted long ago (opening
        the journal does this for files older than an hour).

        They are never the only copy: the entry itself is always complete on disk."""
        removed = 0
        if not self.directory.is_dir():
            return removed
        cutoff = time.time() - older_than_seconds
        files = [*self.directory.glob(f"*/*{_TMP_MARK}*"),
                 *self.directory.glob(f"*/{HISTORY}/*/*{_TMP_MARK}*")]
        for file in files:
            try:
                st = os.lstat(file)
                if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
                    file.unlink()
                    removed += 1
            except OSError:
                continue
        return removed


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def _much_shorter(new: str, old: str) -> bool:
    """An empty or much shorter text replacing a longer one (select all, delete)."""
    before, after = len(old.strip()), len(new.strip())
    return before >= 40 and after < before / 2


def _rev_name(entry: Entry, version: Version, reason: str = "") -> str:
    try:
        moment = datetime.fromisoformat(entry.saved_at).astimezone(UTC)
    except ValueError:
        moment = datetime.fromtimestamp(version.mtime_ns / 1e9, UTC)
    tail = f"-{reason}" if reason else ""
    return f"{entry.revision:06d}-{moment:%Y%m%dT%H%M%S}-{version.inode}{tail}.json"


def _keep(source: Path, name: Path) -> None:
    """Keep `source` under another name: a hard link (no copy), or a copy where the file
    system has no hard links."""
    try:
        os.link(source, name, follow_symlinks=False)
    except FileExistsError:
        pass
    except OSError as exc:
        if exc.errno in (errno.ENOENT,):
            return
        got = _read_regular(source)
        if got is not None:
            _atomic_write(name, got[0])


def _read_regular(target: Path) -> tuple[bytes, Version] | None:
    """A regular file's bytes (up to MAX_FILE_BYTES) and version; None if there is none.

    Never opens a FIFO, a device or a symlink, so a planted special file cannot hang or
    redirect the read. Raises _NotOurs for those, OSError when reading fails."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        raise _NotOurs("it is not a regular file")
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _NotOurs("it is not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            raise _NotOurs(f"it is {st.st_size:,} bytes, far larger than any answer")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_FILE_BYTES:
                raise _NotOurs("it is far larger than any answer")
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks), Version.of(st)


def _parse(raw: bytes, notebook: str, prompt: str) -> Entry:
    """An entry from a file's bytes, which must belong where the file is."""
    entry = Entry.from_json(json.loads(raw.decode("utf-8")))
    if entry.notebook != notebook or entry.prompt != prompt:
        raise ValueError(f"it belongs to {entry.notebook}/{entry.prompt}, not "
                         f"{notebook}/{prompt}")
    return entry


def _atomic_write(target: Path, payload: bytes, keep: Any = None) -> Version:
    """Write `payload` to `target` atomically; `keep(version)`, if given, names a second
    link made to the new file before it replaces the old one (its earlier-version copy)."""
    tmp = target.with_name(f"{target.name}{_TMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
            if stat.S_IMODE(os.fstat(fd).st_mode) != 0o600:
                os.fchmod(fd, 0o600)  # a umask of 0o777 would have left 000
            version = Version.of(os.fstat(fd))
        finally:
            os.close(fd)
        if keep is not None:
            _keep(tmp, keep(version))
        os.replace(tmp, target)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise JournalError(
            f"Could not save to {target.parent} ({exc.strerror}). Your text is still in the "
            "box and your previous save is untouched. If the disk is full or the folder is "
            "read-only, free some space or set PRAXISLAB_JOURNAL to another folder."
        ) from exc
    _fsync_folder(target.parent)
    return version


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; some file systems do not allow it, which is fine.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_readme(directory: Path) -> None:
    note = (
        "# Your Praxis Lab journal\n\n"
        "Everything you write in the Praxis Lab notebooks is saved here, one small file per\n"
        "answer, on this machine only. Nobody collects it. This folder is readable by you\n"
        "only.\n\n"
        "- To keep a copy (essential on Binder, where sessions vanish): run the export cell\n"
        "  at the end of any lesson, or right-click this folder in the file browser and\n"
        "  choose Download.\n"
        "- Earlier versions of every answer are in `<lesson>/earlier-versions/`; the\n"
        "  Earlier versions button under each box brings one back.\n"
        "- Files named `*.damaged-*` are answers that could not be read; open them to copy\n"
        "  your text back.\n"
    )
    try:
        fd = os.open(directory / "README.md", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, note.encode("utf-8"))
    except OSError:
        pass
    finally:
        os.close(fd)


class Reflection:
    """The model behind a reflection box: restores the saved text and saves new text,
    returning a short status line for the learner (no widget, so it is easy to test).

    It saves only over the version it last read or wrote; if another tab or notebook
    saved in between, both are kept and `notice` says so (with `other_id`, the earlier
    version to switch to). If the saved answer could not be read, `locked` holds the
    reason and nothing is saved, so what could not be read is never written over."""

    def __init__(self, journal: Journal, notebook: str, prompt: str, prompt_text: str = "",
                 private: bool = False):
        self.journal = journal
        self.notebook = check_id(notebook, "notebook")
        self.prompt = check_id(prompt, "prompt")
        self.prompt_text = prompt_text
        self.private = private
        self.last_saved: str | None = None
        self.version: Version | None = None
        self.locked: str | None = None
        self.notice = ""
        self.other_id: str | None = None

    def restore(self) -> tuple[str, str]:
        """(text, status) for a freshly displayed box."""
        self.locked = None
        try:
            entry, self.version = self.journal.read(self.notebook, self.prompt)
        except DamagedEntry as exc:
            self.version = None
            return "", str(exc)
        except JournalError as exc:
            self.locked = (f"{exc} To keep it safe, this box does not save until your answer "
                           "can be read: re-run this cell to try again.")
            return "", self.locked
        warned = " ".join(self.journal.warnings)
        if entry is None:
            return "", _join("Not saved yet: your answer saves automatically as you type.",
                             warned)
        self.last_saved = entry.text
        return entry.text, _join(
            f"Restored your answer saved {_friendly_time(entry.saved_at)}.", warned)

    def update(self, text: object) -> tuple[str | None, str]:
        """Save `text`. Returns (cleaned text or None if nothing was saved, status)."""
        if self.locked:
            return None, "Not saved: " + self.locked
        try:
            cleaned = clean_text(text)
        except TextRefused as exc:
            return None, str(exc)
        if cleaned == self.last_saved:
            return cleaned, self._saved_status()
        return self._write(Entry(self.notebook, self.prompt, cleaned, "reflection",
                                 self.private, prompt_text=self.prompt_text))

    def _write(self, entry: Entry, revision_id: str | None = None) -> tuple[str | None, str]:
        try:
            if revision_id is None:
                saved = self.journal.write(entry, expected=self.version)
            else:
                saved = self.journal.restore_revision(self.notebook, self.prompt, revision_id,
                                                      expected=self.version)
        except JournalError as exc:
            return None, str(exc)
        self.last_saved, self.version = saved.entry.text, saved.version
        if saved.other is not None:
            self.other_id = saved.other_id
            self.notice = (
                f"This answer was changed somewhere else (another tab or notebook) and saved "
                f"{_friendly_time(saved.other.saved_at)}, {saved.other.words:,} words. Both "
                "versions are kept: yours is the one in the box. Choose 'Use the other "
                "version' to switch, or find it under Earlier versions.")
        return saved.entry.text, self._saved_status()

    def _saved_status(self) -> str:
        return _join(f"Saved at {_clock()}.", "Both versions kept: see below."
                     if self.notice else "")

    def revisions(self) -> list[Revision]:
        return self.journal.revisions(self.notebook, self.prompt)

    def restore_revision(self, revision_id: str) -> tuple[str | None, str]:
        """Bring an earlier version back into the box (the current one is kept)."""
        if self.locked:
            return None, "Not restored: " + self.locked
        text, status = self._write(None, revision_id)  # type: ignore[arg-type]
        if text is None:
            return None, status
        self.notice, self.other_id = "", None
        return text, (f"Restored an earlier version at {_clock()}. The text you had is kept "
                      "under Earlier versions.")

    def dismiss(self) -> None:
        self.notice, self.other_id = "", None


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _clock() -> str:
    # Seconds show on screen; the screen-reader announcement drops them (reflection.js),
    # so a learner typing with a screen reader is not interrupted at every save.
    return datetime.now().strftime("%H:%M:%S")


def _friendly_time(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return "earlier"
    if moment.date() == datetime.now().astimezone().date():
        return f"today at {moment:%H:%M}"
    return f"on {moment:%d %B %Y} at {moment:%H:%M}"
