"""Figures for notebooks/04-adp-vs-aop.ipynb."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from .. import content
from ..activities import LensCase
from ..plots import OKABE_ITO, AccessibleFigure

# (level, what it looks like in the refused-service example, what ADP does there,
#  what AOP adds there, hatch pattern)
_LEVELS = (
    ("Personal",
     "The refusal at the door: one person\nturns another away because of race.",
     "Challenges the refusal as direct\ndiscrimination; gets the service\nput right; "
     "supports a complaint.",
     "Does the same, and asks what the\nworker's own power and assumptions\nadd to the "
     "encounter.", ""),
    ("Cultural",
     "Shared ideas about who 'fits in',\nwhich let the refusal feel normal\nto some.",
     "Equality training, policies and\nchallenge to stereotypes, measured\nagainst the "
     "protected characteristics.",
     "Questions whose norms define the\nservice, including harms the law's\nlist does not "
     "name, such as poverty.", ".."),
    ("Structural",
     "Rules, funding and data: referral\nroutes, no record of who is turned\naway, no "
     "equality terms in funding.",
     "Indirect discrimination (s.19) and\nthe public sector equality duty\n(s.149): change "
     "unfair rules, monitor.",
     "Works with the people affected to\nchange who decides, not only what\nthe rules say.",
     "//"),
)


def reach_of_each_approach() -> AccessibleFigure:
    """What ADP and AOP each do at the three levels of Thompson's PCS model, in the
    refused-service example. Both reach every level; they differ in what they aim at."""
    fig = Figure(figsize=(12.0, 6.6), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(0, 16.2)
    ax.set_ylim(-0.3, 10.3)
    ax.axis("off")

    fills = (OKABE_ITO[3], OKABE_ITO[1], OKABE_ITO[2])  # yellow, sky blue, green
    band_h, gap, top0 = 2.75, 0.25, 8.9
    columns = ((0.2, 4.4, "The example"),
               (4.8, 5.4, "ADP: reform within the law,\nfair treatment"),
               (10.4, 5.6, "AOP: also transforming\npower relations"))
    for x, _w, head in columns:
        ax.text(x + 0.1, top0 + 0.25, head, fontsize=11.5, fontweight="bold", va="bottom",
                ha="left", linespacing=1.2)
    for i, ((name, example, adp, aop, hatch), fill) in enumerate(
            zip(_LEVELS, fills, strict=True)):
        top = top0 - i * (band_h + gap)
        ax.add_patch(FancyBboxPatch((0.2, top - band_h), 15.8, band_h,
                                    boxstyle="round,pad=0.02,rounding_size=0.15",
                                    facecolor=fill, alpha=0.30, edgecolor="black",
                                    linewidth=1.2, hatch=hatch))
        ax.text(0.4, top - 0.35, f"{name} level", fontsize=12, fontweight="bold", va="top",
                ha="left")
        for (x, _w, _h), text in zip(columns, (example, adp, aop), strict=True):
            ax.text(x + 0.2, top - 0.95, text, fontsize=10, va="top", ha="left",
                    linespacing=1.3,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9, "pad": 2})
    ax.text(0.2, 10.2, "One refused service, three levels: both approaches reach all three "
            "(illustrative)", fontsize=13, fontweight="bold", va="top", ha="left")

    rows = "; ".join(f"{name} level: example, {' '.join(ex.split())}; ADP, "
                     f"{' '.join(adp.split())}; AOP, {' '.join(aop.split())}"
                     for name, ex, adp, aop, _ in _LEVELS)
    alt = ("A table-like diagram with three rows, one for each level of Thompson's PCS model, "
           "using the example of a service user refused a service because of race, and three "
           "columns: the example, what anti-discriminatory practice (ADP) does, and what "
           "anti-oppressive practice (AOP) does. Both approaches act at all three levels. "
           + rows + ".")
    caption = ("Both approaches reach every level. ADP works through law and policy (direct "
               "and indirect discrimination, the public sector equality duty) towards fair "
               "treatment; AOP also aims to change who holds power. The levels come from "
               "Thompson (1993); the contrast follows Dominelli (2002) and Thompson, and is a "
               "teaching heuristic, not a settled boundary.")
    return AccessibleFigure(fig, alt=alt, caption=caption)


def lunch_club_lens() -> LensCase:
    """The fictional lunch-club case from lesson 04, through the ADP and AOP lenses
    (the words live in data/content/04-lunch-club.yaml)."""
    return content.lens_case("04-lunch-club")
