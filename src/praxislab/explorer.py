"""The vignette explorer: pick a case, read its content note and choose, then let the case
unfold stage by stage, with decisions, the two lenses, sorting and reflection.

The state machine (`ExplorerState`) is plain Python; `VignetteExplorer` lays the widgets
out for the current state. Both can be driven from tests without a browser.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from .activities import Lens, LensCase, Option, Question, Quiz, QuizOption, Sorter, SortItem
from .journal import Journal, Reflection
from .vignettes import LENSES, LEVELS, Casebook, Vignette
from .widgets import ChoicesWidget, Controls, LensWidget, ReflectionBox

LENS_LABELS = {"adp": "ADP (anti-discriminatory)", "aop": "AOP (anti-oppressive)",
               "both": "Both"}
LEVEL_LABELS = {"individual": "Individual", "organisational": "Organisational",
                "structural": "Structural / policy"}
FACE_LABELS = {"exploitation": "exploitation", "marginalisation": "marginalisation",
               "powerlessness": "powerlessness", "cultural-imperialism": "cultural imperialism",
               "violence": "violence"}


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


@dataclass
class ExplorerState:
    """Where the learner is: which case, whether they chose to read it, how far."""

    case_id: str = ""
    phase: str = "choose"  # choose -> note -> reading -> (skipped)
    stage: int = 0  # number of stages revealed

    def choose(self, case_id: str) -> None:
        self.case_id, self.phase, self.stage = case_id, ("note" if case_id else "choose"), 0

    def proceed(self) -> None:
        if self.phase == "note":
            self.phase, self.stage = "reading", 1

    def skip(self) -> None:
        if self.phase == "note":
            self.phase = "skipped"

    def next_stage(self, total: int) -> None:
        if self.phase == "reading" and self.stage < total:
            self.stage += 1


class VignetteExplorer:
    """The explorer widget. Display it by leaving it as the last line of a cell."""

    def __init__(self, casebook: Casebook, journal: Journal, notebook: str,
                 case_id: str | None = None, term: str | None = None, reveal_all: bool = False):
        self.casebook = casebook
        self.journal = journal
        self.notebook = notebook
        self.term = term
        self.reveal_all = reveal_all
        self.state = ExplorerState()
        options = [["", "Choose a case…"]] + [
            [v.id, f"{v.title} ({v.setting.country})"] for v in casebook.vignettes.values()]
        self.picker = Controls(selects=[
            {"name": "case", "label": "Case:", "options": options},
            {"name": "words", "label": "Call the person receiving the service:",
             "options": [["", "as the case's setting does"], ["client", "client (US usage)"],
                         ["service user", "service user (UK usage)"]]}],
            values={"case": "", "words": term or ""})
        self.picker.on_change(self._on_pick)
        self.body = w.VBox()
        notices = []
        if casebook.problems:
            notices.append(w.HTML(
                '<div class="praxis-message" role="status"><strong>Some case files could not be '
                "loaded</strong> (the others work normally):<ul>"
                + "".join(f"<li>{html.escape(str(p))}</li>" for p in casebook.problems)
                + "</ul>See docs/vignettes.md for the format.</div>"))
        self.widget = w.VBox([*notices, self.picker, self.body])
        if case_id:
            if case_id not in casebook.vignettes:
                self.body.children = (w.HTML(
                    f"<p role='status'>There is no case with the id "
                    f"<code>{html.escape(case_id)}</code>. Choose one from the list.</p>"),)
            else:
                self.picker.values = {**self.picker.values, "case": case_id}
        else:
            self._render()

    def _on_pick(self, name: str, value: str) -> None:
        if name == "case":
            self.choose(value)
        else:
            self._render()

    @property
    def words(self) -> str:
        return self.picker.values.get("words", "")

    # -- actions a learner takes ---------------------------------------------------------
    @property
    def vignette(self) -> Vignette | None:
        found = self.casebook.vignettes.get(self.state.case_id)
        if found is None:
            return None
        return found.with_terms(self.words or None)

    def choose(self, case_id: str) -> None:
        self.state.choose(case_id)
        if self.reveal_all and case_id:
            self.state.proceed()
            self.state.stage = len(self.casebook.vignettes[case_id].stages)
        self._render()

    def proceed(self) -> None:
        self.state.proceed()
        self._render()

    def skip(self) -> None:
        self.state.skip()
        self._render()

    def next_stage(self) -> None:
        case = self.vignette
        if case:
            self.state.next_stage(len(case.stages))
            self._render()

    def _rerender(self) -> None:
        self._render()

    # -- layout ---------------------------------------------------------------------------
    def _render(self) -> None:
        case = self.vignette
        phase = self.state.phase
        if case is None or phase == "choose":
            self.body.children = (w.HTML(
                "<p>Choose a case from the list above. Each one starts with a content note, "
                "so you can decide whether to read it.</p>"),)
            return
        header = w.HTML(
            f"<h2>{html.escape(case.title)}</h2>"
            f"<p><strong>Setting:</strong> {html.escape(case.setting.service)}, "
            f"{html.escape(case.setting.country)} "
            f"({'statutory' if case.setting.statutory else 'non-statutory'} service).</p>"
            "<p><em>Everyone in this case, people and agencies alike, is fictional.</em></p>")
        if phase == "note":
            choice = Controls(buttons=[{"name": "go", "label": "Continue to the case"},
                                       {"name": "skip", "label": "Skip this case"}])
            choice.on_click(lambda name: self.proceed() if name == "go" else self.skip())
            note = w.HTML(
                '<div class="praxis-note" role="note"><p><strong>Content note:</strong> '
                f"{html.escape(case.content_note)}</p><p>You can continue, or skip this case "
                "and choose another. You do not need to give a reason.</p></div>")
            self.body.children = (header, note, choice)
            return
        if phase == "skipped":
            self.body.children = (header, w.HTML(
                "<p role='status'>You skipped this case. Choose another from the list above, "
                "or come back to this one another time. Nothing else is needed.</p>"),)
            return
        self.body.children = (header, *self._reading(case))

    def _reading(self, case: Vignette) -> list[Any]:
        parts: list[Any] = []
        total = len(case.stages)
        for number, stage in enumerate(case.stages[: self.state.stage], 1):
            parts.append(w.HTML(f"<h3>Part {number} of {total}: {html.escape(stage.title)}</h3>"
                                + _paragraphs(stage.text)))
            for decision in case.decisions:
                if decision.after_stage == number:
                    parts.append(ChoicesWidget(self._decision_quiz(case, decision),
                                               self.journal, self.notebook))
        if self.state.stage < total:
            more = Controls(buttons=[{"name": "next", "label": "Next part of the case"}])
            more.on_click(lambda _name: self.next_stage())
            parts.append(more)
            return parts
        parts += self._analysis(case)
        return parts

    def _decision_quiz(self, case: Vignette, decision) -> Quiz:
        return Quiz(
            id=f"{case.id}-decision-{decision.id}"[:80], heading="Decision point",
            instructions="There is no single right answer. Choose what you would do, then read "
                         "the note on what that choice gains and risks.",
            questions=(Question(decision.id, decision.question, tuple(
                QuizOption(f"c{i}", ch.text, False, ch.feedback)
                for i, ch in enumerate(decision.choices, 1))),),
            check_label="Show the note on my choice", graded=False)

    def lens_case(self, case: Vignette) -> LensCase:
        return LensCase(f"{case.title}: two lenses", tuple(
            Lens(key, LENS_LABELS[key], (("What it notices", case.lenses[key]["notices"]),
                                          ("What it would do", case.lenses[key]["would_do"])))
            for key in ("adp", "aop")))

    def sorters(self, case: Vignette) -> tuple[Sorter, Sorter]:
        by_lens = Sorter(
            f"{case.id}-by-lens"[:80], "Sort the possible actions by lens",
            "Which approach does each action express most? 'Both' is allowed where honest.",
            tuple(Option(k, LENS_LABELS[k]) for k in LENSES),
            tuple(SortItem(f"a{i}", a.text, a.lens, a.why)
                  for i, a in enumerate(case.actions, 1)))
        by_level = Sorter(
            f"{case.id}-by-level"[:80], "Sort the same actions by level",
            "Where does each action work: with one person, inside an organisation, or on "
            "the wider structures and policies?",
            tuple(Option(k, LEVEL_LABELS[k]) for k in LEVELS),
            tuple(SortItem(f"a{i}", a.text, a.level, a.why)
                  for i, a in enumerate(case.actions, 1)))
        return by_lens, by_level

    def _analysis(self, case: Vignette) -> list[Any]:
        by_lens, by_level = self.sorters(case)
        parts: list[Any] = [
            w.HTML("<h3>Looking again: the two lenses</h3>"),
            LensWidget(self.lens_case(case)),
            ChoicesWidget(by_lens, self.journal, self.notebook),
            ChoicesWidget(by_level, self.journal, self.notebook),
            w.HTML("<h3>Personal, cultural, structural</h3><p>Thompson's PCS model asks what "
                   "happens at each level. Your notes save as you type.</p>"),
        ]
        for level in ("personal", "cultural", "structural"):
            parts.append(ReflectionBox(Reflection(
                self.journal, self.notebook, f"{case.id}-pcs-{level}"[:80],
                f"{level.capitalize()} level: {case.pcs_prompts[level]}"), rows=4))
        faces = ", ".join(FACE_LABELS[f] for f in case.faces)
        parts.append(w.HTML(
            f"<h3>Discussion</h3><p>Young's faces of oppression in this case: "
            f"{html.escape(faces)}.</p><ol>"
            + "".join(f"<li>{html.escape(q)}</li>" for q in case.discussion) + "</ol>"
            + ("<h4>Sources</h4><ul>" + "".join(f"<li>{html.escape(s)}</li>"
                                               for s in case.sources) + "</ul>"
               if case.sources else "")))
        return parts

    # -- display --------------------------------------------------------------------------
    def fallback_text(self) -> str:
        case = self.vignette
        lines = ["Case explorer. Cases: " + "; ".join(
            v.title for v in self.casebook.vignettes.values())]
        if case is not None and self.state.phase == "reading":
            lines += [f"\n{case.title} ({case.setting.country})",
                      f"Content note: {case.content_note}"]
            lines += [f"\n{s.title}\n{s.text}" for s in case.stages[: self.state.stage]]
        lines.append("(Run the notebook to explore a case.)")
        return "\n".join(lines)

    def _repr_mimebundle_(self, **kwargs: Any):
        data = self.widget._repr_mimebundle_(**kwargs)
        if isinstance(data, tuple):
            data, metadata = data
        else:
            metadata = {}
        text = self.fallback_text()
        data["text/plain"] = text
        data["text/html"] = f'<pre style="white-space:pre-wrap">{html.escape(text)}</pre>'
        return data, metadata
