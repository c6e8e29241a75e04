"""Teaching content that lessons show but that is not an activity: lens cases, the
synthetic hiring table, the list of Social GRACES. It lives in data/content/ as YAML and
CSV so that an instructor changes what a lesson says without opening Python.

Every file is checked against a JSON Schema in praxislab/schemas/ (content-*.schema.json)
with `jsonschema`; a problem becomes a `ContentError` whose message names the file and the
field, never a traceback.

    from praxislab import content
    content.lens_case("04-lunch-club")      # a LensCase for lesson.lens(...)
    content.graces()                        # ((key, label, hint), ...)
    content.hiring_table()                  # a HiringTable (synthetic)
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from . import paths
from .activities import Lens, LensCase
from .validate import ContentError, Problem, describe, jsonschema_module, read_yaml

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
MAX_BYTES = 200_000


def content_dir(directory: Path | None = None) -> Path:
    return directory or paths.data_dir() / "content"


@cache
def _validator(name: str) -> Any:
    schema = json.loads((SCHEMA_DIR / f"content-{name}.schema.json").read_text("utf-8"))
    validator = jsonschema_module().Draft202012Validator
    validator.check_schema(schema)
    return validator(schema)


def _field(path: Any) -> str:
    """A JSON path as instructors read it: lenses[1].parts[2].heading (1-based)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(whole file)"


def check(data: Any, schema: str, file: str) -> None:
    """Raise ContentError naming the file and every field that breaks the schema."""
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    problems = []
    for error in errors:
        where = _field(error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else error.message
            where = f"{where}.{missing}" if where != "(whole file)" else missing
            problems.append(Problem(file, where, "this field to be present", describe(None)))
        elif error.validator == "additionalProperties":
            problems.append(Problem(file, where, "only the documented fields",
                                    error.message.split("(")[-1].rstrip(")")))
        else:
            expected = {"type": f"a value of type {error.validator_value}",
                        "minLength": "some text", "minItems":
                        f"at least {error.validator_value} item(s)",
                        "maxItems": f"at most {error.validator_value} item(s)",
                        "maxLength": f"at most {error.validator_value} characters",
                        "pattern": "a name in the documented form",
                        "const": f"exactly {json.dumps(error.validator_value)}"}.get(
                            str(error.validator), error.message)
            problems.append(Problem(file, where, expected, describe(error.instance)))
    if problems:
        raise ContentError(problems)


def _read(path: Path, schema: str) -> Any:
    if path.exists() and path.stat().st_size > MAX_BYTES:
        raise ContentError([Problem(path.name, "(whole file)",
                                    f"a file under {MAX_BYTES // 1000} kB", "a larger file")])
    data = read_yaml(path)
    check(data, schema, path.name)
    return data


def _parts(raw: list[dict[str, Any]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((p["heading"].strip(), tuple(" ".join(x.split()) for x in p["lines"]))
                 for p in raw)


def lens_case(name: str, directory: Path | None = None) -> LensCase:
    """A case seen through two or more lenses, from data/content/<name>.yaml."""
    path = content_dir(directory) / f"{name}.yaml"
    data = _read(path, "lens")
    keys = [lens["key"] for lens in data["lenses"]]
    if len(set(keys)) != len(keys) or "both" in keys:
        raise ContentError([Problem(path.name, "lenses[].key",
                                    "a different key for every lens (and not 'both')",
                                    ", ".join(keys))])
    return LensCase(data["heading"].strip(), tuple(
        Lens(lens["key"], lens["title"].strip(), _parts(lens["parts"]))
        for lens in data["lenses"]))


def graces(directory: Path | None = None) -> tuple[tuple[str, str, str], ...]:
    """The commonly listed Social GRACES as (key, label, hint), from 03-graces.yaml."""
    path = content_dir(directory) / "03-graces.yaml"
    data = _read(path, "graces")
    rows = tuple((g["key"], g["label"].strip(), g.get("hint", "").strip())
                 for g in data["graces"])
    for attr, index in (("key", 0), ("label", 1)):
        values = [r[index].lower() for r in rows]
        if len(set(values)) != len(values):
            dupes = sorted({v for v in values if values.count(v) > 1})
            raise ContentError([Problem(path.name, f"graces[].{attr}",
                                        f"a different {attr} for every grace", ", ".join(dupes))])
    return rows


# -- the synthetic hiring table ------------------------------------------------------------

@dataclass(frozen=True)
class HiringRow:
    race: str
    sex: str
    applicants: int
    hired: int

    @property
    def rate(self) -> Fraction:
        return Fraction(self.hired, self.applicants)


@dataclass(frozen=True)
class HiringTable:
    """A small synthetic table: who applied and who was hired, by race and sex."""

    rows: tuple[HiringRow, ...]
    case: dict[str, Any]
    file: str

    def races(self) -> list[str]:
        return list(dict.fromkeys(r.race for r in self.rows))

    def sexes(self) -> list[str]:
        return list(dict.fromkeys(r.sex for r in self.rows))

    def totals(self, view: str) -> list[tuple[str, int, int]]:
        """(group, applicants, hired) for "race", "sex" or "intersection"."""
        if view == "intersection":
            return [(f"{r.race} {r.sex}".capitalize(), r.applicants, r.hired) for r in self.rows]
        if view not in ("race", "sex"):
            raise ValueError(f"view must be race, sex or intersection, not {view!r}")
        groups: dict[str, list[int]] = {}
        for r in self.rows:
            name = r.race.capitalize() + " people" if view == "race" else r.sex.capitalize()
            total = groups.setdefault(name, [0, 0])
            total[0] += r.applicants
            total[1] += r.hired
        return [(name, a, h) for name, (a, h) in groups.items()]


def _rate(applied: int, hired: int) -> Fraction:
    return Fraction(hired, applied)


def check_single_axis_pattern(table: HiringTable) -> None:
    """The lesson's point in numbers: each single-axis comparison shows equal hiring rates,
    and one intersecting group is hired at well under half the rate of every other group."""
    problems = []
    for view in ("race", "sex"):
        rates = {_rate(a, h) for _, a, h in table.totals(view)}
        if len(rates) != 1:
            problems.append(Problem(table.file, f"hired (by {view} only)",
                                    f"equal hiring rates for every {view} group, so the "
                                    f"{view} comparison looks fair",
                                    ", ".join(f"{n} {h}/{a}" for n, a, h in table.totals(view))))
    rates = sorted((r.rate, f"{r.race} {r.sex}") for r in table.rows)
    (low, who), (next_low, _) = rates[0], rates[1]
    if not low * 2 <= next_low:
        problems.append(Problem(table.file, "hired (race and sex together)",
                                "one group hired at under half the rate of every other",
                                f"lowest {who} at {float(low):.0%}, next {float(next_low):.0%}"))
    if problems:
        raise ContentError(problems)


def hiring_table(directory: Path | None = None) -> HiringTable:
    """The synthetic hiring table of lesson 02 and the text of its three views."""
    folder = content_dir(directory)
    case_path = folder / "02-single-axis.yaml"
    case = _read(case_path, "hiring")
    csv_path = folder / case["table"]
    try:
        if csv_path.stat().st_size > MAX_BYTES:
            raise ContentError([Problem(csv_path.name, "(whole file)",
                                        f"a file under {MAX_BYTES // 1000} kB", "a larger file")])
        text = csv_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError([Problem(case_path.name, "table", "a readable UTF-8 CSV beside it",
                                    f"{csv_path.name}: {getattr(exc, 'strerror', None) or exc}")]
                           ) from None
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames != ["race", "sex", "applicants", "hired"]:
        raise ContentError([Problem(csv_path.name, "header", "race,sex,applicants,hired",
                                    ",".join(reader.fieldnames or []) or "no header")])
    rows = []
    for i, raw in enumerate(reader, 1):
        record: dict[str, Any] = dict(raw)
        for key in ("applicants", "hired"):
            value = (record.get(key) or "").strip()
            record[key] = int(value) if value.isdigit() else value
        check(record, "hiring-row", f"{csv_path.name} row {i}")
        if record["hired"] > record["applicants"]:
            raise ContentError([Problem(f"{csv_path.name} row {i}", "hired",
                                        "no more hired than applied", str(record["hired"]))])
        rows.append(HiringRow(record["race"].strip(), record["sex"].strip(),
                              record["applicants"], record["hired"]))
    table = HiringTable(tuple(rows), case, csv_path.name)
    pairs = {(r.race, r.sex) for r in rows}
    if len(rows) != 4 or len(table.races()) != 2 or len(table.sexes()) != 2 or len(pairs) != 4:
        raise ContentError([Problem(csv_path.name, "rows",
                                    "exactly four rows: two races by two sexes, each once",
                                    f"{len(rows)} row(s)")])
    check_single_axis_pattern(table)
    return table


LENS_CASES = ("00-first-lens", "04-lunch-club")


def check_all(directory: Path | None = None) -> tuple[int, list[str]]:
    """Check every content file (for a validator command or CI): (files checked, problems).

    Each problem is one line naming the file and the field."""
    problems: list[str] = []
    checks = [lambda n=name: lens_case(n, directory) for name in LENS_CASES]
    checks += [lambda: graces(directory), lambda: hiring_table(directory)]
    if directory is None:  # the practice reports (lesson 07) live beside data/content
        from .diagrams.reporting import load_report

        checks += [lambda p=path: load_report(p)
                   for path in sorted((paths.data_dir() / "practice").glob("*.yaml"))]
    for run in checks:
        try:
            run()
        except ContentError as exc:
            problems += [str(p) for p in exc.problems]
    return len(checks), problems
