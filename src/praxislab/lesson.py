"""One object per notebook that makes its widgets, so lesson cells stay one line long.

    from praxislab import Lesson
    lesson = Lesson("01-power")
    lesson.reflect("first-thoughts", "Who held power in the last meeting you attended?")
    lesson.activity("bases-of-power")
"""

from __future__ import annotations

import dataclasses
import html
import os
import random
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


# The choices a notebook's `parameters` cell may set (docs/exercises.md). None always means
# "the default": both terms side by side, both countries, no case chosen, the file's order.
TERMS = ("client", "service user")
COUNTRIES = ("US", "UK")


class ParameterError(ValueError):
    """A notebook parameter with a value the lesson cannot use. It stops the notebook (so a
    papermill run or a handout fails loudly) with one plain message, not a traceback."""

    def _render_traceback_(self) -> list[str]:  # IPython shows this instead of a traceback
        return [f"Parameter problem: {self}"]


def check_parameters(term: object = None, country: object = None, case_id: object = None,
                     seed: object = None) -> None:
    """Stop with a message naming the allowed values when a parameter is not one of them."""
    if term is not None and term not in TERMS:
        raise ParameterError(f"term is {term!r}; use one of: {', '.join(map(repr, TERMS))} "
                             "(or None for both).")
    if country is not None and country not in COUNTRIES:
        raise ParameterError(f"country is {country!r}; use one of: "
                             f"{', '.join(map(repr, COUNTRIES))} (or None for both).")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise ParameterError(f"seed is {seed!r}; use a whole number 0 or more "
                             "(or None to keep the order of the file).")
    if case_id is not None:
        from .vignettes import load_casebook

        known = sorted(load_casebook().vignettes)
        if case_id not in known:
            raise ParameterError(f"case_id is {case_id!r}; use one of: {', '.join(known)} "
                                 "(or None to choose in the explorer).")


class Lesson:
    """Makes the interactive pieces of one notebook, all saving to the same journal.

    term, country, case_id and seed come from the notebook's `parameters` cell and are
    checked here (see docs/exercises.md)."""

    def __init__(self, notebook: str, journal: Journal | None = None, *,
                 term: str | None = None, country: str | None = None,
                 case_id: str | None = None, seed: int | None = None):
        check_parameters(term, country, case_id, seed)
        self.term, self.country, self.case_id, self.seed = term, country, case_id, seed
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
        if self.seed is not None:  # the same seed gives every learner the same order
            order = random.Random(f"{self.seed}-{name}")
            if isinstance(found, act.Sorter):
                found = dataclasses.replace(found, items=tuple(
                    order.sample(found.items, len(found.items))))
            else:
                found = dataclasses.replace(found, questions=tuple(
                    order.sample(found.questions, len(found.questions))))
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
        return VignetteExplorer(load_casebook(), self.journal, self.notebook,
                                case_id or self.case_id, term or self.term, reveal_all)

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
