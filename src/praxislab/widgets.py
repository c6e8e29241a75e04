"""Thin widget views over the models in `activities` and `journal`.

Each view is a small anywidget built from native HTML controls (label, textarea,
fieldset/legend, radio buttons, range inputs, buttons), so every control has a name a
screen reader announces and works from the keyboard. Each also carries a plain-text and
HTML fallback, shown when a notebook is exported without a running kernel.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from .activities import LensCase, Quiz, RatingScale, Sorter
from .journal import MAX_RAW_CHARS, Entry, Journal, JournalError, Reflection
from .plots import RatingChart, png_base64

STATIC = Path(__file__).parent / "static"


def _module(name: str) -> str:
    """A widget's JavaScript module: the shared helpers, then the widget's own code."""
    return (STATIC / "common.js").read_text("utf-8") + "\n" + (STATIC / name).read_text("utf-8")

log = logging.getLogger(__name__)
SOMETHING_WRONG = ("Something unexpected went wrong ({}). What you entered is still on screen; "
                   "re-run this cell to try again.")


class _Fallback:
    """Adds text/plain and text/html renderings to the widget's display bundle.

    JupyterLab shows the live widget; nbconvert's HTML export and static sites, which have
    no kernel, show the fallback instead, so the page still teaches."""

    def fallback_text(self) -> str:  # pragma: no cover - overridden
        return ""

    def _repr_mimebundle_(self, **kwargs: Any):
        data, metadata = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        text = self.fallback_text()
        data["text/plain"] = text
        data["text/html"] = ('<div class="praxis-fallback"><pre style="white-space:pre-wrap">'
                             f"{html.escape(text)}</pre></div>")
        return data, metadata


class _Base(_Fallback, anywidget.AnyWidget):
    _css = STATIC / "praxis.css"


class ReflectionBox(_Base):
    """A prompt and a text box whose contents save to the journal as the learner types.

    The browser numbers each text it sends (`seq`) and the kernel answers with `ack` once
    it has handled it, so the page knows when saving has stopped (kernel gone) and keeps
    the text in the page meanwhile (reflection.js). `version` is the saved version the
    kernel last read or wrote; "Earlier versions" lists and restores old versions."""

    _esm = _module("reflection.js")
    prompt = t.Unicode("").tag(sync=True)
    hint = t.Unicode("").tag(sync=True)
    value = t.Unicode("").tag(sync=True)
    status = t.Unicode("").tag(sync=True)
    placeholder = t.Unicode("").tag(sync=True)
    rows = t.Int(6).tag(sync=True)
    delay_ms = t.Int(500).tag(sync=True)
    # Saving that has stopped, versions, and conflicts (see reflection.js).
    key = t.Unicode("").tag(sync=True)
    seq = t.Int(0).tag(sync=True)
    ack = t.Int(0).tag(sync=True)
    ack_timeout_ms = t.Int(6000).tag(sync=True)
    version = t.Unicode("").tag(sync=True)
    locked = t.Bool(False).tag(sync=True)
    notice = t.Unicode("").tag(sync=True)
    other_id = t.Unicode("").tag(sync=True)
    revisions = t.List().tag(sync=True)
    max_chars = t.Int(MAX_RAW_CHARS).tag(sync=True)

    def __init__(self, model: Reflection, rows: int = 6, placeholder: str = ""):
        text, status = model.restore()
        hint = ("Saved automatically as you type, to your journal on this machine. "
                + ("Private: left out of exports unless you choose to include it."
                   if model.private else "Included when you export your portfolio."))
        super().__init__(prompt=model.prompt_text, hint=hint, value=text, status=status,
                         rows=rows, placeholder=placeholder,
                         key=f"{model.notebook}/{model.prompt}",
                         version=model.version.token if model.version else "",
                         locked=bool(model.locked))
        self.model = model
        self.observe(self._on_value, names=["value", "seq"])
        self.on_msg(self._on_msg)

    def _on_value(self, change: dict[str, Any]) -> None:
        text = self.value
        try:
            cleaned, status = self.model.update(text)
        except Exception as exc:  # a learner must never see a traceback from a keystroke
            log.exception("reflection save failed")
            cleaned, status = None, SOMETHING_WRONG.format(type(exc).__name__)
        self._publish(status, cleaned, text)

    def _publish(self, status: str, cleaned: str | None, sent: str | None) -> None:
        with self.hold_sync():
            self.status = status
            self.version = self.model.version.token if self.model.version else ""
            self.notice = self.model.notice
            self.other_id = self.model.other_id or ""
            if cleaned is not None and cleaned != sent:
                self.value = cleaned
            self.ack = self.seq

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        try:
            event = content.get("event") if isinstance(content, dict) else None
            if event == "revisions":
                self.list_revisions()
            elif event == "restore" and isinstance(content.get("id"), str):
                self.restore_revision(content["id"])
            elif event == "dismiss":
                self.model.dismiss()
                self._publish(self.status, None, None)
        except Exception as exc:
            log.exception("reflection message failed")
            self.status = SOMETHING_WRONG.format(type(exc).__name__)

    def list_revisions(self) -> list[dict[str, Any]]:
        try:
            found = self.model.revisions()
        except JournalError as exc:
            self.status = str(exc)
            return []
        self.revisions = [{"id": r.id, "label": r.describe(), "words": r.words,
                           "saved_at": r.saved_at, "preview": _preview(r.text)}
                          for r in found]
        return self.revisions

    def restore_revision(self, revision_id: str) -> None:
        text, status = self.model.restore_revision(revision_id)
        if text is not None:
            self.unobserve(self._on_value, names=["value", "seq"])
            try:
                self.value = text
            finally:
                self.observe(self._on_value, names=["value", "seq"])
        self._publish(status, None, None)
        self.list_revisions()

    def earlier_versions_text(self) -> str:
        """The text fallback of "Earlier versions": every earlier version in full."""
        found = self.model.revisions()
        if not found:
            return "No earlier versions of this answer yet."
        return "\n\n".join(f"[{r.id}] {r.describe()}\n{r.text}" for r in found)

    def fallback_text(self) -> str:
        return (f"Reflection: {self.prompt}\n(Write your answer in the live notebook; it is "
                "saved in your journal, not in this page. Earlier versions are kept in the "
                "journal's earlier-versions folder.)")


def _preview(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class ChoicesWidget(_Base):
    """A sorter or a quiz: radio groups, a Check button, and explained feedback."""

    _esm = _module("choices.js")
    heading = t.Unicode("").tag(sync=True)
    instructions = t.Unicode("").tag(sync=True)
    items = t.List().tag(sync=True)
    answers = t.Dict().tag(sync=True)
    feedback = t.Dict().tag(sync=True)
    summary = t.Unicode("").tag(sync=True)
    check_label = t.Unicode("Check my answers").tag(sync=True)

    def __init__(self, activity: Sorter | Quiz, journal: Journal | None = None,
                 notebook: str | None = None):
        if isinstance(activity, Sorter):
            items = [{"id": i.id, "text": i.text,
                      "options": [{"value": o.value, "label": o.label}
                                  for o in activity.categories]} for i in activity.items]
        else:
            items = [{"id": q.id, "text": q.text,
                      "options": [{"value": o.value, "label": o.label} for o in q.options]}
                     for q in activity.questions]
        self.activity = activity
        self.journal = journal
        self.notebook = notebook
        answers = self._restore()
        super().__init__(heading=activity.heading, instructions=activity.instructions,
                         items=items, answers=answers, check_label=activity.check_label)
        self.on_msg(self._on_msg)
        self.observe(self._on_answers, names="answers")

    def _restore(self) -> dict[str, str]:
        if not (self.journal and self.notebook):
            return {}
        try:
            entry = self.journal.load(self.notebook, self.activity.id)
        except JournalError:
            return {}
        if entry is None:
            return {}
        answers = entry.data.get("answers", {})
        return {str(k): str(v) for k, v in answers.items()} if isinstance(answers, dict) else {}

    def _on_answers(self, change: dict[str, Any]) -> None:
        if not (self.journal and self.notebook):
            return
        try:
            self.journal.save(Entry(self.notebook, self.activity.id, kind="choice",
                                    prompt_text=self.activity.heading,
                                    data={"answers": dict(change["new"])}))
        except JournalError as exc:
            self.summary = str(exc)

    def check(self) -> None:
        feedback, summary = self.activity.evaluate(self.answers)
        self.feedback = {k: v.as_dict() for k, v in feedback.items()}
        self.summary = summary

    def reset(self) -> None:
        self.answers = {}
        self.feedback = {}
        self.summary = "Cleared. Choose again whenever you are ready."

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        try:
            event = content.get("event") if isinstance(content, dict) else None
            if event == "check":
                self.check()
            elif event == "reset":
                self.reset()
        except Exception as exc:
            log.exception("choices callback failed")
            self.summary = SOMETHING_WRONG.format(type(exc).__name__)

    def fallback_text(self) -> str:
        return self.activity.fallback_text()


class RatingWidget(_Base):
    """Private 1-10 ratings with a chart of the learner's own answers. No score, ever."""

    _esm = _module("rating.js")
    heading = t.Unicode("").tag(sync=True)
    instructions = t.Unicode("").tag(sync=True)
    items = t.List().tag(sync=True)
    ratings = t.Dict().tag(sync=True)
    status = t.Unicode("").tag(sync=True)
    clear_label = t.Unicode("Clear all my ratings").tag(sync=True)
    chart_png = t.Unicode("").tag(sync=True)
    chart_alt = t.Unicode("").tag(sync=True)
    chart_caption = t.Unicode("").tag(sync=True)

    def __init__(self, scale: RatingScale, journal: Journal, notebook: str):
        self.scale = scale
        self.journal = journal
        self.notebook = notebook
        self.chart = RatingChart([i.label for i in scale.items], scale.axis_label, scale.whose)
        ratings, status = self._restore()
        super().__init__(heading=scale.heading, instructions=scale.instructions,
                         items=[{"id": i.id, "label": i.label, "description": i.description}
                                for i in scale.items],
                         ratings=ratings, status=status)
        self._draw(ratings)
        self.on_msg(self._on_msg)
        self.observe(self._on_ratings, names="ratings")

    def _restore(self) -> tuple[dict[str, int], str]:
        private = ("Private: kept only on this machine, never collected, and left out of "
                   "exports unless you choose otherwise.")
        try:
            entry = self.journal.load(self.notebook, self.scale.id)
        except JournalError as exc:
            return {}, str(exc)
        if entry is None:
            return {}, private
        return self.scale.clean(entry.data.get("ratings", {})), "Restored. " + private

    def _draw(self, ratings: dict[str, int]) -> None:
        values = [ratings.get(i.id, 0) for i in self.scale.items]
        png = self.chart.update(values)
        with self.hold_sync():  # image and its alt text reach the browser together
            self.chart_png = png
            self.chart_alt = self.chart.alt_text(values)
            self.chart_caption = ("Your ratings only, in the order listed. There is no total: "
                                  "the point is which ones you notice, and why.")

    def _on_ratings(self, change: dict[str, Any]) -> None:
        try:
            ratings = self.scale.clean(change["new"])
            self._draw(ratings)
            self.journal.save(Entry(self.notebook, self.scale.id, kind="rating", private=True,
                                    prompt_text=self.scale.heading,
                                    text=self.scale.describe(ratings),
                                    data={"ratings": ratings}))
            self.status = "Saved privately. " + self.scale.describe(ratings)
        except JournalError as exc:
            self.status = str(exc)
        except Exception as exc:
            log.exception("rating callback failed")
            self.status = SOMETHING_WRONG.format(type(exc).__name__)

    def clear(self) -> None:
        self.journal.delete(self.notebook, self.scale.id)
        self.unobserve(self._on_ratings, names="ratings")
        try:
            self.ratings = {}
        finally:
            self.observe(self._on_ratings, names="ratings")
        self._draw({})
        self.status = "All your ratings are cleared, here and in your journal."

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "clear":
            try:
                self.clear()
            except Exception as exc:
                log.exception("clear failed")
                self.status = SOMETHING_WRONG.format(type(exc).__name__)

    def fallback_text(self) -> str:
        return self.scale.fallback_text()


def _figure_fields(figure: Any) -> dict[str, str]:
    if figure is None:
        return {}
    return {"png": png_base64(figure.fig, dpi=80), "alt": figure.alt, "caption": figure.caption}


class LensWidget(_Base):
    """One case through two lenses, one at a time or side by side."""

    _esm = _module("lens.js")
    heading = t.Unicode("").tag(sync=True)
    lenses = t.List().tag(sync=True)
    modes = t.List().tag(sync=True)
    mode = t.Unicode("both").tag(sync=True)

    def __init__(self, case: LensCase, mode: str = "both"):
        self.case = case
        super().__init__(
            heading=case.heading,
            lenses=[{"key": lens.key, "title": lens.title,
                     "parts": [{"heading": h, "lines": list(lines)} for h, lines in lens.parts],
                     **_figure_fields(lens.figure)}
                    for lens in case.lenses],
            modes=[list(m) for m in case.modes()], mode=mode)

    def fallback_text(self) -> str:
        return self.case.fallback_text()


class Controls(_Base):
    """Labelled selects and buttons (native elements, keyboard-safe in JupyterLab).

    `on_change(name, value)` and `on_click(name)` callbacks receive the learner's actions.
    """

    _esm = _module("controls.js")
    selects = t.List().tag(sync=True)
    values = t.Dict().tag(sync=True)
    buttons = t.List().tag(sync=True)

    def __init__(self, selects: list[dict] | None = None, buttons: list[dict] | None = None,
                 values: dict[str, str] | None = None):
        super().__init__(selects=selects or [], buttons=buttons or [], values=values or {})
        self._click_handlers: list[Any] = []
        self._change_handlers: list[Any] = []
        self.on_msg(self._on_msg)
        self.observe(self._on_values, names="values")

    def on_click(self, handler: Any) -> None:
        self._click_handlers.append(handler)

    def on_change(self, handler: Any) -> None:
        self._change_handlers.append(handler)

    def click(self, name: str) -> None:
        for handler in self._click_handlers:
            handler(name)

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "click":
            try:
                self.click(str(content.get("name")))
            except Exception:  # never a traceback in the learner's page
                log.exception("button callback failed")

    def _on_values(self, change: dict[str, Any]) -> None:
        old, new = change["old"] or {}, change["new"] or {}
        for name, value in new.items():
            if old.get(name) != value:
                for handler in self._change_handlers:
                    handler(name, value)

    def fallback_text(self) -> str:
        parts = [f"{s['label']} " + ", ".join(label for _, label in s["options"])
                 for s in self.selects]
        parts += [f"[{b['label']}]" for b in self.buttons]
        return "\n".join(parts)
