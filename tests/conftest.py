"""Shared fixtures. Every test gets its own journal folder, so no test can touch a
learner's real journal or depend on another test's leftovers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NETGUARD = Path(__file__).parent / "netguard"


def browser_or_skip():
    """Playwright's sync API if Playwright and Debian's Chromium are here; otherwise skip
    with a visible reason, or fail where PRAXISLAB_REQUIRE_BROWSER=1 (CI sets it)."""
    import os
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from labserver import CHROMIUM

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "Playwright for Python is not installed"
    else:
        if os.path.exists(CHROMIUM):
            return sync_playwright
        reason = f"Chromium was not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("PRAXISLAB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here but cannot run: {reason}")
    pytest.skip(f"BROWSER TESTS SKIPPED: {reason}")


@pytest.fixture(autouse=True)
def _own_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    journal = tmp_path / "journal"
    monkeypatch.setenv("PRAXISLAB_JOURNAL", str(journal))
    monkeypatch.delenv("PRAXISLAB_VIGNETTES", raising=False)
    return journal


@pytest.fixture
def journal_dir(_own_journal: Path) -> Path:
    return _own_journal
