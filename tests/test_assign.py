"""exercises/ is made from solutions/ and nothing else: byte for byte, idempotent, no model
answer, rubric or solution code leaking, every exercise runnable unanswered, every master
passing its own self-checks, and the clearing identical to nbgrader's own preprocessors."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import nbformat
import papermill
import pytest

from conftest import ROOT
from praxislab import assign as asg
from praxislab.cli import main
from praxislab.lint import lint_file

MASTERS = asg.masters(ROOT / "solutions")
EXERCISES = sorted((ROOT / "exercises").glob("[0-9][0-9]-*.ipynb"))
IDS = [p.stem for p in MASTERS]
KINDS = ("production", "case", "data", "reflective")
MARKERS = (asg.BEGIN_SOLUTION, asg.END_SOLUTION, asg.BEGIN_MARK_SCHEME, asg.END_MARK_SCHEME)


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _tasks(nb) -> list[str]:
    return [c.metadata["praxislab"]["task"] for c in nb.cells
            if c.cell_type == "markdown" and "task" in c.metadata.get("praxislab", {})]


def test_every_lesson_from_01_has_a_master_and_an_exercise() -> None:
    lessons = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    # 00 is the start page: it has no exercises.
    expected = [s for s in lessons if not s.startswith("00-")]
    assert IDS == expected and len(IDS) >= 6
    assert [p.name for p in EXERCISES] == [p.name for p in MASTERS]
    print(f"{len(IDS)} masters, {len(EXERCISES)} exercises")


def test_regenerating_matches_the_committed_exercises_byte_for_byte(tmp_path: Path) -> None:
    outcomes = asg.assign(ROOT / "solutions", tmp_path)
    assert len(outcomes) == len(MASTERS) and all(o.changed for o in outcomes)
    for master in MASTERS:
        made, committed = tmp_path / master.name, ROOT / "exercises" / master.name
        assert made.read_bytes() == committed.read_bytes(), \
            f"exercises/{master.name} is out of date: run `make exercises`"
    # A second run changes nothing and touches no file.
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    again = asg.assign(ROOT / "solutions", tmp_path)
    assert not any(o.changed for o in again)
    assert stamps == {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert main(["assign", "--check"]) == 0


def test_check_mode_fails_when_an_exercise_is_stale(tmp_path: Path, capsys) -> None:
    asg.assign(ROOT / "solutions", tmp_path)
    (tmp_path / MASTERS[0].name).write_text("{}")
    assert main(["assign", "--check", "--out", str(tmp_path)]) == 1
    assert "1 out of date" in capsys.readouterr().out


def _hidden_lines(nb) -> list[str]:
    """Every line inside a solution or mark scheme region of a master."""
    lines = []
    for cell in nb.cells:
        inside = False
        for line in cell.source.split("\n"):
            if any(m in line for m in (asg.BEGIN_SOLUTION, asg.BEGIN_MARK_SCHEME)):
                inside = True
            elif any(m in line for m in (asg.END_SOLUTION, asg.END_MARK_SCHEME)):
                inside = False
            elif inside and line.strip():
                lines.append(line.strip())
    return lines


def test_no_line_of_a_solution_appears_in_any_exercise() -> None:
    everything = "\n".join(c.source for p in EXERCISES for c in _read(p).cells)
    checked = leaked = 0
    for master in MASTERS:
        for line in _hidden_lines(_read(master)):
            checked += 1
            leaked += line in everything
    assert leaked == 0
    assert not any(m in everything for m in MARKERS)
    assert checked >= 150, checked
    print(f"searched {len(EXERCISES)} exercises for {checked} hidden lines: none found")


def test_tasks_by_kind() -> None:
    counts: Counter[str] = Counter()
    for master in MASTERS:
        nb = _read(master)
        kinds = _tasks(nb)
        assert 3 <= len(kinds) <= 6, f"{master.name}: {len(kinds)} tasks"
        assert set(kinds) <= set(KINDS)
        assert kinds.count("reflective") == 1, f"{master.name}: one optional reflective task"
        assert "production" in kinds, f"{master.name}: no production task"
        counts.update(kinds)
        # The exercise keeps every task prompt.
        assert _tasks(_read(ROOT / "exercises" / master.name)) == kinds
    assert counts["data"] >= 3 and counts["case"] >= 5 and counts["production"] >= 8
    print(f"tasks by kind: {dict(counts)}, {sum(counts.values())} in all")


def test_every_production_task_has_a_model_answer_and_strong_adequate_weak_rubric() -> None:
    checked = 0
    for master in MASTERS:
        cells = _read(master).cells
        for i, cell in enumerate(cells):
            if cell.metadata.get("praxislab", {}).get("task") not in ("production", "case"):
                continue
            rest = "\n".join(c.source for c in cells[i + 1:i + 4])
            assert "**Model answer.**" in rest, f"{master.name} cell {i}"
            for level in ("**Strong:**", "**Adequate:**", "**Weak:**"):
                assert level in rest, f"{master.name} cell {i}: no {level}"
            assert "BEGIN MARK SCHEME" in rest
            checked += 1
    assert checked >= 13
    print(f"{checked} production and case tasks have a model answer and a rubric")


def test_exercises_are_exercises() -> None:
    for path in EXERCISES:
        nb = _read(path)
        assert nb.metadata["praxislab"]["kind"] == "exercise"
        assert not [c for c in nb.cells if "nbgrader" in c.metadata]
        assert lint_file(path) == [] and lint_file(ROOT / "solutions" / path.name) == []
    placeholders = sum(c.source.count(asg.CODE_STUB) for p in EXERCISES for c in _read(p).cells)
    data_tasks = sum(_tasks(_read(m)).count("data") for m in MASTERS)
    assert placeholders == data_tasks >= 3


def test_clearing_matches_nbgrader() -> None:
    """Our clearing against nbgrader's ClearSolutions + ClearMarkScheme, same stubs."""
    pytest.importorskip("nbgrader")
    from nbgrader.preprocessors import ClearMarkScheme, ClearSolutions

    compared = 0
    for master in MASTERS:
        nb = _read(master)
        theirs, resources = ClearSolutions(code_stub={"python": asg.CODE_STUB},
                                           text_stub=asg.TEXT_STUB).preprocess(nb, {})
        theirs, _ = ClearMarkScheme().preprocess(theirs, resources)
        ours = asg.clear_solutions(_read(master), master.name)
        assert [c.source for c in ours.cells] == [c.source for c in theirs.cells]
        compared += len(ours.cells)
    assert compared > 50
    print(f"{compared} cells cleared identically by praxislab.assign and nbgrader")


def _nb(*cells):
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nb.metadata["praxislab"] = {"kind": "solution", "sensitive": False}
    return nb


SOL = {"nbgrader": {"solution": True}}
TASK = {"nbgrader": {"task": True}}


@pytest.mark.parametrize("cell, words", [
    (nbformat.v4.new_code_cell("### BEGIN SOLUTION\nx = 1", metadata=SOL), "no matching"),
    (nbformat.v4.new_code_cell("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION",
                               metadata=SOL), "inside another"),
    (nbformat.v4.new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION"), "not marked"),
    (nbformat.v4.new_markdown_cell("=== BEGIN MARK SCHEME ===\nx\n=== END MARK SCHEME ==="),
     "manually graded task"),
    (nbformat.v4.new_markdown_cell("=== BEGIN MARK SCHEME ===\n![a](attachment:a.png)\n"
                                   "=== END MARK SCHEME ===", metadata=TASK), "attachment"),
])
def test_bad_masters_are_refused_by_name(cell, words: str) -> None:
    with pytest.raises(asg.AssignError, match=words) as info:
        asg.exercise_from_solution(_nb(cell), "99-bad.ipynb")
    assert "99-bad.ipynb, cell 1" in str(info.value)


def test_a_master_must_say_it_is_a_solution() -> None:
    nb = _nb(nbformat.v4.new_markdown_cell("# x"))
    nb.metadata["praxislab"]["kind"] = "lesson"
    with pytest.raises(asg.AssignError, match="not 'solution'"):
        asg.exercise_from_solution(nb, "x")


def test_whole_solution_cells_become_stubs_and_indentation_is_kept() -> None:
    nb = _nb(nbformat.v4.new_code_cell("def f():\n    ### BEGIN SOLUTION\n    return 1\n"
                                       "    ### END SOLUTION", metadata=SOL),
             nbformat.v4.new_markdown_cell("model", metadata=SOL))
    out = asg.exercise_from_solution(nb)
    assert [c.source for c in out.cells] == [f"def f():\n    {asg.CODE_STUB}"]


def _run(path: Path, out: Path, **params) -> list[dict]:
    papermill.execute_notebook(str(path), str(out), parameters=params, cwd=str(path.parent),
                               kernel_name="python3", progress_bar=False, log_output=False)
    return json.loads(out.read_text())["cells"]


def _text(cell: dict) -> str:
    return "\n".join("".join(o.get("data", {}).get("text/plain", "")) + "".join(o.get("text", ""))
                     for o in cell.get("outputs", []))


@pytest.mark.notebooks
@pytest.mark.parametrize("path", EXERCISES, ids=[p.stem for p in EXERCISES])
def test_every_exercise_runs_unanswered(path: Path, tmp_path: Path) -> None:
    cells = _run(path, tmp_path / path.name)
    assert not [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    checks = [c for c in cells if "lesson.check(" in "".join(c["source"])]
    assert all("Not answered yet" in _text(c) for c in checks)
    print(f"{path.name}: ran unanswered, {len(checks)} self-checks said 'Not answered yet'")


@pytest.mark.notebooks
@pytest.mark.parametrize("path", MASTERS, ids=IDS)
def test_every_solution_passes_its_self_checks(path: Path, tmp_path: Path) -> None:
    cells = _run(path, tmp_path / path.name)
    assert not [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    checks = [c for c in cells if "lesson.check(" in "".join(c["source"])]
    assert len(checks) == _tasks(_read(path)).count("data")
    assert all("✓ Correct" in _text(c) for c in checks), [_text(c) for c in checks]
    print(f"{path.name}: {len(checks)} self-checks passed")
