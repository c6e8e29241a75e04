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
    """SIGKILL a process that saves as fast as it can, many times at random moments."""
    folder = tmp_path / "j"
    kills = 0
    for round_ in range(25):
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
    assert kills == 25
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
