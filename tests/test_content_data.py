"""Teaching content kept as data (data/content/): it loads, it says what the lessons need it
to say, and a broken file gives a message that names the file and the field."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from matplotlib.patches import Circle

from conftest import ROOT
from praxislab import content
from praxislab.diagrams import adp_aop, graces, oppression, power, start
from praxislab.validate import ContentError

CONTENT = ROOT / "data" / "content"
SCHEMAS = sorted((ROOT / "src" / "praxislab" / "schemas").glob("content-*.schema.json"))


def test_content_files_and_schemas_found() -> None:
    files = sorted(p.name for p in CONTENT.iterdir())
    assert files == ["00-first-lens.yaml", "02-hiring-synthetic.csv", "02-single-axis.yaml",
                     "03-graces.yaml", "04-lunch-club.yaml",
                     # lessons 09-10 (checked in tests/test_action.py)
                     "09-assessment-rewrite.yaml", "10-raising-a-concern.yaml",
                     "10-schemes.yaml"]
    # lens, graces, hiring, hiring row, practice report; rewrite and schemes (lessons 09-10)
    assert len(SCHEMAS) == 7
    for schema in SCHEMAS:
        Draft202012Validator.check_schema(json.loads(schema.read_text("utf-8")))


def test_every_content_file_loads() -> None:
    cases = [content.lens_case(name) for name in ("00-first-lens", "04-lunch-club")]
    assert [len(c.lenses) for c in cases] == [2, 2]
    assert len(content.graces()) == 15
    assert len(content.hiring_table().rows) == 4
    assert start.first_lens().lenses[0].key == "adp"
    assert len(graces.rating_scale().items) == 15


def test_hiring_table_hides_black_women_on_each_single_axis() -> None:
    table = content.hiring_table()
    assert table.case["synthetic"] is True and "synthetic" in table.file
    for view in ("race", "sex"):
        rates = {Fraction(h, a) for _, a, h in table.totals(view)}
        assert len(rates) == 1, (view, table.totals(view))
    rates = {name: Fraction(h, a) for name, a, h in table.totals("intersection")}
    assert min(rates, key=rates.get) == "Black women"
    others = [r for name, r in rates.items() if name != "Black women"]
    assert all(rates["Black women"] * 3 < r for r in others)


def test_single_axis_case_views() -> None:
    case = oppression.single_axis_case()
    assert [lens.key for lens in case.lenses] == ["race", "sex", "intersection"]
    assert all(lens.figure is not None for lens in case.lenses)
    assert "Black women" in case.lenses[2].figure.alt
    assert "SYNTHETIC" in case.heading.upper()


def test_lunch_club_teaches_adp_structural_tools() -> None:
    text = adp_aop.lunch_club_lens().fallback_text()
    assert "section 19" in text and "section 149" in text
    assert "reaches all three" in text
    alt = adp_aop.reach_of_each_approach().alt
    assert "Both approaches act at all three levels" in alt


def test_connected_model_draws_solid_outer_and_dashed_inner_line() -> None:
    fig = power.boundary_models().fig
    connected = fig.axes[1]
    edges = {round(p.radius, 2): p.get_linestyle() for p in connected.patches
             if isinstance(p, Circle) and p.get_facecolor()[3] == 0 and p.radius > 1}
    assert len(edges) == 2, edges
    outer, inner = edges[max(edges)], edges[min(edges)]
    assert outer in ("-", "solid"), outer
    assert inner not in ("-", "solid"), inner


# -- broken files give messages naming the file and field ---------------------------------

@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def _error(call) -> str:
    with pytest.raises(ContentError) as info:
        call()
    return str(info.value)


def test_lens_case_errors_name_file_and_field(folder: Path) -> None:
    path = folder / "04-lunch-club.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("heading: \"The lunch club through two lenses\"\n", "")
                    .replace("title: \"ADP lens\"", "title: 42")
                    .replace("key: aop", "key: aop\n    colour: red"), "utf-8")
    message = _error(lambda: content.lens_case("04-lunch-club", folder))
    assert "04-lunch-club.yaml: field 'heading'" in message
    assert "lenses[1].title" in message
    assert "colour" in message


def test_bad_yaml_and_missing_file(folder: Path) -> None:
    (folder / "04-lunch-club.yaml").write_text("heading: [unclosed\n", "utf-8")
    assert "valid YAML" in _error(lambda: content.lens_case("04-lunch-club", folder))
    assert "readable file" in _error(lambda: content.lens_case("no-such-case", folder))


def test_hiring_table_that_no_longer_hides_anyone_is_refused(folder: Path) -> None:
    csv = folder / "02-hiring-synthetic.csv"
    csv.write_text(csv.read_text("utf-8").replace("Black,women,40,2", "Black,women,40,11"),
                   "utf-8")
    message = _error(lambda: content.hiring_table(folder))
    assert "02-hiring-synthetic.csv" in message and "hired (by race only)" in message


def test_hiring_row_errors(folder: Path) -> None:
    csv = folder / "02-hiring-synthetic.csv"
    csv.write_text(csv.read_text("utf-8").replace("white,men,200,40", "white,men,lots,40"),
                   "utf-8")
    message = _error(lambda: content.hiring_table(folder))
    assert "02-hiring-synthetic.csv row 3: field 'applicants'" in message


def test_hiring_case_must_say_synthetic(folder: Path) -> None:
    path = folder / "02-single-axis.yaml"
    path.write_text(path.read_text("utf-8").replace("synthetic: true", "synthetic: false"),
                    "utf-8")
    assert "field 'synthetic'" in _error(lambda: content.hiring_table(folder))


def test_duplicate_grace_is_refused(folder: Path) -> None:
    path = folder / "03-graces.yaml"
    path.write_text(path.read_text("utf-8") + '  - {key: race-2, label: "Race"}\n', "utf-8")
    assert "graces[].label" in _error(lambda: content.graces(folder))


def test_check_all_reports_every_file(folder: Path) -> None:
    checked, problems = content.check_all()
    assert (checked, problems) == (5, [])  # four content files and one practice report
    (folder / "03-graces.yaml").write_text("graces: 3\n", "utf-8")
    (folder / "04-lunch-club.yaml").write_text("heading: x\n", "utf-8")
    checked, problems = content.check_all(folder)
    assert checked == 4 and len(problems) == 2
    assert problems[0].startswith("04-lunch-club.yaml") and problems[1].startswith("03-graces")


def test_huge_or_missing_table_is_refused(folder: Path) -> None:
    csv = folder / "02-hiring-synthetic.csv"
    csv.write_text("race,sex,applicants,hired\n" + "x,y,1,0\n" * 40_000, "utf-8")
    assert "kB" in _error(lambda: content.hiring_table(folder))
    csv.unlink()
    assert "field 'table'" in _error(lambda: content.hiring_table(folder))


def test_the_check_content_command() -> None:
    from praxislab.cli import main

    assert main(["check-content"]) == 0
