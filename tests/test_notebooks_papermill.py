"""papermill over the notebooks nbval cannot parameterise: the start page, and the case
explorer once per case (every stage revealed), with the network blocked.

Lessons, exercises and masters run under papermill in tests/test_parameters.py, once per
documented parameter set. This file is separate from tests/test_notebooks.py so that the two
workers of `make test` (pytest-xdist, one file per worker at a time) share the load.
"""

from __future__ import annotations

import json
from pathlib import Path

import papermill
import pytest

from conftest import ROOT
from test_notebooks import _guarded_env

START = ROOT / "notebooks" / "00-start-here.ipynb"


@pytest.mark.notebooks
def test_the_start_page_runs_offline(tmp_path: Path, monkeypatch) -> None:
    env = _guarded_env(tmp_path)
    for key in ("PYTHONPATH", "PRAXISLAB_NETLOG", "MPLBACKEND"):
        monkeypatch.setenv(key, env[key])
    out = tmp_path / START.name
    papermill.execute_notebook(str(START), str(out), cwd=str(START.parent),
                               kernel_name="python3", progress_bar=False, log_output=False)
    executed = json.loads(out.read_text())
    errors = [o for c in executed["cells"] for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    assert not Path(env["PRAXISLAB_NETLOG"]).exists(), \
        Path(env["PRAXISLAB_NETLOG"]).read_text()


CASES = sorted(p.stem for p in (ROOT / "data" / "vignettes").glob("*.yaml"))


def test_there_are_cases_to_explore() -> None:
    assert len(CASES) >= 8
    print(f"{len(CASES)} cases will run through the explorer notebook")


@pytest.mark.notebooks
@pytest.mark.parametrize("case_id", CASES)
def test_explorer_notebook_runs_for_every_case(case_id: str, tmp_path: Path,
                                               monkeypatch) -> None:
    """papermill with the case id as a parameter, every stage revealed."""
    env = _guarded_env(tmp_path)
    for key in ("PYTHONPATH", "PRAXISLAB_NETLOG", "MPLBACKEND"):
        monkeypatch.setenv(key, env[key])
    source = ROOT / "notebooks" / "05-case-explorer.ipynb"
    out = tmp_path / "explorer.ipynb"
    papermill.execute_notebook(str(source), str(out), cwd=str(source.parent),
                               parameters={"case_id": case_id, "reveal_all": True},
                               kernel_name="python3", progress_bar=False)
    executed = json.loads(out.read_text())
    outputs = [o for c in executed["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    shown = [o["data"]["text/plain"] for o in outputs
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    from praxislab.vignettes import load_vignette
    case = load_vignette(ROOT / "data" / "vignettes" / f"{case_id}.yaml")
    explorer_text = "".join(s if isinstance(s, str) else "".join(s) for s in shown)
    assert case.title in explorer_text
    assert case.stages[-1].title in explorer_text  # every stage was revealed
    assert not Path(env["PRAXISLAB_NETLOG"]).exists()
