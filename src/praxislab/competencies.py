"""The competency map and the lesson table, made from the notebooks themselves.

Each lesson keeps its objectives once, in its notebook metadata:

    "praxislab": {
      "objectives": [
        {"text": "<the objective, as in the first cell>", "cswe": ["2", "3"],
         "pcf": ["3"], "swe": ["1.5"]}
      ],
      "summary": {"content_note": "<one line>", "exercise": "<one line>"}
    }

The tags name items of `data/competencies.yaml` (CSWE 2022 EPAS competencies, BASW PCF
domains, Social Work England standards). `praxislab competencies` checks every tag and
that each objective matches the lesson's own **Objectives** bullets, writes
`docs/competencies.md`, and refreshes the lesson table in the README; `--check` writes
nothing and fails when either file is out of date. `lesson_table()` gives the same table
to the start page.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths

FRAMEWORKS_FILE = "competencies.yaml"
MAP_FILE = Path("docs") / "competencies.md"
README_START = "<!-- lesson-table:start (made by `praxislab competencies`; do not edit) -->"
README_END = "<!-- lesson-table:end -->"
NOTEBOOK = re.compile(r"^(\d\d)-[\w-]+\.ipynb$")
BULLET = re.compile(r"^[-*]\s+(.*)$")


class CompetencyError(ValueError):
    """A problem with the frameworks file, named by file and field."""


@dataclass
class Framework:
    key: str
    name: str
    short: str
    source: str
    items: dict[str, str]


@dataclass
class Objective:
    text: str
    tags: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class LessonInfo:
    number: str
    stem: str
    path: Path
    title: str
    kind: str
    time: str
    minutes: int | None
    has_content_note: bool
    first_cell_objectives: list[str]
    objectives: list[Objective] | None
    summary: dict[str, str]
    problems: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(text.split())


# -- the frameworks -----------------------------------------------------------------------
def load_frameworks(path: Path | None = None) -> dict[str, Framework]:
    """Read data/competencies.yaml; any problem raises CompetencyError naming the field."""
    from .validate import ContentError, read_yaml

    path = path or paths.data_dir() / FRAMEWORKS_FILE
    try:
        data = read_yaml(path)
    except ContentError as exc:
        raise CompetencyError(str(exc)) from None
    where = path.name
    if not isinstance(data, dict) or not isinstance(data.get("frameworks"), dict):
        raise CompetencyError(f"{where}: needs a mapping `frameworks:` at the top")
    found: dict[str, Framework] = {}
    for key, body in data["frameworks"].items():
        at = f"{where}: frameworks.{key}"
        if not isinstance(body, dict):
            raise CompetencyError(f"{at}: should be a mapping with name, short, source, items")
        for name in ("name", "short", "source"):
            if not isinstance(body.get(name), str) or not body[name].strip():
                raise CompetencyError(f"{at}.{name}: missing or not text")
        items = body.get("items")
        if not isinstance(items, dict) or not items:
            raise CompetencyError(f"{at}.items: should be a non-empty mapping of id: title")
        for item_id, title in items.items():
            if not isinstance(title, str) or not title.strip():
                raise CompetencyError(f"{at}.items.{item_id}: the title is missing")
        found[str(key)] = Framework(str(key), body["name"], body["short"], body["source"],
                                    {str(k): v for k, v in items.items()})
    return found


# -- reading the notebooks --------------------------------------------------------------
def _first_cell_objectives(text: str) -> list[str]:
    """The bullets under **Objectives** in a lesson's first cell (continuation lines
    joined), in order."""
    match = re.search(r"^\*\*Objectives\*\*\s*$", text, re.M)
    if not match:
        return []
    found: list[str] = []
    for line in text[match.end():].splitlines():
        if not line.strip():
            if found:
                break
            continue
        bullet = BULLET.match(line.strip()) if not line.startswith("  ") else None
        if bullet:
            found.append(bullet.group(1).strip())
        elif found and line.startswith(" "):
            found[-1] += " " + line.strip()
        else:
            break
    return [_norm(t) for t in found]


def _minutes(time: str) -> int | None:
    """The whole session's minutes from a **Time:** line: "about N minutes in class" where
    the line gives it, else "(about N minutes)", else the largest "about N minutes" (a
    line may give reading and activity times before the total)."""
    for pattern in (r"about (\d+) minutes in class", r"\(about (\d+) minutes\)"):
        found = re.search(pattern, time)
        if found:
            return int(found.group(1))
    about = [int(n) for n in re.findall(r"about (\d+) minutes", time)]
    if about:
        return max(about)
    plain = re.search(r"(\d+)(?:\s*[–-]\s*(\d+))? minutes", time)
    if plain:
        return int(plain.group(2) or plain.group(1))
    return None


def read_lesson(path: Path) -> LessonInfo:
    """Everything the map and the table need from one notebook (problems collected, not
    raised, so one bad notebook never hides the others)."""
    problems: list[str] = []
    try:
        nb = json.loads(path.read_text("utf-8"))
        cells = nb.get("cells") or []
        first = "".join(cells[0].get("source", "")) if cells else ""
        meta = nb.get("metadata", {}).get("praxislab", {})
        if not isinstance(meta, dict):
            meta = {}
            problems.append("metadata.praxislab is not a mapping")
    except (OSError, ValueError, AttributeError, TypeError) as exc:
        return LessonInfo(path.name[:2], path.stem, path, path.stem, "?", "", None, False, [],
                          None, {}, [f"cannot be read as a notebook ({exc})"])
    title = re.search(r"^#\s+(.+)$", first, re.M)
    time = re.search(r"\*\*Time:\*\*\s*(.+?)(?:\n\n|\Z)", first, re.S)
    time_text = _norm(time.group(1)) if time else ""
    kind = meta.get("kind") or ("start" if path.name.startswith("00-") else "lesson")
    objectives = None
    raw = meta.get("objectives")
    if raw is not None:
        objectives = []
        if not isinstance(raw, list):
            problems.append("metadata.praxislab.objectives should be a list")
            raw = []
        for i, item in enumerate(raw, 1):
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                problems.append(f"metadata.praxislab.objectives[{i}] needs a `text`")
                continue
            tags = {k: [str(x) for x in v] if isinstance(v, list) else [str(v)]
                    for k, v in item.items() if k != "text"}
            objectives.append(Objective(_norm(item["text"]), tags))
    summary = meta.get("summary") if isinstance(meta.get("summary"), dict) else {}
    return LessonInfo(
        number=path.name[:2], stem=path.stem, path=path,
        title=_norm(title.group(1)) if title else path.stem, kind=str(kind),
        time=time_text, minutes=_minutes(time_text),
        has_content_note="**Content note:**" in first,
        first_cell_objectives=_first_cell_objectives(first), objectives=objectives,
        summary={k: _norm(str(v)) for k, v in summary.items()}, problems=problems)


def read_lessons(folder: Path | None = None) -> list[LessonInfo]:
    folder = folder or paths.collection_root() / "notebooks"
    return [read_lesson(p) for p in sorted(folder.glob("[0-9][0-9]-*.ipynb"))
            if NOTEBOOK.match(p.name)]


def check(lessons: list[LessonInfo], frameworks: dict[str, Framework],
          awaiting: frozenset[str] = frozenset()) -> list[str]:
    """Every problem with the notebooks' objectives and tags, in plain words.

    `awaiting` names notebooks (by two-digit number) allowed to lack objectives for now,
    because another branch owns them; a name there that does have objectives is a
    problem too, so the list can only shrink."""
    problems: list[str] = []
    for lesson in lessons:
        at = f"notebooks/{lesson.path.name}"
        problems += [f"{at}: {p}" for p in lesson.problems]
        if lesson.kind == "start":
            continue
        if lesson.objectives is None:
            if lesson.number not in awaiting:
                problems.append(f"{at}: metadata.praxislab.objectives is missing (copy the "
                                "**Objectives** bullets of the first cell and tag each)")
            continue
        if lesson.number in awaiting:
            problems.append(f"{at}: has objectives now; take {lesson.number} off the "
                            "awaiting list")
        texts = [o.text for o in lesson.objectives]
        if texts != lesson.first_cell_objectives:
            problems.append(f"{at}: metadata.praxislab.objectives differ from the "
                            f"**Objectives** bullets of the first cell ({len(texts)} in "
                            f"metadata, {len(lesson.first_cell_objectives)} in the cell); "
                            "first difference: " + _first_difference(
                                texts, lesson.first_cell_objectives))
        for i, objective in enumerate(lesson.objectives, 1):
            if not any(objective.tags.values()):
                problems.append(f"{at}: objective {i} has no competency tags")
            for key, ids in objective.tags.items():
                if key not in frameworks:
                    problems.append(f"{at}: objective {i}: `{key}` is not a framework in "
                                    f"data/{FRAMEWORKS_FILE} (known: "
                                    f"{', '.join(frameworks)})")
                    continue
                for item in ids:
                    if item not in frameworks[key].items:
                        problems.append(
                            f"{at}: objective {i}: {key} `{item}` does not exist in "
                            f"data/{FRAMEWORKS_FILE} (known: "
                            f"{', '.join(frameworks[key].items)})")
        for name in ("content_note", "exercise"):
            if not lesson.summary.get(name):
                problems.append(f"{at}: metadata.praxislab.summary.{name} is missing")
    return problems


def _first_difference(a: list[str], b: list[str]) -> str:
    for x, y in zip(a, b, strict=False):
        if x != y:
            return f"metadata {x!r} / cell {y!r}"
    longer = a[len(b):] or b[len(a):]
    return repr(longer[0]) if longer else "none"


# -- rendering ---------------------------------------------------------------------------
def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def lesson_rows(lessons: list[LessonInfo]) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for lesson in lessons:
        time = f"about {lesson.minutes} min" if lesson.minutes else (lesson.time or "")
        note = lesson.summary.get("content_note") or ("none" if not lesson.has_content_note
                                                     else "see the lesson's first cell")
        exercise = lesson.summary.get("exercise", "")
        rows.append((lesson.stem, lesson.title, time, note, exercise))
    return rows


def lesson_table_markdown(lessons: list[LessonInfo] | None = None) -> str:
    lessons = read_lessons() if lessons is None else lessons
    lines = ["| Notebook | Time | Content note | Exercise |", "|---|---|---|---|"]
    for stem, title, time, note, exercise in lesson_rows(lessons):
        lines.append(f"| `{stem}`: {_cell(title)} | {_cell(time)} | {_cell(note)} | "
                     f"{_cell(exercise)} |")
    return "\n".join(lines) + "\n"


def lesson_table(lessons: list[LessonInfo] | None = None) -> Any:
    """The lesson table for the start page, as HTML (one line in a notebook:
    `from praxislab.competencies import lesson_table; lesson_table()`)."""
    from IPython.display import HTML

    lessons = read_lessons() if lessons is None else lessons
    body = "".join(
        f"<tr><th scope=\"row\">{html.escape(title)}<br><small><code>{html.escape(stem)}"
        f"</code></small></th><td>{html.escape(time)}</td><td>{html.escape(note)}</td>"
        f"<td>{html.escape(exercise)}</td></tr>"
        for stem, title, time, note, exercise in lesson_rows(lessons))
    return HTML('<table class="praxis-contents"><caption>Every notebook, with its time, '
                "its content note and its exercise</caption><thead><tr>"
                '<th scope="col">Notebook</th><th scope="col">Time</th>'
                '<th scope="col">Content note</th><th scope="col">Exercise</th></tr></thead>'
                f"<tbody>{body}</tbody></table>")


def render_map(lessons: list[LessonInfo], frameworks: dict[str, Framework]) -> str:
    """docs/competencies.md, whole."""
    keys = list(frameworks)
    out = [
        "# Competency map",
        "",
        "<!-- Made by `praxislab competencies` from the notebooks' metadata and "
        "data/competencies.yaml; do not edit by hand. -->",
        "",
        "Every lesson objective, as the lesson states it, with the competencies it serves "
        "in three frameworks:",
        "",
    ]
    for fw in frameworks.values():
        out.append(f"- **{fw.short}**: {fw.source}")
    out += [
        "",
        "The objectives and their tags live once, in each notebook's metadata "
        "(`metadata.praxislab.objectives`); `praxislab competencies` writes this page and "
        "`tests/test_competencies.py` fails when it is out of date, when a tag names a "
        "competency that is not in `data/competencies.yaml`, or when a notebook's "
        "objectives no longer match its first cell.",
        "",
        "A tag means the objective gives learners practice in, or evidence for, that "
        "competency; it is our reading, for you to check against your programme's own "
        "mapping. Social Work England tags name the standard's number; the labels here "
        "are our short summaries, not the regulator's wording.",
        "",
        "## Summary: lessons per competency",
        "",
    ]
    tagged = [x for x in lessons if x.objectives]
    header = "| Competency | " + " | ".join(x.number for x in tagged) + " |"
    out += [header, "|---|" + "---:|" * len(tagged)]
    for key in keys:
        fw = frameworks[key]
        for item_id, title in fw.items.items():
            # A heading (such as Social Work England's "1") counts its numbered
            # standards ("1.1" ... "1.7") too.
            counts = [sum(any(t == item_id or t.startswith(f"{item_id}.")
                              for t in o.tags.get(key, []))
                          for o in x.objectives or [])
                      for x in tagged]
            out.append(f"| {fw.short} {item_id}: {_cell(title)} | "
                       + " | ".join(str(c) if c else "·" for c in counts) + " |")
    out += ["", "(Each number counts the lesson's objectives tagged with that competency; "
            "a heading counts its numbered standards too; · means none.)", ""]
    for lesson in lessons:
        if lesson.kind == "start":
            continue
        out += [f"## {lesson.number}: {lesson.title}", ""]
        if not lesson.objectives:
            out += ["This notebook's objectives are not tagged yet; its first cell lists "
                    "them.", ""]
            continue
        out += [f"`notebooks/{lesson.path.name}`, {lesson.time}", ""]
        for i, objective in enumerate(lesson.objectives, 1):
            out.append(f"{i}. {objective.text}")
            for key in keys:
                ids = objective.tags.get(key, [])
                if ids:
                    fw = frameworks[key]
                    out.append(f"   - {fw.short}: " + "; ".join(
                        f"{item} {fw.items[item]}" if item in fw.items else item
                        for item in ids))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def readme_with_table(readme: str, table: str) -> str:
    """The README with the text between the lesson-table markers replaced."""
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        raise CompetencyError("README.md: the lesson-table markers are missing "
                              f"({README_START} ... {README_END})")
    return readme[:start + len(README_START)] + "\n\n" + table + "\n" + readme[end:]


def build(root: Path | None = None) -> tuple[dict[Path, str], list[str]]:
    """The files `praxislab competencies` writes, with their new text, and the problems."""
    root = root or paths.collection_root()
    frameworks = load_frameworks(root / "data" / FRAMEWORKS_FILE)
    lessons = read_lessons(root / "notebooks")
    problems = check(lessons, frameworks, AWAITING)
    if not lessons:
        problems.append(f"no notebooks found in {root / 'notebooks'}")
    outputs = {root / MAP_FILE: render_map(lessons, frameworks)}
    readme = root / "README.md"
    if readme.is_file():
        outputs[readme] = readme_with_table(readme.read_text("utf-8"),
                                            lesson_table_markdown(lessons))
    return outputs, problems


# Notebooks allowed to have no tagged objectives yet (none: every lesson is mapped). The
# check fails once a listed notebook gains objectives and is still listed here.
AWAITING: frozenset[str] = frozenset()
