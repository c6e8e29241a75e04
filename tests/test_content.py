"""Content lint: every lesson has the shape docs/writing-lessons.md describes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
def _kind(path: Path) -> str:
    return nbformat.read(path, as_version=4).metadata.get("praxislab", {}).get("kind", "lesson")


# The start page and the case explorer are not lessons: no word or activity minimums.
LESSONS = [p for p in NOTEBOOKS if not p.name.startswith("00-") and _kind(p) == "lesson"]
INTERACTIVE = re.compile(r"\blesson\.(activity|choices|ratings|lens|explore)\(|"
                         r"\bdiagrams\.\w+\.\w+\(")
REFLECT = re.compile(r"\blesson\.reflect\(")
FORBIDDEN = [
    (re.compile(r"^\s*[!%]\s*(pip|conda)\b", re.M), "installs a package mid-lesson"),
    (re.compile(r"import matplotlib\.pyplot|from matplotlib import pyplot"),
     "draws with pyplot (use a function in praxislab that returns an AccessibleFigure)"),
    (re.compile(r"['\"](/|~/|[A-Za-z]:\\)[^'\"]*['\"]"), "uses an absolute path"),
    (re.compile(r"['\"]\.\./"), "uses a ../ path (the package finds its data)"),
]
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$", re.M)
FENCE = re.compile(r"```.*?```", re.S)


def _nb(path: Path):
    return nbformat.read(path, as_version=4)


def _markdown(nb) -> list[str]:
    return [FENCE.sub("", c.source) for c in nb.cells if c.cell_type == "markdown"]


def _code(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def test_lessons_exist() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert names[0] == "00-start-here"
    assert len(NOTEBOOKS) >= 1
    print(f"linting {len(NOTEBOOKS)} notebooks ({len(LESSONS)} lessons)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_structure(path: Path) -> None:
    nb = _nb(path)
    problems: list[str] = []
    md = _markdown(nb)
    first = nb.cells[0]
    if first.cell_type != "markdown":
        problems.append("the first cell is not markdown")
    h1 = [m for cell in md for m in HEADING.findall(cell) if len(m[0]) == 1]
    if len(h1) != 1 or not first.source.lstrip().startswith("# "):
        problems.append(f"needs exactly one H1, at the top of the first cell (found {len(h1)})")
    for label in ("**Time:**", "**Questions**", "**Objectives**"):
        if label not in first.source:
            problems.append(f"the first cell has no {label}")
    meta = nb.metadata.get("praxislab", {})
    if "sensitive" not in meta:
        problems.append("notebook metadata lacks praxislab.sensitive (true or false)")
    if meta.get("sensitive") and "**Content note:**" not in first.source:
        problems.append("marked sensitive but the first cell has no **Content note:**")
    setup = [c for c in nb.cells if c.cell_type == "code"][:1]
    if not setup or "setup" not in setup[0].metadata.get("tags", []):
        problems.append("the first code cell is not tagged 'setup'")
    elif f'Lesson("{path.stem}")' not in setup[0].source:
        problems.append(f'the setup cell does not create Lesson("{path.stem}")')
    levels = [len(m[0]) for cell in md for m in HEADING.findall(cell)]
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            problems.append(f"a heading jumps from level {before} to level {after}")
            break
    last = nb.cells[-1]
    for heading in ("## Key points", "## Where next"):
        if last.cell_type != "markdown" or heading not in last.source:
            problems.append(f"the last cell has no '{heading}'")
    if not any(re.search(r"^## References\s*$", cell, re.M) for cell in md):
        problems.append("no '## References' section")
    for cell in md:
        for alt in re.findall(r"!\[([^\]]*)\]\(", cell):
            if not alt.strip():
                problems.append("a markdown image has no alt text")
        if re.search(r"<img(?![^>]*\balt=\"[^\"]+\")[^>]*>", cell):
            problems.append("an <img> tag has no alt text")
    code = _code(nb)
    for pattern, what in FORBIDDEN:
        if pattern.search(code):
            problems.append(f"a code cell {what}")
    assert not problems, f"{path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_substance(path: Path) -> None:
    nb = _nb(path)
    code = _code(nb)
    interactive = len(INTERACTIVE.findall(code))
    reflections = len(REFLECT.findall(code))
    words = sum(len(re.sub(r"[#*`|>\-]", " ", cell).split()) for cell in _markdown(nb))
    assert interactive >= 3, f"{path.name}: {interactive} interactive moments (need 3)"
    assert reflections >= 3, f"{path.name}: {reflections} reflection prompts (need 3)"
    assert words >= 1500, f"{path.name}: {words} words of prose (need 1,500)"
    ids = re.findall(r"lesson\.reflect\(\s*['\"]([^'\"]+)['\"]", code)
    assert len(ids) == len(set(ids)), f"{path.name}: a reflection prompt id is used twice"
    print(f"{path.stem}: {words} words, {interactive} interactive, {reflections} reflections")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_activities_named_in_the_lesson_exist(path: Path) -> None:
    from praxislab.activities import load_activities

    code = _code(_nb(path))
    named = re.findall(r"lesson\.(?:activity|check)\(\s*['\"]([^'\"]+)['\"]", code)
    if not named:
        return
    defined = load_activities(path.stem)
    missing = sorted(set(named) - set(defined))
    assert not missing, f"{path.name} uses activities not in its YAML file: {missing}"


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "tools",
                             "bench", "--output-format", "concise"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
