"""One helper for every data figure in the lessons: `chart(...)`.

It draws horizontal bars (grouped when there are several value columns) in the Okabe-Ito
palette with a hatch per series, so no reading depends on colour; writes each value at
the end of its bar; labels the value axis with its unit; prints the source line under
the figure; and writes alt text that states the numbers that matter. It returns an
`AccessibleFigure` (see plots.py), which shows as <figure><img alt><figcaption>.

    from praxislab import datasets, figures
    care = datasets.load("us-foster-care-by-race-2021")
    figures.chart(care, category="group",
                  values={"share_in_care_pct": "In foster care",
                          "share_of_child_population_pct": "Child population"},
                  title="Who is in foster care?", axis_label="Share of children (%)")
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .datasets import source_line
from .plots import OKABE_ITO, AccessibleFigure

__all__ = ["STYLE", "FigureError", "alt_text", "chart"]

# Blue, orange, bluish green, vermillion, reddish purple, sky blue: the Okabe-Ito colours
# that stay distinct for the common colour-vision deficiencies and in greyscale.
SERIES_COLOURS = (OKABE_ITO[4], OKABE_ITO[0], OKABE_ITO[2], OKABE_ITO[5], OKABE_ITO[6],
                  OKABE_ITO[1])
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "ooo")
STYLE = {"font.size": 10, "axes.titlesize": 11, "axes.labelsize": 10}


class FigureError(ValueError):
    """A figure was asked for without what a reader needs (units, a source, data)."""


def _number(value: Any, fmt: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "not published"
    return fmt.format(value)


def chart(table: pd.DataFrame, *, category: str, values: Mapping[str, str] | Sequence[str],
          title: str, axis_label: str, source: str | None = None, summary: str = "",
          reference: float | None = None, reference_label: str = "",
          value_format: str = "{:g}", unit_suffix: str = "",
          width: float = 6.4) -> AccessibleFigure:
    """A labelled, sourced, alt-texted horizontal bar chart of `table`.

    category      column with one label per bar group (e.g. "group")
    values        columns to draw, as {column: label for the legend} or a list of columns
    axis_label    the value axis label WITH its unit, e.g. "Share of children (%)"
    source        the source line; by default the one `datasets.load` attached
    summary       the message of the figure in one sentence, first in the alt text
    reference     draws a dashed line (e.g. 1 for "proportional") and says so in alt text
    unit_suffix   written after each number in the alt text and on the bars (e.g. "%")
    """
    if not isinstance(table, pd.DataFrame) or table.empty:
        raise FigureError("chart() needs a table with at least one row.")
    if not axis_label or not axis_label.strip():
        raise FigureError("Label the value axis with its unit, e.g. 'Rate per 1,000 children'.")
    if not title or not title.strip():
        raise FigureError("Give the figure a title.")
    columns = dict(values) if isinstance(values, Mapping) else {c: c for c in values}
    missing = [c for c in [category, *columns] if c not in table.columns]
    if missing or not columns:
        raise FigureError(f"Columns not in the table: {missing or 'no value columns given'}. "
                          f"The table has: {', '.join(map(str, table.columns))}.")
    line = source if source is not None else source_line(table)
    if not line.strip():
        raise FigureError("Every figure needs a source line.")
    if not line.startswith("Source"):
        line = "Source: " + line

    with rc_context(STYLE):
        return _draw(table, category, columns, title, axis_label, line, summary, reference,
                     reference_label, value_format, unit_suffix, width)


def _draw(table: pd.DataFrame, category: str, columns: dict[str, str], title: str,
          axis_label: str, line: str, summary: str, reference: float | None,
          reference_label: str, value_format: str, unit_suffix: str,
          width: float) -> AccessibleFigure:
    labels = [str(v) for v in table[category]]
    n_series = len(columns)
    height = 0.5 + max(len(labels) * (0.28 * n_series + 0.22), 1.2) + 0.6
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    bar_height = 0.8 / n_series
    finite = [float(v) for col in columns for v in table[col] if not pd.isna(v)]
    top = max(finite + [reference or 0, 0]) or 1.0
    for s, (column, label) in enumerate(columns.items()):
        offsets = [i - 0.4 + bar_height * (s + 0.5) for i in range(len(labels))]
        raw = list(table[column])
        widths = [0.0 if pd.isna(v) else float(v) for v in raw]
        ax.barh(offsets, widths, height=bar_height * 0.92, color=SERIES_COLOURS[s % 6],
                hatch=HATCHES[s % 6], edgecolor="black", linewidth=0.6, label=label)
        for y, v, w in zip(offsets, raw, widths, strict=True):
            text = _number(v, value_format) + ("" if pd.isna(v) else unit_suffix)
            ax.text(w + top * 0.01, y, text, va="center", fontsize=8.5, zorder=5,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})
    if reference is not None:
        label = value_format.format(reference) + (f" = {reference_label}" if reference_label
                                                  else "")
        ax.axvline(reference, color="black", linestyle="--", linewidth=1, label=label)
    ax.set_yticks(range(len(labels)), labels=["\n".join(textwrap.wrap(x, 28)) for x in labels])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.18)
    ax.set_xlabel(axis_label)
    ax.set_title("\n".join(textwrap.wrap(title, 70)), loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    if n_series > 1 or reference is not None:
        ax.legend(loc="lower right", fontsize=8.5, frameon=True)
    fig.text(0.01, 0.0, "\n".join(textwrap.wrap(line, 100)), fontsize=7.5, ha="left",
             va="top", color="#333333")
    fig.set_dpi(90)
    return AccessibleFigure(fig, alt=alt_text(table, category, columns, title, axis_label,
                                              summary, reference, reference_label,
                                              value_format, unit_suffix), caption=line)


def alt_text(table: pd.DataFrame, category: str, columns: Mapping[str, str], title: str,
             axis_label: str, summary: str = "", reference: float | None = None,
             reference_label: str = "", value_format: str = "{:g}",
             unit_suffix: str = "") -> str:
    """Alt text that states the figure's numbers: summary, then every bar's value."""
    parts = [summary.strip()] if summary.strip() else []
    heading = title.strip()
    heading += "" if heading.endswith((".", "?", "!")) else "."
    parts.append(f"Bar chart: {heading} Values are {axis_label}.")
    for _, row in table.iterrows():
        if len(columns) == 1:
            (column,) = columns
            value = _number(row[column], value_format)
            suffix = unit_suffix if value != "not published" else ""
            parts.append(f"{row[category]}: {value}{suffix}.")
        else:
            bits = []
            for column, label in columns.items():
                value = _number(row[column], value_format)
                suffix = unit_suffix if value != "not published" else ""
                bits.append(f"{label.lower()} {value}{suffix}")
            parts.append(f"{row[category]}: " + ", ".join(bits) + ".")
    if reference is not None:
        parts.append(f"A dashed line marks {value_format.format(reference)}"
                     f"{' (' + reference_label + ')' if reference_label else ''}.")
    return " ".join(parts)
