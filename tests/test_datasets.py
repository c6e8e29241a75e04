"""The data package: every table against its descriptor, provenance complete, totals that
must add up (and the documented ones that must not), synthetic tables reproducible, and
a broken CSV stopping with a message that names the file, the row and the column."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from frictionless import validate as frictionless_validate

from conftest import ROOT
from praxislab import datasets

DESCRIPTOR = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = DESCRIPTOR["resources"]
NAMES = [r["name"] for r in RESOURCES]
REAL = [r for r in RESOURCES if not r.get("synthetic")]
PROVENANCE_KEYS = ("title", "cite", "publisher", "table", "edition", "period", "checked",
                   "transformations", "sources", "licenses", "schema")
PANDAS_KIND = {"integer": "Int64", "number": "Float64", "string": "string"}


def test_the_package_lists_tables_and_every_csv_is_listed() -> None:
    assert len(NAMES) >= 5 and len(set(NAMES)) == len(NAMES)
    listed = {(ROOT / "data" / r["path"]).resolve() for r in RESOURCES}
    on_disk = {p.resolve() for p in (ROOT / "data" / "tables").glob("*.csv")}
    assert on_disk == listed, f"CSV files and descriptor disagree: {on_disk ^ listed}"
    print(f"{len(NAMES)} tables listed, {len(on_disk)} CSV files")


def test_frictionless_validates_the_whole_package() -> None:
    report = frictionless_validate(str(ROOT / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_table_loads_typed_with_provenance(name: str) -> None:
    table = datasets.load(name)
    resource = next(r for r in RESOURCES if r["name"] == name)
    fields = resource["schema"]["fields"]
    assert list(table.columns) == [f["name"] for f in fields]
    assert len(table) >= 2
    for field in fields:
        assert str(table[field["name"]].dtype) == PANDAS_KIND[field["type"]], field["name"]
    assert table.attrs["publisher"] and table.attrs["checked"] == "2026-11-21"
    line = datasets.source_line(table)
    assert line.startswith("Source: ")
    if resource.get("synthetic"):
        assert "SYNTHETIC" in line and "not real" in line
    else:
        assert "2026-11-21" in line and resource["sources"][0]["path"] in line
    assert datasets.source_line(name) == line


@pytest.mark.parametrize("resource", RESOURCES, ids=NAMES)
def test_provenance_is_complete(resource: dict) -> None:
    missing = [k for k in PROVENANCE_KEYS if not resource.get(k)]
    assert not missing, f"{resource['name']}: missing {missing}"
    assert resource["checked"] == "2026-11-21"
    assert all(s.get("path") for s in resource["sources"])
    synthetic = bool(resource.get("synthetic"))
    for text in (resource["name"], resource["title"], resource["path"]):
        assert ("synthetic" in text.lower()) == synthetic, text
    if not synthetic:
        assert all(s["path"].startswith("https://") for s in resource["sources"])


def test_uk_tables_carry_the_open_government_licence() -> None:
    uk = [r for r in REAL if "gov.uk" in " ".join(s["path"] for s in r["sources"])]
    assert len(uk) >= 2
    for resource in uk:
        assert any(lic["name"] == "OGL-UK-3.0" for lic in resource["licenses"]), resource["name"]


def test_totals_that_must_add_up_and_those_that_must_not() -> None:
    checked = 0
    for name in NAMES:
        count, problems = datasets.check_totals(name)
        assert not problems, problems
        checked += count
    assert checked >= 2
    print(f"{checked} totals rules checked")


def test_a_parts_exceed_total_rule_fails_when_parts_do_not(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule for multi-flagged counts (hate crime strands) can fail."""
    root = _copy_collection(tmp_path, monkeypatch)
    (root / "data" / "tables" / "demo.csv").write_text("strand,offences\nTotal,100\nA,60\nB,30\n")
    package = json.loads((root / "data" / "datapackage.json").read_text())
    package["resources"].append({
        "name": "demo", "path": "tables/demo.csv", "schema": {"fields": [
            {"name": "strand", "type": "string"}, {"name": "offences", "type": "integer"}]},
        "totals": [{"column": "offences", "key": "strand", "total_row": "Total",
                    "parts_exceed_total": True, "why": "one offence can carry two flags."}]})
    (root / "data" / "datapackage.json").write_text(json.dumps(package))
    count, problems = datasets.check_totals("demo")
    assert count == 1 and len(problems) == 1 and "not more than the total 100" in problems[0]


def test_documented_figures_are_what_the_publishers_say() -> None:
    us = datasets.load("us-foster-care-by-race-2021").set_index("group")
    assert us.loc["Black", "share_in_care_pct"] == 22
    assert us.loc["Black", "share_of_child_population_pct"] == 14
    assert pd.isna(us.loc["Two or more races", "share_of_child_population_pct"])
    england = datasets.load("england-looked-after-by-ethnicity-2023").set_index("group")
    assert england.loc["White", "share_looked_after_pct"] == 71
    mha = datasets.load("mha-detentions-by-ethnicity").set_index(["period", "group"])
    ratio_2023 = mha.loc[("2022-23", "Black"), "rate_per_100000"] / mha.loc[
        ("2022-23", "White"), "rate_per_100000"]
    ratio_2022 = mha.loc[("2021-22", "Black"), "rate_per_100000"] / mha.loc[
        ("2021-22", "White"), "rate_per_100000"]
    assert 3.4 < ratio_2023 < 3.6      # "3.5 times as likely"
    assert 4.5 < ratio_2022 < 5.0      # "almost 5 times as likely"


def test_synthetic_tables_come_from_the_seeded_script(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "make_synthetic_tables.py"),
                             "--check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "again"
    out.mkdir()
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_synthetic_tables.py"), "--out",
                    str(out)], check=True, capture_output=True, timeout=120)
    made = sorted(p.name for p in out.glob("*.csv"))
    assert made == sorted(p.name for p in (ROOT / "data" / "tables").glob("synthetic-*.csv"))
    assert len(made) == 2


def test_decision_points_only_ever_narrow() -> None:
    table = datasets.load("synthetic-county-decision-points")
    groups = 0
    for _, rows in table.groupby("group"):
        counts = list(rows["children"])
        assert counts == sorted(counts, reverse=True)
        assert counts[0] <= rows["child_population"].iloc[0]
        groups += 1
    assert groups == 2


# -- broken files -------------------------------------------------------------------------

TARGET = "us-foster-care-by-race-2021"
FILE = "data/tables/us-foster-care-by-race-2021.csv"


def _copy_collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "collection"
    shutil.copytree(ROOT / "data", root / "data")
    (root / "notebooks").mkdir()
    monkeypatch.setenv("PRAXISLAB_ROOT", str(root))
    return root


def _good() -> str:
    return (ROOT / FILE).read_text(encoding="utf-8")


BROKEN = {
    "missing column": (lambda t: "\n".join(",".join(line.split(",")[:2])
                                           for line in t.splitlines()) + "\n",
                       ["row 1", "column 'share_of_child_population_pct'"]),
    "text in a number column": (lambda t: t.replace("Black,22,14", "Black,twenty-two,14"),
                                ["row 3", "column 'share_in_care_pct'", "'twenty-two'",
                                 "not a number"]),
    "duplicated row": (lambda t: t + "Black,22,14\n", ["row 8", "repeats"]),
    "empty file": (lambda t: "", ["row 1", "empty"]),
    "header only": (lambda t: t.splitlines()[0] + "\n", ["row 2", "no data rows"]),
    "short row": (lambda t: t.replace("Black,22,14", "Black,22"),
                  ["row 3", "column 'share_of_child_population_pct'", "missing"]),
    "negative share": (lambda t: t.replace("Black,22,14", "Black,-22,14"),
                       ["row 3", "column 'share_in_care_pct'", "'-22'"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_csv_names_file_row_and_column(case: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = _copy_collection(tmp_path, monkeypatch)
    change, expected = BROKEN[case]
    (root / FILE).write_text(change(_good()), encoding="utf-8")
    with pytest.raises(datasets.DatasetError) as caught:
        datasets.load(TARGET)
    message = str(caught.value)
    assert FILE in message
    for part in expected:
        assert part in message, f"{case}: '{part}' not in: {message}"
    assert "Traceback" not in "\n".join(caught.value._render_traceback_())
    others = [n for n in NAMES if n != TARGET]
    assert all(len(datasets.load(n)) >= 2 for n in others)
    assert len(others) == len(NAMES) - 1


def test_an_unknown_table_lists_the_real_ones() -> None:
    with pytest.raises(datasets.DatasetError, match="no table called 'nope'.*us-foster-care"):
        datasets.load("nope")


def test_a_broken_descriptor_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _copy_collection(tmp_path, monkeypatch)
    (root / "data" / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    with pytest.raises(datasets.DatasetError, match=r"datapackage\.json: not valid JSON at line 1"):
        datasets.load(TARGET)
