"""Figures for lesson 02, "Oppression: levels, faces and intersections".

* `pcs_nested()`: Thompson's personal, cultural and structural levels as nested circles,
  with arrows showing that each level holds up the others.
* `hiring_chart(view)`: one view of a small SYNTHETIC hiring table from an invented
  factory, by race only, by sex only, or by race and sex together.
* `single_axis_case()`: the three hiring views as a `LensCase` for `lesson.lens(...)`,
  so a learner can flip between them and see what each single-axis view misses.

Every figure is drawn with matplotlib's object API (no pyplot), uses the Okabe-Ito palette,
and carries text labels and hatching so that no reading depends on colour.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

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

FACTORY = "Millbrook Components"
"""An invented factory. The numbers below are SYNTHETIC: made up to show a pattern of
reasoning, not drawn from any real employer or from the DeGraffenreid case."""

SYNTHETIC_HIRING = {
    # (race, sex): (applicants, hired) in one invented year of hiring.
    ("Black", "men"): (30, 12),
    ("Black", "women"): (30, 0),
    ("white", "men"): (30, 12),
    ("white", "women"): (30, 12),
}

VIEWS = {
    "race": "By race only",
    "sex": "By sex only",
    "intersection": "Race and sex together",
}


def hiring_totals(view: str) -> list[tuple[str, int, int]]:
    """(group, applicants, hired) for one view of the synthetic table."""
    if view == "intersection":
        return [(f"{race} {sex}".capitalize(), applied, hired)
                for (race, sex), (applied, hired) in SYNTHETIC_HIRING.items()]
    if view not in ("race", "sex"):
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, not {view!r}")
    index = 0 if view == "race" else 1
    groups: dict[str, list[int]] = {}
    for key, (applied, hired) in SYNTHETIC_HIRING.items():
        name = key[index]
        name = name.capitalize() if view == "sex" else (name.capitalize() + " people")
        total = groups.setdefault(name, [0, 0])
        total[0] += applied
        total[1] += hired
    return [(name, applied, hired) for name, (applied, hired) in groups.items()]


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


def hiring_chart(view: str) -> AccessibleFigure:
    """A bar chart of people hired in one view of the synthetic table, numbers on the bars."""
    rows = hiring_totals(view)
    fig = Figure(figsize=(6.2, 4.2), layout="constrained")
    ax = fig.add_subplot()
    names = [r[0] for r in rows]
    positions = list(range(len(rows)))
    for pos, (name, applied, count) in zip(positions, rows, strict=True):
        colour, hatch = _STYLE[name]
        ax.bar(pos, count, width=0.62, color=colour, hatch=hatch, edgecolor=BLACK,
               linewidth=1.0)
        label = f"{count} hired\nof {applied}" if count else f"NONE hired\nof {applied}"
        ax.text(pos, count + 0.6, label, ha="center", va="bottom", fontsize=9.5,
                fontweight="bold" if count == 0 else "normal")
    ax.set_xticks(positions, labels=names, fontsize=10)
    ax.set_ylim(0, 32)
    ax.set_ylabel("People hired (count)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"{VIEWS[view]}: {FACTORY} (fictional)\nSYNTHETIC data, one invented year",
                 fontsize=10.5)
    parts = [f"{n}: {h} hired of {a} applicants" for n, a, h in rows]
    alt = (f"Bar chart, {VIEWS[view].lower()}, of people hired in one year at a fictional "
           f"factory, using synthetic numbers. " + "; ".join(parts) + ".")
    if view == "intersection":
        alt += " The bar for Black women is empty: none was hired."
        caption = ("Split both ways at once, the same 36 hires show that every group except "
                   "Black women was hired at the same rate, and Black women not at all.")
    else:
        caption = ("Seen on this one axis, some of each group was hired, so the employer "
                   "can point to them. Synthetic numbers.")
    return AccessibleFigure(fig, alt=alt, caption=caption)


def single_axis_case() -> LensCase:
    """The synthetic hiring table through three views, for `lesson.lens(...)`."""
    race, sex, both = (hiring_totals(v) for v in VIEWS)
    (black, b_app, b_hired), (white, w_app, w_hired) = race
    (men, m_app, m_hired), (women, f_app, f_hired) = sex
    return LensCase(
        heading=f"What a single-axis view misses: hiring at {FACTORY} (fictional, synthetic "
                "data)",
        lenses=(
            Lens("race", VIEWS["race"], (
                ("What this view shows", (
                    f"{black}: {b_hired} hired of {b_app} applicants; {white.lower()}: "
                    f"{w_hired} hired of {w_app}.",
                    "Black applicants were hired less often, but some were hired.",
                )),
                ("What someone looking only here might say", (
                    "'We hire Black workers: look at the twelve on the line.'",
                    "A race claim looks arguable, but the employer has a ready answer.",
                )),
            ), figure=hiring_chart("race")),
            Lens("sex", VIEWS["sex"], (
                ("What this view shows", (
                    f"{men}: {m_hired} hired of {m_app} applicants; {women.lower()}: "
                    f"{f_hired} hired of {f_app}.",
                    "Women were hired less often, but some were hired.",
                )),
                ("What someone looking only here might say", (
                    "'We hire women: look at the twelve we took on this year.'",
                    "A sex claim looks arguable, and again the employer has a ready answer.",
                )),
            ), figure=hiring_chart("sex")),
            Lens("intersection", VIEWS["intersection"], (
                ("What this view shows", tuple(
                    f"{name}: {hired} hired of {applied} applicants" for name, applied, hired
                    in both)),
                ("What only this view reveals", (
                    "Black men, white men and white women were each hired at the same rate.",
                    "No Black woman was hired at all. The whole gap in the two single-axis "
                    "charts comes from this one group.",
                    "The twelve Black workers are all men and the twelve women are all "
                    "white: each 'answer' the employer gave hid the same people.",
                )),
            ), figure=hiring_chart("intersection")),
        ),
    )
