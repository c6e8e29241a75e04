"""The figure audit in docs/data.md and the shipped tables agree, cell for cell.

Every number in every non-synthetic CSV must have exactly one row in the audit table
("Figure audit (...)" in docs/data.md), with the same value and a match of "yes"; an
audit row for a table that is in this checkout must point at a real cell. So changing a
published figure without re-checking it (and recording the check) fails here.
"""

from __future__ import annotations

import csv
import json
import re

from conftest import ROOT

DOC = ROOT / "docs" / "data.md"
DESCRIPTOR = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
REAL = [r for r in DESCRIPTOR["resources"] if not r.get("synthetic")]
ROW = re.compile(r"^\| `(?P<table>[a-z0-9-]+)`(?: \((?P<branch>[a-z-]+)\))? \| (?P<row>[^|]+) \| "
                 r"`(?P<column>[a-z0-9_]+)` \| (?P<shipped>[^|]+) \| (?P<publisher>[^|]+) \| "
                 r"(?P<page>[^|]+) \| (?P<edition>[^|]+) \| (?P<match>[^|]+) \|$")


def audit_rows() -> list[dict[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## Figure audit (")
    section = text[start:]
    end = section.find("\n## ", 4)
    section = section if end == -1 else section[:end]
    rows = [m.groupdict() for m in map(ROW.match, section.splitlines()) if m]
    return [{k: (v or "").strip() for k, v in r.items()} for r in rows]


def shipped_cells() -> dict[tuple[str, str, str], str]:
    cells = {}
    for resource in REAL:
        fields = resource["schema"]["fields"]
        numeric = [f["name"] for f in fields if f["type"] in ("number", "integer")]
        key = resource["schema"]["primaryKey"]
        path = ROOT / "data" / resource["path"]
        with path.open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                label = " / ".join(record[k] for k in key)
                for column in numeric:
                    if record[column] != "":
                        cells[(resource["name"], label, column)] = record[column]
    return cells


def test_every_shipped_figure_is_in_the_audit_with_the_same_value() -> None:
    rows = audit_rows()
    cells = shipped_cells()
    assert len(REAL) >= 4 and len(cells) >= 40, (len(REAL), len(cells))
    audited = {}
    for row in rows:
        key = (row["table"], row["row"], row["column"])
        assert key not in audited, f"audit row listed twice: {key}"
        audited[key] = row
    missing = sorted(set(cells) - set(audited))
    assert not missing, f"figures shipped but not in the audit in docs/data.md: {missing}"
    for key, value in cells.items():
        row = audited[key]
        assert float(row["shipped"]) == float(value), (
            f"{key}: the CSV has {value}, the audit says {row['shipped']}: re-check it")
        assert row["match"].startswith("yes"), f"{key}: audit says {row['match']!r}"
        assert row["page"] not in ("", "-") and row["publisher"] not in ("", "NOT FOUND"), key
    print(f"{len(cells)} shipped figures in {len(REAL)} tables, all in the audit and matching")


def test_audit_rows_for_tables_in_this_checkout_point_at_real_cells() -> None:
    rows = audit_rows()
    cells = shipped_cells()
    here = {r["name"] for r in REAL}
    local = [r for r in rows if r["table"] in here]
    elsewhere = [r for r in rows if r["table"] not in here]
    assert len(local) >= 40, len(local)
    stray = [(r["table"], r["row"], r["column"]) for r in local
             if (r["table"], r["row"], r["column"]) not in cells]
    assert not stray, f"audit rows for cells that do not exist: {stray}"
    # Rows for tables from another branch must say which branch they come from.
    assert all(r["branch"] for r in elsewhere), [r["table"] for r in elsewhere if not r["branch"]]
    print(f"{len(local)} audit rows checked against the CSVs; {len(elsewhere)} for other branches")

