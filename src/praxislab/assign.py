"""Make the learners' exercises/ from the instructors' masters in solutions/.

A master marks what learners must not see with nbgrader's own markers, so an instructor who
uses nbgrader or otter can take it in unchanged:

- code: lines between `### BEGIN SOLUTION` and `### END SOLUTION` (in a cell whose nbgrader
  metadata says `solution: true`) become the placeholder `answer = ...`, which the
  self-check answers with "Not answered yet";
- markdown: a model answer between `=== BEGIN SOLUTION ===` and `=== END SOLUTION ===` (a
  solution cell) is removed; the learner writes in the reflection box above it, which saves
  to the journal;
- markdown: rubric notes and instructor-only notes between `=== BEGIN MARK SCHEME ===` and
  `=== END MARK SCHEME ===` (a "manually graded task" cell) vanish.

`clear_solutions` does exactly what nbgrader's ClearSolutions and ClearMarkScheme
preprocessors do (same matching, same stubs when given them, same refusals); nbgrader itself
is not a dependency, because it brings a Jupyter server extension and a database stack into
every learner's environment. tests/test_assign.py compares the two on every master when
nbgrader is installed (it is in the test extras). See docs/exercises.md.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from . import paths

CODE_STUB = "answer = ...  # replace ... with your answer"
TEXT_STUB = "YOUR ANSWER HERE"
BEGIN_SOLUTION, END_SOLUTION = "BEGIN SOLUTION", "END SOLUTION"
BEGIN_MARK_SCHEME, END_MARK_SCHEME = "BEGIN MARK SCHEME", "END MARK SCHEME"
ATTACHMENT = re.compile(r"!\[.*\]\(attachment:.+?\)")


class AssignError(ValueError):
    """A master that cannot be turned into an exercise; the message names file and cell."""


def _flag(cell: Any, key: str) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get(key, False))


def _replace_region(source: str, begin: str, end: str, stub: list[str] | None,
                    where: str) -> tuple[str, bool]:
    """nbgrader's region rule: a line containing `begin` starts a region (replaced by the
    stub, indented like the marker; removed if stub is None), a line containing `end` ends
    it. Nested or unclosed regions are refused."""
    out: list[str] = []
    inside = found = False
    for line in source.split("\n"):
        if begin in line:
            if inside:
                raise AssignError(f"{where}: a '{begin}' inside another one")
            inside = found = True
            indent = re.match(r"\s*", line).group(0)  # type: ignore[union-attr]
            out += [indent + s for s in stub or []]
        elif end in line:
            inside = False
        elif inside and stub is None and ATTACHMENT.search(line):
            raise AssignError(f"{where}: an attachment inside a mark scheme would leak to "
                              "learners; embed the image instead")
        elif not inside:
            out.append(line)
    if inside:
        raise AssignError(f"{where}: '{begin}' has no matching '{end}'")
    return "\n".join(out), found


def clear_solutions(nb: Any, name: str = "notebook", code_stub: str = CODE_STUB,
                    text_stub: str = TEXT_STUB) -> Any:
    """A copy of `nb` as nbgrader's ClearSolutions then ClearMarkScheme would leave it."""
    nb = copy.deepcopy(nb)
    for index, cell in enumerate(nb.cells):
        where = f"{name}, cell {index + 1}"
        stub = (code_stub if cell.cell_type == "code" else text_stub).split("\n")
        cell.source, replaced = _replace_region(cell.source, BEGIN_SOLUTION, END_SOLUTION,
                                                stub, where)
        if replaced and not _flag(cell, "solution"):
            raise AssignError(f"{where}: a solution region in a cell not marked as a solution "
                              "cell (nbgrader metadata solution: true)")
        if _flag(cell, "solution") and not replaced:
            cell.source = code_stub if cell.cell_type == "code" else text_stub
    for index, cell in enumerate(nb.cells):
        where = f"{name}, cell {index + 1}"
        cell.source, removed = _replace_region(cell.source, BEGIN_MARK_SCHEME, END_MARK_SCHEME,
                                               None, where)
        if removed and not _flag(cell, "task"):
            raise AssignError(f"{where}: a mark scheme region in a cell not marked as a "
                              "manually graded task (nbgrader metadata task: true)")
    nb.metadata.pop("celltoolbar", None)
    return nb


def exercise_from_solution(master: Any, name: str = "notebook") -> Any:
    """The learner's notebook: solutions cleared, model-answer and rubric cells gone (the
    reflection box above each task takes the answer), nbgrader metadata and outputs
    removed, kind "exercise"."""
    kind = master.metadata.get("praxislab", {}).get("kind")
    if kind != "solution":
        raise AssignError(f"{name}: metadata praxislab.kind is {kind!r}, not 'solution'")
    nb = clear_solutions(master, name)
    kept = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip() in ("", TEXT_STUB):
            continue
        cell.metadata.pop("nbgrader", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        kept.append(cell)
    nb.cells = kept
    nb.metadata["praxislab"] = {**nb.metadata["praxislab"], "kind": "exercise"}
    return nb


@dataclass
class Outcome:
    path: Path
    changed: bool


def masters(solutions: Path | None = None) -> list[Path]:
    folder = solutions or paths.collection_root() / "solutions"
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def render(master_path: Path) -> str:
    """The exercise's exact file text for one master."""
    try:
        master = nbformat.read(master_path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one plain problem
        raise AssignError(f"{master_path}: cannot be read as a notebook ({exc})") from exc
    text = nbformat.writes(exercise_from_solution(master, master_path.name))
    return text if text.endswith("\n") else text + "\n"


def assign(solutions: Path | None = None, exercises: Path | None = None,
           only: list[str] | None = None, write: bool = True) -> list[Outcome]:
    """Write exercises/NN-slug.ipynb for every master (or those whose names start with an
    item of `only`, such as "01"). A file already up to date is not touched."""
    found = masters(solutions)
    if only:
        found = [p for p in found if any(p.name.startswith(o) for o in only)]
    if not found:
        raise AssignError(f"no masters found in {solutions or 'solutions/'}"
                          + (f" matching {', '.join(only)}" if only else ""))
    out_dir = exercises or paths.collection_root() / "exercises"
    outcomes = []
    for master_path in found:
        text = render(master_path)
        target = out_dir / master_path.name
        changed = not target.is_file() or target.read_text(encoding="utf-8") != text
        if changed and write:
            out_dir.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        outcomes.append(Outcome(target, changed))
    return outcomes
