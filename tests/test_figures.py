"""figures.chart: refuses figures a reader cannot use; alt text states the numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from praxislab import datasets, figures
from praxislab.plots import AccessibleFigure


@pytest.fixture
def care() -> pd.DataFrame:
    return datasets.load("us-foster-care-by-race-2021")


def test_chart_states_every_value_and_the_source(care: pd.DataFrame) -> None:
    figure = figures.chart(care, category="group",
                           values={"share_in_care_pct": "In care",
                                   "share_of_child_population_pct": "All children"},
                           title="Who is in care?", axis_label="Share of children (%)",
                           unit_suffix="%", summary="Black children are over-represented.")
    assert isinstance(figure, AccessibleFigure)
    assert figure.alt.startswith("Black children are over-represented.")
    assert "Black: in care 22%, all children 14%." in figure.alt
    assert "Two or more races: in care 8%, all children not published." in figure.alt
    assert figure.alt.count(":") >= len(care)
    assert figure.caption == datasets.source_line(care)
    html = figure._repr_html_()
    assert 'alt="Black children' in html and "<figcaption>Source: " in html
    texts = [t.get_text() for t in figure.fig.texts]
    assert any(t.startswith("Source: ") for t in texts), "source printed under the figure"
    assert figure.fig.axes[0].get_xlabel() == "Share of children (%)"


def test_reference_line_is_in_the_alt_text(care: pd.DataFrame) -> None:
    known = care.dropna().assign(di=lambda t: t["share_in_care_pct"]
                                 / t["share_of_child_population_pct"])
    figure = figures.chart(known, category="group", values=["di"], title="Index",
                           axis_label="Index (1 = proportional)", reference=1,
                           reference_label="proportional", value_format="{:.2f}")
    assert "Black: 1.57." in figure.alt
    assert "A dashed line marks 1.00 (proportional)." in figure.alt


@pytest.mark.parametrize("change, message", [
    ({"axis_label": " "}, "unit"),
    ({"title": ""}, "title"),
    ({"values": ["nope"]}, "not in the table"),
    ({"source": ""}, "source"),
])
def test_chart_refuses_what_a_reader_could_not_use(care: pd.DataFrame, change: dict,
                                                   message: str) -> None:
    arguments = {"category": "group", "values": ["share_in_care_pct"], "title": "T",
                 "axis_label": "Share (%)"}
    arguments.update(change)
    with pytest.raises(figures.FigureError, match=message):
        figures.chart(care, **arguments)


def test_a_table_without_provenance_needs_a_source() -> None:
    plain = pd.DataFrame({"group": ["A", "B"], "rate": [1.0, 2.0]})
    with pytest.raises(datasets.DatasetError, match="no source"):
        figures.chart(plain, category="group", values=["rate"], title="T", axis_label="Rate")
    figure = figures.chart(plain, category="group", values=["rate"], title="T",
                           axis_label="Rate per 1,000", source="Made up for this test")
    assert figure.caption == "Source: Made up for this test"
