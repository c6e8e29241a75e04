"""Every lesson, exercise and solution notebook has a papermill `parameters` cell that
documents its choices in one line; Lesson checks the values; each notebook runs under each
documented parameter set (only the values that change something are run again)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import papermill
import pytest

from conftest import ROOT
from praxislab.lesson import COUNTRIES, TERMS, Lesson, ParameterError, check_parameters
from test_notebooks import _guarded_env

# The start page (00) has no choices to make.
NOTEBOOKS = sorted(p for folder in ("notebooks", "exercises", "solutions")
                   for p in (ROOT / folder).glob("[0-9][0-9]-*.ipynb")
                   if not p.name.startswith("00-"))
IDS = [f"{p.parent.name}/{p.stem}" for p in NOTEBOOKS]
KNOWN = {"term", "country", "seed", "case_id", "reveal_all"}

# The documented sets (docs/exercises.md, "Parameters"): each lesson's choices, and the
# exercise's and master's where they differ from the lesson's.
DOCUMENTED = {
    "01-power": {"term", "seed"},
    "02-oppression": {"term", "seed"},
    "03-social-graces": {"term", "seed"},
    "04-adp-vs-aop": {"term", "country", "seed"},
    "05-case-explorer": {"case_id", "term", "reveal_all"},
    "06-disproportionality": {"country", "seed"},
    "07-reporting-trust-and-hate-crime": {"term", "seed"},
    "08-who-holds-power": {"country", "seed"},
    "09-aop-in-therapy-and-mental-health": {"term", "seed"},
    "10-from-reflection-to-action": {"term", "seed"},
}
EXERCISE_DOCUMENTED = {
    "05-case-explorer": {"case_id", "term"},
    "07-reporting-trust-and-hate-crime": {"term", "country", "seed"},
}


def parameters_of(path: Path) -> tuple[str, list[str]]:
    """The parameters cell's documenting comment and the names it assigns."""
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"{path.name}: {len(cells)} parameters cells"
    tree = ast.parse(cells[0].source)
    names = [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets
             if isinstance(t, ast.Name)]
    return cells[0].source.splitlines()[0], names


def parameter_sets(names: list[str]) -> list[dict[str, object]]:
    """Each documented choice once: the non-default term and country with a seed, then
    the other country where the notebook has one (data and law differ by country). The
    defaults (None) run in tests/test_notebooks.py."""
    first = {"term": "service user", "country": "UK", "seed": 7, "case_id": "housing-refusal"}
    sets = [{k: v for k, v in first.items() if k in names}]
    if "country" in names:
        sets.append({"country": "US", **({"term": "client"} if "term" in names else {})})
    return sets


RUNS = [(p, s) for p in NOTEBOOKS for s in parameter_sets(parameters_of(p)[1])]


def test_every_notebook_has_a_documented_parameters_cell() -> None:
    assert len(NOTEBOOKS) >= 30
    for path in NOTEBOOKS:
        doc, names = parameters_of(path)
        assert doc.startswith("#"), f"{path.name}: the first line should say what the choices are"
        assert names and set(names) <= KNOWN, f"{path.name}: {names}"
        if path.stem != "05-case-explorer":  # 05's comment (another branch's) names them too
            assert all(name in doc for name in names), f"{path.name}: {doc!r} vs {names}"
    print(f"{len(NOTEBOOKS)} notebooks have a parameters cell; {len(RUNS)} parameter sets")


def test_each_notebook_has_its_documented_parameter_set() -> None:
    docs = (ROOT / "docs" / "exercises.md").read_text("utf-8")
    rows = {stem.strip(): line for line in docs.splitlines() if line.startswith("| 0")
            for stem in line.split("|")[1].split(",")}
    checked = 0
    for path in NOTEBOOKS:
        expected = (DOCUMENTED[path.stem] if path.parent.name == "notebooks"
                    else EXERCISE_DOCUMENTED.get(path.stem, DOCUMENTED[path.stem]))
        assert set(parameters_of(path)[1]) == expected, f"{path.parent.name}/{path.name}"
        row = rows.get(path.stem, "")
        assert all(f"`{name}`" in row for name in expected), f"docs/exercises.md: {path.stem}"
        checked += 1
    assert checked == len(NOTEBOOKS) == 3 * len(DOCUMENTED)
    print(f"{checked} notebooks match the documented parameter sets")


def test_lesson_accepts_the_documented_values() -> None:
    for term in (*TERMS, None):
        for country in (*COUNTRIES, None):
            lesson = Lesson("01-power", term=term, country=country, seed=3)
            assert (lesson.term, lesson.country, lesson.seed) == (term, country, 3)
    assert Lesson("05-case-explorer", case_id="housing-refusal").case_id == "housing-refusal"


@pytest.mark.parametrize("name, value, allowed", [
    ("term", "customer", "'client', 'service user'"),
    ("term", "Client", "'client', 'service user'"),
    ("country", "England", "'US', 'UK'"),
    ("country", 1, "'US', 'UK'"),
    ("seed", -1, "whole number 0 or more"),
    ("seed", "7", "whole number 0 or more"),
    ("seed", True, "whole number 0 or more"),
    ("case_id", "no-such-case", "housing-refusal"),
])
def test_a_bad_value_names_the_allowed_values(name: str, value: object, allowed: str) -> None:
    with pytest.raises(ParameterError) as info:
        check_parameters(**{name: value})
    assert allowed in str(info.value) and name in str(info.value)
    # In a notebook the message replaces the traceback.
    assert info.value._render_traceback_() == [f"Parameter problem: {info.value}"]


def test_a_seed_gives_one_order_for_everyone() -> None:
    plain = Lesson("02-oppression").activity("levels-sorter").activity
    orders = {s: [i.id for i in Lesson("02-oppression", seed=s).activity("levels-sorter")
                  .activity.items] for s in range(5)}
    again = [i.id for i in Lesson("02-oppression", seed=3).activity("levels-sorter")
             .activity.items]
    assert again == orders[3]
    assert all(sorted(o) == sorted(i.id for i in plain.items) for o in orders.values())
    assert len({tuple(o) for o in orders.values()}) > 1


@pytest.mark.notebooks
@pytest.mark.parametrize("path, params", RUNS,
                         ids=[f"{p.parent.name}/{p.stem}-{'-'.join(map(str, s.values()))}"
                              for p, s in RUNS])
def test_notebook_runs_under_each_parameter_set(path: Path, params: dict, tmp_path: Path,
                                                monkeypatch) -> None:
    """papermill with the network guard in the kernel: no error, no network attempt."""
    env = _guarded_env(tmp_path)
    for key in ("PYTHONPATH", "PRAXISLAB_NETLOG", "MPLBACKEND"):
        monkeypatch.setenv(key, env[key])
    out = tmp_path / path.name
    papermill.execute_notebook(str(path), str(out), parameters=params, cwd=str(path.parent),
                               kernel_name="python3", progress_bar=False, log_output=False)
    cells = json.loads(out.read_text())["cells"]
    assert not [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not Path(env["PRAXISLAB_NETLOG"]).exists(), Path(env["PRAXISLAB_NETLOG"]).read_text()
    injected = [c for c in cells if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1


@pytest.mark.notebooks
def test_a_bad_parameter_stops_the_notebook_with_the_allowed_values(tmp_path: Path) -> None:
    source = ROOT / "exercises" / "04-adp-vs-aop.ipynb"
    with pytest.raises(papermill.PapermillExecutionError) as info:
        papermill.execute_notebook(str(source), str(tmp_path / "out.ipynb"),
                                   parameters={"country": "France"}, cwd=str(source.parent),
                                   kernel_name="python3", progress_bar=False, log_output=False)
    assert "'US', 'UK'" in str(info.value.evalue)


def test_the_lint_accepts_a_parameters_cell_before_setup_and_still_checks_the_setup() -> None:
    from praxislab.lint import lint_notebook

    path = ROOT / "solutions" / "01-power.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert nbformat.read(path, as_version=4).cells[1].metadata["tags"] == ["parameters"]
    assert lint_notebook(nb, "01-power") == []
    assert any("does not create" in p for p in lint_notebook(nb, "01-powe"))
    nb.cells[1].metadata["tags"] = []  # an untagged cell before setup is still an error
    assert "the first code cell is not tagged 'setup'" in lint_notebook(nb, "01-power")


def test_the_placeholder_reads_as_not_answered_yet() -> None:
    from praxislab.checks import NumericCheck

    result = NumericCheck("x", 2.0).check(...)
    assert not result and result.message.startswith("Not answered yet: replace ... with")
