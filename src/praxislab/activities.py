"""Plain-Python models of the interactive activities: no kernel, no browser needed.

Each widget in `praxislab.widgets` is a thin view over one of these. Content (statements,
questions, explanations) lives in YAML under data/activities/ so instructors can edit it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .checks import NumericCheck
from .validate import Checker, ContentError, Problem, read_yaml


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Feedback:
    verdict: str  # "match", "differs" or "note"
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"verdict": self.verdict, "text": self.text}


@dataclass(frozen=True)
class SortItem:
    id: str
    text: str
    answers: tuple[str, ...] = ()  # accepted categories; empty for open questions
    why: str = ""
    notes: dict[str, str] = field(default_factory=dict)  # comment on a particular choice


@dataclass(frozen=True)
class Sorter:
    """Statements to place in categories, with feedback that explains why.

    graded=False makes it a discussion tool: every choice gets a comment, none is marked.
    """

    id: str
    heading: str
    instructions: str
    categories: tuple[Option, ...]
    items: tuple[SortItem, ...]
    graded: bool = True
    check_label: str = "Check my answers"

    def label_of(self, value: str) -> str:
        for option in self.categories:
            if option.value == value:
                return option.label
        return value

    def options_for(self, item: SortItem) -> tuple[Option, ...]:
        return self.categories

    def evaluate(self, answers: dict[str, Any]) -> tuple[dict[str, Feedback], str]:
        """Feedback for each answered item, and a one-line summary for the live region."""
        feedback: dict[str, Feedback] = {}
        valid = {o.value for o in self.categories}
        matched = answered = 0
        for item in self.items:
            chosen = answers.get(item.id) if isinstance(answers, dict) else None
            if chosen not in valid:
                continue
            answered += 1
            comment = item.notes.get(chosen, "")
            if not self.graded or not item.answers:
                feedback[item.id] = Feedback("note", " ".join(x for x in (comment, item.why) if x))
                continue
            if chosen in item.answers:
                matched += 1
                feedback[item.id] = Feedback("match", " ".join(x for x in (item.why, comment) if x))
            else:
                best = " or ".join(self.label_of(a) for a in item.answers)
                text = (f"you chose {self.label_of(chosen)}; this reads best as {best}. "
                        f"{comment + ' ' if comment else ''}{item.why}")
                feedback[item.id] = Feedback("differs", text.strip())
        total = len(self.items)
        missing = total - answered
        if answered == 0:
            summary = "Choose an answer for at least one statement, then check."
        elif self.graded:
            summary = f"{matched} of {answered} answered match the model answers"
            summary += f"; {missing} not answered yet." if missing else "."
            summary += (" Read the note under each statement: the reasons matter more than"
                        " the count.")
        else:
            summary = (f"Notes shown for {answered} of {total}. "
                       "There is no single right answer here.")
        return feedback, summary

    def fallback_text(self) -> str:
        lines = [self.heading, self.instructions, "Categories: "
                 + ", ".join(o.label for o in self.categories)]
        for i, item in enumerate(self.items, 1):
            lines.append(f"{i}. {item.text}")
        lines.append("(Run the notebook to sort these and read the feedback.)")
        return "\n".join(lines)


@dataclass(frozen=True)
class QuizOption:
    value: str
    label: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[QuizOption, ...]


@dataclass(frozen=True)
class Quiz:
    """Multiple choice where every option carries its own explanation."""

    id: str
    heading: str
    instructions: str
    questions: tuple[Question, ...]
    check_label: str = "Check my answers"
    graded: bool = True

    def evaluate(self, answers: dict[str, Any]) -> tuple[dict[str, Feedback], str]:
        feedback: dict[str, Feedback] = {}
        right = answered = 0
        for q in self.questions:
            chosen = answers.get(q.id) if isinstance(answers, dict) else None
            option = next((o for o in q.options if o.value == chosen), None)
            if option is None:
                continue
            answered += 1
            if not self.graded:
                feedback[q.id] = Feedback("note", option.explanation)
            elif option.correct:
                right += 1
                feedback[q.id] = Feedback("match", option.explanation)
            else:
                feedback[q.id] = Feedback("differs", option.explanation + " Try another option.")
        if answered == 0:
            summary = "Choose an answer, then check."
        elif self.graded:
            summary = f"{right} of {len(self.questions)} correct so far."
        else:
            summary = "Read the note under your choice; then compare with a neighbour."
        return feedback, summary

    def fallback_text(self) -> str:
        lines = [self.heading, self.instructions]
        for i, q in enumerate(self.questions, 1):
            lines.append(f"{i}. {q.text}")
            lines.extend(f"   - {o.label}" for o in q.options)
        lines.append("(Run the notebook to answer and read the explanation for each option.)")
        return "\n".join(lines)


@dataclass(frozen=True)
class RatingItem:
    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class RatingScale:
    """Items rated 1-10 (0 means not rated). Deliberately has no total or average."""

    id: str
    heading: str
    instructions: str
    items: tuple[RatingItem, ...]
    axis_label: str = "Your rating (1 = affects you little, 10 = affects you a lot)"
    whose: str = "your own ratings"  # the chart's alt text: "Bar chart of your own ratings"

    def clean(self, ratings: Any) -> dict[str, int]:
        """Keep only known items with whole numbers 0-10; anything else is dropped."""
        known = {i.id for i in self.items}
        out: dict[str, int] = {}
        if not isinstance(ratings, dict):
            return out
        for key, value in ratings.items():
            if key in known and isinstance(value, (int, float)) and not isinstance(value, bool):
                number = int(round(value))
                if 0 <= number <= 10 and number == value:
                    out[key] = number
        return out

    def describe(self, ratings: dict[str, int]) -> str:
        rated = [(i.label, ratings[i.id]) for i in self.items if ratings.get(i.id)]
        unrated = [i.label for i in self.items if not ratings.get(i.id)]
        if not rated:
            return "Nothing rated yet."
        text = "; ".join(f"{label} {value}" for label, value in rated)
        if unrated:
            text += ". Not rated: " + ", ".join(unrated)
        return text + "."

    def fallback_text(self) -> str:
        lines = [self.heading, self.instructions]
        lines.extend(f"- {i.label}: {i.description}" if i.description else f"- {i.label}"
                     for i in self.items)
        lines.append("(Run the notebook to rate these privately; nothing is collected.)")
        return "\n".join(lines)


@dataclass(frozen=True)
class Lens:
    """One view of a case: headed lists of lines, and optionally a figure
    (a `praxislab.plots.AccessibleFigure`, which carries its own alt text)."""

    key: str
    title: str
    parts: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, lines)
    figure: Any = None


@dataclass(frozen=True)
class LensCase:
    heading: str
    lenses: tuple[Lens, ...]

    def modes(self) -> list[tuple[str, str]]:
        return [(lens.key, lens.title) for lens in self.lenses] + [("both", "Side by side")]

    def fallback_text(self) -> str:
        lines = [self.heading]
        for lens in self.lenses:
            lines.append(f"\n{lens.title}")
            if lens.figure is not None:
                lines.append(f"  [Figure: {lens.figure.alt}]")
            for heading, items in lens.parts:
                lines.append(f"  {heading}")
                lines.extend(f"   - {x}" for x in items)
        return "\n".join(lines)


# -- loading activities from data/activities/<lesson>.yaml -------------------------------

def _options(c: Checker, raw: list[Any], where: str) -> tuple[Option, ...]:
    out = []
    for i, item in enumerate(raw, 1):
        here = f"{where}[{i}]."
        if isinstance(item, str):
            out.append(Option(item, item))
            continue
        out.append(Option(c.text(item, "value", here), c.text(item, "label", here)))
    return tuple(out)


def parse_sorter(c: Checker, key: str, raw: Any) -> Sorter:
    where = f"sorters.{key}."
    c.unknown_keys(raw, {"heading", "instructions", "categories", "items", "graded",
                         "check_label"}, where)
    categories = _options(c, c.items(raw, "categories", where, minimum=2), where + "categories")
    values = {o.value for o in categories}
    graded = c.boolean(raw, "graded", where, default=True)
    items = []
    for i, item in enumerate(c.items(raw, "items", where), 1):
        here = f"{where}items[{i}]."
        c.unknown_keys(item, {"id", "text", "answer", "why", "notes"}, here)
        answer = item.get("answer") if isinstance(item, dict) else None
        answers = tuple(answer) if isinstance(answer, list) else ((answer,) if answer else ())
        for a in answers:
            if a not in values:
                c.add(here + "answer", "one of the category values " + ", ".join(values), a)
        if graded and not answers:
            c.add(here + "answer", "the category this statement belongs to", None)
        notes = c.mapping(item, "notes", here, required=False)
        items.append(SortItem(
            id=c.text(item, "id", here), text=c.text(item, "text", here),
            answers=answers, why=c.text(item, "why", here, required=graded),
            notes={str(k): str(v).strip() for k, v in notes.items()},
        ))
    ids = [i.id for i in items]
    if len(ids) != len(set(ids)):
        dupes = sorted({x for x in ids if ids.count(x) > 1})
        c.add(where + "items", "a different id for every item", ", ".join(dupes))
    return Sorter(key, c.text(raw, "heading", where), c.text(raw, "instructions", where),
                  categories, tuple(items), graded,
                  c.text(raw, "check_label", where, required=False, default="Check my answers"))


def parse_quiz(c: Checker, key: str, raw: Any) -> Quiz:
    where = f"quizzes.{key}."
    c.unknown_keys(raw, {"heading", "instructions", "questions", "graded"}, where)
    graded = c.boolean(raw, "graded", where, default=True)
    questions = []
    for i, q in enumerate(c.items(raw, "questions", where), 1):
        here = f"{where}questions[{i}]."
        options = []
        for j, o in enumerate(c.items(q, "options", here, minimum=2), 1):
            there = f"{here}options[{j}]."
            options.append(QuizOption(
                value=f"o{j}", label=c.text(o, "label", there),
                correct=c.boolean(o, "correct", there), explanation=c.text(o, "explanation", there),
            ))
        if graded and options and not any(o.correct for o in options):
            c.add(here + "options", "at least one option marked 'correct: true'", "none marked")
        questions.append(Question(c.text(q, "id", here), c.text(q, "text", here), tuple(options)))
    return Quiz(key, c.text(raw, "heading", where), c.text(raw, "instructions", where,
                                                           required=False),
                tuple(questions), graded=graded)


def parse_check(c: Checker, key: str, raw: Any) -> NumericCheck:
    where = f"checks.{key}."
    c.unknown_keys(raw, {"answer", "tolerance", "relative", "hints", "explanation"}, where)
    numbers = {}
    for name, default in (("answer", None), ("tolerance", 0.01)):
        value = raw.get(name, default) if isinstance(raw, dict) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            c.add(where + name, "a number", value)
            value = 0.0
        numbers[name] = float(value)
    return NumericCheck(key, numbers["answer"], numbers["tolerance"],
                        c.boolean(raw, "relative", where),
                        c.texts(raw, "hints", where, required=False),
                        c.text(raw, "explanation", where, required=False))


def load_activities(lesson: str, directory: Path | None = None,
                    ) -> dict[str, Sorter | Quiz | NumericCheck]:
    """All sorters, quizzes and self-checks for one lesson, from
    data/activities/<lesson>.yaml."""
    path = (directory or paths.data_dir() / "activities") / f"{lesson}.yaml"
    raw = read_yaml(path)
    c = Checker(path.name)
    if not isinstance(raw, dict):
        raise ContentError([Problem(path.name, "(whole file)", "a mapping with sorters: "
                                    "and/or quizzes:", type(raw).__name__)])
    c.unknown_keys(raw, {"sorters", "quizzes", "checks"})
    found: dict[str, Sorter | Quiz | NumericCheck] = {}
    for key, value in (c.mapping(raw, "sorters", required=False)).items():
        found[str(key)] = parse_sorter(c, str(key), value)
    for key, value in (c.mapping(raw, "quizzes", required=False)).items():
        if str(key) in found:
            c.add(f"quizzes.{key}", "a name not already used by a sorter", key)
        found[str(key)] = parse_quiz(c, str(key), value)
    for key, value in (c.mapping(raw, "checks", required=False)).items():
        if str(key) in found:
            c.add(f"checks.{key}", "a name not already used by a sorter or quiz", key)
        found[str(key)] = parse_check(c, str(key), value)
    c.done()
    return found
