"""One object per notebook that makes its widgets, so lesson cells stay one line long.

    from praxislab import Lesson
    lesson = Lesson("01-power")
    lesson.reflect("first-thoughts", "Who held power in the last meeting you attended?")
    lesson.activity("bases-of-power")
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from IPython.display import HTML, display

from . import activities as act
from . import paths
from .checks import NumericCheck, Result
from .explorer import VignetteExplorer
from .export import export_portfolio
from .journal import Journal, JournalError, Reflection, check_id
from .validate import ContentError
from .vignettes import load_casebook
from .widgets import ChoicesWidget, LensWidget, RatingWidget, ReflectionBox


def message(text: str, title: str = "Note") -> HTML:
    """A plain, readable message box: used instead of a traceback for problems a learner
    or instructor can fix."""
    body = "<br>".join(html.escape(line) for line in text.splitlines())
    return HTML(f'<div class="praxis-message" role="status" style="border:2px solid #767676;'
                f'border-radius:4px;padding:.5em .8em;max-width:52rem">'
                f"<strong>{html.escape(title)}:</strong> {body}</div>")


class Lesson:
    """Makes the interactive pieces of one notebook, all saving to the same journal."""

    def __init__(self, notebook: str, journal: Journal | None = None):
        self.notebook = check_id(notebook, "notebook")
        self.journal = journal or Journal()
        self._activities: dict[str, act.Sorter | act.Quiz | NumericCheck] | None = None
        self._content_problem: ContentError | None = None

    # -- reflections -------------------------------------------------------------------
    def reflect(self, prompt_id: str, prompt: str, *, private: bool = False, rows: int = 6,
                placeholder: str = "") -> ReflectionBox | HTML:
        """A reflection box whose text is saved and restored automatically."""
        try:
            model = Reflection(self.journal, self.notebook, prompt_id, prompt, private)
        except JournalError as exc:
            return message(str(exc), "This reflection box could not start")
        return ReflectionBox(model, rows=rows, placeholder=placeholder)

    # -- sorters and quizzes ------------------------------------------------------------
    def _load(self) -> dict[str, act.Sorter | act.Quiz | NumericCheck]:
        if self._activities is None:
            file = paths.data_dir() / "activities" / f"{self.notebook}.yaml"
            try:
                self._activities = act.load_activities(self.notebook) if file.exists() else {}
            except ContentError as exc:  # the activities that are fine still load
                self._content_problem = exc
                self._activities = dict(exc.loaded)
        return self._activities

    def activity(self, name: str) -> ChoicesWidget | HTML:
        """A sorter or quiz defined in data/activities/<notebook>.yaml."""
        found = self._load().get(name)
        if found is None or isinstance(found, NumericCheck):
            detail = (str(self._content_problem) if self._content_problem
                      else f"There is no activity called '{name}' in "
                           f"data/activities/{self.notebook}.yaml.")
            return message(detail + "\nIf you edited that file, check the field named above; "
                           "the rest of the lesson still works.", "This activity could not load")
        return ChoicesWidget(found, self.journal, self.notebook)

    def check(self, name: str, value: object) -> Result | HTML:
        """Check a data answer against the self-check `name` in the activities file.

        Hints come after a wrong try; any kind of value gets a plain-words reply."""
        found = self._load().get(name)
        if not isinstance(found, NumericCheck):
            detail = (str(self._content_problem) if self._content_problem
                      else f"There is no self-check called '{name}' in "
                           f"data/activities/{self.notebook}.yaml.")
            return message(detail, "This self-check could not load")
        return found.check(value)

    def choices(self, activity: act.Sorter | act.Quiz) -> ChoicesWidget:
        """A sorter or quiz built in Python (for instructors experimenting in a cell)."""
        return ChoicesWidget(activity, self.journal, self.notebook)

    # -- ratings and lenses ---------------------------------------------------------------
    def ratings(self, scale: act.RatingScale) -> RatingWidget:
        return RatingWidget(scale, self.journal, self.notebook)

    def lens(self, case: act.LensCase, mode: str = "both") -> LensWidget:
        return LensWidget(case, mode)

    # -- case vignettes -------------------------------------------------------------------
    def explore(self, case_id: str | None = None, term: str | None = None,
                reveal_all: bool = False) -> VignetteExplorer:
        """The case explorer over the shipped cases and any instructor's own.

        case_id opens one case straight away; term is "client" or "service user";
        reveal_all skips the content note and shows every stage (for instructors
        preparing a class, and for the tests)."""
        return VignetteExplorer(load_casebook(), self.journal, self.notebook, case_id, term,
                                reveal_all)

    # -- keeping work -----------------------------------------------------------------------
    def export(self, include_private: bool = False) -> None:
        """Write the portfolio and show links to it."""
        try:
            result = export_portfolio(self.journal, include_private=include_private)
        except (OSError, JournalError) as exc:
            display(message(f"The portfolio could not be written: {exc}", "Export failed"))
            return
        links = []
        for path in (result.html, result.markdown):
            try:
                href = os.path.relpath(path, Path.cwd())
            except ValueError:
                href = str(path)
            links.append(f'<li><a href="{html.escape(href)}" download>{html.escape(path.name)}'
                         f"</a> <code>{html.escape(str(path))}</code></li>")
        private = ("Private entries (such as identity ratings) are included, as you asked."
                   if include_private else "Private entries (such as identity ratings) are "
                   "left out; use include_private=True to add them to your own copy.")
        display(HTML(
            f'<div class="praxis-message" role="status"><p><strong>Portfolio written:</strong> '
            f"{result.count} entries.</p><ul>{''.join(links)}</ul><p>{html.escape(private)} "
            "To keep a copy, right-click the file in JupyterLab's file browser and choose "
            "<em>Download</em>.</p></div>"))
