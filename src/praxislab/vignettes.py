"""Case vignettes as data: one YAML file per case, checked before anything is built.

Shipped cases live in data/vignettes/; instructors add their own by dropping files into
`my-vignettes/` beside the collection or a folder named by PRAXISLAB_VIGNETTES. Each file
is read by the safe loader in `praxislab.validate`, checked against the JSON Schema
`praxislab/schemas/vignette.schema.json` (every field's type at every depth, unknown
keys), then against the rules a schema cannot state (the id equals the file name, a
decision comes after a stage that exists, every id the journal will save is valid). A bad
file never stops the good ones loading: it is reported with the file, the field, what was
expected and what was found. The format is documented in docs/vignettes.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .journal import JournalError, check_id
from .validate import (
    WHOLE_FILE,
    ContentError,
    Problem,
    cap,
    field_name,
    read_yaml,
    schema_problems,
)

SCHEMA = 1
FACES = ("exploitation", "marginalisation", "powerlessness", "cultural-imperialism", "violence")
LENSES = ("adp", "aop", "both")
LEVELS = ("individual", "organisational", "structural")
PCS = ("personal", "cultural", "structural")
TERMS = {"service user": ("service user", "service users"), "client": ("client", "clients")}
MAX_CASE_ID = 40
MAX_DECISION_ID = 30
_ID = re.compile(rf"[a-z0-9][a-z0-9-]{{0,{MAX_CASE_ID - 1}}}")
_DECISION_ID = re.compile(rf"[a-z0-9][a-z0-9-]{{0,{MAX_DECISION_ID - 1}}}")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_KNOWN_PLACEHOLDERS = {"person", "people", "Person", "People"}
SUFFIXES = (".yaml", ".yml")
"""Case files end in one of these, in any mix of capitals (`.YAML` loads too)."""


def journal_ids(case_id: str, decision_ids: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Every journal prompt id the explorer derives from a case (see explorer.py). The id
    limits above keep each within the journal's 80 characters, so none is ever cut short
    and two never collide."""
    ids = [f"{case_id}-by-lens", f"{case_id}-by-level"]
    ids += [f"{case_id}-pcs-{level}" for level in PCS]
    ids += [f"{case_id}-decision-{d}" for d in decision_ids]
    return ids


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
    """One action to sort twice. `lens` and `level` hold every accepted answer (one or
    more); `why` explains the lens call and `why_level` the level call (empty when the
    case gives none: show `why` instead); `notes` comments on answers not accepted."""

    text: str
    lens: tuple[str, ...]
    level: tuple[str, ...]
    why: str
    why_level: str = ""
    notes: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def lenses(self) -> tuple[str, ...]:
        return self.lens

    @property
    def levels(self) -> tuple[str, ...]:
        return self.level


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
        return _build(self.raw, self.source_file, chosen)


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


def _placeholders(value: Any, where: tuple[Any, ...], file: str, out: list[Problem]) -> None:
    if isinstance(value, str):
        for name in _PLACEHOLDER.findall(value):
            if name not in _KNOWN_PLACEHOLDERS:
                out.append(Problem(file, field_name(where), "only the placeholders {person}, "
                                   "{people}, {Person} or {People} in curly braces",
                                   f"{{{name}}}", where))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _placeholders(v, (*where, i), file, out)
    elif isinstance(value, dict):
        for k, v in value.items():
            _placeholders(v, (*where, k), file, out)


def _rules(raw: dict[str, Any], file: str) -> list[Problem]:
    """What the schema cannot say. Runs only on data the schema has accepted."""
    out: list[Problem] = []
    case_id = raw["id"]
    stem = Path(file).stem
    if not _ID.fullmatch(case_id):
        out.append(Problem(file, "id", f"an id of 1 to {MAX_CASE_ID} lowercase letters, "
                           "digits and hyphens", repr(case_id), ("id",)))
    elif stem != case_id:
        out.append(Problem(file, "id", f"the same as the file name ('{stem}'): rename the "
                           "file or change the id", f"'{case_id}'", ("id",)))
    stages = len(raw["stages"])
    seen: set[str] = set()
    for i, d in enumerate(raw.get("decisions") or []):
        if not _DECISION_ID.fullmatch(d["id"]):
            out.append(Problem(file, field_name(("decisions", i, "id")), f"an id of 1 to "
                               f"{MAX_DECISION_ID} lowercase letters, digits and hyphens",
                               repr(d["id"]), ("decisions", i, "id")))
        if d["id"] in seen:
            out.append(Problem(file, field_name(("decisions", i, "id")), "an id not used by "
                               "another decision in this case", f"'{d['id']}'",
                               ("decisions", i, "id")))
        seen.add(d["id"])
        if not 1 <= d["after_stage"] <= stages:
            out.append(Problem(file, field_name(("decisions", i, "after_stage")),
                               f"a whole number from 1 to {stages} (the stage after which "
                               "the decision appears)", f"{d['after_stage']}",
                               ("decisions", i, "after_stage")))
    if not out:  # belt and braces: every id the journal will be asked to save is valid
        for derived in journal_ids(case_id, [d["id"] for d in raw.get("decisions") or []]):
            try:
                check_id(derived, "prompt")
            except JournalError:
                out.append(Problem(file, "id", "an id short enough for the journal",
                                   f"'{derived}' ({len(derived)} characters)", ("id",)))
    _placeholders({k: v for k, v in raw.items() if k != "sources"}, (), file, out)
    return out


def check_vignette(raw: Any, file: str) -> list[Problem]:
    """Every problem with one case's data (empty when it is fine)."""
    if raw is None:
        return [Problem(file, WHOLE_FILE, "a mapping of fields (schema:, id:, title:, ...)",
                        "an empty file")]
    problems = schema_problems(raw, "vignette", file)
    if problems:
        return problems
    return cap(_rules(raw, file), file)


def parse_vignette(raw: Any, file: str, term: str | None = None) -> Vignette:
    """Check one case's data and build a Vignette, or raise ContentError listing every
    problem found (not just the first)."""
    if term is not None and term not in TERMS:
        raise ValueError(f"term must be one of {', '.join(TERMS)}, not {term!r}")
    problems = check_vignette(raw, file)
    if problems:
        raise ContentError(problems)
    return _build(raw, file, term or raw["setting"]["terminology"])


def _answers(value: str | list[str]) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (value,)


def _build(original: dict[str, Any], file: str, term: str) -> Vignette:
    """Assemble an already checked case, with its placeholders filled in for `term`."""
    raw = _substitute(original, term)
    s = raw["setting"]
    setting = Setting(s["country"].strip(), s["service"].strip(), s["statutory"],
                      s["terminology"])
    actions = tuple(
        Action(a["text"].strip(), _answers(a["lens"]), _answers(a["level"]), a["why"].strip(),
               a.get("why_level", "").strip(),
               {k: v.strip() for k, v in (a.get("notes") or {}).items()})
        for a in raw["actions"])
    decisions = tuple(
        Decision(d["id"], int(d["after_stage"]), d["question"].strip(),
                 tuple(Choice(ch["text"].strip(), ch["feedback"].strip()) for ch in d["choices"]))
        for d in raw.get("decisions") or [])
    return Vignette(
        id=raw["id"], title=raw["title"].strip(), summary=raw.get("summary", "").strip(),
        setting=setting, content_note=raw["content_note"].strip(),
        people=tuple(Person(p["name"].strip(), p["role"].strip()) for p in raw["people"]),
        stages=tuple(Stage(st["title"].strip(), st["text"].strip()) for st in raw["stages"]),
        lenses={k: {part: tuple(x.strip() for x in raw["lenses"][k][part])
                    for part in ("notices", "would_do")} for k in ("adp", "aop")},
        actions=actions,
        pcs_prompts={k: raw["pcs_prompts"][k].strip() for k in PCS},
        faces=tuple(raw["faces"]), decisions=decisions,
        discussion=tuple(x.strip() for x in raw["discussion"]),
        sources=tuple(x.strip() for x in raw.get("sources") or []),
        source_file=file, term=term, raw=original)


def load_vignette(path: Path, term: str | None = None) -> Vignette:
    """Load and check one case file. Raises ContentError, and nothing else, for any
    problem with the file."""
    return parse_vignette(read_yaml(path), path.name, term)


@dataclass
class Casebook:
    """Every case that loaded, in order, and every problem found on the way."""

    vignettes: dict[str, Vignette]
    problems: list[Problem]
    files: int

    def report(self) -> str:
        lines = [f"Loaded {len(self.vignettes)} case(s) from {self.files} file(s)."]
        if not self.files:
            lines.append("No case files were found: check the folder names.")
        if self.problems:
            lines.append(f"{len(self.problems)} problem(s); the cases below were skipped:")
            lines.extend(f"  - {p}" for p in self.problems)
        return "\n".join(lines)


def shipped_dir() -> Path:
    return paths.data_dir() / "vignettes"


def case_files(folder: Path) -> list[Path]:
    """The case files in one folder, sorted: every name ending .yaml or .yml in any
    capitals, whatever kind of file it is (the loader reports non-files by name). Hidden
    files (starting with a dot, like editors' lock files) and the template
    (`_template.yaml.example`) are not cases."""
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in SUFFIXES and not p.name.startswith("."))


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
        try:
            paths_here = case_files(folder)
        except NotADirectoryError:
            problems.append(Problem(str(folder), "(folder)", "a folder of case files",
                                    "a file"))
            continue
        except FileNotFoundError:
            problems.append(Problem(str(folder), "(folder)", "a folder of case files",
                                    "nothing there"))
            continue
        except OSError as exc:
            problems.append(Problem(str(folder), "(folder)", "a folder you can read",
                                    exc.strerror or type(exc).__name__))
            continue
        for path in paths_here:
            files += 1
            try:
                vignette = load_vignette(path)
            except ContentError as exc:
                problems.extend(exc.problems)
                continue
            except Exception as exc:  # never expected; still a message, never a crash
                problems.append(Problem(path.name, WHOLE_FILE, "a case file the explorer "
                                        "can read", f"an unexpected {type(exc).__name__}"))
                continue
            if vignette.id in found:
                problems.append(Problem(path.name, "id", "an id not used by another case",
                                        f"'{vignette.id}', already used by "
                                        f"{where[vignette.id]}"))
                continue
            found[vignette.id] = vignette
            where[vignette.id] = path
    return Casebook(found, problems, files)
