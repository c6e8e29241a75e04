"""The learner's journal: every reflection and rating, saved so that nothing is lost.

How it keeps work safe, and why:

* One small JSON file per entry (`<journal>/<notebook>/<prompt>.json`). Two notebooks
  open at once write different files, so they never contend.
* Every save writes a temporary file in the same folder, flushes it to disk, then renames
  it over the old one. A rename within one folder is atomic on local disks and on NFS, so
  a kernel killed mid-save leaves either the old entry or the new one, never half of each.
  No file locks are used: they are unreliable on the network home directories that many
  JupyterHubs use, and so is SQLite's locking.
* A file that cannot be read is never overwritten or deleted: it is renamed aside
  (`…json.damaged-<time>`) and reported in plain words.
* The folder is created readable by the learner only (mode 700, files 600).
"""

from __future__ import annotations

import json
import os
import re
import secrets
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
KINDS = ("reflection", "rating", "choice", "action")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TMP_MARK = ".tmp-"
_DAMAGED_MARK = ".damaged-"


class JournalError(Exception):
    """A problem with the journal, with a message meant for the learner."""


class TextRefused(JournalError):
    """The text was not saved (too long, not text); what was saved before is untouched."""


class DamagedEntry(JournalError):
    """A saved entry could not be read; it has been set aside, not deleted."""

    def __init__(self, message: str, set_aside: Path | None):
        super().__init__(message)
        self.set_aside = set_aside


def check_id(value: object, what: str) -> str:
    """Notebook and prompt ids become file names, so they are kept plain."""
    if not isinstance(value, str) or not _ID.match(value):
        raise JournalError(
            f"The {what} id {value!r} cannot be used: use 1-80 lowercase letters, digits, "
            "dots, hyphens or underscores, starting with a letter or digit "
            "(for example '01-power')."
        )
    return value


def clean_text(text: object) -> str:
    """Make learner text safe to store, or refuse it with a message that says why.

    Keeps every printable character of every script and emoji; turns Windows and old Mac
    line endings into newlines; drops invisible control characters (which can come in
    with copy and paste) and replaces broken surrogate halves with '�'.
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        raise TextRefused(
            f"Only text can be saved here, not {type(text).__name__}. "
            "Type or paste your answer into the box."
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) != "Cc"
    )
    text = _SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    if len(text) > MAX_TEXT_CHARS:
        raise TextRefused(
            f"Not saved: this answer is {len(text):,} characters long and the limit is "
            f"{MAX_TEXT_CHARS:,} (about 8,000 words). Your text is still in the box; "
            "shorten it, or keep the long version in a document of your own."
        )
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
        kind = record.get("kind", "reflection")
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        return cls(
            notebook=check_id(record.get("notebook"), "notebook"),
            prompt=check_id(record.get("prompt"), "prompt"),
            text=text,
            kind=kind,
            private=bool(record.get("private", False)),
            saved_at=str(record.get("saved_at", "")),
            prompt_text=str(record.get("prompt_text", "")),
            data=data,
        )

    @property
    def words(self) -> int:
        return count_words(self.text)


def count_words(text: str) -> int:
    return len(text.split())


class Journal:
    """Saves and restores entries in one folder (see the module notes for the design)."""

    def __init__(self, directory: str | os.PathLike[str] | None = None):
        self.directory = Path(directory) if directory is not None else paths.journal_dir()

    # -- paths ---------------------------------------------------------------------------
    def path_for(self, notebook: str, prompt: str) -> Path:
        return (
            self.directory
            / check_id(notebook, "notebook")
            / f"{check_id(prompt, 'prompt')}.json"
        )

    def _ensure_folder(self, folder: Path) -> None:
        try:
            if not self.directory.exists():
                self.directory.mkdir(mode=0o700, parents=True)
                _write_readme(self.directory)
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalError(
                f"Could not create the journal folder {folder} ({exc.strerror}). "
                "Nothing was saved. Set PRAXISLAB_JOURNAL to a folder you can write to, "
                "or ask whoever runs your JupyterHub."
            ) from exc

    # -- writing -------------------------------------------------------------------------
    def save(self, entry: Entry) -> Entry:
        """Write an entry atomically and return it with its save time."""
        text = clean_text(entry.text)
        if entry.kind not in KINDS:
            raise JournalError(f"Unknown entry kind {entry.kind!r}; use one of {KINDS}.")
        try:
            json.dumps(entry.data)
        except (TypeError, ValueError) as exc:
            raise JournalError(f"This answer's data cannot be stored as JSON: {exc}") from exc
        target = self.path_for(entry.notebook, entry.prompt)
        self._ensure_folder(target.parent)
        saved = Entry(
            notebook=entry.notebook,
            prompt=entry.prompt,
            text=text,
            kind=entry.kind,
            private=entry.private,
            saved_at=now_iso(),
            prompt_text=entry.prompt_text,
            data=entry.data,
        )
        payload = json.dumps(saved.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
        _atomic_write(target, payload)
        return saved

    def delete(self, notebook: str, prompt: str) -> bool:
        """Remove one entry at the learner's request (for example 'clear my ratings')."""
        target = self.path_for(notebook, prompt)
        try:
            target.unlink()
        except FileNotFoundError:
            return False
        return True

    # -- reading -------------------------------------------------------------------------
    def load(self, notebook: str, prompt: str) -> Entry | None:
        """The saved entry, or None if there is none yet.

        Raises DamagedEntry (after setting the file aside) when the file cannot be read.
        """
        target = self.path_for(notebook, prompt)
        try:
            raw = target.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise JournalError(
                f"Could not read {target} ({exc.strerror}); it was left as it is."
            ) from exc
        try:
            return Entry.from_json(json.loads(raw.decode("utf-8")))
        except (ValueError, UnicodeDecodeError, JournalError) as exc:
            aside = self._set_aside(target)
            where = f" It is kept as {aside.name} in {aside.parent}." if aside else ""
            raise DamagedEntry(
                f"Your saved answer for '{prompt}' could not be read ({_short(exc)}), so it "
                f"has been set aside and nothing was deleted.{where} You can open it in the "
                "file browser and copy your text back; new typing is saved as normal.",
                aside,
            ) from exc

    def _set_aside(self, target: Path) -> Path | None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = target.with_name(f"{target.name}{_DAMAGED_MARK}{stamp}-{secrets.token_hex(2)}")
        try:
            os.replace(target, aside)
        except FileNotFoundError:
            return None
        return aside

    def entries(self, include_private: bool = False) -> Iterator[Entry]:
        """Every readable entry, sorted by notebook and prompt. Damaged files are skipped
        here (they are reported when their notebook loads them); see `problems()`."""
        if not self.directory.is_dir():
            return
        for folder in sorted(p for p in self.directory.iterdir() if p.is_dir()):
            for file in sorted(folder.glob("*.json")):
                try:
                    entry = Entry.from_json(json.loads(file.read_text("utf-8")))
                except (ValueError, UnicodeDecodeError, OSError, JournalError):
                    continue
                if entry.private and not include_private:
                    continue
                yield entry

    def problems(self) -> list[Path]:
        """Files that were set aside as damaged, or that cannot be read now."""
        found: list[Path] = []
        if not self.directory.is_dir():
            return found
        for file in sorted(self.directory.glob("*/*")):
            if _DAMAGED_MARK in file.name:
                found.append(file)
            elif file.suffix == ".json":
                try:
                    Entry.from_json(json.loads(file.read_text("utf-8")))
                except (ValueError, UnicodeDecodeError, OSError, JournalError):
                    found.append(file)
        return found

    def tidy(self, older_than_seconds: float = 86_400) -> int:
        """Remove temporary files left by saves that were interrupted long ago.

        They are never the only copy: the entry itself is always complete on disk."""
        removed = 0
        if not self.directory.is_dir():
            return removed
        cutoff = time.time() - older_than_seconds
        for file in self.directory.glob(f"*/*{_TMP_MARK}*"):
            try:
                if file.stat().st_mtime < cutoff:
                    file.unlink()
                    removed += 1
            except OSError:
                continue
        return removed


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def _atomic_write(target: Path, payload: bytes) -> None:
    tmp = target.with_name(f"{target.name}{_TMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
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
        "answer, on this machine only. Nobody collects it.\n\n"
        "- To keep a copy (essential on Binder, where sessions vanish): run the export cell\n"
        "  at the end of any lesson, or right-click this folder in the file browser and\n"
        "  choose Download.\n"
        "- Files named `*.damaged-*` are answers that could not be read; open them to copy\n"
        "  your text back.\n"
    )
    try:
        (directory / "README.md").write_text(note, encoding="utf-8")
    except OSError:
        pass


class Reflection:
    """The model behind a reflection box: restores the saved text and saves new text,
    returning a short status line for the learner (no widget, so it is easy to test)."""

    def __init__(self, journal: Journal, notebook: str, prompt: str, prompt_text: str = "",
                 private: bool = False):
        self.journal = journal
        self.notebook = check_id(notebook, "notebook")
        self.prompt = check_id(prompt, "prompt")
        self.prompt_text = prompt_text
        self.private = private
        self.last_saved: str | None = None

    def restore(self) -> tuple[str, str]:
        """(text, status) for a freshly displayed box."""
        try:
            entry = self.journal.load(self.notebook, self.prompt)
        except DamagedEntry as exc:
            return "", str(exc)
        except JournalError as exc:
            return "", str(exc)
        if entry is None:
            return "", "Not saved yet: your answer saves automatically as you type."
        self.last_saved = entry.text
        return entry.text, f"Restored your answer saved {_friendly_time(entry.saved_at)}."

    def update(self, text: object) -> tuple[str | None, str]:
        """Save `text`. Returns (cleaned text or None if nothing was saved, status)."""
        try:
            cleaned = clean_text(text)
        except TextRefused as exc:
            return None, str(exc)
        if cleaned == self.last_saved:
            return cleaned, f"Saved at {_clock()}."
        try:
            self.journal.save(Entry(self.notebook, self.prompt, cleaned, "reflection",
                                    self.private, prompt_text=self.prompt_text))
        except JournalError as exc:
            return None, str(exc)
        self.last_saved = cleaned
        return cleaned, f"Saved at {_clock()}."


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
