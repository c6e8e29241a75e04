"""The figure for lesson 09's data section: detention rates under the Mental Health Act.

The numbers come from `data/tables` through `praxislab.datasets` (NHS England's figures,
with their provenance); this module only draws them, with alt text and a source line.
"""

from __future__ import annotations

from .. import datasets, figures
from ..plots import AccessibleFigure
from .reporting import legend_outside

TABLE = "mha-detentions-by-ethnicity"


def detention_rates_figure() -> AccessibleFigure:
    """Rates per 100,000 by broad ethnic group, both years side by side, so the fall that
    came with the new population base can be seen next to the gap that did not close."""
    table = datasets.load(TABLE)
    wide = table.pivot(index="group", columns="period", values="rate_per_100000")
    periods = list(wide.columns)
    wide = wide.sort_values(periods[-1]).reset_index()
    wide.attrs = table.attrs  # keep the provenance, so the source line is the table's own
    first, last = periods[0], periods[-1]
    rates = wide.set_index("group")
    ratio = {p: rates.loc["Black", p] / rates.loc["White", p] for p in (first, last)}
    fell = int((rates[last] < rates[first]).sum())
    highest = {p: str(rates[p].idxmax()) for p in (first, last)}
    top = (f"the {highest[last]} rate is the highest in both years"
           if highest[first] == highest[last] else
           f"the highest rate is {highest[first]} in {first} and {highest[last]} in {last}")
    # Every claim in the alt text is computed from the table, so an edit cannot make it lie.
    return legend_outside(figures.chart(
        wide, category="group",
        values={first: f"{first} (2011-Census-based population)",
                last: f"{last} (2021-Census-based population)"},
        title="Detentions under the Mental Health Act per 100,000 people, by ethnic group, "
              "England",
        axis_label="Detentions per 100,000 people", value_format="{:g}",
        summary=(f"{fell} of {len(rates)} groups have a lower rate in {last} than in "
                 f"{first}, partly because the population estimates changed; {top}; the "
                 f"Black rate is {ratio[first]:.1f} times the White rate in {first} and "
                 f"{ratio[last]:.1f} times in {last}.")))
