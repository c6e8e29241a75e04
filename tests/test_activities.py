"""Sorters, quizzes and ratings: feedback explains, content errors are named plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from praxislab.activities import (
    Option,
    Question,
    Quiz,
    QuizOption,
    RatingItem,
    RatingScale,
    Sorter,
    SortItem,
    load_activities,
)
from praxislab.validate import ContentError

SORTER = Sorter(
    "levels", "Which level?", "Choose one.",
    (Option("p", "Personal"), Option("c", "Cultural"), Option("s", "Structural")),
    (SortItem("a", "A worker's assumption", ("p",), "It sits in one person's thinking."),
     SortItem("b", "A benefits rule", ("s",), "It is written into policy.",
              {"p": "One person did not write this rule."}),
     SortItem("c", "A joke everyone laughs at", ("c", "p"), "Shared norms; also personal.")),
)


def test_sorter_feedback_explains_each_answer() -> None:
    feedback, summary = SORTER.evaluate({"a": "p", "b": "p"})
    assert feedback["a"].verdict == "match" and "one person's thinking" in feedback["a"].text
    assert feedback["b"].verdict == "differs"
    assert "Structural" in feedback["b"].text and "did not write this rule" in feedback["b"].text
    assert "c" not in feedback
    assert summary.startswith("1 of 2") and "1 not answered" in summary


def test_sorter_accepts_any_listed_answer_and_ignores_junk() -> None:
    feedback, _ = SORTER.evaluate({"c": "p", "a": "nonsense", "zzz": "p"})
    assert list(feedback) == ["c"] and feedback["c"].verdict == "match"
    feedback, summary = SORTER.evaluate("not a dict")  # type: ignore[arg-type]
    assert feedback == {} and "Choose an answer" in summary


def test_ungraded_sorter_only_comments() -> None:
    open_sorter = Sorter("b", "Boundaries", "", SORTER.categories,
                         (SortItem("x", "A gift", (), "Depends on context.",
                                   {"s": "Structural? Say more."}),), graded=False)
    feedback, summary = open_sorter.evaluate({"x": "s"})
    assert feedback["x"].verdict == "note" and "Depends on context" in feedback["x"].text
    assert "no single right answer" in summary


def test_quiz_explains_every_option() -> None:
    quiz = Quiz("q", "Check", "", (Question("q1", "Which?", (
        QuizOption("o1", "Right", True, "Because."),
        QuizOption("o2", "Wrong", False, "Not because."))),))
    feedback, summary = quiz.evaluate({"q1": "o2"})
    assert feedback["q1"].verdict == "differs" and "Not because." in feedback["q1"].text
    feedback, summary = quiz.evaluate({"q1": "o1"})
    assert feedback["q1"].verdict == "match" and summary == "1 of 1 correct so far."


def test_rating_scale_never_totals_and_cleans_input() -> None:
    scale = RatingScale("g", "GRACES", "", (RatingItem("age", "Age"), RatingItem("class", "Class")))
    assert scale.clean({"age": 7, "class": 11, "other": 3, "x": "5"}) == {"age": 7}
    assert scale.clean({"age": True, "class": 2.5}) == {}
    assert scale.clean(None) == {}
    text = scale.describe({"age": 7})
    assert text == "Age 7. Not rated: Class."
    assert "total" not in text.lower() and "score" not in text.lower()


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "99-test.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_loading_names_the_file_field_and_expectation(tmp_path: Path) -> None:
    folder = _write(tmp_path, """
sorters:
  s:
    heading: H
    instructions: I
    categories: [a, b]
    items:
      - {id: one, text: T, answer: c, why: W}
      - {id: two, text: T}
""")
    with pytest.raises(ContentError) as info:
        load_activities("99-test", folder)
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == 3, messages
    assert messages[0].startswith(
        "99-test.yaml: field 'sorters.s.items[1].answer': expected one of the category")
    assert "sorters.s.items[2].answer" in messages[1]
    assert "sorters.s.items[2].why" in messages[2]


def test_malformed_yaml_reports_the_line(tmp_path: Path) -> None:
    folder = _write(tmp_path, "sorters:\n  s: [unclosed\n")
    with pytest.raises(ContentError, match=r"valid YAML.*line 3"):
        load_activities("99-test", folder)


def test_quiz_without_a_correct_option_is_refused(tmp_path: Path) -> None:
    folder = _write(tmp_path, """
quizzes:
  q:
    heading: H
    questions:
      - id: q1
        text: T
        options:
          - {label: A, explanation: E}
          - {label: B, explanation: E}
""")
    with pytest.raises(ContentError, match="at least one option marked"):
        load_activities("99-test", folder)


def test_every_shipped_activity_file_loads() -> None:
    from praxislab import paths
    files = sorted((paths.data_dir() / "activities").glob("*.yaml"))
    for file in files:
        found = load_activities(file.stem)
        assert found, f"{file.name} defines no activities"
    print(f"checked {len(files)} activity files")
