"""From reflection to action: the pieces lessons 09 and 10 use.

* `ActionPlan`: a plain-Python action plan (goal, level, allies, risks, first step,
  review date) with validation in plain words, saved to the journal as an entry of kind
  "action" (so the portfolio includes it like any other entry).
* `ActionPlanWidget`: its keyboard-operable view (static/actionplan.js).
* `entry_chooser`: pick one of your own earlier journal entries and read it back from the
  journal (lesson 10's reflective cycle). The text is read, never copied anywhere.
* `portfolio_preview`: before sharing, exactly which entries a portfolio holds and which
  private ones it leaves out.
* `schemes_table` and `rewrite_task`: teaching content from data/content/ (the table that
  maps the collection's schemes of levels onto each other; lesson 09's deficit-laden
  summary and its model rewrite), checked against JSON Schemas like all content.

    from praxislab import action
    action.ActionPlanWidget(lesson, "my-plan")
    action.entry_chooser(lesson)
    action.portfolio_preview(lesson.journal)
"""

from __future__ import annotations

import html
import logging
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import ipywidgets as w
import traitlets as t
from IPython.display import HTML

from . import content
from .journal import Entry, Journal, JournalError, check_id, clean_text
from .validate import ContentError, Problem, describe
from .widgets import SOMETHING_WRONG, Controls, _Base, _module

log = logging.getLogger(__name__)

KIND = "action"
LEVELS: tuple[tuple[str, str], ...] = (
    ("individual", "Individual: with one person, family or group"),
    ("organisational", "Organisational: in my team or agency"),
    ("policy", "Policy: law, funding or policy beyond the agency"),
)
FIELD_LABELS = {
    "goal": "Goal: what you want to change",
    "level": "Level",
    "allies": "Allies: who could work on this with you",
    "risks": "Risks: what could go wrong, and for whom",
    "first_step": "First step: something you can do within a week",
    "review_date": "Review date: when you will look at this again",
}
MAX_FIELD_CHARS = 2_000
MAX_REVIEW_DAYS = 2 * 365


@dataclass(frozen=True)
class ActionPlan:
    """One action plan. Every field is text; `review_date` is YYYY-MM-DD."""

    goal: str = ""
    level: str = ""
    allies: str = ""
    risks: str = ""
    first_step: str = ""
    review_date: str = ""

    @classmethod
    def from_dict(cls, data: object) -> ActionPlan:
        """A plan from saved or sent data; anything odd becomes empty text, never an error."""
        if not isinstance(data, dict):
            return cls()
        values = {}
        for f in fields(cls):
            value = data.get(f.name, "")
            try:
                values[f.name] = clean_text(value if isinstance(value, str) else "")
            except JournalError:  # over the journal's limit: keep what fits
                values[f.name] = clean_text(value[:MAX_FIELD_CHARS])
        return cls(**values)

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    def problems(self, today: date | None = None) -> dict[str, str]:
        """Field name -> what to fix, in plain words. Empty when the plan is complete."""
        today = today or date.today()
        found: dict[str, str] = {}
        for name in ("goal", "allies", "risks", "first_step"):
            value = getattr(self, name).strip()
            label = FIELD_LABELS[name].split(":")[0]
            if not value:
                found[name] = f"{label} is empty: write a few words."
            elif len(value) > MAX_FIELD_CHARS:
                found[name] = (f"{label} is {len(value):,} characters long; keep it under "
                               f"{MAX_FIELD_CHARS:,} so the plan stays usable.")
        if not found.get("goal") and len(self.goal.split()) < 3:
            found["goal"] = ("Goal is very short: say what should be different, for whom "
                             "(at least three words).")
        if self.level not in dict(LEVELS):
            found["level"] = "Level: choose individual, organisational or policy."
        if not self.review_date.strip():
            found["review_date"] = "Review date is empty: choose a date."
        else:
            try:
                when = date.fromisoformat(self.review_date.strip())
            except ValueError:
                found["review_date"] = ("Review date is not a date this form understands: "
                                        "use the date picker or write it as YYYY-MM-DD, "
                                        "for example 2027-01-15.")
            else:
                if when < today:
                    found["review_date"] = "Review date is in the past: choose a later date."
                elif when > today + timedelta(days=MAX_REVIEW_DAYS):
                    found["review_date"] = ("Review date is more than two years away: "
                                            "choose a nearer date so the plan gets reviewed.")
        return found

    def describe(self) -> str:
        """The plan as plain text: what the portfolio shows."""
        level = dict(LEVELS).get(self.level, self.level or "(not chosen)")
        lines = []
        for name, label in FIELD_LABELS.items():
            value = level if name == "level" else (getattr(self, name).strip() or "(empty)")
            lines.append(f"{label.split(':')[0]}: {value}")
        return "\n".join(lines)


class ActionPlanStore:
    """Saves and restores one plan in the journal, as an entry of kind 'action'."""

    def __init__(self, journal: Journal, notebook: str, plan_id: str,
                 heading: str = "My action plan"):
        self.journal = journal
        self.notebook = check_id(notebook, "notebook")
        self.plan_id = check_id(plan_id, "plan")
        self.heading = heading

    def load(self) -> ActionPlan:
        entry = self.journal.load(self.notebook, self.plan_id)
        if entry is None:
            return ActionPlan()
        return ActionPlan.from_dict(entry.data.get("plan", {}))

    def save(self, plan: ActionPlan, today: date | None = None) -> str:
        """Save the plan (complete or not: a draft is never lost) and say what is missing."""
        problems = plan.problems(today)
        self.journal.save(Entry(self.notebook, self.plan_id, text=plan.describe(), kind=KIND,
                                prompt_text=self.heading,
                                data={"plan": plan.to_dict(), "complete": not problems}))
        return status_for(problems)


def status_for(problems: dict[str, str], detail: bool = True) -> str:
    """The save status in words: short while drafting, so a screen reader's live region
    does not read a list of problems after every pause in typing."""
    if not problems:
        return "Plan saved to your journal. It will be in your portfolio."
    if not detail:
        return "Draft saved to your journal."
    n = len(problems)
    return (f"Draft saved to your journal. {n} thing{'s' if n != 1 else ''} to finish: "
            + " ".join(problems.values()))


class ActionPlanWidget(_Base):
    """The action-plan form: labelled fields, a level radio group, a date, and a Check
    button; every change is saved as a draft, so nothing typed is lost."""

    _esm = _module("actionplan.js")
    heading = t.Unicode("").tag(sync=True)
    levels = t.List().tag(sync=True)
    labels = t.Dict().tag(sync=True)
    plan = t.Dict().tag(sync=True)
    problems = t.Dict().tag(sync=True)
    status = t.Unicode("").tag(sync=True)
    delay_ms = t.Int(500).tag(sync=True)

    def __init__(self, lesson: Any, plan_id: str = "action-plan",
                 heading: str = "My action plan"):
        self.store = ActionPlanStore(lesson.journal, lesson.notebook, plan_id, heading)
        try:
            plan, status = self.store.load(), ""
        except JournalError as exc:
            plan, status = ActionPlan(), str(exc)
        if not status:
            status = ("Restored from your journal." if any(plan.to_dict().values())
                      else "Saved as you type, to your journal on this machine.")
        super().__init__(heading=heading, levels=[list(x) for x in LEVELS],
                         labels=FIELD_LABELS, plan=plan.to_dict(), status=status)
        self._checked = False
        self.observe(self._on_plan, names="plan")
        self.on_msg(self._on_msg)

    def _on_plan(self, change: dict[str, Any]) -> None:
        try:
            plan = ActionPlan.from_dict(change["new"])
            self.store.save(plan)
            problems = plan.problems()
            # Before the learner asks for a check, nothing is marked wrong.
            self.status = status_for(problems, detail=False)
            if self._checked:
                self.problems = problems
        except JournalError as exc:
            self.status = str(exc)
        except Exception as exc:  # a keystroke never gives the learner a traceback
            log.exception("action plan save failed")
            self.status = SOMETHING_WRONG.format(type(exc).__name__)

    def check(self) -> None:
        self._checked = True
        plan = ActionPlan.from_dict(self.plan)
        self.store.save(plan)
        self.problems = plan.problems()
        n = len(self.problems)
        self.status = (status_for({}) if not n else
                       f"Draft saved to your journal. {n} thing{'s' if n != 1 else ''} to "
                       "finish; each is described under its field.")

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "check":
            try:
                self.check()
            except JournalError as exc:
                self.status = str(exc)
            except Exception as exc:
                log.exception("action plan check failed")
                self.status = SOMETHING_WRONG.format(type(exc).__name__)

    def fallback_text(self) -> str:
        lines = [self.heading, "(Fill this in in the live notebook; it is saved in your "
                 "journal, not in this page.)", ""]
        for name, label in FIELD_LABELS.items():
            if name == "level":
                lines.append(label + ": " + "; ".join(lab for _, lab in LEVELS))
            else:
                lines.append(label)
        return "\n".join(lines)


# -- choosing one of your own entries -------------------------------------------------------

def _title(entry: Entry) -> str:
    heading = (entry.prompt_text or entry.prompt).strip().replace("\n", " ")
    if len(heading) > 70:
        heading = heading[:67] + "..."
    return f"{entry.notebook}: {heading}" + (" (private)" if entry.private else "")


def reflection_choices(journal: Journal, include_private: bool = True,
                       exclude_notebook: str | None = None) -> list[tuple[str, str]]:
    """(key, title) for every written reflection in the journal, oldest lessons first.

    Only titles are listed; the text stays in the journal until it is chosen."""
    out = []
    for entry in journal.entries(include_private=include_private):
        if entry.kind != "reflection" or not entry.text.strip():
            continue
        if exclude_notebook and entry.notebook == exclude_notebook:
            continue
        out.append((f"{entry.notebook}/{entry.prompt}", _title(entry)))
    return out


def read_entry(journal: Journal, key: str) -> Entry | None:
    """The entry named by a key from `reflection_choices`, read afresh from the journal."""
    notebook, _, prompt = str(key).partition("/")
    try:
        return journal.load(check_id(notebook, "notebook"), check_id(prompt, "prompt"))
    except JournalError:
        return None


def _entry_html(entry: Entry | None) -> str:
    """The chosen entry, escaped. Only a short line is a live region, so a screen reader
    announces which entry is shown rather than reading the whole text unasked."""
    if entry is None:
        return ('<div class="praxis-message"><p role="status">Choose one of your entries '
                "above to read it here.</p></div>")
    title = html.escape(_title(entry))
    return ('<section class="praxis-message" aria-label="Your chosen entry">'
            f'<p role="status">Showing your entry: {title}</p>'
            f"<p><strong>{title}</strong> (saved {html.escape(entry.saved_at)})</p>"
            f'<blockquote style="white-space:pre-wrap">{html.escape(entry.text)}</blockquote>'
            "</section>")


def entry_chooser(lesson: Any, include_private: bool = True) -> w.VBox | HTML:
    """A labelled list of your own earlier reflections; the chosen one is shown, read from
    your journal each time (nothing is copied into this notebook or anywhere else)."""
    journal = lesson.journal
    try:
        choices = reflection_choices(journal, include_private, exclude_notebook=lesson.notebook)
    except JournalError as exc:
        return HTML(f'<div class="praxis-message" role="status">{html.escape(str(exc))}</div>')
    if not choices:
        return HTML('<div class="praxis-message" role="status"><p>Your journal has no written '
                    "reflections from earlier lessons yet. Choose a moment from your practice "
                    "or placement instead and keep it in mind for the prompts below; or go "
                    "back to any earlier lesson, write one reflection, and re-run this cell."
                    "</p></div>")
    controls = Controls(selects=[{"name": "entry", "label": "Choose one of your entries",
                                  "options": [["", "(choose)"], *choices]}])
    shown = w.HTML(_entry_html(None))

    def on_change(name: str, value: str) -> None:
        if name == "entry":
            shown.value = _entry_html(read_entry(journal, value) if value else None)

    controls.on_change(on_change)
    return w.VBox([controls, shown])


# -- the portfolio before sharing ----------------------------------------------------------

@dataclass
class Preview:
    included: list[Entry]
    left_out: list[Entry]

    def text(self) -> str:
        lines = [f"The portfolio will contain {len(self.included)} entr"
                 f"{'y' if len(self.included) == 1 else 'ies'}:"]
        lines += [f"  - {_title(e)}" for e in self.included] or ["  (none)"]
        lines.append(f"It leaves out {len(self.left_out)} private entr"
                     f"{'y' if len(self.left_out) == 1 else 'ies'}:")
        lines += [f"  - {_title(e)}" for e in self.left_out] or ["  (none)"]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        def items(entries: list[Entry]) -> str:
            if not entries:
                return "<li>(none)</li>"
            return "".join(f"<li>{html.escape(_title(e))}</li>" for e in entries)
        return ('<section class="praxis-message" aria-label="What your portfolio contains">'
                f"<p><strong>Included ({len(self.included)}):</strong></p>"
                f"<ul>{items(self.included)}</ul>"
                f"<p><strong>Left out because private ({len(self.left_out)}):</strong></p>"
                f"<ul>{items(self.left_out)}</ul></section>")

    def __repr__(self) -> str:
        return self.text()


def portfolio_preview(journal: Journal | None = None) -> Preview:
    """Exactly which entries a shared portfolio holds, and which private ones it leaves
    out, listed by title only (no text is shown or copied)."""
    journal = journal or Journal()
    everything = list(journal.entries(include_private=True))
    return Preview([e for e in everything if not e.private],
                   [e for e in everything if e.private])


# -- content: the schemes table and the rewrite task --------------------------------------

def load_schemes(name: str = "10-schemes", directory: Path | None = None) -> dict[str, Any]:
    """The mapping table: columns (schemes) and rows (levels), checked against
    schemas/content-schemes.schema.json; every row must fill every column."""
    path = content.content_dir(directory) / f"{name}.yaml"
    data = content._read(path, "schemes")
    keys = [c["key"] for c in data["columns"]]
    for i, row in enumerate(data["rows"], 1):
        missing = [k for k in keys if k not in row]
        if missing:
            raise ContentError([Problem(path.name, f"rows[{i}].{missing[0]}",
                                        "text for every column", describe(None))])
    return data


def schemes_table(name: str = "10-schemes", directory: Path | None = None) -> HTML:
    """The table mapping the collection's schemes of levels onto each other."""
    try:
        data = load_schemes(name, directory)
    except ContentError as exc:
        return HTML(f'<div class="praxis-message" role="status">{html.escape(str(exc))}</div>')
    esc = html.escape
    head = "".join(f'<th scope="col">{esc(c["label"])}</th>' for c in data["columns"])
    body = []
    for row in data["rows"]:
        cells = [row[c["key"]] for c in data["columns"]]
        body.append(f'<tr><th scope="row">{esc(cells[0])}</th>'
                    + "".join(f"<td>{esc(v)}</td>" for v in cells[1:]) + "</tr>")
    notes = "".join(f"<li>{esc(n)}</li>" for n in data.get("notes", []) if isinstance(n, str))
    return HTML(f'<table class="praxis-table"><caption>{esc(data["caption"])}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
                + (f"<ul>{notes}</ul>" if notes else ""))


def load_rewrite(name: str, directory: Path | None = None) -> dict[str, Any]:
    """A production task's text and model answer, checked against
    schemas/content-rewrite.schema.json."""
    return content._read(content.content_dir(directory) / f"{name}.yaml", "rewrite")


def rewrite_task(name: str = "09-assessment-rewrite", part: str = "original",
                 directory: Path | None = None) -> HTML:
    """Lesson 09's production task: the fictional summary to rewrite ('original'), or the
    model rewrite with what changed ('model'), behind a native Show control that works
    from the keyboard and in a page exported without a kernel."""
    try:
        data = load_rewrite(name, directory)
    except ContentError as exc:
        return HTML(f'<div class="praxis-message" role="status">{html.escape(str(exc))}</div>')
    esc = html.escape
    if part == "original":
        return HTML(f'<figure class="praxis-message"><figcaption><strong>{esc(data["title"])}'
                    f"</strong> (fictional)</figcaption>"
                    f'<blockquote style="white-space:pre-wrap">{esc(data["original"])}'
                    "</blockquote></figure>")
    changes = "".join(f"<li>{esc(c)}</li>" for c in data["changes"] if isinstance(c, str))
    return HTML("<details class=\"praxis-message\"><summary>Show a model rewrite (open it after "
                "you have written yours)</summary>"
                f'<blockquote style="white-space:pre-wrap">{esc(data["model"])}</blockquote>'
                f"<p><strong>What changed, and why</strong></p><ul>{changes}</ul></details>")
