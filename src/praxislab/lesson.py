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

import ipywidgets as w
from IPython.display import HTML, display

from . import activities as act
from . import paths
from .checks import NumericCheck, Result
from .explorer import VignetteExplorer
from .export import export_portfolio
from .journal import Journal, JournalError, Reflection, check_id
from .validate import ContentError
from .vignettes import load_casebook
from .widgets import ChoicesWidget, Controls, LensWidget, RatingWidget, ReflectionBox


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
        if _in_kernel():
            install_slip_messages()
            display(self.where_work_is_kept())

    def where_work_is_kept(self) -> HTML:
        """The line every lesson shows under its setup cell: where answers go, what the
        'Save changes?' question means, and how to bring answers back."""
        folder = self.journal.directory
        try:
            shown = os.path.relpath(folder, paths.collection_root())
            shown = str(folder) if shown.startswith("..") else shown + "/"
        except ValueError:
            shown = str(folder)
        return HTML(
            '<div class="praxis-message praxis-where" role="note" style="border-left:4px solid '
            '#767676;padding:.3em .8em;max-width:52rem"><p><strong>Where your work is kept:'
            f"</strong> your answers save themselves as you go, in your journal "
            f"(<code>{html.escape(shown)}</code>), not in this notebook.</p>"
            "<p><strong>Coming back later?</strong> Run the cells (Shift-Enter, or "
            "<em>Run → Run All Cells</em>) to bring back the activities and your answers.</p>"
            "<p>If JupyterLab asks <em>Save changes before closing?</em>, either answer is "
            "safe: Save or Discard, your answers stay in your journal.</p></div>")

    # -- reflections -------------------------------------------------------------------
    def reflect(self, prompt_id: str, prompt: str, *, private: bool = False, rows: int = 6,
                placeholder: str = "") -> ReflectionBox | HTML:
        """A reflection box whose text is saved and restored automatically."""
        try:
            model = Reflection(self.journal, self.notebook, prompt_id, prompt, private)
        except JournalError as exc:
            return message(str(exc), "This reflection box could not start")
        return ReflectionBox(model, rows=rows, placeholder=placeholder)

    # -- the collection ---------------------------------------------------------------------
    def contents(self) -> HTML:
        """A table of every notebook in the collection, made from the notebooks themselves
        (title, honest time, content note and exercise; the same table as the README's), so
        it always shows where the collection ends today."""
        from .competencies import lesson_rows, lesson_table, read_lessons

        try:
            lessons = read_lessons()
            rows = lesson_rows(lessons)
        except Exception as exc:  # noqa: BLE001 - the start page must never show a traceback
            return message(f"The notebooks folder could not be read ({exc}).", "Contents")
        if not rows:
            return message("The notebooks folder could not be read.", "Contents")
        table = lesson_table(lessons).data
        return HTML(f"{table}<p>That is the whole collection today: {len(rows)} notebooks, "
                    f"ending with <em>{html.escape(rows[-1][1])}</em>. Your instructor may add "
                    "cases of their own to the case explorer.</p>")

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
    def export(self, include_private: bool = False) -> w.VBox | HTML:
        """Write the portfolio and show where it is, with links where JupyterLab can open
        them. A button makes a private copy (with private entries) in its own files."""
        shown = self._export_message(include_private)
        if include_private:
            return shown
        result_area = w.HTML()
        more = Controls(buttons=[{"name": "private", "label": "Also make a private copy for "
                                  "myself, including my private answers"}])

        def make_private(_name: str) -> None:
            result_area.value = self._export_message(True).data

        more.on_click(make_private)
        return w.VBox([w.HTML(shown.data), more, result_area])

    def _export_message(self, include_private: bool) -> HTML:
        try:
            result = export_portfolio(self.journal, include_private=include_private)
        except (OSError, JournalError) as exc:
            return message(f"The portfolio could not be written: {exc}", "Export failed")
        files = "".join(_file_item(path) for path in (result.html, result.markdown))
        what = ("A private copy for you alone, including your private answers (such as "
                "identity ratings). Do not hand this one in." if include_private else
                "Your private answers (such as identity ratings) are left out of this "
                "portfolio, so it is the one to share.")
        reachable = all(_reachable(p) for p in (result.html, result.markdown))
        how = ("To keep a copy, right-click the file in JupyterLab's file browser and choose "
               "<em>Download</em>." if reachable else
               "These files are outside the folder JupyterLab's file browser shows, so they "
               "cannot be opened from here. To get them, copy them from the folder named above "
               "with your computer's file manager, or ask whoever runs your JupyterHub; the "
               "command <code>praxislab export --out FOLDER</code> writes a copy to any folder "
               "you choose.")
        problems = ""
        if result.problems:
            problems = ("<p><strong>" + str(len(result.problems)) + " saved "
                        + ("file" if len(result.problems) == 1 else "files")
                        + " could not be included</strong> (they are listed at the end of the "
                        "portfolio too). Open each to copy your text back:</p><ul>"
                        + "".join(f"<li><code>{html.escape(str(p.file))}</code>: "
                                  f"{html.escape(p.reason)}</li>" for p in result.problems)
                        + "</ul>")
        title = "Private copy written" if include_private else "Portfolio written"
        return HTML(
            f'<div class="praxis-message" role="status"><p><strong>{title}:</strong> '
            f"{result.count} {'entry' if result.count == 1 else 'entries'}.</p>"
            f"<ul>{files}</ul>{problems}<p>{html.escape(what)} {how}</p></div>")


def _reachable(path: Path) -> bool:
    """Can JupyterLab open this file from a link in the notebook? Only if it lies inside
    the folder holding this notebook's folder (the collection, as JupyterLab serves it);
    a journal set elsewhere by PRAXISLAB_JOURNAL usually is not."""
    try:
        path.resolve().relative_to(Path.cwd().resolve().parent)
    except ValueError:
        return False
    return True


def _file_item(path: Path) -> str:
    where = f"<code>{html.escape(str(path))}</code>"
    if not _reachable(path):
        return f"<li>{html.escape(path.name)}: {where}</li>"
    href = os.path.relpath(path, Path.cwd())
    return (f'<li><a href="{html.escape(href)}" download>{html.escape(path.name)}</a> '
            f"{where}</li>")


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


_SLIP_NOTE = (
    '<div class="praxis-message" role="status" style="border:2px solid #767676;'
    'border-radius:4px;padding:.5em .8em;max-width:52rem"><strong>{title}</strong> {body}'
    "</div>")


def slip_message(kind: str, detail: str = "") -> str:
    """Plain words for the slips a non-programmer makes when typing into a code cell."""
    if kind == "NameError":
        name = html.escape(detail)
        return _SLIP_NOTE.format(
            title="Python does not know the word " + (f"<code>{name}</code>." if name
                                                        else "you typed."),
            body="If you meant it as a word (a name, a grace, an answer), put it in quotes, "
                 f'like <code>"{name or "Accent"}"</code>, and run the cell again. Nothing '
                 "you wrote elsewhere is affected.")
    return _SLIP_NOTE.format(
        title="Python could not read this cell.",
        body="Code cells need code, not sentences. If you typed words, put them in quotes "
             '(like <code>"my answer"</code>), or write them in a reflection box instead. '
             "Check for a missing bracket or quote, then run the cell again; nothing you "
             "wrote elsewhere is affected.")


def install_slip_messages() -> None:
    """With Python's own error for a bare word (NameError) or a sentence typed as code
    (SyntaxError), show one plain-words line saying what to do. Installed once per kernel;
    the original error stays visible, for anyone who reads tracebacks."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or getattr(shell, "_praxislab_slips", False):
        return
    shell._praxislab_slips = True

    def on_name_error(self, etype, value, tb, tb_offset=None):
        # IPython does not show what a custom handler returns: show the error, then ours.
        stb = self.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        self._showtraceback(etype, value, stb)
        display(HTML(slip_message("NameError", getattr(value, "name", "") or "")))

    shell.set_custom_exc((NameError,), on_name_error)
    original = shell.showsyntaxerror

    def showsyntaxerror(*args, **kwargs):
        original(*args, **kwargs)
        display(HTML(slip_message("SyntaxError")))

    shell.showsyntaxerror = showsyntaxerror
