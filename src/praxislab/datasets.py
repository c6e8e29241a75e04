"""Tables from published statistics, loaded with their provenance.

    from praxislab import datasets
    care = datasets.load("us-foster-care-by-race-2021")
    care.attrs["publisher"], datasets.source_line(care)

Every table is a CSV in data/tables/ described by one Frictionless descriptor,
data/datapackage.json (who published it, which table, which edition, the period, the
URL, the licence, the date it was checked and what was changed). The `frictionless`
library reads the descriptor and validates each file against it; this module turns its
findings into one plain message naming the file, the row and the column, and returns a
typed pandas DataFrame. A broken table stops only itself: the others still load.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import paths

__all__ = ["DatasetError", "check_totals", "describe", "load", "names", "package_path",
           "show", "source_line", "validate"]

DESCRIPTOR = "datapackage.json"
# Frictionless field types -> pandas dtypes. Nullable types, so an empty cell stays
# visibly missing (<NA>) instead of turning a column of whole numbers into floats.
DTYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}
PROVENANCE = ("cite", "title", "publisher", "table", "edition", "period", "checked",
              "transformations", "synthetic", "description")


class DatasetError(ValueError):
    """A table or its descriptor is broken; the message names the file, row and column.

    In a notebook it shows as a short message, not a traceback."""

    def _render_traceback_(self) -> list[str]:  # IPython uses this instead of a traceback
        return [f"This table could not load: {self}",
                "The other tables still load. docs/data.md explains how to fix a table."]


def package_path() -> Path:
    return paths.data_dir() / DESCRIPTOR


@lru_cache(maxsize=4)
def _descriptor(path: str, mtime: float) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: cannot be read ({exc}).") from None
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno} "
                           f"({exc.msg}).") from None
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
        raise DatasetError(f"{path}: needs a 'resources' list.")
    return data


def _package() -> dict[str, Any]:
    path = package_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise DatasetError(f"{path}: the data package descriptor is missing.") from None
    return _descriptor(str(path), mtime)


def names() -> list[str]:
    """The names of every table in the data package."""
    return [r.get("name", "?") for r in _package()["resources"] if isinstance(r, dict)]


def _resource(name: str) -> dict[str, Any]:
    for resource in _package()["resources"]:
        if isinstance(resource, dict) and resource.get("name") == name:
            return resource
    known = ", ".join(names()) or "none"
    raise DatasetError(f"There is no table called '{name}' in {package_path()}. "
                       f"Tables: {known}.")


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(paths.collection_root()))
    except ValueError:
        return str(path)


def _message(file: str, error: Any, fields: dict[str, str]) -> str:
    """One line for one frictionless error: file, row, column, what is wrong."""
    row = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    kind = getattr(error, "type", "")
    where = file
    if row is not None:
        where += f", row {row}"
    elif kind.endswith("-label"):
        where += ", row 1 (the header)"
    if field:
        where += f", column '{field}'"
    if kind == "type-error":
        expected = {"number": "a number", "integer": "a whole number",
                    "boolean": "true or false"}.get(fields.get(str(field), ""), "valid")
        what = f"'{cell}' is not {expected}"
    elif kind == "missing-cell":
        what = "the cell is missing (the row is shorter than the header)"
    elif kind in ("primary-key", "duplicate-row", "unique-error"):
        what = f"this row repeats an earlier one ({error.note})"
    elif kind == "constraint-error":
        what = f"'{cell}' breaks a rule for this column ({error.note})"
    elif kind == "missing-label":
        what = "this column is in the descriptor but not in the file's header"
    elif kind == "extra-label":
        what = "this column is in the file but not in the descriptor"
    elif kind == "incorrect-label":
        what = f"the header says '{getattr(error, 'label', '?')}' where the descriptor expects it"
    else:
        what = getattr(error, "note", "") or getattr(error, "message", str(error))
    return f"{where}: {what}."


def _skip_slow_iri_checker() -> None:
    """frictionless validates descriptors with jsonschema: import it the fast way first."""
    from .validate import jsonschema_module

    jsonschema_module()


def validate(name: str) -> list[str]:
    """Every problem frictionless finds in one table, as plain sentences (empty if none)."""
    _skip_slow_iri_checker()
    from frictionless import Checklist, Resource, checks  # imported on first use only

    descriptor = dict(_resource(name))
    file = paths.data_dir() / str(descriptor.get("path", ""))
    shown = _relative(file)
    if not descriptor.get("path") or not file.is_file():
        return [f"{shown}: the file named in {DESCRIPTOR} does not exist."]
    text = file.read_bytes()
    if not text.strip():
        return [f"{shown}, row 1: the file is empty (it needs at least a header row)."]
    if len(text.decode("utf-8", errors="replace").strip().splitlines()) < 2:
        return [f"{shown}, row 2: the file has a header but no data rows."]
    try:
        resource = Resource(descriptor, basepath=str(paths.data_dir()))
        report = resource.validate(checklist=Checklist(checks=[checks.duplicate_row()]))
    except Exception as exc:  # frictionless raises its own errors for broken descriptors
        return [f"{DESCRIPTOR}, table '{name}': {exc}"]
    types = {f.get("name", ""): f.get("type", "string")
             for f in descriptor.get("schema", {}).get("fields", []) if isinstance(f, dict)}
    problems: list[str] = []
    repeated: set[int] = set()
    for task in report.tasks:
        for error in task.errors:
            # A repeated row trips the primary key, the unique rule and the duplicate
            # check at once: say it once.
            if error.type in ("primary-key", "duplicate-row", "unique-error"):
                if error.row_number in repeated:
                    continue
                repeated.add(error.row_number)
            problems.append(_message(shown, error, types))
    return problems


def load(name: str) -> pd.DataFrame:
    """A table as a pandas DataFrame, with where it came from in `table.attrs`.

    Stops with a DatasetError naming the file, row and column if the CSV does not match
    its description (a missing column, text in a number column, a repeated row, an
    empty file)."""
    problems = validate(name)
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise DatasetError(" ".join(problems[:3]) + more)
    resource = _resource(name)
    file = paths.data_dir() / resource["path"]
    fields = resource.get("schema", {}).get("fields", [])
    dtypes = {f["name"]: DTYPES.get(f.get("type", "string"), "string") for f in fields}
    table = pd.read_csv(file, dtype=dtypes, keep_default_na=False,
                        na_values=resource.get("schema", {}).get("missingValues", [""]))
    table.attrs.update(provenance(name))
    return table


def provenance(name: str) -> dict[str, Any]:
    """Where a table comes from: the descriptor's fields for it, plus its source line."""
    resource = _resource(name)
    info: dict[str, Any] = {"name": name}
    for key in PROVENANCE:
        if key in resource:
            info[key] = resource[key]
    sources = resource.get("sources") or []
    info["urls"] = [s.get("path", "") for s in sources if isinstance(s, dict)]
    licences = resource.get("licenses") or []
    info["licence"] = "; ".join(str(lic.get("title") or lic.get("name")) for lic in licences
                                if isinstance(lic, dict))
    info["path"] = f"data/{resource.get('path', '')}"
    info["source_line"] = _line(info)
    return info


def _line(info: dict[str, Any]) -> str:
    if info.get("synthetic"):
        return (f"Source: SYNTHETIC data, made up for teaching by "
                f"tools/make_synthetic_tables.py ({info.get('edition', 'seeded')}); "
                f"not real figures.")
    url = info["urls"][0] if info.get("urls") else ""
    cite = info.get("cite", info.get("title", "?"))
    return f"Source: {cite}. {url} (checked {info.get('checked', '?')})"


def source_line(table: pd.DataFrame | str) -> str:
    """The one-line source printed under a table or figure."""
    if isinstance(table, str):
        return provenance(table)["source_line"]
    line = table.attrs.get("source_line")
    if not line:
        raise DatasetError("This table has no source attached (it did not come from "
                           "datasets.load, or its attrs were dropped); pass source=... .")
    return str(line)


def describe(name: str | None = None) -> Any:
    """A small HTML card with a table's provenance (every table's, without a name)."""
    from IPython.display import HTML

    if name is None:
        return HTML("".join(describe(n).data for n in names()))
    info = provenance(name)
    rows = [("Title", info.get("title", "")), ("Publisher", info.get("publisher", "")),
            ("Table", info.get("table", "")), ("Edition", info.get("edition", "")),
            ("Period", info.get("period", "")), ("Licence", info.get("licence", "")),
            ("Checked", info.get("checked", "")),
            ("Changes made", "; ".join(info.get("transformations", []))),
            ("Web page", " ".join(info.get("urls", [])))]
    body = "".join(f"<tr><th scope='row'>{html.escape(k)}</th><td>{html.escape(str(v))}</td>"
                   f"</tr>" for k, v in rows if v)
    return HTML(f"<table class='praxis-provenance'><caption>{html.escape(name)}</caption>"
                f"{body}</table>")


def check_totals(name: str) -> tuple[int, list[str]]:
    """Check the descriptor's `totals` rules for one table: (rules checked, problems).

    Two kinds of rule, each with a `why` that says what the publisher documents:
      {"column": c, "sum": 100, "tolerance": 2}      the column adds up to about 100
      {"column": c, "key": k, "total_row": "Total",  the other rows add up to MORE than
       "parts_exceed_total": true}                   the total row (e.g. hate crime
                                                     strands: one offence, several flags)
    """
    rules = _resource(name).get("totals") or []
    table = load(name)
    problems = []
    for rule in rules:
        column = rule.get("column")
        if column not in table.columns:
            problems.append(f"{name}: totals rule names a missing column '{column}'.")
            continue
        if rule.get("parts_exceed_total"):
            key, total_label = rule.get("key"), rule.get("total_row")
            is_total = table[key] == total_label
            if is_total.sum() != 1:
                problems.append(f"{name}: expected one '{total_label}' row in '{key}'.")
                continue
            total = float(table.loc[is_total, column].iloc[0])
            parts = float(table.loc[~is_total, column].sum())
            if not parts > total:
                problems.append(f"{name}: the parts of '{column}' add up to {parts:g}, not "
                                f"more than the total {total:g}, though {rule.get('why')}")
        else:
            total = float(table[column].sum())
            expected, tolerance = float(rule["sum"]), float(rule.get("tolerance", 0))
            if abs(total - expected) > tolerance:
                problems.append(f"{name}: '{column}' adds up to {total:g}, not {expected:g} "
                                f"(within {tolerance:g}). {rule.get('why', '')}")
    return len(rules), problems


class ShownTable:
    """A table displayed with its title and its one-line source underneath."""

    def __init__(self, table: pd.DataFrame, source: str | None = None, title: str = "",
                 digits: int = 3):
        self.table = table
        self.source = source if source is not None else source_line(table)
        self.title = title or str(table.attrs.get("title", ""))
        self.digits = digits

    def _format(self, value: Any) -> str:
        if pd.isna(value):
            return "not published"
        if isinstance(value, float):
            return f"{round(value, self.digits):g}"
        return str(value)

    def _frame(self) -> pd.DataFrame:
        return self.table.astype(object).apply(lambda column: column.map(self._format))

    def _repr_html_(self) -> str:
        body = self._frame().to_html(index=False, escape=True)
        caption = f"<p><strong>{html.escape(self.title)}</strong></p>" if self.title else ""
        return (f'<div class="praxis-table">{caption}{body}'
                f'<p class="praxis-source"><small>{html.escape(self.source)}</small></p></div>')

    def __repr__(self) -> str:
        text = self._frame().to_string(index=False)
        return (f"{self.title}\n" if self.title else "") + f"{text}\n{self.source}"


def show(table: pd.DataFrame, source: str | None = None, title: str = "",
         digits: int = 3) -> ShownTable:
    """Display a table with its source line under it (numbers rounded for reading)."""
    return ShownTable(table, source, title, digits)
