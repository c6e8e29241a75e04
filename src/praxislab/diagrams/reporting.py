"""Lesson 07: a fictional report of harm and model first responses to compare with.

The words live in data/practice/07-first-response.yaml so an instructor can change the
case without opening Python. A malformed file gives a message naming the file and the
field, never a traceback; the rest of the lesson still runs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import HTML
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .. import datasets, figures, measures, paths
from ..content import check
from ..plots import AccessibleFigure
from ..validate import ContentError, read_yaml

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
    check(raw, "practice-report", path.name)  # every field and type, before anything is built
    responses = tuple(
        ModelResponse(item["label"].strip(), item["text"].strip(),
                      tuple(p.strip() for p in item.get("principles", ())),
                      item["comment"].strip())
        for item in raw["responses"])
    report = Report(raw["title"].strip(), raw["setting"].strip(), raw["report"].strip(),
                    raw["prompt"].strip(), responses)
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


# -- figures -------------------------------------------------------------------------------
# Each loads its own table, so a learner's edits to a DataFrame in the notebook cannot break
# the figure, and each builds its alt-text summary from the data, never from typed numbers.

def legend_outside(figure: AccessibleFigure) -> AccessibleFigure:
    """Move a chart's legend to the right of the plot, where it cannot hide a bar or its
    value (figures.chart puts it bottom right, over long bars in the last row)."""
    ax = figure.fig.axes[0]
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8.5)
        figure.fig.set_figwidth(figure.fig.get_figwidth() + 2.4)  # room for the legend
    return figure


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def recorded_figure() -> AccessibleFigure:
    """Police recorded hate crime in two years: the total and the two checked strands."""
    table = datasets.load("hate-crime-police-recorded-2024")
    moves = []
    for r in table.itertuples():
        way = "rose" if r.offences_2023_24 > r.offences_2022_23 else "fell"
        moves.append(f"{r.group} {way} from {_fmt(r.offences_2022_23)} to "
                     f"{_fmt(r.offences_2023_24)}")
    figure = legend_outside(figures.chart(
        table, category="group",
        values={"offences_2022_23": "April 2022 to March 2023",
                "offences_2023_24": "April 2023 to March 2024"},
        title="Hate crimes recorded by the police, England and Wales (total and two strands)",
        axis_label="Offences recorded (count)", value_format="{:,.0f}",
        summary="; ".join(moves) + ". Race and religion are two of five strands; the "
                "other three are not shown."))
    axis = figure.fig.axes[0].xaxis  # counts in the hundred thousands: fewer, readable ticks
    axis.set_major_locator(MaxNLocator(4))
    axis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:,.0f}"))
    return figure


def flags_source() -> str:
    """The source line for the synthetic flag table, naming its own generator script.

    (datasets.source_line names the data layer's generator for every synthetic table;
    this one comes from tools/make_hate_crime_flags_synthetic.py.)"""
    info = datasets.provenance("hate-crime-flags-synthetic")
    return (f"Source: {info.get('cite', 'SYNTHETIC data')} ({info.get('edition', 'seeded')}); "
            "not real figures.")


def flags_figure() -> AccessibleFigure:
    """The synthetic flag table: each strand's count against the number of offences."""
    name = "hate-crime-flags-synthetic"
    flags = datasets.load(name).set_index("offence")
    counts = flags.sum()
    labels = {"race": "Race", "religion": "Religion", "sexual_orientation": "Sexual orientation",
              "disability": "Disability", "transgender": "Transgender identity"}
    table = pd.DataFrame({"strand": [labels.get(k, k) for k in counts.index],
                          "flags": [int(v) for v in counts]})
    offences, total = len(flags), int(counts.sum())
    multi = int((flags.sum(axis=1) > 1).sum())
    return figures.chart(
        table, category="strand", values={"flags": "Offences flagged"},
        title=f"SYNTHETIC: strand flags on {offences} made-up offences",
        axis_label="Offences flagged with the strand (count)",
        source=flags_source(), reference=offences,
        reference_label="number of offences",
        summary=f"Made-up data. The strand counts add up to {total}, more than the "
                f"{offences} offences, because {multi} offences carry two strands.")


def victims_figure() -> AccessibleFigure:
    """Victims' shares by ethnic group (where known) against population shares."""
    table = datasets.load("hate-crime-victims-by-ethnicity-2024")
    parts = [f"{r.group} people were {r.share_of_victims_pct:.1f}% of victims and "
             f"{r.share_of_population_pct:.1f}% of the population"
             for r in table.itertuples()]
    return legend_outside(figures.chart(
        table, category="group",
        values={"share_of_victims_pct": "Victims (where ethnicity known)",
                "share_of_population_pct": "Population, 2021 Census"},
        title="Victims of racially or religiously aggravated offences, April 2023 to "
              "March 2024, against population, England and Wales",
        axis_label="Share (%)", unit_suffix="%",
        summary="; ".join(parts) + ". Victim shares count only offences where the "
                "victim's ethnicity was recorded."))


def interval_figure(estimate: float = 0.78,
                    sizes: tuple[int, ...] = (100, 400, 1_000, 10_000)) -> AccessibleFigure:
    """ILLUSTRATIVE: how wide a 95% interval is around the same estimate at several sample
    sizes (Wilson method, measures.proportion_ci). Made-up numbers, not survey data."""
    widths = []
    for n in sizes:
        low, high = measures.proportion_ci(round(estimate * n), n)
        widths.append(round((high - low) * 100, 1))
    table = pd.DataFrame({"sample": [f"{n:,} respondents" for n in sizes], "width": widths})
    pairs = "; ".join(f"{s}: {w:g} points" for s, w in zip(table["sample"], widths,
                                                              strict=True))
    return figures.chart(
        table, category="sample", values={"width": "Width of the 95% interval"},
        title=f"ILLUSTRATIVE: uncertainty around an estimate of {estimate:.0%} "
              "at four sample sizes",
        axis_label="Width of the 95% confidence interval (percentage points)",
        source="Source: made-up numbers for illustration, not survey data; intervals by "
               "praxislab.measures.proportion_ci (Wilson score method).",
        summary=f"Made-up illustration. The interval narrows as the sample grows: {pairs}.")
