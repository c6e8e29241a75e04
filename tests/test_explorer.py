"""The case explorer as a keyboard and screen-reader user meets it, and its sorting
feedback (driven from Python, as the browser would drive it)."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

from praxislab import Lesson
from praxislab.explorer import case_sorters
from praxislab.widgets import ChoicesWidget, Part


def _parts(explorer) -> list[Part]:
    return [c for c in explorer.body.children if isinstance(c, Part)]


def test_focus_moves_to_each_new_part_and_to_the_skip_note() -> None:
    explorer = Lesson("05-case-explorer").explore()
    explorer.picker.values = {**explorer.picker.values, "case": "housing-refusal"}
    assert not _parts(explorer)  # picking from the list leaves focus in the list
    explorer.proceed()
    parts = _parts(explorer)
    assert [p.focus for p in parts] == [True] and parts[0].heading.startswith("Part 1 of")
    explorer.next_stage()
    parts = _parts(explorer)
    assert [p.focus for p in parts] == [False, True]
    assert parts[1].heading.startswith("Part 2 of") and parts[1].paragraphs
    explorer.picker.values = {**explorer.picker.values, "case": "statutory-visit"}
    explorer.skip()
    (note,) = _parts(explorer)
    assert note.focus and "You skipped this case" in note.status


def test_case_list_marks_cases_worked_on_and_skipped() -> None:
    explorer = Lesson("05-case-explorer").explore()

    def label(case_id: str) -> str:
        options = explorer.picker.selects[0]["options"]
        return dict(map(tuple, options))[case_id]

    assert "·" not in label("housing-refusal")
    explorer.picker.values = {**explorer.picker.values, "case": "statutory-visit"}
    explorer.skip()
    assert label("statutory-visit").endswith("· skipped")
    explorer.choose("housing-refusal")
    explorer.proceed()
    decision = [c for c in explorer.body.children if isinstance(c, ChoicesWidget)][0]
    decision.answers = {explorer.vignette.decisions[0].id: "c1"}
    explorer.choose("")
    assert label("housing-refusal").endswith("· worked on")
    values = [v for v, _ in explorer.picker.selects[0]["options"]]
    assert values[0] == "" and "housing-refusal" in values  # labels change, values do not
    again = Lesson("05-case-explorer").explore()  # a new session remembers work, not skips
    assert dict(map(tuple, again.picker.selects[0]["options"]))["housing-refusal"].endswith(
        "· worked on")


def test_level_sort_has_its_own_feedback_and_accepts_every_defensible_answer() -> None:
    case = Lesson("05-case-explorer").explore("housing-refusal").vignette
    action = SimpleNamespace(text="Raise it at the team meeting", lens=["aop", "both"],
                             level=["organisational", "structural"],
                             why="LENS: why aop or both.", why_level="LEVEL: why either level.",
                             notes={"individual": "NOTE: only one person changes."})
    by_lens, by_level = case_sorters(dataclasses.replace(case, actions=(action,)))
    for choice in ("aop", "both"):
        feedback, _ = by_lens.evaluate({"a1": choice})
        assert feedback["a1"].verdict == "match" and "LENS" in feedback["a1"].text
    for choice in ("organisational", "structural"):
        feedback, _ = by_level.evaluate({"a1": choice})
        assert feedback["a1"].verdict == "match"
        assert "LEVEL" in feedback["a1"].text and "LENS" not in feedback["a1"].text
    feedback, _ = by_level.evaluate({"a1": "individual"})
    assert feedback["a1"].verdict == "differs" and "NOTE: only one person" in feedback["a1"].text
    # A case written before why_level existed falls back to its one explanation.
    old = SimpleNamespace(text="x", lens="adp", level="individual", why="OLD why")
    _, by_level = case_sorters(dataclasses.replace(case, actions=(old,)))
    assert by_level.items[0].why == "OLD why" and by_level.items[0].answers == ("individual",)
