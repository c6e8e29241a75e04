"""Lesson 07: a fictional report of harm and model first responses to compare with.

The words live in data/practice/07-first-response.yaml so an instructor can change the
case without opening Python. A malformed file gives a message naming the file and the
field, never a traceback; the rest of the lesson still runs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from IPython.display import HTML

from .. import paths
from ..validate import Checker, ContentError, Problem, read_yaml

FILE = "07-first-response.yaml"


@dataclass(frozen=True)
class ModelResponse:
    label: str
    text: str
    principles: tuple[str, ...]
    comment: str


@dataclass(frozen=True)
class Report:
    title: str
    setting: str
    report: str
    prompt: str
    responses: tuple[ModelResponse, ...]


def load_report(path: Path | None = None) -> Report:
    """Read and check the practice file; raises ContentError naming file and field."""
    path = path or paths.data_dir() / "practice" / FILE
    raw = read_yaml(path)
    c = Checker(path.name)
    if not isinstance(raw, dict):
        raise ContentError([Problem(path.name, "(whole file)",
                                    "a mapping with title, setting, report, prompt, responses",
                                    type(raw).__name__)])
    c.unknown_keys(raw, {"title", "setting", "report", "prompt", "responses"})
    responses = []
    for i, item in enumerate(c.items(raw, "responses", minimum=1), 1):
        where = f"responses[{i}]."
        c.unknown_keys(item, {"label", "text", "principles", "comment"}, where)
        responses.append(ModelResponse(c.text(item, "label", where), c.text(item, "text", where),
                                       tuple(c.texts(item, "principles", where, minimum=0)),
                                       c.text(item, "comment", where)))
    report = Report(c.text(raw, "title"), c.text(raw, "setting"), c.text(raw, "report"),
                    c.text(raw, "prompt"), tuple(responses))
    c.done()
    return report


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


class _Shown:
    """Displays as HTML in JupyterLab and as plain text everywhere else."""

    def __init__(self, html_text: str, plain: str):
        self._html, self._plain = html_text, plain

    def _repr_html_(self) -> str:
        return self._html

    def __repr__(self) -> str:
        return self._plain


def _problem(exc: ContentError) -> HTML:
    body = "<br>".join(html.escape(str(p)) for p in exc.problems)
    return HTML(f'<div class="praxis-message" role="status" style="border:2px solid #767676;'
                f'padding:.5em .8em"><strong>The practice case could not load:</strong> {body}'
                "<br>If you edited that file, check the field named above; the rest of the "
                "lesson still works.</div>")


def show_report(path: Path | None = None) -> _Shown | HTML:
    """The fictional report, as the person reporting might say it."""
    try:
        case = load_report(path)
    except ContentError as exc:
        return _problem(exc)
    page = (f'<section class="praxis-case" aria-label="{html.escape(case.title, quote=True)}">'
            f"<h4>{html.escape(case.title)}</h4>{_paragraphs(case.setting)}"
            f'<blockquote style="border-left:4px solid #0072B2;margin-left:0;padding-left:1em">'
            f"{_paragraphs(case.report)}</blockquote>"
            f"<p><strong>Your task:</strong> {html.escape(case.prompt)}</p></section>")
    plain = f"{case.title}\n\n{case.setting}\n\n{case.report}\n\nYour task: {case.prompt}"
    return _Shown(page, plain)


def model_responses(path: Path | None = None) -> _Shown | HTML:
    """The model responses, each folded so a learner can write first and open them after."""
    try:
        case = load_report(path)
    except ContentError as exc:
        return _problem(exc)
    parts, plain = [], []
    for r in case.responses:
        shows = ", ".join(r.principles) if r.principles else "none of the six, despite good intent"
        parts.append(f"<details><summary><strong>{html.escape(r.label)}</strong></summary>"
                     f"{_paragraphs(r.text)}<p><em>Principles it shows:</em> "
                     f"{html.escape(shows)}.</p><p><em>Comment:</em> {html.escape(r.comment)}"
                     "</p></details>")
        plain.append(f"{r.label}\n{r.text}\nPrinciples it shows: {shows}.\nComment: {r.comment}")
    intro = ("<p>Open each response (click it, or Tab to it and press Enter). None is the "
             "one right answer; each shows some principles more than others.</p>")
    return _Shown(intro + "".join(parts), "\n\n".join(plain))
