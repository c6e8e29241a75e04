"""Lesson 08: figures for the workforce tables (England by ethnicity; the US by role).

Each function loads its own tables, so a learner's edits to a DataFrame in the notebook
cannot break a figure, and builds the alt-text summary from the data.
"""

from __future__ import annotations

import pandas as pd

from .. import datasets, figures, measures
from ..activities import Lens, LensCase
from ..plots import AccessibleFigure
from .reporting import legend_outside

ENGLAND = "social-workers-children-families-by-ethnicity-2018"
US_ROLES = "us-child-welfare-workforce-by-role-2022"
US_CARE = "us-foster-care-by-race-2021"


def england_figure() -> AccessibleFigure:
    """Children and family social workers against the working-age population, England."""
    table = datasets.load(ENGLAND)
    parts = [f"{r.group}: {r.share_of_social_workers_pct:.1f}% of social workers and "
             f"{r.share_of_working_age_population_pct:.1f}% of working-age adults"
             for r in table.itertuples()]
    return legend_outside(figures.chart(
        table, category="group",
        values={"share_of_social_workers_pct": "Social workers, 2018 (ethnicity known)",
                "share_of_working_age_population_pct": "Working-age population, 2011 Census"},
        title="Children and family social workers in England by ethnic group, against "
              "the working-age population",
        axis_label="Share (%)", unit_suffix="%",
        summary="; ".join(parts) + ". Three groups only, so shares do not add to 100."))


def roles_and_children() -> pd.DataFrame:
    """Black and Hispanic shares by role (2021-22) with the children in foster care (2021)
    beside them: who works in child welfare, and who is served."""
    roles = datasets.load(US_ROLES)
    care = datasets.load(US_CARE).set_index("group")["share_in_care_pct"]
    served = pd.DataFrame({"role": ["Children in foster care (2021)"],
                           "black_pct": [float(care["Black"])],
                           "hispanic_pct": [float(care["Hispanic or Latino"])]})
    # The children first: the chart's legend sits bottom right, clear of shorter bars.
    return pd.concat([served, roles[["role", "black_pct", "hispanic_pct"]]],
                     ignore_index=True)


def us_roles_figure() -> AccessibleFigure:
    """Black and Hispanic shares of caseworkers, supervisors and directors, with the
    shares of children in foster care for comparison."""
    table = roles_and_children()
    parts = [f"{r.role}: Black {r.black_pct:.1f}%, Hispanic {r.hispanic_pct:.1f}%"
             for r in table.itertuples()]
    source = (datasets.source_line(US_ROLES) + " Children in foster care: "
              + datasets.source_line(US_CARE).removeprefix("Source: "))
    return legend_outside(figures.chart(
        table, category="role",
        values={"black_pct": "Black", "hispanic_pct": "Hispanic or Latino"},
        title="US child welfare: who works at each level, and the children in foster care",
        axis_label="Share (%)", unit_suffix="%", source=source,
        summary="; ".join(parts) + ". Staff figures are for those who took part in the "
                "NSCAW III workforce study, 2021 to 2022."))


def ratio_table() -> pd.DataFrame:
    """Each role's share divided by the caseworkers' share, for three groups."""
    roles = datasets.load(US_ROLES).set_index("role")
    out = pd.DataFrame({"role": list(roles.index)})
    for column, label in (("black_pct", "black"), ("hispanic_pct", "hispanic"),
                          ("female_pct", "female")):
        ratios = measures.disproportionality_index(roles[column],
                                                   roles.loc["Caseworker", column])
        out[label] = [round(float(v), 2) for v in ratios]
    return out


def ratio_figure() -> AccessibleFigure:
    """Representation at each grade relative to the caseworker grade (1 = the same)."""
    table = ratio_table()
    senior = table[table["role"] != "Caseworker"]
    parts = [f"{r.role}: Black {r.black:g}, Hispanic {r.hispanic:g}, women {r.female:g}"
             for r in senior.itertuples()]
    below = bool((senior[["black", "hispanic", "female"]] < 1).all().all())
    lead = ("Every group shown is less represented above the caseworker grade: " if below
            else "Representation above the caseworker grade, relative to caseworkers: ")
    figure = figures.chart(
        table, category="role",
        values={"black": "Black", "hispanic": "Hispanic or Latino", "female": "Women"},
        title="US child welfare: each group's share at each grade, relative to its share "
              "of caseworkers",
        axis_label="Representation ratio (1 = same share as among caseworkers)",
        source=datasets.source_line(US_ROLES), reference=1,
        reference_label="same as caseworkers", value_format="{:.2f}",
        summary=lead + "; ".join(parts) + ".")
    return legend_outside(figure)


def two_lenses() -> LensCase:
    """The same workforce table read through the anti-discriminatory and the
    anti-oppressive lens (lessons 04 and 08)."""
    return LensCase(
        "A fictional department's workforce table, through two lenses",
        (Lens("adp", "Anti-discriminatory lens (ADP)", (
            ("What it notices", (
                "Whether any individual was treated less favourably in a recruitment or "
                "promotion decision because of race: possible direct or indirect "
                "discrimination under the Equality Act 2010.",
                "Whether the department meets its public sector equality duty to have due "
                "regard to equality of opportunity.")),
            ("What it would do", (
                "Check that promotion criteria are lawful and applied consistently, "
                "support anyone who wants to complain, and consider the positive action the "
                "Act allows (sections 158 and 159).",)))),
         Lens("aop", "Anti-oppressive lens (AOP)", (
             ("What it notices", (
                 "The pattern itself: who holds formal power over whom, whose idea of "
                 "'leadership' the promotion process rewards, and how far the people "
                 "deciding are from the families served.",
                 "What the table cannot show: informal power, who gets the hardest cases, "
                 "and people whose ethnicity was never recorded.")),
             ("What it would do", (
                 "Publish the table every year with promotion and leaver rates, ask the "
                 "staff most affected what they see, change the step where the gap opens, "
                 "and bring families' voices into how the agency is run.",))))))
