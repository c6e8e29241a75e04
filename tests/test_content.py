"""Content lint: every notebook has the shape docs/writing-lessons.md describes.

The rules live in `praxislab.lint`, which returns problems instead of asserting, so this
file can show that each rule fails on a made-up bad notebook as well as passing the real
ones. A lint with no bad examples can be weakened without anyone noticing.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import ROOT
from praxislab import lint

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _nb(path: Path):
    return nbformat.read(path, as_version=4)


LESSONS = [p for p in NOTEBOOKS if lint.kind_of(_nb(p), p.stem) in lint.TAUGHT]


def test_lessons_exist() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert names[0] == "00-start-here"
    assert len(NOTEBOOKS) >= 6 and len(LESSONS) >= 4, (len(NOTEBOOKS), len(LESSONS))
    print(f"linting {len(NOTEBOOKS)} notebooks ({len(LESSONS)} lessons)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_notebook_keeps_every_rule(path: Path) -> None:
    nb = _nb(path)
    problems = lint.lint_notebook(nb, path.stem)
    assert not problems, f"{path.name}: " + "; ".join(problems)
    if path in LESSONS:
        print(f"{path.stem}: {lint.prose_words(nb)} words")


def test_every_notebook_has_a_known_kind() -> None:
    kinds = {p.stem: lint.kind_of(_nb(p), p.stem) for p in NOTEBOOKS}
    unknown = sorted(stem for stem, kind in kinds.items() if kind is None)
    assert not unknown, f"notebooks whose praxislab.kind is not known: {unknown}"
    assert kinds["00-start-here"] == "start"
    assert len(kinds) == len(NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_activities_named_in_the_lesson_exist(path: Path) -> None:
    from praxislab.activities import load_activities

    code = "\n".join(c.source for c in _nb(path).cells if c.cell_type == "code")
    named = re.findall(r"lesson\.(?:activity|check)\(\s*['\"]([^'\"]+)['\"]", code)
    if not named:
        pytest.skip(f"{path.name} names no activities")
    defined = load_activities(path.stem)
    missing = sorted(set(named) - set(defined))
    assert not missing, f"{path.name} uses activities not in its YAML file: {missing}"
    print(f"{path.stem}: {len(set(named))} activities found in its YAML file")


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "tools",
                             "bench", "--output-format", "concise"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- The lint can fail: one made-up notebook per rule -------------------------------------

STEM = "99-made-up"
PROSE = " ".join(["word"] * (lint.MIN_WORDS + 20))


def good_lesson() -> nbformat.NotebookNode:
    """A small notebook that keeps every rule; each bad example breaks exactly one."""
    first = ("# A made-up lesson\n\n**Time:** 10 minutes.\n\n**Content note:** none really.\n\n"
             "**Questions**\n- What?\n\n**Objectives**\n- This.\n")
    setup = new_code_cell(f'from praxislab import Lesson\nlesson = Lesson("{STEM}")',
                          metadata={"tags": ["setup"]})
    body = [
        new_markdown_cell("## Part one\n\n" + PROSE),
        new_code_cell('lesson.activity("a")\nlesson.activity("b")\nlesson.lens(case)'),
        new_code_cell('lesson.reflect("r1", "One?")\nlesson.reflect("r2", "Two?")\n'
                      'lesson.reflect("r3", "Three?")'),
        new_markdown_cell("### A subsection\n\nText.\n\n## References\n\nYoung (1990)."),
        new_markdown_cell("## Key points\n- One.\n\n## Where next\nLesson 02."),
    ]
    nb = new_notebook(cells=[new_markdown_cell(first), setup, *body])
    nb.metadata["praxislab"] = {"sensitive": True}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


def _first(nb, old: str, new: str) -> None:
    assert old in nb.cells[0].source
    nb.cells[0].source = nb.cells[0].source.replace(old, new)


def _cell(nb, index: int, old: str, new: str) -> None:
    assert old in nb.cells[index].source
    nb.cells[index].source = nb.cells[index].source.replace(old, new)


def _kind(value):
    def mutate(nb):
        nb.metadata["praxislab"]["kind"] = value
    return mutate


BAD = {
    "two H1s": (lambda nb: _cell(nb, 2, "## Part one", "# Part one"), "exactly one H1"),
    "setext H1 below the title": (
        lambda nb: _cell(nb, 2, "## Part one", "Part one\n========"), "exactly one H1"),
    "setext H1 as the only title": (
        lambda nb: _first(nb, "# A made-up lesson", "A made-up lesson\n================"),
        None),  # a setext title is still one H1 at the top: allowed
    "no H1": (lambda nb: _first(nb, "# A made-up lesson", "## A made-up lesson"),
              "exactly one H1"),
    "H1 not at the top": (lambda nb: _first(nb, "# A made-up lesson\n\n", "Intro.\n\n# A\n\n"),
                          "exactly one H1"),
    "first cell is code": (lambda nb: nb.cells.insert(0, new_code_cell("1")),
                           "first cell is not markdown"),
    "no time": (lambda nb: _first(nb, "**Time:**", "Time:"), "no **Time:**"),
    "no questions": (lambda nb: _first(nb, "**Questions**", "Questions"), "no **Questions**"),
    "no objectives": (lambda nb: _first(nb, "**Objectives**", "Aims"), "no **Objectives**"),
    "no sensitive flag": (lambda nb: nb.metadata["praxislab"].pop("sensitive"),
                          "praxislab.sensitive"),
    "sensitive as a string": (lambda nb: nb.metadata["praxislab"].update(sensitive="yes"),
                              "praxislab.sensitive"),
    "sensitive without a content note": (
        lambda nb: _first(nb, "**Content note:**", "Note:"), "no **Content note:**"),
    "setup not tagged": (lambda nb: nb.cells[1].metadata.update(tags=[]), "tagged 'setup'"),
    "setup for another lesson": (lambda nb: _cell(nb, 1, STEM, "01-power"),
                                 "does not create Lesson"),
    "heading jumps": (lambda nb: _cell(nb, 5, "### A subsection", "#### A subsection"),
                      "jumps from level 2 to level 4"),
    "no key points": (lambda nb: _cell(nb, -1, "## Key points", "## Summary"),
                      "no '## Key points'"),
    "no where next": (lambda nb: _cell(nb, -1, "## Where next", "## Next"),
                      "no '## Where next'"),
    "no references": (lambda nb: _cell(nb, 5, "## References", "## Reading"),
                      "no '## References'"),
    "image without alt": (lambda nb: _cell(nb, 2, "## Part one", "## Part one\n\n![](x.png)"),
                          "markdown image has no alt"),
    "img tag without alt": (lambda nb: _cell(nb, 2, "## Part one",
                                             '## Part one\n\n<img src="x.png" alt=" ">'),
                            "<img> tag has no alt"),
    "pip install": (lambda nb: _cell(nb, 3, 'lesson.activity("a")',
                                     '!pip install pandas\nlesson.activity("a")'),
                    "installs a package"),
    "pyplot": (lambda nb: _cell(nb, 3, 'lesson.activity("a")',
                                'import matplotlib.pyplot as plt\nlesson.activity("a")'),
               "draws with pyplot"),
    "absolute path": (lambda nb: _cell(nb, 3, 'lesson.activity("a")',
                                       'open("/home/me/data.csv")\nlesson.activity("a")'),
                      "absolute path"),
    "relative data path": (lambda nb: _cell(nb, 3, 'lesson.activity("a")',
                                            'open("../data/x.csv")\nlesson.activity("a")'),
                           "../ path"),
    "reflection id twice": (lambda nb: _cell(nb, 4, '"r2"', '"r1"'), "used twice: r1"),
    "too few words": (lambda nb: _cell(nb, 2, PROSE, "Short."), "words of prose"),
    "too few interactive": (lambda nb: _cell(nb, 3, 'lesson.activity("b")\n', ""),
                            "interactive moments"),
    "too few reflections": (lambda nb: _cell(nb, 4, 'lesson.reflect("r3", "Three?")', ""),
                            "reflection prompts"),
    "kind mistyped": (_kind("Lesson"), "not a known kind"),
    "kind not a string": (_kind(["lesson"]), "not a known kind"),
    "no cells": (lambda nb: nb.cells.clear(), "no cells"),
}


def test_the_good_example_is_clean() -> None:
    assert lint.lint_notebook(good_lesson(), STEM) == []


@pytest.mark.parametrize("name", list(BAD))
def test_each_rule_catches_its_bad_example(name: str) -> None:
    mutate, expected = BAD[name]
    nb = good_lesson()
    mutate(nb)
    problems = lint.lint_notebook(nb, STEM)
    if expected is None:
        assert problems == [], problems
    else:
        assert any(expected in p for p in problems), f"{name}: got {problems}"


def test_every_rule_has_a_bad_example() -> None:
    """Counts the rules the lint states and the bad examples above that break them."""
    caught = {expected for _, expected in BAD.values() if expected}
    assert len(BAD) >= 30 and len(caught) >= 25, (len(BAD), len(caught))
    print(f"{len(BAD)} made-up notebooks, {len(caught)} distinct problems caught")


def test_a_mistyped_kind_no_longer_hides_an_empty_lesson() -> None:
    """The old lint read kind "Lesson" as not-a-lesson and skipped the minimums."""
    nb = good_lesson()
    nb.metadata["praxislab"]["kind"] = "Lesson"
    for cell in nb.cells:
        if cell.cell_type == "code" and "reflect" in cell.source:
            cell.source = ""
    assert lint.lint_notebook(nb, STEM), "a notebook with an unknown kind passed the lint"


def test_lint_file_reports_an_unreadable_notebook(tmp_path: Path) -> None:
    bad = tmp_path / "01-broken.ipynb"
    bad.write_text("{not json", encoding="utf-8")
    problems = lint.lint_file(bad)
    assert len(problems) == 1 and "cannot be read" in problems[0]
