"""The competency map: objectives and tags live once, in notebook metadata; the map and
the README's lesson table are made from them and must be up to date."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from praxislab import competencies as comp
from praxislab import paths
from praxislab.cli import main

ROOT = paths.collection_root()


@pytest.fixture(scope="module")
def frameworks() -> dict[str, comp.Framework]:
    return comp.load_frameworks()


@pytest.fixture(scope="module")
def lessons() -> list[comp.LessonInfo]:
    return comp.read_lessons()


def test_frameworks_hold_the_real_lists(frameworks) -> None:
    assert list(frameworks) == ["cswe", "pcf", "swe"]
    assert list(frameworks["cswe"].items) == [str(i) for i in range(1, 10)]
    assert "Anti-Racism, Diversity, Equity, and Inclusion" in frameworks["cswe"].items["3"]
    assert "Racial" in frameworks["cswe"].items["2"]
    assert list(frameworks["pcf"].items) == [str(i) for i in range(1, 10)]
    assert frameworks["pcf"].items["3"] == "Diversity and equality"
    headings = [k for k in frameworks["swe"].items if "." not in k]
    assert headings == ["1", "2", "3", "4", "5", "6"]
    assert [k for k in frameworks["swe"].items if k.startswith("1.")] == [
        f"1.{i}" for i in range(1, 8)]


def test_every_lesson_is_tagged_and_every_tag_exists(lessons, frameworks) -> None:
    problems = comp.check(lessons, frameworks, comp.AWAITING)
    assert not problems, "\n".join(problems)
    tagged = [x for x in lessons if x.objectives]
    assert len(tagged) >= 7, [x.stem for x in tagged]
    n_objectives = sum(len(x.objectives) for x in tagged)
    n_tags = sum(len(ids) for x in tagged for o in x.objectives for ids in o.tags.values())
    assert n_objectives >= 30 and n_tags >= 100, (n_objectives, n_tags)
    print(f"{len(tagged)} lessons, {n_objectives} objectives, {n_tags} tags checked")


def test_the_issue_asks_for_cswe_2_3_and_6_to_9(lessons) -> None:
    used = {i for x in lessons for o in x.objectives or [] for i in o.tags.get("cswe", [])}
    assert {"2", "3", "6", "7", "8", "9"} <= used, used


def test_metadata_objectives_match_the_first_cell(lessons) -> None:
    checked = 0
    for lesson in lessons:
        if lesson.objectives is None:
            continue
        assert [o.text for o in lesson.objectives] == lesson.first_cell_objectives, lesson.stem
        checked += len(lesson.objectives)
    assert checked >= 30


def _copy(tmp_path: Path) -> Path:
    for part in ("notebooks", "data"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copyfile(ROOT / "README.md", tmp_path / "README.md")
    (tmp_path / "docs").mkdir()
    shutil.copyfile(ROOT / comp.MAP_FILE, tmp_path / comp.MAP_FILE)
    return tmp_path


def _edit(path: Path, change) -> None:
    nb = json.loads(path.read_text("utf-8"))
    change(nb)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", "utf-8")


def test_committed_map_and_readme_table_are_up_to_date() -> None:
    outputs, problems = comp.build()
    assert not problems, problems
    assert len(outputs) == 2
    for path, text in outputs.items():
        assert path.read_text("utf-8") == text, f"{path} is out of date: run " \
            "`praxislab competencies` and commit it"


def test_a_tag_that_does_not_exist_fails(tmp_path) -> None:
    root = _copy(tmp_path)
    _edit(root / "notebooks/02-oppression.ipynb",
          lambda nb: nb["metadata"]["praxislab"]["objectives"][0]["cswe"].append("10"))
    _edit(root / "notebooks/04-adp-vs-aop.ipynb",
          lambda nb: nb["metadata"]["praxislab"]["objectives"][1].update(nasw=["1"]))
    _, problems = comp.build(root)
    assert len(problems) == 2, problems
    assert "cswe `10` does not exist" in problems[0] and "02-oppression" in problems[0]
    assert "`nasw` is not a framework" in problems[1]


def test_an_edited_objective_or_a_stale_map_fails(tmp_path) -> None:
    root = _copy(tmp_path)

    def reword(nb):
        source = nb["cells"][0]["source"]
        nb["cells"][0]["source"] = [line.replace("six bases of power", "bases of power")
                                    for line in source]
    _edit(root / "notebooks/01-power.ipynb", reword)
    _, problems = comp.build(root)
    assert len(problems) == 1 and "differ from the **Objectives**" in problems[0], problems

    root2 = _copy(tmp_path / "two")
    _edit(root2 / "notebooks/06-disproportionality.ipynb",
          lambda nb: nb["metadata"]["praxislab"]["objectives"][0]["pcf"].append("9"))
    outputs, problems = comp.build(root2)
    assert not problems
    stale = [p for p, t in outputs.items() if p.read_text("utf-8") != t]
    assert stale == [root2 / comp.MAP_FILE]


def test_missing_objectives_and_awaiting_list(tmp_path) -> None:
    root = _copy(tmp_path)
    _edit(root / "notebooks/08-who-holds-power.ipynb",
          lambda nb: nb["metadata"]["praxislab"].pop("objectives"))
    _, problems = comp.build(root)
    assert len(problems) == 1 and "objectives is missing" in problems[0]
    lessons = comp.read_lessons(root / "notebooks")
    assert not comp.check(lessons, comp.load_frameworks(), frozenset({"08"}))
    later = comp.check(comp.read_lessons(), comp.load_frameworks(), frozenset({"01"}))
    assert len(later) == 1 and "take 01 off the awaiting list" in later[0]


def test_bad_frameworks_file_names_file_and_field(tmp_path) -> None:
    cases = {
        "a: [": "competencies.yaml",
        "frameworks: 3\n": "needs a mapping `frameworks:`",
        "frameworks:\n  x:\n    name: X\n    short: X\n    source: S\n    items: {}\n":
            "frameworks.x.items",
        "frameworks:\n  x:\n    short: X\n    source: S\n    items: {'1': a}\n":
            "frameworks.x.name",
    }
    for text, expected in cases.items():
        file = tmp_path / "competencies.yaml"
        file.write_text(text)
        with pytest.raises(comp.CompetencyError, match=expected.replace(".", r"\.")):
            comp.load_frameworks(file)


def test_lesson_table_has_a_row_per_notebook(lessons) -> None:
    table = comp.lesson_table_markdown(lessons)
    rows = [r for r in table.splitlines() if r.startswith("| `")]
    assert len(rows) == len(lessons) >= 9
    for lesson in lessons:
        if lesson.summary:
            assert lesson.summary["exercise"] in table and lesson.summary["content_note"] in table
            assert f"about {lesson.minutes} min" in table
    html = comp.lesson_table(lessons).data
    assert html.count("<tr>") == len(lessons) + 1 and "<caption>" in html


def test_times_come_from_the_first_cell(lessons) -> None:
    minutes = {x.number: x.minutes for x in lessons}
    assert minutes["01"] == 85 and minutes["06"] == 80 and minutes["07"] == 100
    assert minutes["00"] == 15 and minutes["05"] == 45


def test_cli_check_passes_and_fails(tmp_path, monkeypatch, capsys) -> None:
    assert main(["competencies", "--check"]) == 0
    assert "0 out of date, 0 problem(s)" in capsys.readouterr().out
    root = _copy(tmp_path)
    (root / comp.MAP_FILE).write_text("old\n")
    monkeypatch.setenv("PRAXISLAB_ROOT", str(root))
    assert main(["competencies", "--check"]) == 1
    assert "out of date" in capsys.readouterr().out
    assert main(["competencies"]) == 0
    assert main(["competencies", "--check"]) == 0


@pytest.mark.parametrize("line, minutes", [
    ("about 18 minutes reading ... and about 58 minutes of activities: about 75 minutes in "
     "class, about 70 working alone", 75),
    ("30 minutes teaching, 45 minutes activities and discussion (about 75 minutes).", 75),
    ("about 20 minutes reading and about 65 minutes of activities", 65),
    ("15 minutes", 15),
    ("no number here", None),
])
def test_the_session_time_is_the_total_not_the_reading_time(line: str, minutes) -> None:
    assert comp._minutes(line) == minutes


def test_the_start_page_lists_every_notebook_with_its_time() -> None:
    from praxislab import Lesson

    shown = Lesson("00-start-here").contents().data
    stems = [p.stem for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))]
    assert len(stems) >= 11 and all(stem in shown for stem in stems)
    assert shown.count("about ") >= len(stems) and f"{len(stems)} notebooks" in shown
