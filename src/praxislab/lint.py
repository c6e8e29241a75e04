"""The content lint: the shape every notebook in the collection must have.

`docs/writing-lessons.md` states the rules in words; this module is the one place they are
checked. Each check returns a list of problems in plain words (empty when the notebook is
fine), so the tests can feed it made-up bad notebooks and see every rule fail, and an
instructor writing a lesson of their own can run `praxislab lint` on it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat

# What a notebook may declare itself as in metadata.praxislab.kind. A notebook with no
# kind is the start page (00-) or a lesson; any other value is an error, because a typo
# ("Lesson") would silently drop the notebook from the lesson checks.
KINDS = {
    "start": "the start page",
    "lesson": "a lesson",
    "casebook": "the case explorer",
    "exercise": "an exercise generated from solutions/",
    "solution": "an exercise master with model answers",
}
# Kinds held to the lesson minimums (words, interactive moments, reflections).
TAUGHT = {"lesson"}

MIN_WORDS = 1500
MIN_INTERACTIVE = 3
MIN_REFLECTIONS = 3

INTERACTIVE = re.compile(r"\blesson\.(activity|choices|ratings|lens|explore|check)\(|"
                         r"\bdiagrams\.\w+\.\w+\(")
REFLECT = re.compile(r"\blesson\.reflect\(")
REFLECT_ID = re.compile(r"lesson\.reflect\(\s*['\"]([^'\"]+)['\"]")
FORBIDDEN = [
    (re.compile(r"^\s*[!%]\s*(pip|conda|mamba|uv)\b", re.M), "installs a package mid-lesson"),
    (re.compile(r"import matplotlib\.pyplot|from matplotlib import pyplot"),
     "draws with pyplot (use a function in praxislab that returns an accessible figure)"),
    (re.compile(r"['\"](/|~/|[A-Za-z]:\\)[^'\"]*['\"]"), "uses an absolute path"),
    (re.compile(r"['\"]\.\./"), "uses a ../ path (the package finds its data)"),
]
ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)
# A setext heading: a text line underlined with === (H1) or --- (H2).
SETEXT = re.compile(r"^ {0,3}(\S[^\n]*)\n {0,3}(=+|-+)[ \t]*$", re.M)
FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.S | re.M)


def kind_of(nb: Any, stem: str) -> str | None:
    """The notebook's declared kind, or the default for its name; None if declared but
    not a known kind."""
    meta = nb.metadata.get("praxislab", {})
    if not isinstance(meta, dict):
        return None
    if "kind" in meta:
        kind = meta["kind"]
        return kind if isinstance(kind, str) and kind in KINDS else None
    return "start" if stem.startswith("00-") else "lesson"


def _markdown(nb: Any) -> list[str]:
    return [FENCE.sub("", c.source) for c in nb.cells if c.cell_type == "markdown"]


def _code(nb: Any) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def headings(markdown: str) -> list[tuple[int, str]]:
    """Every heading in a markdown cell, ATX (`# Title`) and setext (`Title` over `===`),
    in order, as (level, text)."""
    found: list[tuple[int, int, str]] = []
    for m in ATX.finditer(markdown):
        found.append((m.start(), len(m.group(1)), m.group(2)))
    for m in SETEXT.finditer(markdown):
        text = m.group(1)
        # `---` under a list item or a table row is not a heading; `===` always is.
        if m.group(2).startswith("-") and re.match(r"\s*([-*+]|\d+\.|\|)", text):
            continue
        if ATX.match(text):
            continue
        found.append((m.start(), 1 if m.group(2).startswith("=") else 2, text.strip()))
    return [(level, text) for _, level, text in sorted(found)]


def prose_words(nb: Any) -> int:
    return sum(len(re.sub(r"[#*`|>\-]", " ", cell).split()) for cell in _markdown(nb))


def structure_problems(nb: Any, stem: str) -> list[str]:
    """Rules every notebook in notebooks/ keeps, whatever its kind."""
    problems: list[str] = []
    if not nb.cells:
        return ["the notebook has no cells"]
    kind = kind_of(nb, stem)
    if kind is None:
        declared = nb.metadata.get("praxislab", {})
        declared = declared.get("kind") if isinstance(declared, dict) else declared
        problems.append(f"metadata praxislab.kind is {declared!r}, which is not a known kind "
                        f"(one of: {', '.join(sorted(KINDS))})")
    md = _markdown(nb)
    first = nb.cells[0]
    if first.cell_type != "markdown":
        problems.append("the first cell is not markdown")
    all_headings = [h for cell in md for h in headings(cell)]
    h1 = [text for level, text in all_headings if level == 1]
    first_headings = headings(FENCE.sub("", first.source)) if first.cell_type == "markdown" else []
    starts_with_h1 = bool(first_headings) and first_headings[0][0] == 1 and \
        first.source.lstrip().startswith(("# ", first_headings[0][1]))
    if len(h1) != 1 or not starts_with_h1:
        problems.append(f"needs exactly one H1, at the top of the first cell (found {len(h1)})")
    for label in ("**Time:**", "**Questions**", "**Objectives**"):
        if label not in first.source:
            problems.append(f"the first cell has no {label}")
    meta = nb.metadata.get("praxislab", {})
    if not isinstance(meta, dict) or not isinstance(meta.get("sensitive"), bool):
        problems.append("notebook metadata lacks praxislab.sensitive (true or false)")
    elif meta["sensitive"] and "**Content note:**" not in first.source:
        problems.append("marked sensitive but the first cell has no **Content note:**")
    # A papermill `parameters` cell may come first, so the setup cell can pass its values.
    setup = [c for c in nb.cells if c.cell_type == "code"
             and "parameters" not in c.metadata.get("tags", [])][:1]
    if not setup or "setup" not in setup[0].metadata.get("tags", []):
        problems.append("the first code cell is not tagged 'setup'")
    elif not re.search(rf'Lesson\("{re.escape(stem)}"\s*[,)]', setup[0].source):
        problems.append(f'the setup cell does not create Lesson("{stem}")')
    levels = [level for level, _ in all_headings]
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
        if re.search(r"<img(?![^>]*\balt=\"[^\"]*\S[^\"]*\")[^>]*>", cell):
            problems.append("an <img> tag has no alt text")
    code = _code(nb)
    for pattern, what in FORBIDDEN:
        if pattern.search(code):
            problems.append(f"a code cell {what}")
    ids = REFLECT_ID.findall(code)
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        problems.append(f"a reflection prompt id is used twice: {', '.join(twice)}")
    return problems


def substance_problems(nb: Any, stem: str) -> list[str]:
    """The minimums a taught lesson keeps: words of prose, interactive moments, prompts."""
    if kind_of(nb, stem) not in TAUGHT:
        return []
    code = _code(nb)
    problems = []
    interactive = len(INTERACTIVE.findall(code))
    reflections = len(REFLECT.findall(code))
    words = prose_words(nb)
    if interactive < MIN_INTERACTIVE:
        problems.append(f"{interactive} interactive moments (need {MIN_INTERACTIVE})")
    if reflections < MIN_REFLECTIONS:
        problems.append(f"{reflections} reflection prompts (need {MIN_REFLECTIONS})")
    if words < MIN_WORDS:
        problems.append(f"{words} words of prose (need {MIN_WORDS:,})")
    return problems


def lint_notebook(nb: Any, stem: str) -> list[str]:
    """Every problem with one notebook, in plain words; empty when it keeps every rule."""
    return structure_problems(nb, stem) + substance_problems(nb, stem)


def lint_file(path: str | Path) -> list[str]:
    path = Path(path)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one plain problem
        return [f"cannot be read as a notebook ({type(exc).__name__}: {exc})"]
    return lint_notebook(nb, path.stem)
