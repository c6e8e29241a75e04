"""Shared fixtures. Every test gets its own journal folder, so no test can touch a
learner's real journal or depend on another test's leftovers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NETGUARD = Path(__file__).parent / "netguard"


@pytest.fixture(autouse=True)
def _own_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    journal = tmp_path / "journal"
    monkeypatch.setenv("PRAXISLAB_JOURNAL", str(journal))
    monkeypatch.delenv("PRAXISLAB_VIGNETTES", raising=False)
    return journal


@pytest.fixture
def journal_dir(_own_journal: Path) -> Path:
    return _own_journal
