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
from .validate import (
    WHOLE_FILE,
    ContentError,
    Problem,
    cap,
    describe,
    field_name,
    finite_number,
    read_yaml,
    schema_problems,
)


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
# The file is read by the safe loader and checked against the JSON Schema
# praxislab/schemas/activities.schema.json before anything is built; then the rules a
# schema cannot state are checked. Each sorter, quiz or self-check stands alone: one with
# a problem is left out and named, and the others in the same file still load.

SECTIONS = ("sorters", "quizzes", "checks")


def _sorter_rules(key: str, raw: dict[str, Any], file: str) -> list[Problem]:
    where: tuple[Any, ...] = ("sorters", key)
    out: list[Problem] = []
    values = [c if isinstance(c, str) else c["value"] for c in raw["categories"]]
    if len(set(values)) != len(values):
        out.append(Problem(file, field_name((*where, "categories")),
                           "a different value for every category",
                           "the same value twice", (*where, "categories")))
    graded = raw.get("graded", True)
    seen: set[str] = set()
    for i, item in enumerate(raw["items"]):
        here = (*where, "items", i)
        answer = item.get("answer")
        answers = answer if isinstance(answer, list) else [answer] if answer else []
        for a in answers:
            if a not in values:
                out.append(Problem(file, field_name((*here, "answer")),
                                   "one of the category values " + ", ".join(values),
                                   describe(a), (*here, "answer")))
        if graded and not answers:
            out.append(Problem(file, field_name((*here, "answer")),
                               "the category this statement belongs to (or graded: false)",
                               "nothing (the field is missing)", (*here, "answer")))
        if graded and "why" not in item:
            out.append(Problem(file, field_name((*here, "why")),
                               "some text explaining the answer (or graded: false)",
                               "nothing (the field is missing)", (*here, "why")))
        for note in item.get("notes") or {}:
            if note not in values:
                out.append(Problem(file, field_name((*here, "notes", note)),
                                   "a note on one of the category values " + ", ".join(values),
                                   f"the name {note!r}", (*here, "notes", note)))
        out += _repeated_id(seen, item["id"], file, here, "statement in this sorter")
    return out


def _repeated_id(seen: set[str], ident: str, file: str, here: tuple[Any, ...],
                 what: str) -> list[Problem]:
    """A problem if `ident` was already used in this sorter or quiz (then remembered)."""
    repeated = ident in seen
    seen.add(ident)
    if not repeated:
        return []
    return [Problem(file, field_name((*here, "id")), f"an id not used by another {what}",
                    f"'{ident}'", (*here, "id"))]


def _quiz_rules(key: str, raw: dict[str, Any], file: str) -> list[Problem]:
    out: list[Problem] = []
    seen: set[str] = set()
    for i, q in enumerate(raw["questions"]):
        here = ("quizzes", key, "questions", i)
        if raw.get("graded", True) and not any(o.get("correct") for o in q["options"]):
            out.append(Problem(file, field_name((*here, "options")),
                               "at least one option marked 'correct: true'", "none marked",
                               (*here, "options")))
        out += _repeated_id(seen, q["id"], file, here, "question in this quiz")
    return out


def _check_rules(key: str, raw: dict[str, Any], file: str) -> list[Problem]:
    out = []
    for name in ("answer", "tolerance"):
        if name in raw and not finite_number(raw[name]):
            out.append(Problem(file, field_name(("checks", key, name)), "an ordinary number",
                               describe(raw[name]), ("checks", key, name)))
    return out


def _build_sorter(key: str, raw: dict[str, Any]) -> Sorter:
    categories = tuple(Option(c.strip(), c.strip()) if isinstance(c, str)
                       else Option(c["value"].strip(), c["label"].strip())
                       for c in raw["categories"])
    items = []
    for item in raw["items"]:
        answer = item.get("answer")
        answers = tuple(answer) if isinstance(answer, list) else (answer,) if answer else ()
        items.append(SortItem(item["id"], item["text"].strip(), tuple(a.strip() for a in answers),
                              item.get("why", "").strip(),
                              {k: v.strip() for k, v in (item.get("notes") or {}).items()}))
    return Sorter(key, raw["heading"].strip(), raw["instructions"].strip(), categories,
                  tuple(items), raw.get("graded", True),
                  raw.get("check_label", "Check my answers").strip())


def _build_quiz(key: str, raw: dict[str, Any]) -> Quiz:
    questions = tuple(
        Question(q["id"], q["text"].strip(), tuple(
            QuizOption(f"o{j}", o["label"].strip(), o.get("correct", False),
                       o["explanation"].strip())
            for j, o in enumerate(q["options"], 1)))
        for q in raw["questions"])
    return Quiz(key, raw["heading"].strip(), raw.get("instructions", "").strip(), questions,
                graded=raw.get("graded", True))


def _build_check(key: str, raw: dict[str, Any]) -> NumericCheck:
    return NumericCheck(key, float(raw["answer"]), float(raw.get("tolerance", 0.01)),
                        raw.get("relative", False),
                        [h.strip() for h in raw.get("hints") or []],
                        raw.get("explanation", "").strip())


_RULES = {"sorters": _sorter_rules, "quizzes": _quiz_rules, "checks": _check_rules}
_BUILD = {"sorters": _build_sorter, "quizzes": _build_quiz, "checks": _build_check}


def check_activities(raw: Any, file: str,
                     ) -> tuple[dict[str, Sorter | Quiz | NumericCheck], list[Problem]]:
    """Build every activity in one file's data that passes every check; name the rest."""
    if raw is None:
        return {}, [Problem(file, WHOLE_FILE, "a mapping with sorters:, quizzes: and/or "
                            "checks:", "an empty file")]
    problems = schema_problems(raw, "activities", file)
    if not isinstance(raw, dict):
        return {}, problems
    broken = {p.location[:2] for p in problems if len(p.location) >= 2}
    broken_sections = {p.location[0] for p in problems if len(p.location) == 1}
    found: dict[str, Sorter | Quiz | NumericCheck] = {}
    for section in SECTIONS:
        entries = raw.get(section)
        if not isinstance(entries, dict) or section in broken_sections:
            continue
        for key, value in entries.items():
            if (section, key) in broken:
                continue
            more = _RULES[section](key, value, file)
            if key in found:
                more.append(Problem(file, field_name((section, key)),
                                    "a name not used by another activity in this file",
                                    f"'{key}', already used", (section, key)))
            if more:
                problems.extend(more)
                continue
            found[key] = _BUILD[section](key, value)
    return found, cap(problems, file)


def read_activities(path: Path) -> tuple[dict[str, Sorter | Quiz | NumericCheck], list[Problem]]:
    """Every usable activity in one file, and every problem found (never raises)."""
    try:
        raw = read_yaml(path)
    except ContentError as exc:
        return {}, exc.problems
    return check_activities(raw, path.name)


def load_activities(lesson: str, directory: Path | None = None,
                    ) -> dict[str, Sorter | Quiz | NumericCheck]:
    """All sorters, quizzes and self-checks for one lesson, from
    data/activities/<lesson>.yaml. Raises ContentError (and nothing else) if anything in
    the file has a problem; its `loaded` holds the activities that are fine."""
    path = (directory or paths.data_dir() / "activities") / f"{lesson}.yaml"
    found, problems = read_activities(path)
    if problems:
        raise ContentError(problems, loaded=found)
    return found
