"""Figures for lesson 02, "Oppression: levels, faces and intersections".

* `pcs_nested()`: Thompson's personal, cultural and structural levels as nested circles,
  with arrows showing that each level holds up the others.
* `hiring_chart(view)`: one view of a small SYNTHETIC hiring table from an invented
  employer, by race only, by sex only, or by race and sex together (data/content/).
* `single_axis_case()`: the three hiring views as a `LensCase` for `lesson.lens(...)`,
  so a learner can flip between them and see what each single-axis view misses.

Every figure is drawn with matplotlib's object API (no pyplot), uses the Okabe-Ito palette,
and carries text labels and hatching so that no reading depends on colour.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from .. import content
from ..activities import Lens, LensCase
from ..plots import OKABE_ITO, AccessibleFigure

ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILLION, PURPLE, BLACK = OKABE_ITO

# -- Thompson's PCS model --------------------------------------------------------------------


def pcs_nested() -> AccessibleFigure:
    """Personal inside cultural inside structural, with arrows for mutual reinforcement."""
    fig = Figure(figsize=(8.6, 6.0), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(-5.2, 8.9)
    ax.set_ylim(-5.0, 5.0)
    ax.set_aspect("equal")
    ax.axis("off")

    rings = [  # radius, fill, hatch, name, gloss, label height
        (4.6, SKY, "..", "STRUCTURAL (S)",
         "laws, policies, institutions,\nwho holds economic and political power", 3.25),
        (3.0, YELLOW, "//", "CULTURAL (C)",
         "shared norms, 'common sense',\nstereotypes, what counts as normal", 1.6),
        (1.35, ORANGE, "", "PERSONAL (P)", "one person's\nthoughts, feelings,\nactions", -0.05),
    ]
    for radius, colour, hatch, *_text in rings:
        ax.add_patch(Circle((0, 0), radius, facecolor=colour, edgecolor=BLACK, linewidth=1.6,
                            hatch=hatch, alpha=0.9))
    # Text sits on white boxes so the hatching never runs through the words.
    box = {"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none"}
    for _radius, _colour, _hatch, name, gloss, y in rings:
        if name.startswith("PERSONAL"):
            ax.text(0, 0.45, name, ha="center", va="center", fontsize=10.5,
                    fontweight="bold", bbox=box)
            ax.text(0, -0.45, gloss, ha="center", va="center", fontsize=8.5, bbox=box)
        else:
            ax.text(0, y + 0.4, name, ha="center", va="center", fontsize=11.5,
                    fontweight="bold", bbox=box)
            ax.text(0, y - 0.35, gloss, ha="center", va="center", fontsize=8.5, bbox=box)

    # Radial arrows on the right: inward above the middle line, outward below it.
    def arrow(r_from, r_to, degrees, label, shift):
        rad = math.radians(degrees)
        start = (r_from * math.cos(rad), r_from * math.sin(rad))
        end = (r_to * math.cos(rad), r_to * math.sin(rad))
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=20,
                                     linewidth=2.2, color=BLACK))
        mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + shift)
        ax.text(mid[0], mid[1], label, ha="center", va="center", fontsize=8.5,
                fontstyle="italic", bbox=box)

    arrow(4.45, 3.1, 12, "shapes", 0.42)
    arrow(2.9, 1.45, 12, "shapes", 0.42)
    arrow(1.45, 2.9, -12, "feeds", -0.42)
    arrow(3.1, 4.45, -12, "feeds", -0.42)

    notes = [
        (5.0, 1.9, "Inward (top arrows):\nstructures and shared\nnorms shape what each\n"
                   "person learns to think,\nfeel and do."),
        (5.0, -1.9, "Outward (bottom arrows):\neach person's actions\npass norms on, and "
                    "norms\nmake unequal structures\nlook normal and fair."),
    ]
    for x, y, text in notes:
        ax.text(x, y, text, ha="left", va="center", fontsize=9,
                bbox={"boxstyle": "round,pad=0.4", "facecolor": "white",
                      "edgecolor": BLACK, "linewidth": 0.8})
    ax.set_title("Three levels of oppression, each held inside the next", fontsize=12.5)
    return AccessibleFigure(
        fig,
        alt=("Diagram of three nested circles. The outer circle, dotted, is labelled "
             "Structural: laws, policies, institutions and who holds economic and political "
             "power. Inside it, a hatched circle labelled Cultural: shared norms, common "
             "sense, stereotypes and what counts as normal. At the centre, a plain circle "
             "labelled Personal: one person's thoughts, feelings and actions. Arrows "
             "labelled 'shapes' point inward from each circle to the one inside it, and "
             "arrows labelled 'feeds' point outward from each circle to the one around it. "
             "A note says that "
             "structures and norms shape what each person learns, and a second note says "
             "that each person's actions pass norms on, and norms make unequal structures "
             "look normal and fair."),
        caption=("The PCS model (after Thompson, 1993): the personal level sits inside the "
                 "cultural, which sits inside the structural. Influence runs both ways."),
    )


# -- A synthetic hiring table for the intersectionality lens ----------------------------------
# The numbers and the words live in data/content/02-single-axis.yaml and
# data/content/02-hiring-synthetic.csv (SYNTHETIC: invented for the lesson, not drawn from
# any real employer or from the DeGraffenreid case). praxislab.content checks that the race
# and sex comparisons each show equal rates while Black women are hired far less.

VIEWS = ("race", "sex", "intersection")


def hiring_totals(view: str) -> list[tuple[str, int, int]]:
    """(group, applicants, hired) for one view of the synthetic table."""
    return content.hiring_table().totals(view)


_STYLE = {  # group -> (colour, hatch), so every bar differs by pattern as well as colour
    "Black people": (BLUE, "//"),
    "White people": (ORANGE, ".."),
    "Men": (GREEN, "\\\\"),
    "Women": (PURPLE, "xx"),
    "Black men": (BLUE, "//"),
    "Black women": (VERMILLION, "xx"),
    "White men": (ORANGE, ".."),
    "White women": (SKY, "\\\\"),
}
_FALLBACK = ((BLUE, "//"), (ORANGE, ".."), (GREEN, "++"), (PURPLE, "xx"))


def _pct(applied: int, hired: int) -> float:
    return 100 * hired / applied


def hiring_chart(view: str) -> AccessibleFigure:
    """A bar chart of the hiring RATE in one view of the synthetic table (the groups differ
    in size, so rates, not counts, are what can be compared), numbers on the bars."""
    table = content.hiring_table()
    rows = table.totals(view)
    title = table.case["views"][view]["title"]
    employer = table.case["employer"]
    fig = Figure(figsize=(6.4, 4.3), layout="constrained")
    ax = fig.add_subplot()
    positions = list(range(len(rows)))
    for pos, (name, applied, hired) in zip(positions, rows, strict=True):
        colour, hatch = _STYLE.get(name, _FALLBACK[pos % len(_FALLBACK)])
        pct = _pct(applied, hired)
        ax.bar(pos, pct, width=0.62, color=colour, hatch=hatch, edgecolor=BLACK, linewidth=1.0)
        ax.text(pos, pct + 1.0, f"{pct:.1f}%\n{hired} of {applied}", ha="center",
                va="bottom", fontsize=9.5)
    ax.set_xticks(positions, labels=[r[0] for r in rows], fontsize=10)
    ax.set_ylim(0, 40)
    ax.set_ylabel("Applicants hired (%)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"{title}: {employer} (fictional)\nSYNTHETIC data, one invented year",
                 fontsize=10.5)
    parts = [f"{n}: {_pct(a, h):.1f}% hired ({h} of {a} applicants)" for n, a, h in rows]
    alt = (f"Bar chart, {title.lower()}, of the share of applicants hired in one year at a "
           "fictional employer, using synthetic numbers. " + "; ".join(parts) + ".")
    if view == "intersection":
        low = min(rows, key=lambda r: r[2] / r[1])
        alt += f" The bar for {low[0]} is far lower than every other bar."
        caption = ("Split both ways at once, the same hires show that one group, "
                   f"{low[0].lower()}, was hired at a small fraction of every other group's "
                   "rate. Synthetic numbers.")
    else:
        caption = ("Seen on this one axis, every group was hired at the same rate, so the "
                   "comparison looks fair. Synthetic numbers.")
    return AccessibleFigure(fig, alt=alt, caption=caption)


def single_axis_case() -> LensCase:
    """The synthetic hiring table through three views, for `lesson.lens(...)`. The words
    come from data/content/02-single-axis.yaml; the figures from the CSV beside it."""
    table = content.hiring_table()
    lenses = []
    for view in VIEWS:
        spec = table.case["views"][view]
        shows = tuple(f"{name}: {h} hired of {a} applicants ({_pct(a, h):.1f}%)"
                      for name, a, h in table.totals(view))
        parts = (("What this view shows", shows),) + tuple(
            (p["heading"], tuple(" ".join(x.split()) for x in p["lines"]))
            for p in spec["parts"])
        lenses.append(Lens(view, spec["title"], parts, figure=hiring_chart(view)))
    return LensCase(heading=table.case["heading"], lenses=tuple(lenses))
