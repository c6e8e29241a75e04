"""The test settings themselves: a warning fails a test, and a mistyped setting fails the run.

Both are easy to lose in an edit of pyproject.toml, and nothing else would notice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

WARNS = """
import warnings

def test_warns():
    warnings.warn("a deprecated call in our own code", DeprecationWarning)
"""


def _pytest(tmp_path: Path, config: Path) -> subprocess.CompletedProcess:
    (tmp_path / "test_sample.py").write_text(WARNS)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-c", str(config), "--rootdir", str(tmp_path),
                           str(tmp_path / "test_sample.py")],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)


def test_a_warning_fails_the_test(tmp_path: Path) -> None:
    out = _pytest(tmp_path, ROOT / "pyproject.toml")
    assert out.returncode == 1, out.stdout
    assert "1 failed" in out.stdout and "DeprecationWarning" in out.stdout


def test_a_mistyped_setting_fails_the_run(tmp_path: Path) -> None:
    text = (ROOT / "pyproject.toml").read_text()
    assert 'testpaths = ["tests"]' in text
    bad = tmp_path / "pyproject.toml"
    bad.write_text(text.replace('testpaths = ["tests"]', 'testpaths = ["tests"]\ntestpath = 1'))
    out = _pytest(tmp_path, bad)
    assert out.returncode != 0 and "testpath" in out.stdout + out.stderr, out.stdout
