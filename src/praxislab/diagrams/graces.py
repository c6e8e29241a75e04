"""Figures and the private rating scale for lesson 03, Social GRACES.

* `rating_scale()` - the optional, private 1-10 ratings of the graces (for yourself or for
  a fictional character), with room for graces the learner adds. No total, ever.
* `visibility_grid()` - the visible/invisible and voiced/unvoiced dimensions as a 2 x 2
  grid with fictional examples.
* `power_flower()` - a blank power-flower template (our own design): one petal per
  category, each with an outer ring and an inner ring to fill in on paper or in the head.

All figures use matplotlib's object API (no pyplot) and the Okabe-Ito palette, with text
and hatching so nothing depends on colour.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from matplotlib.figure import Figure
from matplotlib.patches import Circle, Polygon, Rectangle

from .. import content
from ..activities import RatingItem, RatingScale
from ..plots import OKABE_ITO, AccessibleFigure


# The commonly listed graces, with a one-line prompt each (shown as a tooltip in the
# rating widget), live in data/content/03-graces.yaml. People are invited to add their own.
def graces_list() -> tuple[tuple[str, str, str], ...]:
    """The commonly listed graces as (key, label, hint), from data/content/03-graces.yaml."""
    return content.graces()


MAX_EXTRA = 6

_SCALES = {
    "me": dict(
        id="graces-self-rating",
        heading="Social GRACES: my own private ratings (optional)",
        instructions=(
            "Only if you want to. Move a slider to rate how much each grace affects you "
            "in your life and work: 1 = little, 10 = a lot. Leave any at 0 ('not rated'). "
            "Nothing is added up, nothing is collected, and 'Clear all my ratings' deletes "
            "them from this machine."),
    ),
    "character": dict(
        id="graces-character-rating",
        heading="Social GRACES: ratings for a fictional character (optional)",
        instructions=(
            "Rate how much you think each grace affects the fictional character in the "
            "lesson in their work: 1 = little, 10 = a lot. Leave any at 0 ('not rated'). "
            "Notice where you had to guess. Nothing is added up or collected."),
        axis_label="Your guess for the character (1 = affects them little, 10 = a lot)",
        whose="your guesses for the character",
    ),
}


def _extra_labels(extra: Iterable[str] | str | None) -> list[str]:
    """Tidy the learner's own graces: text only, no blanks or repeats, at most six."""
    if extra is None:
        return []
    if isinstance(extra, str):
        extra = [extra]
    seen = {label.lower() for _, label, _ in graces_list()}
    out: list[str] = []
    for value in extra:
        label = " ".join(str(value).split())[:40]
        if label and label.lower() not in seen:
            seen.add(label.lower())
            out.append(label)
    return out[:MAX_EXTRA]


def rating_scale(about: str = "me", extra: Iterable[str] | str | None = ()) -> RatingScale:
    """The optional, private GRACES rating scale.

    about: "me" (your own ratings) or "character" (the lesson's fictional character).
    extra: graces you want to add, e.g. ["Accent", "Caste"] (up to six).
    """
    if about not in _SCALES:
        raise ValueError('about must be "me" or "character"')
    items = [RatingItem(key, label, hint) for key, label, hint in graces_list()]
    items += [RatingItem(f"own-{i}", label, "A grace you added yourself")
              for i, label in enumerate(_extra_labels(extra), 1)]
    return RatingScale(items=tuple(items), **_SCALES[about])


# -- visible / invisible, voiced / unvoiced ------------------------------------------------

_GRID = (
    # (row, col, title, example, fill, hatch)
    (0, 0, "Visible and voiced",
     "Worker and parent talk openly about the 30-year age gap between them and what it "
     "might mean for their work together.", OKABE_ITO[1], ""),
    (0, 1, "Visible but unvoiced",
     "Everyone in the room can see that the worker is white and the family is Black. "
     "Nobody mentions it.", OKABE_ITO[0], "//"),
    (1, 0, "Invisible but voiced",
     "A young man mentions that he left school at 15, something nobody could have known "
     "by looking, when the worker hands him a dense form.", OKABE_ITO[2], ".."),
    (1, 1, "Invisible and unvoiced",
     "The worker grew up in foster care. The family does not know, and she has not "
     "decided whether it would help them to know.", OKABE_ITO[6], "xx"),
)


def _wrap(text: str, width: int) -> str:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "\n".join(lines)


def visibility_grid() -> AccessibleFigure:
    """A 2 x 2 grid: visible/invisible (rows) by voiced/unvoiced (columns), with a
    fictional practice example in each cell."""
    fig = Figure(figsize=(8.6, 5.3))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-0.6, 2.05)
    ax.set_ylim(-0.05, 2.3)
    ax.set_axis_off()
    ax.text(0.5, 2.15, "Voiced\n(talked about)", ha="center", va="center", fontsize=11,
            fontweight="bold")
    ax.text(1.5, 2.15, "Unvoiced\n(not talked about)", ha="center", va="center",
            fontsize=11, fontweight="bold")
    ax.text(-0.3, 1.5, "Visible\n(seen or\nheard)", ha="center", va="center", fontsize=11,
            fontweight="bold")
    ax.text(-0.3, 0.5, "Invisible\n(not\napparent)", ha="center", va="center", fontsize=11,
            fontweight="bold")
    for row, col, title, example, colour, hatch in _GRID:
        x, y = col + 0.03, (1 - row) + 0.03
        ax.add_patch(Rectangle((x, y), 0.94, 0.94, facecolor=colour, alpha=0.22,
                               edgecolor="none"))
        ax.add_patch(Rectangle((x, y), 0.94, 0.94, facecolor="none", hatch=hatch,
                               edgecolor="#bbbbbb", linewidth=0))
        ax.add_patch(Rectangle((x, y), 0.94, 0.94, facecolor="none", edgecolor="black",
                               linewidth=1.2))
        ax.text(x + 0.47, y + 0.84, title, ha="center", va="center", fontsize=11,
                fontweight="bold",
                bbox=dict(boxstyle="round,pad=0.25", facecolor="white", edgecolor="black",
                          linewidth=0.6))
        ax.text(x + 0.47, y + 0.40, _wrap(example, 34), ha="center", va="center",
                fontsize=9.5, linespacing=1.35,
                bbox=dict(boxstyle="round,pad=0.4", facecolor="white", edgecolor="none",
                          alpha=0.92))
    alt = ("A two-by-two grid. Columns: voiced (talked about) and unvoiced (not talked "
           "about). Rows: visible (seen or heard) and invisible (not apparent). "
           + " ".join(f"{title}: {example}" for _, _, title, example, _, _ in _GRID)
           + " All examples are fictional.")
    caption = ("Two dimensions of the graces, after Burnham (2012), with fictional examples. "
               "Where a grace sits depends on who is looking and on what has been said so far; "
               "it can move during a single conversation.")
    return AccessibleFigure(fig, alt=alt, caption=caption)


# -- the power flower ----------------------------------------------------------------------

FLOWER_CATEGORIES: tuple[str, ...] = (
    "Gender", "Race", "Ethnicity", "Class\n(now and growing up)", "Religion\nor belief",
    "Age", "Disability\nand health", "Sexual\norientation", "Education",
    "First language", "Where you live\n(region, rural/urban)", "Citizenship and\nmigration status",
)

_R_CENTRE = 0.26
_R_RING = 0.60
_R_SIDE = 0.86
_R_TIP = 1.00
_GAP = math.radians(3.0)


def _arc(r: float, a0: float, a1: float, n: int = 24) -> list[tuple[float, float]]:
    return [(r * math.cos(a0 + (a1 - a0) * k / n), r * math.sin(a0 + (a1 - a0) * k / n))
            for k in range(n + 1)]


def _petal(a0: float, a1: float) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Inner and outer parts of one petal between angles a0 < a1 (radians)."""
    inner = _arc(_R_CENTRE + 0.02, a0, a1) + _arc(_R_RING, a1, a0)
    n = 30
    tip = []
    for k in range(n + 1):  # a rounded tip from a1 back to a0
        t = k / n
        r = _R_SIDE + (_R_TIP - _R_SIDE) * math.sin(math.pi * t)
        a = a1 + (a0 - a1) * t
        tip.append((r * math.cos(a), r * math.sin(a)))
    outer = _arc(_R_RING, a0, a1) + tip
    return inner, outer


def power_flower(categories: Sequence[str] | None = None) -> AccessibleFigure:
    """A blank power flower: each petal is one category, split into an outer ring (the
    group with most social power in your context) and an inner ring (you, or a fictional
    character). Meant to be copied onto paper or filled in in your head, never handed in."""
    labels = list(categories) if categories else list(FLOWER_CATEGORIES)
    n = len(labels)
    if not 3 <= n <= 16:
        raise ValueError("A power flower needs between 3 and 16 categories.")
    fig = Figure(figsize=(8.4, 8.0))
    ax = fig.add_axes((0.0, 0.08, 1.0, 0.92))
    ax.set_aspect("equal")
    ax.set_xlim(-1.52, 1.52)
    ax.set_ylim(-1.32, 1.32)
    ax.set_axis_off()
    step = 2 * math.pi / n
    for i, label in enumerate(labels):
        mid = math.pi / 2 - i * step  # clockwise from the top
        a0, a1 = mid - step / 2 + _GAP, mid + step / 2 - _GAP
        inner, outer = _petal(a0, a1)
        ax.add_patch(Polygon(outer, closed=True, facecolor=OKABE_ITO[1], alpha=0.30,
                             edgecolor="none"))
        ax.add_patch(Polygon(outer, closed=True, facecolor="none", hatch="///",
                             edgecolor="#9a9a9a", linewidth=0))
        ax.add_patch(Polygon(outer, closed=True, facecolor="none", edgecolor="black",
                             linewidth=1.1))
        ax.add_patch(Polygon(inner, closed=True, facecolor="#FFF7D6", edgecolor="black",
                             linewidth=1.1))
        r = 1.09
        x, y = r * math.cos(mid), r * math.sin(mid)
        c = math.cos(mid)
        ha = "center" if abs(c) < 0.3 else ("left" if c > 0 else "right")
        s = math.sin(mid)
        va = "center" if abs(s) < 0.5 else ("bottom" if s > 0 else "top")
        ax.text(x, y, label, ha=ha, va=va, fontsize=10.5, fontweight="bold",
                linespacing=1.1)
    ax.add_patch(Circle((0, 0), _R_CENTRE, facecolor="white", edgecolor="black",
                        linewidth=1.3))
    ax.text(0, 0, "Power\nflower\n(blank)", ha="center", va="center", fontsize=10.5,
            fontweight="bold")
    key = fig.add_axes((0.06, 0.0, 0.88, 0.09))
    key.set_xlim(0, 10)
    key.set_ylim(0, 2)
    key.set_axis_off()
    key.add_patch(Rectangle((0.1, 1.1), 0.6, 0.6, facecolor=OKABE_ITO[1], alpha=0.30,
                            edgecolor="none"))
    key.add_patch(Rectangle((0.1, 1.1), 0.6, 0.6, facecolor="none", hatch="///",
                            edgecolor="#9a9a9a", linewidth=0))
    key.add_patch(Rectangle((0.1, 1.1), 0.6, 0.6, facecolor="none", edgecolor="black"))
    key.text(0.9, 1.4, "Outer ring (hatched, tip of each petal): the group that holds most "
             "social power here", va="center", fontsize=10)
    key.add_patch(Rectangle((0.1, 0.2), 0.6, 0.6, facecolor="#FFF7D6", edgecolor="black"))
    key.text(0.9, 0.5, "Inner ring (plain, near the centre): you, or a fictional character",
             va="center", fontsize=10)
    names = [" ".join(label.split()) for label in labels]
    alt = (f"A blank flower with {n} petals around a central circle labelled 'Power flower "
           "(blank)'. Each petal is one category, labelled outside it, clockwise from the "
           "top: " + "; ".join(names) + ". Every petal is divided in two: a hatched outer "
           "ring at the tip, for the group that holds most social power in your context, "
           "and a plain inner ring near the centre, for you or a fictional character. All "
           "the rings are empty.")
    caption = ("A blank power-flower template drawn for this lesson, after the exercise in "
               "Arnold et al. (1991), which adapts earlier work by Lee. Copy it onto paper "
               "if you want to use it; nothing here is saved or collected.")
    return AccessibleFigure(fig, alt=alt, caption=caption)
