"""Case vignettes as data: one YAML file per case, checked field by field.

Shipped cases live in data/vignettes/; instructors add their own by dropping files into
`my-vignettes/` beside the collection or a folder named by PRAXISLAB_VIGNETTES. A bad file
never stops the good ones loading: it is reported with the file, the field, what was
expected and what was found. The schema is documented in docs/vignettes.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .validate import Checker, ContentError, Problem, read_yaml

SCHEMA = 1
FACES = ("exploitation", "marginalisation", "powerlessness", "cultural-imperialism", "violence")
LENSES = ("adp", "aop", "both")
LEVELS = ("individual", "organisational", "structural")
TERMS = {"service user": ("service user", "service users"), "client": ("client", "clients")}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_KNOWN_PLACEHOLDERS = {"person", "people", "Person", "People"}
TOP_FIELDS = {"schema", "id", "title", "summary", "fictional", "setting", "content_note",
              "people", "stages", "lenses", "actions", "pcs_prompts", "faces", "decisions",
              "discussion", "sources"}


@dataclass(frozen=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True)
class Stage:
    title: str
    text: str


@dataclass(frozen=True)
class Action:
    """One action to sort. `lens` and `level` are the first accepted answer (kept as
    strings for older callers); `lenses` and `levels` hold every accepted answer."""
    text: str
    lens: str
    level: str
    why: str
    why_level: str = ""
    lenses: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Choice:
    text: str
    feedback: str


@dataclass(frozen=True)
class Decision:
    id: str
    after_stage: int
    question: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Setting:
    country: str
    service: str
    statutory: bool
    terminology: str


@dataclass(frozen=True)
class Vignette:
    id: str
    title: str
    summary: str
    setting: Setting
    content_note: str
    people: tuple[Person, ...]
    stages: tuple[Stage, ...]
    lenses: dict[str, dict[str, tuple[str, ...]]]
    actions: tuple[Action, ...]
    pcs_prompts: dict[str, str]
    faces: tuple[str, ...]
    decisions: tuple[Decision, ...]
    discussion: tuple[str, ...]
    sources: tuple[str, ...]
    source_file: str = ""
    term: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def with_terms(self, term: str | None) -> Vignette:
        """The same case with the person receiving the service called `term`
        ("client" or "service user"); None keeps the setting's own usage."""
        chosen = term or self.setting.terminology
        if chosen not in TERMS:
            raise ValueError(f"term must be one of {', '.join(TERMS)}, not {term!r}")
        return parse_vignette(self.raw, self.source_file, chosen)


def _substitute(value: Any, term: str) -> Any:
    singular, plural = TERMS[term]
    words = {"person": singular, "people": plural,
             "Person": singular[:1].upper() + singular[1:],
             "People": plural[:1].upper() + plural[1:]}
    if isinstance(value, str):
        return _PLACEHOLDER.sub(lambda m: words.get(m.group(1), m.group(0)), value)
    if isinstance(value, list):
        return [_substitute(v, term) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, term) for k, v in value.items()}
    return value


def _check_placeholders(c: Checker, value: Any, where: str) -> None:
    if isinstance(value, str):
        for name in _PLACEHOLDER.findall(value):
            if name not in _KNOWN_PLACEHOLDERS:
                c.problems.append(Problem(
                    c.file, where, "only the placeholders {person}, {people}, {Person} or "
                    "{People} in curly braces", f"{{{name}}}"))
    elif isinstance(value, list):
        for i, v in enumerate(value, 1):
            _check_placeholders(c, v, f"{where}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_placeholders(c, v, f"{where}.{k}" if where else str(k))


ACTION_FIELDS = {"text", "lens", "level", "why", "why_level", "notes"}


def _answers(c: Checker, data: Any, key: str, allowed: tuple[str, ...],
             where: str) -> tuple[str, ...]:
    """One allowed value or a list of them (every defensible answer)."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        if not value:
            c.add(where + key, "one of " + ", ".join(allowed) + ", or a list of them", value)
        out = []
        for j, item in enumerate(value, 1):
            if item not in allowed:
                c.add(f"{where}{key}[{j}]", "one of " + ", ".join(allowed), item)
            elif item in out:
                c.add(f"{where}{key}[{j}]", "each answer once", item)
            else:
                out.append(item)
        return tuple(out)
    one = c.choice(data, key, allowed, where)
    return (one,) if one else ()


def parse_vignette(raw: Any, file: str, term: str | None = None) -> Vignette:
    """Check one case's data and build a Vignette, or raise ContentError listing every
    problem found (not just the first)."""
    c = Checker(file)
    if not isinstance(raw, dict):
        raise ContentError([Problem(file, "(whole file)", "a mapping of fields "
                                    "(id:, title:, ...)", "empty file" if raw is None
                                    else type(raw).__name__)])
    c.unknown_keys(raw, TOP_FIELDS)
    schema = raw.get("schema")
    if schema != SCHEMA:
        c.add("schema", f"the number {SCHEMA}", schema)
    case_id = c.text(raw, "id")
    if case_id and not _ID.match(case_id):
        c.add("id", "lowercase letters, digits and hyphens (like housing-refusal)", case_id)
    stem = Path(file).stem
    if case_id and _ID.match(case_id) and stem != case_id:
        c.add("id", f"the same as the file name ('{stem}')", case_id)
    if raw.get("fictional") is not True:
        c.add("fictional", "true (every person and agency in a case must be fictional)",
              raw.get("fictional"))
    s = c.mapping(raw, "setting")
    setting = Setting(c.text(s, "country", "setting."), c.text(s, "service", "setting."),
                      c.boolean(s, "statutory", "setting."),
                      c.choice(s, "terminology", tuple(TERMS), "setting.",
                               default="service user"))
    if isinstance(s, dict) and not isinstance(s.get("statutory"), bool):
        c.add("setting.statutory", "true or false", s.get("statutory"))
    # First pass: check every field and collect every problem; _build then assembles.
    for i, p in enumerate(c.items(raw, "people", minimum=1), 1):
        c.text(p, "name", f"people[{i}]."), c.text(p, "role", f"people[{i}].")
    stages = tuple(Stage(c.text(st, "title", f"stages[{i}]."), c.text(st, "text", f"stages[{i}]."))
                   for i, st in enumerate(c.items(raw, "stages", minimum=1), 1))
    lenses: dict[str, dict[str, tuple[str, ...]]] = {}
    raw_lenses = c.mapping(raw, "lenses")
    for key in ("adp", "aop"):
        lens = c.mapping(raw_lenses, key, "lenses.")
        lenses[key] = {part: tuple(c.texts(lens, part, f"lenses.{key}."))
                       for part in ("notices", "would_do")}
    actions = []
    for i, a in enumerate(c.items(raw, "actions", minimum=2), 1):
        here = f"actions[{i}]."
        c.unknown_keys(a, ACTION_FIELDS, here)
        lens_answers = _answers(c, a, "lens", LENSES, here)
        level_answers = _answers(c, a, "level", LEVELS, here)
        c.text(a, "why_level", here, required=False)
        notes = a.get("notes") if isinstance(a, dict) else None
        if notes is not None:
            if not isinstance(notes, dict):
                c.add(here + "notes", "a mapping of answer: explanation", notes)
            else:
                for k, v in notes.items():
                    if k not in LENSES + LEVELS:
                        c.add(f"{here}notes.{k}", "a lens or level name", k)
                    if not isinstance(v, str) or not v.strip():
                        c.add(f"{here}notes.{k}", "some text", v)
        actions.append(Action(c.text(a, "text", here), lens_answers[0] if lens_answers else "",
                              level_answers[0] if level_answers else "", c.text(a, "why", here)))
    pcs = c.mapping(raw, "pcs_prompts")
    for level in ("personal", "cultural", "structural"):
        c.text(pcs, level, "pcs_prompts.")
    faces = c.texts(raw, "faces", minimum=1)
    for i, face in enumerate(faces, 1):
        if face not in FACES:
            c.add(f"faces[{i}]", "one of Young's five faces: " + ", ".join(FACES), face)
    decisions = []
    seen_ids: set[str] = set()
    for i, d in enumerate(c.items(raw, "decisions", minimum=0, required=False), 1):
        here = f"decisions[{i}]."
        did = c.text(d, "id", here)
        if did in seen_ids:
            c.add(here + "id", "an id not used by another decision in this case", did)
        seen_ids.add(did)
        after = d.get("after_stage") if isinstance(d, dict) else None
        if isinstance(after, bool) or not isinstance(after, int) or not (
                1 <= after <= max(len(stages), 1)):
            span = f"from 1 to {len(stages)} " if stages else ""
            c.add(here + "after_stage", f"a whole number {span}(the stage after which the "
                  "decision appears)", after)
            after = len(stages)
        choices = tuple(Choice(c.text(ch, "text", f"{here}choices[{j}]."),
                               c.text(ch, "feedback", f"{here}choices[{j}]."))
                        for j, ch in enumerate(c.items(d, "choices", here, minimum=2), 1))
        decisions.append(Decision(did, after, c.text(d, "question", here), choices))
    c.texts(raw, "discussion", minimum=1)
    c.texts(raw, "sources", minimum=0, required=False)
    _check_placeholders(c, {k: v for k, v in raw.items() if k != "sources"}, "")
    c.text(raw, "content_note")
    c.text(raw, "title")
    c.done()
    if term:
        raw_used = _substitute(raw, term)
        return _build(raw_used, file, term, setting, c)
    return _build(_substitute(raw, setting.terminology), file, setting.terminology, setting, c,
                  original=raw)


def _build(raw: dict, file: str, term: str, setting: Setting, c: Checker,
           original: dict | None = None) -> Vignette:
    """Assemble the (already checked) case from data whose placeholders are filled in."""
    people = tuple(Person(p["name"].strip(), p["role"].strip()) for p in raw["people"])
    stages = tuple(Stage(s["title"].strip(), s["text"].strip()) for s in raw["stages"])
    lenses = {k: {part: tuple(x.strip() for x in raw["lenses"][k][part])
                  for part in ("notices", "would_do")} for k in ("adp", "aop")}
    actions = tuple(_action(a) for a in raw["actions"])
    decisions = tuple(
        Decision(str(d["id"]), int(d["after_stage"]), d["question"].strip(),
                 tuple(Choice(ch["text"].strip(), ch["feedback"].strip()) for ch in d["choices"]))
        for d in raw.get("decisions") or [])
    return Vignette(
        id=raw["id"], title=raw["title"].strip(), summary=c.text(raw, "summary", required=False),
        setting=setting, content_note=raw["content_note"].strip(), people=people,
        stages=stages, lenses=lenses, actions=actions,
        pcs_prompts={k: raw["pcs_prompts"][k].strip()
                     for k in ("personal", "cultural", "structural")},
        faces=tuple(raw["faces"]), decisions=decisions,
        discussion=tuple(x.strip() for x in raw["discussion"]),
        sources=tuple(x.strip() for x in raw.get("sources") or []),
        source_file=file, term=term, raw=original if original is not None else raw)


def _action(a: dict) -> Action:
    lenses = tuple(a["lens"]) if isinstance(a["lens"], list) else (a["lens"],)
    levels = tuple(a["level"]) if isinstance(a["level"], list) else (a["level"],)
    why_level = a.get("why_level")
    return Action(str(a["text"]).strip(), lenses[0], levels[0], str(a["why"]).strip(),
                  "" if why_level is None else str(why_level).strip(), lenses, levels,
                  tuple((k, str(v).strip()) for k, v in (a.get("notes") or {}).items()))


def load_vignette(path: Path, term: str | None = None) -> Vignette:
    """Load and check one case file (raises ContentError with every problem)."""
    vignette = parse_vignette(read_yaml(path), path.name)
    return vignette.with_terms(term) if term else vignette


@dataclass
class Casebook:
    """Every case that loaded, in order, and every problem found on the way."""

    vignettes: dict[str, Vignette]
    problems: list[Problem]
    files: int

    def report(self) -> str:
        lines = [f"Loaded {len(self.vignettes)} case(s) from {self.files} file(s)."]
        if self.problems:
            lines.append(f"{len(self.problems)} problem(s); the cases below were skipped:")
            lines.extend(f"  - {p}" for p in self.problems)
        return "\n".join(lines)


def shipped_dir() -> Path:
    return paths.data_dir() / "vignettes"


def load_casebook(folders: list[Path] | None = None, include_instructor: bool = True) -> Casebook:
    """Load the shipped cases, then instructors' folders. A bad or duplicate file is
    reported and skipped; it never stops the others."""
    if folders is None:
        folders = [shipped_dir()]
        if include_instructor:
            folders += paths.instructor_vignette_dirs()
    found: dict[str, Vignette] = {}
    where: dict[str, Path] = {}
    problems: list[Problem] = []
    files = 0
    for folder in folders:
        if not folder.is_dir():
            problems.append(Problem(str(folder), "(folder)", "a folder of case files",
                                    "nothing there"))
            continue
        for path in sorted(folder.glob("*.y*ml")):
            if path.suffix not in (".yaml", ".yml"):
                continue
            files += 1
            try:
                vignette = load_vignette(path)
            except ContentError as exc:
                problems.extend(exc.problems)
                continue
            if vignette.id in found:
                problems.append(Problem(path.name, "id", "an id not used by another case",
                                        f"'{vignette.id}', already used by "
                                        f"{where[vignette.id]}"))
                continue
            found[vignette.id] = vignette
            where[vignette.id] = path
    return Casebook(found, problems, files)
