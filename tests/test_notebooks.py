"""Every notebook: committed clean, runs under nbval (lax), and runs under papermill with
the network blocked except for this machine.

nbval rather than nbmake: nbval's lax mode is the Jupyter community's long-standing way to
run teaching notebooks as tests and report failures cell by cell, and it is one of the
collection's core pins already; papermill adds parameterised runs (the vignette explorer
runs once per case).
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
import pytest

from conftest import NETGUARD, ROOT

FOLDERS = ("notebooks", "exercises", "solutions")
# The same flags as `make strip`: cell ids are kept (they are stable, and nbgrader uses them).
STRIP_FLAGS = ("--keep-id",)
NOTEBOOKS = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))
IDS = [str(p.relative_to(ROOT)) for p in NOTEBOOKS]


def _guarded_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NETGUARD), env.get("PYTHONPATH")]))
    env["PRAXISLAB_NETLOG"] = str(tmp_path / "network-attempts.log")
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    return env


def test_the_collection_has_notebooks() -> None:
    assert (ROOT / "notebooks" / "00-start-here.ipynb") in NOTEBOOKS
    assert len(NOTEBOOKS) >= 1
    print(f"found {len(NOTEBOOKS)} notebooks: {', '.join(IDS)}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_clean(path: Path) -> None:
    """Outputs, execution counts and widget state stripped; kernel python3; no Untitled."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert not path.name.lower().startswith("untitled")
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert "widgets" not in nb.metadata, "widget state is saved in the notebook"
    assert len(nb.cells) > 0


def _unstripped(paths: list[Path]) -> list[str]:
    """nbstripout's own verdict (as `make strip` runs it): the files it would change."""
    out = subprocess.run([sys.executable, "-m", "nbstripout", "--verify", *STRIP_FLAGS,
                          *map(str, paths)], capture_output=True, text=True, timeout=120)
    changed = [line.split("stripped ", 1)[1] for line in out.stdout.splitlines()
               if "would have stripped" in line]
    assert out.returncode == (1 if changed else 0), out.stdout + out.stderr
    return changed


def test_every_notebook_is_stripped() -> None:
    assert _unstripped(NOTEBOOKS) == []
    print(f"nbstripout --verify passed {len(NOTEBOOKS)} notebooks")


@pytest.mark.parametrize("leftover", ["outputs", "execution_count", "cell metadata",
                                      "widget state"])
def test_the_strip_check_can_fail(leftover: str, tmp_path: Path) -> None:
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    if leftover == "outputs":
        code.outputs = [nbformat.v4.new_output("stream", text="hello")]
    elif leftover == "execution_count":
        code.execution_count = 3
    elif leftover == "cell metadata":
        code.metadata["ExecuteTime"] = {"end_time": "2026-01-01T00:00:00"}
    else:
        nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    path = tmp_path / NOTEBOOKS[0].name
    nbformat.write(nb, path)
    assert _unstripped([path]) == [str(path)]


@pytest.mark.notebooks
def test_every_notebook_passes_nbval_lax(tmp_path: Path) -> None:
    """One nbval run over every notebook; the report must name each one."""
    report = tmp_path / "nbval.xml"
    env = _guarded_env(tmp_path)
    env["PRAXISLAB_JOURNAL"] = str(tmp_path / "journal")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
         "--rootdir", str(ROOT), "-c", os.devnull, f"--junitxml={report}", *map(str, NOTEBOOKS)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    cases = ET.parse(report).getroot().iter("testcase")
    ran = {case.get("classname", "").replace(".", "/") for case in cases}
    ran_files = {name for name in IDS if any(name.removesuffix(".ipynb") in r for r in ran)}
    assert ran_files == set(IDS), f"nbval did not run: {sorted(set(IDS) - ran_files)}"
    assert not Path(env["PRAXISLAB_NETLOG"]).exists(), "a notebook tried to use the network"
    print(f"nbval ran {len(ran_files)} notebooks")


# papermill runs every notebook too: each lesson, exercise and master under each documented
# parameter set (tests/test_parameters.py), the start page and every case of the explorer
# (tests/test_notebooks_papermill.py), all with the network guard. A second default run
# here would only repeat what nbval above has already shown.
