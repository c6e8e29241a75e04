"""Sorters, quizzes and ratings: feedback explains, content errors are named plainly."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

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
    assert len(files) >= 5, f"checked only {len(files)} activity files"
    total = 0
    for file in files:
        assert (paths.collection_root() / "notebooks" / f"{file.stem}.ipynb").is_file(), file
        found = load_activities(file.stem)
        assert found, f"{file.name} defines no activities"
        total += len(found)
    assert total >= 15
    print(f"checked {len(files)} activity files, {total} activities")


# -- malformed activity files --------------------------------------------------------------

GOOD_SORTER = {"heading": "H", "instructions": "I", "categories": ["a", "b"],
               "items": [{"id": "one", "text": "T", "answer": "a", "why": "W"}]}
GOOD_QUIZ = {"heading": "Q", "questions": [{"id": "q1", "text": "T", "options": [
    {"label": "A", "correct": True, "explanation": "E"}, {"label": "B", "explanation": "E"}]}]}


def _file(change=None) -> str:
    data = {"sorters": {"good": yaml.safe_load(yaml.safe_dump(GOOD_SORTER)),
                        "bad": yaml.safe_load(yaml.safe_dump(GOOD_SORTER))},
            "quizzes": {"quiz": yaml.safe_load(yaml.safe_dump(GOOD_QUIZ))}}
    if change:
        change(data)
    return yaml.safe_dump(data, sort_keys=False)


def _at(path: tuple, value):
    def change(data: dict) -> None:
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {}) if isinstance(target, dict) else target[part]
        target[path[-1]] = value
    return change


BAD = ("sorters", "bad")
LAUGHS = ('a: &a ["x", "x", "x", "x", "x", "x", "x", "x"]\n'
          + "".join(f"b{i}: &b{i} [{', '.join(['*a' if i == 0 else f'*b{i - 1}'] * 8)}]\n"
                    for i in range(9)))
# name -> (file text, the field named, words in the message, activities still loaded)
MALFORMED_ACTIVITIES = {
    "answer-nested-list": (_file(_at((*BAD, "items", 0, "answer"), [["a", "b"]])),
                           "sorters.bad.items[1].answer[1]", "expected some text, found a list",
                           {"good", "quiz"}),
    "answer-mapping": (_file(_at((*BAD, "items", 0, "answer"), {"a": "b"})),
                       "sorters.bad.items[1].answer", "found a mapping", {"good", "quiz"}),
    "explanation-list": (_file(_at(("quizzes", "quiz", "questions", 0, "options", 0,
                                    "explanation"), ["x", "y"])),
                         "quizzes.quiz.questions[1].options[1].explanation",
                         "found a list of 2 item(s)", {"good", "bad"}),
    "heading-number": (_file(_at((*BAD, "heading"), 1)), "sorters.bad.heading",
                       "found a number (1)", {"good", "quiz"}),
    "choise-in-option": (_file(_at(("quizzes", "quiz", "questions", 0, "options", 1,
                                    "choise"), "x")),
                         "quizzes.quiz.questions[1].options[2].choise", "unknown name",
                         {"good", "bad"}),
    "unknown-sorter-key": (_file(_at((*BAD, "itmes"), [])), "sorters.bad.itmes",
                           "did you mean 'items'?", {"good", "quiz"}),
    "unknown-section": (_file(_at(("sorter",), {})), "sorter", "did you mean 'sorters'?",
                        {"good", "bad", "quiz"}),
    "name-not-an-id": (_file(_at(("sorters", "Bases Of Power"), GOOD_SORTER)),
                       "sorters.Bases Of Power", "lowercase letters", {"good", "bad", "quiz"}),
    "name-81-characters": (_file(_at(("sorters", "n" * 81), GOOD_SORTER)),
                           "sorters." + "n" * 81, "1 to 80", {"good", "bad", "quiz"}),
    "whitespace-why": (_file(_at((*BAD, "items", 0, "why"), "   ")),
                       "sorters.bad.items[1].why", "found only spaces", {"good", "quiz"}),
    "note-unknown-category": (_file(_at((*BAD, "items", 0, "notes"), {"c": "x"})),
                              "sorters.bad.items[1].notes.c", "one of the category values",
                              {"good", "quiz"}),
    "numeric-item-id": (_file(_at((*BAD, "items", 0, "id"), 1)), "sorters.bad.items[1].id",
                        "found a number (1)", {"good", "quiz"}),
    "duplicate-item-id": (_file(lambda d: d["sorters"]["bad"]["items"].append(
        {"id": "one", "text": "T2", "answer": "b", "why": "W"})), "sorters.bad.items[2].id",
        "an id not used by another statement", {"good", "quiz"}),
    "category-number": (_file(_at((*BAD, "categories"), ["a", 2])),
                        "sorters.bad.categories[2]", "found a number (2)", {"good", "quiz"}),
    "name-in-two-sections": (_file(_at(("checks", "good"), {"answer": 1})), "checks.good",
                             "a name not used by another activity", {"good", "bad", "quiz"}),
    "check-answer-text": (_file(_at(("checks", "ratio"), {"answer": "two"})),
                          "checks.ratio.answer", "expected a number, found text 'two'",
                          {"good", "bad", "quiz"}),
    "check-answer-nan": (_file(_at(("checks", "ratio"), {"answer": float("nan")})),
                         "checks.ratio.answer", "an ordinary number", {"good", "bad", "quiz"}),
    "graded-without-answer": (_file(lambda d: d["sorters"]["bad"]["items"][0].pop("answer")),
                              "sorters.bad.items[1].answer", "the category this statement",
                              {"good", "quiz"}),
    "billion-laughs": (LAUGHS, "(whole file)", "an anchor (&a)", set()),
    "duplicate-key": ("sorters:\n  s: {}\nsorters:\n  t: {}\n", "(whole file)",
                      "the field 'sorters' a second time", set()),
    "empty": ("", "(whole file)", "an empty file", set()),
    "whole-file-a-list": ("- a\n", "(whole file)", "a mapping with sorters:", set()),
    "sorters-a-list": ("sorters: [a, b]\n", "sorters", "a mapping of sorter name", set()),
}


@pytest.mark.parametrize("name", sorted(MALFORMED_ACTIVITIES))
def test_malformed_activity_file_is_named_and_the_rest_load(tmp_path: Path, name: str) -> None:
    text, field, words, still = MALFORMED_ACTIVITIES[name]
    folder = _write(tmp_path, text)
    started = time.process_time()
    with pytest.raises(ContentError) as info:
        load_activities("99-test", folder)
    assert time.process_time() - started < 1.0
    messages = [str(p) for p in info.value.problems]
    assert all(m.startswith("99-test.yaml: field ") for m in messages), messages
    assert any(m.startswith(f"99-test.yaml: field '{field}': expected ") and words in m
               for m in messages), (name, messages)
    assert set(info.value.loaded) == still, (name, sorted(info.value.loaded))


def test_malformed_activity_count() -> None:
    assert len(MALFORMED_ACTIVITIES) >= 20
    print(f"{len(MALFORMED_ACTIVITIES) + 2} malformed activity files (with the FIFO and "
          "the lesson test), each named")


def test_activity_fifo_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "99-test.yaml")
    with pytest.raises(ContentError, match="expected a regular file, found a FIFO"):
        load_activities("99-test", tmp_path)


def test_lesson_shows_the_message_and_keeps_the_good_activities(tmp_path: Path,
                                                                monkeypatch) -> None:
    from praxislab import Lesson
    from praxislab.widgets import ChoicesWidget

    root = tmp_path / "collection"
    for sub in ("data/vignettes", "data/activities", "notebooks"):
        (root / sub).mkdir(parents=True)
    (root / "data/activities/99-test.yaml").write_text(
        MALFORMED_ACTIVITIES["heading-number"][0], encoding="utf-8")
    monkeypatch.setenv("PRAXISLAB_ROOT", str(root))
    lesson = Lesson("99-test")
    assert isinstance(lesson.activity("good"), ChoicesWidget)
    assert isinstance(lesson.activity("quiz"), ChoicesWidget)
    shown = lesson.activity("bad")
    assert not isinstance(shown, ChoicesWidget)
    assert "99-test.yaml: field &#x27;sorters.bad.heading&#x27;" in shown.data
    assert "the rest of the lesson still works" in shown.data


def test_check_activities_command(tmp_path: Path, capsys) -> None:
    from praxislab.cli import main

    assert main(["check-activities"]) == 0
    first = capsys.readouterr().out.split()
    assert first[0] == "Checked" and int(first[1]) >= 5 and first[2] == "activity"
    folder = _write(tmp_path, MALFORMED_ACTIVITIES["answer-mapping"][0])
    (folder / "other.YAML").write_text(_file(), encoding="utf-8")
    assert main(["check-activities", str(folder)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Checked 2 activity file(s): 5 activities loaded.")
    assert "99-test.yaml: field 'sorters.bad.items[1].answer'" in out
