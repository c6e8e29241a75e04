"""The journal must never lose or corrupt what a learner wrote."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from praxislab import paths
from praxislab.journal import (
    KEEP_RECENT,
    MAX_TEXT_CHARS,
    DamagedEntry,
    Entry,
    Journal,
    JournalError,
    Reflection,
    TextRefused,
    clean_text,
)


def test_default_folder_follows_environment(journal_dir: Path) -> None:
    assert Journal().directory == journal_dir


def test_default_folder_without_override_is_inside_collection(monkeypatch) -> None:
    monkeypatch.delenv("PRAXISLAB_JOURNAL")
    assert paths.journal_dir() == paths.collection_root() / "my-journal"
    gitignore = (paths.collection_root() / ".gitignore").read_text().splitlines()
    assert "my-journal/" in gitignore


def test_save_and_load_round_trip(journal_dir: Path) -> None:
    journal = Journal()
    saved = journal.save(Entry("01-power", "first", "Power is relational.", private=True))
    loaded = journal.load("01-power", "first")
    assert loaded == saved
    assert loaded.saved_at and loaded.private
    assert (journal_dir / "01-power" / "first.json").is_file()


def test_folder_and_files_are_private_to_the_learner(journal_dir: Path) -> None:
    Journal().save(Entry("01-power", "first", "text"))
    assert stat.S_IMODE(journal_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((journal_dir / "01-power").stat().st_mode) == 0o700
    assert stat.S_IMODE((journal_dir / "01-power" / "first.json").stat().st_mode) == 0o600
    assert (journal_dir / "README.md").is_file()


def test_missing_entry_is_none() -> None:
    assert Journal().load("01-power", "never-written") is None


@pytest.mark.parametrize("bad", ["", "Upper", "../escape", "a/b", "x" * 81, None, 7, "-lead"])
def test_ids_that_are_not_plain_are_refused(bad: object) -> None:
    with pytest.raises(JournalError, match="cannot be used"):
        Journal().path_for("01-power", bad)  # type: ignore[arg-type]


@given(st.text(max_size=2000))
@settings(max_examples=150, deadline=None)
def test_any_text_round_trips_after_cleaning(tmp_path_factory, text: str) -> None:
    journal = Journal(tmp_path_factory.mktemp("j"))
    cleaned = clean_text(text)
    journal.save(Entry("nb", "p", text))
    assert journal.load("nb", "p").text == cleaned
    # Cleaning is idempotent and keeps every printable character.
    assert clean_text(cleaned) == cleaned
    assert "\r" not in cleaned and "\x00" not in cleaned


def test_cleaning_keeps_scripts_emoji_and_layout() -> None:
    text = "Ngā mihi — 你好 — مرحبا — 🏳️‍⚧️\n\ttabbed line\r\nwindows line"
    assert clean_text(text) == "Ngā mihi — 你好 — مرحبا — 🏳️‍⚧️\n\ttabbed line\nwindows line"


def test_control_characters_and_broken_surrogates_are_made_safe() -> None:
    assert clean_text("a\x00b\x07c\x1bd") == "abcd"
    assert clean_text("half \ud800 pair") == "half � pair"


def test_too_long_text_is_refused_with_a_message_and_old_save_kept() -> None:
    journal = Journal()
    journal.save(Entry("nb", "p", "my earlier answer"))
    with pytest.raises(TextRefused, match="still in the box"):
        journal.save(Entry("nb", "p", "x" * (MAX_TEXT_CHARS + 1)))
    assert journal.load("nb", "p").text == "my earlier answer"
    journal.save(Entry("nb", "p", "x" * MAX_TEXT_CHARS))  # the limit itself is fine


@pytest.mark.parametrize("value", [42, 3.5, ["a"], {"a": 1}, b"bytes"])
def test_non_text_is_refused_plainly(value: object) -> None:
    with pytest.raises(TextRefused, match="Only text can be saved"):
        clean_text(value)


def test_empty_text_is_saved_when_the_learner_clears_the_box() -> None:
    journal = Journal()
    journal.save(Entry("nb", "p", "something"))
    journal.save(Entry("nb", "p", ""))
    assert journal.load("nb", "p").text == ""


@pytest.mark.parametrize("damage", [b"{not json", b"", b"\xff\xfe\x00", b'{"format": "other"}',
                                    b'{"format": "praxislab-journal", "version": 99}',
                                    b'["a list"]'])
def test_damaged_file_is_set_aside_never_overwritten(journal_dir: Path, damage: bytes) -> None:
    journal = Journal()
    journal.save(Entry("nb", "p", "original"))
    target = journal_dir / "nb" / "p.json"
    target.write_bytes(damage)
    with pytest.raises(DamagedEntry, match="set aside") as info:
        journal.load("nb", "p")
    aside = info.value.set_aside
    assert aside is not None and aside.read_bytes() == damage
    assert not target.exists()
    # The learner carries on; the damaged copy is still there, and is reported.
    journal.save(Entry("nb", "p", "new text"))
    assert journal.load("nb", "p").text == "new text"
    assert aside.read_bytes() == damage
    assert journal.problems() == [aside]


def test_reflection_model_restores_and_reports(journal_dir: Path) -> None:
    model = Reflection(Journal(), "00-start-here", "hello", "What brings you here?")
    text, status = model.restore()
    assert text == "" and "Not saved yet" in status
    cleaned, status = model.update("Curiosity\x00.")
    assert cleaned == "Curiosity." and status.startswith("Saved at")
    text, status = Reflection(Journal(), "00-start-here", "hello").restore()
    assert text == "Curiosity." and "Restored" in status
    cleaned, status = model.update(12345)
    assert cleaned is None and "Only text" in status
    assert Journal().load("00-start-here", "hello").text == "Curiosity."


def test_reflection_reports_damage_and_keeps_going(journal_dir: Path) -> None:
    Journal().save(Entry("nb", "p", "x"))
    (journal_dir / "nb" / "p.json").write_text("garbage")
    text, status = Reflection(Journal(), "nb", "p").restore()
    assert text == "" and "set aside" in status and "nothing was deleted" in status


def test_unwritable_folder_gives_a_message_and_keeps_text(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root ignores permissions; use a file where the folder should be instead.
        blocker = tmp_path / "blocked"
        blocker.write_text("not a folder")
        journal = Journal(blocker / "journal")
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        journal = Journal(locked / "journal")
    model = Reflection(journal, "nb", "p")
    cleaned, status = model.update("important words")
    assert cleaned is None and "Nothing was saved" in status


def test_tidy_removes_only_old_temporary_files(journal_dir: Path) -> None:
    journal = Journal()
    journal.save(Entry("nb", "p", "keep me"))
    old = journal_dir / "nb" / "p.json.tmp-1-aaaa"
    new = journal_dir / "nb" / "p.json.tmp-2-bbbb"
    old.write_text("partial")
    new.write_text("partial")
    past = time.time() - 3 * 86_400
    os.utime(old, (past, past))
    assert journal.tidy() == 1
    assert not old.exists() and new.exists()
    assert journal.load("nb", "p").text == "keep me"


# -- crashes and concurrency -------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    from praxislab.journal import Entry, Journal
    journal = Journal(sys.argv[1])
    i = 0
    print("ready", flush=True)
    while True:
        i += 1
        journal.save(Entry("nb", "p", f"version {i} " + "words " * 2000))
""")


def test_kill_mid_save_never_leaves_a_broken_entry(tmp_path: Path) -> None:
    """SIGKILL a freshly started interpreter (as a kernel is) that saves as fast as it can,
    at varied moments. The 1,000-kill loop below forks instead, so it can afford many more."""
    folder = tmp_path / "j"
    kills = 0
    for round_ in range(10):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(folder)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.02 + (round_ % 5) * 0.013)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        kills += 1
        entry = Journal(folder).load("nb", "p")
        if entry is not None:
            assert entry.text.startswith("version ") and entry.text.endswith("words ")
        assert Journal(folder).problems() == []
    assert kills == 10
    assert Journal(folder).load("nb", "p") is not None


def _hammer(folder: str, prompt_prefix: str, count: int) -> None:
    journal = Journal(folder)
    for i in range(count):
        journal.save(Entry("shared", f"{prompt_prefix}-{i % 5}", f"{prompt_prefix} {i}"))
        journal.save(Entry("shared", "same-prompt", f"{prompt_prefix} {i}"))


def test_two_kernels_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    folder = str(tmp_path / "j")
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_hammer, args=(folder, name, 200)) for name in ("a", "b")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    journal = Journal(folder)
    entries = list(journal.entries())
    assert len(entries) == 11  # 5 + 5 own prompts, plus the shared one
    for entry in entries:
        if entry.prompt == "same-prompt":
            assert entry.text in {"a 199", "b 199"}  # last writer wins, whole
        else:
            prefix, slot = entry.prompt.split("-")
            assert entry.text == f"{prefix} {195 + int(slot)}"
    assert journal.problems() == []
    leftovers = list(Path(folder).glob("*/*.tmp-*"))
    assert leftovers == []


def test_entries_skip_private_unless_asked() -> None:
    journal = Journal()
    journal.save(Entry("a", "open", "shared text"))
    journal.save(Entry("a", "mine", "private text", private=True))
    assert [e.prompt for e in journal.entries()] == ["open"]
    assert [e.prompt for e in journal.entries(include_private=True)] == ["mine", "open"]


def test_entry_file_is_plain_readable_json(journal_dir: Path) -> None:
    Journal().save(Entry("nb", "p", "Kia ora"))
    record = json.loads((journal_dir / "nb" / "p.json").read_text("utf-8"))
    assert record["text"] == "Kia ora" and record["format"] == "praxislab-journal"


# -- issue 14: nothing lost, even by the learner -----------------------------------------

PARAGRAPH = "Power runs through the referral forms, not only through the people. " * 4


def test_clearing_the_box_keeps_the_longer_text_as_an_earlier_version() -> None:
    journal = Journal()
    journal.save(Entry("nb", "p", PARAGRAPH))
    journal.save(Entry("nb", "p", ""))  # select all, Delete
    assert journal.load("nb", "p").text == ""
    found = journal.revisions("nb", "p")
    assert [r.text for r in found] == [PARAGRAPH]
    assert found[0].reason == "longer" and "much shorter" in found[0].describe()
    journal.restore_revision("nb", "p", found[0].id)
    assert journal.load("nb", "p").text == PARAGRAPH
    # Restoring is itself undoable: the empty text is now an earlier version.
    assert "" in [r.text for r in journal.revisions("nb", "p")]


@given(st.lists(st.text(max_size=60), min_size=1, max_size=30))
@settings(max_examples=40, deadline=None)
def test_every_saved_text_can_be_got_back(tmp_path_factory, texts: list[str]) -> None:
    journal = Journal(tmp_path_factory.mktemp("j"))
    for text in texts:
        journal.save(Entry("nb", "p", text))
    current = journal.load("nb", "p").text
    kept = {r.text for r in journal.revisions("nb", "p")} | {current}
    missing = {clean_text(t) for t in texts} - kept
    assert not missing, f"{len(missing)} of {len(texts)} saved texts cannot be got back"


def test_earlier_versions_are_bounded_and_pruned(journal_dir: Path) -> None:
    journal = Journal()
    journal.save(Entry("nb", "p", PARAGRAPH))
    journal.save(Entry("nb", "p", "short"))  # marks the paragraph as replaced by a shorter
    for i in range(130):
        journal.save(Entry("nb", "p", f"draft {i}"))
    journal.settle()  # pruning runs in the background, off the learner's save
    history = journal_dir / "nb" / "earlier-versions" / "p"
    files = sorted(history.iterdir())
    assert 50 <= len(files) <= 50 + 2 + 1, len(files)  # last 50, newest of the day, marked
    texts = [r.text for r in journal.revisions("nb", "p")]
    assert PARAGRAPH in texts and "draft 128" in texts and "draft 0" not in texts
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert stat.S_IMODE(history.stat().st_mode) == 0o700


def test_two_views_of_one_answer_keep_both_and_say_so() -> None:
    journal_a, journal_b = Journal(), Journal()  # two tabs: two kernels
    Reflection(journal_a, "nb", "p").update("first words")
    tab_a, tab_b = Reflection(journal_a, "nb", "p"), Reflection(journal_b, "nb", "p")
    assert tab_a.restore()[0] == tab_b.restore()[0] == "first words"
    tab_a.update(PARAGRAPH)
    cleaned, status = tab_b.update("first words!")  # one keystroke in the other tab
    assert cleaned == "first words!" and "Both versions kept" in status
    assert "changed somewhere else" in tab_b.notice and tab_b.other_id
    others = [r for r in Journal().revisions("nb", "p") if r.reason == "other"]
    assert [r.text for r in others] == [PARAGRAPH]
    # The learner chooses the other version: it comes back, and theirs is kept too.
    text, status = tab_b.restore_revision(tab_b.other_id)
    assert text == PARAGRAPH and Journal().load("nb", "p").text == PARAGRAPH
    assert "first words!" in [r.text for r in Journal().revisions("nb", "p")]
    assert tab_b.notice == ""
    # Tab A now saves over a version it never saw: told too, nothing lost.
    tab_a.update(PARAGRAPH + " More.")
    assert tab_a.notice


def test_a_view_that_could_not_read_never_writes_over(journal_dir: Path, monkeypatch) -> None:
    from praxislab import journal as journal_module

    Journal().save(Entry("nb", "p", PARAGRAPH))
    before = (journal_dir / "nb" / "p.json").read_bytes()
    real = journal_module._read_regular

    def flaky(target: Path):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(journal_module, "_read_regular", flaky)
    model = Reflection(Journal(), "nb", "p")
    text, status = model.restore()
    assert text == "" and "Input/output error" in status and "does not save" in status
    cleaned, status = model.update("x")
    assert cleaned is None and status.startswith("Not saved")
    with pytest.raises(JournalError, match="nothing will be saved over it"):
        Journal().save(Entry("nb", "p", "y"))  # a save from elsewhere is refused too
    monkeypatch.setattr(journal_module, "_read_regular", real)
    assert (journal_dir / "nb" / "p.json").read_bytes() == before
    assert Reflection(Journal(), "nb", "p").restore()[0] == PARAGRAPH


@pytest.mark.parametrize("umask", [0o000, 0o002, 0o022, 0o077, 0o277])
@pytest.mark.parametrize("first", ["save", "export", "load", "restore"])
def test_folder_and_parents_are_private_whatever_runs_first(tmp_path: Path, umask: int,
                                                            first: str) -> None:
    top = tmp_path / "home" / "deep"
    journal = Journal(top / "journal")
    old = os.umask(umask)
    try:
        if first == "save":
            journal.save(Entry("nb", "p", "text"))
        elif first == "export":
            from praxislab.export import export_portfolio

            export_portfolio(journal)
        elif first == "load":
            assert journal.load("nb", "p") is None
            journal.save(Entry("nb", "p", "text"))
        else:
            Reflection(journal, "nb", "p").update("text")
    finally:
        os.umask(old)
    made = [tmp_path / "home", top, top / "journal"]
    modes = {str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode)) for p in made}
    assert set(modes.values()) == {"0o700"}, modes
    readme = top / "journal" / "README.md"
    assert stat.S_IMODE(readme.stat().st_mode) == 0o600
    for file in (top / "journal").rglob("*"):
        want = 0o700 if file.is_dir() else 0o600
        assert stat.S_IMODE(file.stat().st_mode) == want, file
    checked = len(list((top / "journal").rglob("*")))
    assert checked >= (3 if first == "export" else 4), checked  # README, exports, 2 files


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make a folder another user owns")
def test_folder_owned_by_another_user_is_refused(journal_dir: Path) -> None:
    journal_dir.mkdir(mode=0o700)
    os.chown(journal_dir, 12345, 12345)
    model = Reflection(Journal(), "nb", "p")
    text, status = model.restore()
    assert "belongs to another user" in status and str(journal_dir) in status
    assert model.update("secret")[0] is None
    with pytest.raises(JournalError, match="belongs to another user"):
        list(Journal().entries())
    assert list(journal_dir.iterdir()) == []


def test_folder_owned_by_another_user_is_refused_without_root(journal_dir: Path,
                                                              monkeypatch) -> None:
    journal_dir.mkdir(mode=0o700)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(journal_dir).st_uid + 1)
    with pytest.raises(JournalError, match="belongs to another user"):
        Journal().save(Entry("nb", "p", "x"))
    assert list(journal_dir.iterdir()) == []


def test_folder_others_can_write_is_made_private_and_the_learner_told(journal_dir: Path) -> None:
    Journal().save(Entry("nb", "p", "mine"))
    os.chmod(journal_dir, 0o777)
    os.chmod(journal_dir / "nb", 0o775)
    model = Reflection(Journal(), "nb", "p")
    text, status = model.restore()
    assert text == "mine" and "could be changed by other users" in status
    assert str(journal_dir) in status
    assert stat.S_IMODE(journal_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((journal_dir / "nb").stat().st_mode) == 0o700


def _with_alarm(seconds: int, action):
    def timeout(*_):
        raise AssertionError(f"hung for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(seconds)
    try:
        return action()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("kind", ["fifo", "symlink-to-device", "huge", "folder"])
def test_special_files_are_never_read(journal_dir: Path, kind: str) -> None:
    Journal().save(Entry("nb", "p", "original"))
    target = journal_dir / "nb" / "p.json"
    target.unlink()
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink-to-device":
        target.symlink_to("/dev/zero")
    elif kind == "huge":
        target.write_bytes(b" " * 3_000_000)
    else:
        target.mkdir()
    with pytest.raises(DamagedEntry, match="set aside") as info:
        _with_alarm(5, lambda: Journal().load("nb", "p"))
    assert info.value.set_aside is not None and os.path.lexists(info.value.set_aside)
    assert _with_alarm(5, lambda: list(Journal().entries())) == []
    Journal().save(Entry("nb", "p", "carry on"))
    assert Journal().load("nb", "p").text == "carry on"


def test_entries_and_problems_do_not_hang_on_a_fifo(journal_dir: Path) -> None:
    Journal().save(Entry("nb", "good", "fine"))
    os.mkfifo(journal_dir / "nb" / "trap.json")
    assert [e.prompt for e in _with_alarm(5, lambda: list(Journal().entries()))] == ["good"]
    assert _with_alarm(5, Journal().problems) == [journal_dir / "nb" / "trap.json"]


def test_a_huge_paste_is_refused_before_any_cleaning() -> None:
    huge = "word " * 10_000_000  # 50 million characters
    start = time.process_time()
    with pytest.raises(TextRefused, match="50,000,000 characters"):
        clean_text(huge)
    assert time.process_time() - start < 0.05
    model = Reflection(Journal(), "nb", "p")
    start = time.process_time()
    assert model.update(huge)[0] is None
    assert time.process_time() - start < 0.05


@pytest.mark.parametrize("char", ["ā", "你", "😀", "\u0928\u093f"[0], "ß"])
def test_the_limit_counts_characters_of_any_script(char: str) -> None:
    journal = Journal()
    at_limit = char * MAX_TEXT_CHARS
    journal.save(Entry("nb", "p", at_limit))
    assert journal.load("nb", "p").text == at_limit
    assert len(at_limit.encode("utf-8")) > MAX_TEXT_CHARS  # characters, not bytes
    with pytest.raises(TextRefused, match="50,001 characters"):
        journal.save(Entry("nb", "p", at_limit + char))
    assert journal.load("nb", "p").text == at_limit


def test_the_limit_applies_after_combining_marks_are_composed() -> None:
    decomposed = "e\u0301" * MAX_TEXT_CHARS  # 100,000 code points, 50,000 once composed
    assert clean_text(decomposed) == "é" * MAX_TEXT_CHARS
    with pytest.raises(TextRefused):
        clean_text("e\u0301" * (MAX_TEXT_CHARS + 1))


def test_old_temporary_files_are_tidied_when_the_journal_opens(journal_dir: Path) -> None:
    Journal().save(Entry("nb", "p", "keep me"))
    old = journal_dir / "nb" / "p.json.tmp-1-aaaa"
    new = journal_dir / "nb" / "p.json.tmp-2-bbbb"
    old.write_text("partial")
    new.write_text("partial")
    past = time.time() - 2 * 3600
    os.utime(old, (past, past))
    assert Journal().load("nb", "p").text == "keep me"
    assert not old.exists() and new.exists()


def test_entries_saved_before_revisions_still_load_and_are_kept(journal_dir: Path) -> None:
    folder = journal_dir / "nb"
    folder.mkdir(parents=True, mode=0o700)
    os.chmod(journal_dir, 0o700)
    (folder / "p.json").write_text(json.dumps({
        "format": "praxislab-journal", "version": 1, "notebook": "nb", "prompt": "p",
        "text": PARAGRAPH, "kind": "reflection", "private": False,
        "saved_at": "2026-10-01T10:00:00+00:00", "prompt_text": "", "data": {}}))
    assert Journal().load("nb", "p").revision == 0
    Journal().save(Entry("nb", "p", "new"))
    assert PARAGRAPH in [r.text for r in Journal().revisions("nb", "p")]


# -- issue 17, item 2: a valid header with wrong contents --------------------------------

GOOD = {"format": "praxislab-journal", "version": 1, "notebook": "nb", "prompt": "p",
        "text": "hello", "kind": "reflection", "private": False, "saved_at": "", "data": {}}
BAD_CONTENTS = {
    "another notebook": {"notebook": "other-nb"},
    "another prompt": {"prompt": "other"},
    "notebook id not plain": {"notebook": "../../etc"},
    "notebook id a number": {"notebook": 7},
    "unknown kind": {"kind": "essay"},
    "kind a list": {"kind": ["reflection"]},
    "text a number": {"text": 5},
    "text a list": {"text": ["a"]},
    "text too long": {"text": "x" * (MAX_TEXT_CHARS + 1)},
    "data a list": {"data": [1]},
    "revision text": {"revision": "3"},
    "deeply nested data": {},
}


def _bad_raw(damage: str) -> bytes:
    raw = json.dumps({**GOOD, **BAD_CONTENTS[damage]}).encode()
    if damage == "deeply nested data":
        raw = raw.replace(b'"data": {}', b'"data": {"a": ' + b"[" * 100_000 + b"]" * 100_000
                          + b"}")
    return raw


@pytest.mark.parametrize("damage", list(BAD_CONTENTS), ids=list(BAD_CONTENTS))
def test_valid_header_wrong_contents_is_set_aside(journal_dir: Path, damage: str) -> None:
    folder = journal_dir / "nb"
    Journal().save(Entry("nb", "p", "original"))
    raw = _bad_raw(damage)
    (folder / "p.json").write_bytes(raw)
    assert list(Journal().entries()) == []
    assert Journal().problems() == [folder / "p.json"]
    with pytest.raises(DamagedEntry, match="set aside") as info:
        Journal().load("nb", "p")
    assert info.value.set_aside.read_bytes() == raw
    print(f"{damage}: set aside as {info.value.set_aside.name}")


@pytest.mark.parametrize("damage", list(BAD_CONTENTS), ids=list(BAD_CONTENTS))
def test_valid_header_wrong_contents_is_protected_from_the_next_save(journal_dir: Path,
                                                                     damage: str) -> None:
    folder = journal_dir / "nb"
    Journal().save(Entry("nb", "p", "original"))
    raw = _bad_raw(damage)
    (folder / "p.json").write_bytes(raw)
    Journal().save(Entry("nb", "p", "new words"))  # no load first: a widget that saves blind
    assert Journal().load("nb", "p").text == "new words"
    kept = [f for f in folder.iterdir() if ".damaged-" in f.name]
    assert len(kept) == 1 and kept[0].read_bytes() == raw


# -- 1,000 kills mid-save ----------------------------------------------------------------

@pytest.mark.slow
def test_a_thousand_kills_mid_save_tear_nothing(tmp_path: Path) -> None:
    """Fork a writer that saves as fast as it can, SIGKILL it at a random moment, check
    the entry and its earlier versions, 1,000 times (fork keeps this under a minute)."""
    import random

    folder = tmp_path / "j"
    first = Journal(folder)
    first.save(Entry("nb", "p", "version 0 " + "words " * 400))
    first.settle()  # no thread running when the test forks
    rng = random.Random(14)
    kills = revisions_checked = 0
    start = time.time()
    for _ in range(1000):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                journal = Journal(folder)
                i = 0
                while True:
                    i += 1
                    journal.save(Entry("nb", "p", f"version {i} " + "words " * 400))
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0005, 0.015))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
        entry = Journal(folder).load("nb", "p")
        assert entry is not None and entry.text.startswith("version ")
        assert entry.text.endswith("words ")
    assert kills == 1000
    journal = Journal(folder)
    assert journal.problems() == []
    for revision in journal.revisions("nb", "p"):
        assert revision.text.startswith("version ") and revision.text.endswith("words ")
        revisions_checked += 1
    assert revisions_checked >= 50
    history = folder / "nb" / "earlier-versions" / "p"
    assert len(list(history.iterdir())) <= KEEP_RECENT + 15  # bounded even when killed
    leftovers = list(folder.glob("**/*.tmp-*"))
    assert journal.tidy(older_than_seconds=0) == len(leftovers)
    assert list(folder.glob("**/*.tmp-*")) == []
    print(f"{kills} kills in {time.time() - start:.1f} s; {revisions_checked} earlier "
          f"versions checked; {len(leftovers)} temporary files tidied")


def test_a_shared_collections_journal_of_another_user_is_not_used(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("PRAXISLAB_JOURNAL")
    root = tmp_path / "collection"
    (root / "my-journal").mkdir(parents=True)
    monkeypatch.setenv("PRAXISLAB_ROOT", str(root))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.journal_dir() == root / "my-journal"
    uid = os.stat(root / "my-journal").st_uid
    monkeypatch.setattr(os, "geteuid", lambda: uid + 1)
    assert paths.journal_dir() == tmp_path / "home" / "praxislab-journal"


def test_the_same_words_saved_in_two_views_are_not_a_conflict() -> None:
    Reflection(Journal(), "nb", "p").update("start")
    tab_a, tab_b = Reflection(Journal(), "nb", "p"), Reflection(Journal(), "nb", "p")
    tab_a.restore(), tab_b.restore()
    tab_a.update("same words")
    tab_b.update("same words")
    assert tab_b.notice == "" and tab_b.other_id is None
