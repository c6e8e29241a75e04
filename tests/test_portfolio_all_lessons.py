"""Every prompt of lessons 01-10 answered programmatically, then lesson 10's export.

The test reads each lesson notebook, finds its `lesson.reflect(...)` ids, its
`lesson.activity(...)` names and its `lesson.ratings(...)` cells, runs the notebook's own
setup cell (so the same `Lesson` and helpers are used), answers every one through the real
widgets, fills in lesson 10's action plan, runs lesson 10's `lesson.export()` cell, and checks
that the portfolio holds every non-private entry and nothing private.
"""

from __future__ import annotations

import ast
import html
import re
from datetime import date, timedelta
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from praxislab import action, lint
from praxislab.journal import Journal

LESSON_10 = "10-from-reflection-to-action"
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")
                   if 1 <= int(p.name[:2]) <= 10
                   and lint.kind_of(nbformat.read(p, as_version=4), p.stem) == "lesson")
CALL = re.compile(r"^\s*lesson\.(reflect|activity|ratings)\(", re.M)


def _calls(source: str) -> list[tuple[str, ast.Call]]:
    """(kind, call node) for each lesson.reflect/activity/ratings call in a cell."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "lesson"
                and node.func.attr in ("reflect", "activity", "ratings")):
            found.append((node.func.attr, node))
    return found


def _answer(nb_id: str, prompt: str) -> str:
    return f"Answer zq {nb_id} {prompt} qz"


def _setup_namespace(nb) -> dict:
    setup = next(c for c in nb.cells if c.cell_type == "code"
                 and "setup" in c.metadata.get("tags", []))
    namespace: dict = {}
    # The parameters cell (issue 11) comes first and gives the setup cell its defaults.
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            exec(compile(cell.source, "<parameters>", "exec"), namespace)  # noqa: S102
    exec(compile(setup.source, "<setup>", "exec"), namespace)  # noqa: S102 - our own notebook
    return namespace


def test_lessons_one_to_ten_are_found() -> None:
    stems = [p.stem[:2] for p in NOTEBOOKS]
    for expected in ("01", "02", "03", "04", "09", "10"):
        assert expected in stems, stems
    print(f"{len(NOTEBOOKS)} lessons: {', '.join(p.stem for p in NOTEBOOKS)}")


def test_every_prompt_answered_then_the_portfolio_holds_exactly_the_shared_ones(
        journal_dir: Path) -> None:
    expected_public: dict[tuple[str, str], str] = {}   # (notebook, prompt) -> text to find
    expected_private: dict[tuple[str, str], str] = {}
    counts = {"reflect": 0, "activity": 0, "ratings": 0}
    lesson_10_ns = None
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        namespace = _setup_namespace(nb)
        lesson = namespace["lesson"]
        assert lesson.notebook == path.stem
        for cell in nb.cells:
            if cell.cell_type != "code" or not CALL.search(cell.source):
                continue
            for kind, call in _calls(cell.source):
                counts[kind] += 1
                if kind == "reflect":
                    box = eval(compile(ast.Expression(call), "<cell>", "eval"), namespace)  # noqa: S307
                    prompt = ast.literal_eval(call.args[0])
                    text = _answer(path.stem, prompt)
                    box.value = text
                    assert "Saved" in box.status or "saved" in box.status, box.status
                    target = expected_private if box.model.private else expected_public
                    target[(path.stem, prompt)] = text
                elif kind == "activity":
                    widget = eval(compile(ast.Expression(call), "<cell>", "eval"), namespace)  # noqa: S307
                    assert hasattr(widget, "items"), f"{path.stem}: {ast.unparse(call)} failed"
                    widget.answers = {item["id"]: item["options"][0]["value"]
                                      for item in widget.items}
                    expected_public[(path.stem, widget.activity.id)] = widget.activity.heading
                else:
                    widget = eval(compile(ast.Expression(call), "<cell>", "eval"), namespace)  # noqa: S307
                    widget.ratings = {item["id"]: 7 for item in widget.items}
                    expected_private[(path.stem, widget.scale.id)] = widget.scale.heading
        if path.stem == LESSON_10:
            lesson_10_ns = namespace
    assert counts["reflect"] >= 30 and counts["activity"] >= 15, counts

    # Lesson 10's action plan, then its export cell, exactly as the notebook runs it.
    assert lesson_10_ns is not None
    plan = action.ActionPlanWidget(lesson_10_ns["lesson"], "my-plan")
    plan.plan = {"goal": "Clients speak first at every review", "level": "organisational",
                 "allies": "Supervisor and forum", "risks": "Longer meetings",
                 "first_step": "Raise it on Monday",
                 "review_date": (date.today() + timedelta(days=30)).isoformat()}
    expected_public[(LESSON_10, "my-plan")] = "Clients speak first at every review"
    nb10 = nbformat.read(ROOT / "notebooks" / f"{LESSON_10}.ipynb", as_version=4)
    export_cells = [c.source for c in nb10.cells if c.cell_type == "code"
                    and c.source.strip().startswith("lesson.export(")]
    assert len(export_cells) == 1
    preview = action.portfolio_preview(lesson_10_ns["lesson"].journal)
    exec(compile(export_cells[0], "<export>", "exec"), lesson_10_ns)  # noqa: S102

    journal = Journal()
    exports = journal.directory / "exports"
    pages = sorted(exports.glob("*.html"))
    shared = [p for p in pages if "private" not in p.name]
    assert len(shared) == 1, pages
    page = shared[0].read_text("utf-8")

    missing = [key for key, text in expected_public.items() if html.escape(text) not in page]
    assert not missing, f"{len(missing)} shared entries missing from the portfolio: {missing[:5]}"
    leaked = [key for key, text in expected_private.items() if html.escape(text) in page]
    assert not leaked, f"private entries in the shared portfolio: {leaked}"
    assert "zq" in page and page.count(" qz") == sum(
        1 for text in expected_public.values() if text.endswith(" qz"))

    # The preview agrees with the journal and with what was exported.
    included = {(e.notebook, e.prompt) for e in preview.included}
    left_out = {(e.notebook, e.prompt) for e in preview.left_out}
    assert included == set(expected_public), set(expected_public) ^ included
    assert left_out == set(expected_private), set(expected_private) ^ left_out
    print(f"answered {counts['reflect']} reflections, {counts['activity']} activities, "
          f"{counts['ratings']} rating scales in {len(NOTEBOOKS)} lessons; portfolio holds "
          f"{len(expected_public)} shared entries and none of {len(expected_private)} private")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_reflect_call_is_found_by_the_parser(path: Path) -> None:
    """The AST parser finds as many reflect calls as the content lint counts."""
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    parsed = sum(1 for c in nb.cells if c.cell_type == "code"
                 for kind, _ in _calls(c.source) if kind == "reflect")
    assert parsed == len(lint.REFLECT.findall(code)) >= 3
