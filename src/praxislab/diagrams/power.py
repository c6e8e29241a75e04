"""Figures for lesson 01-power.

    from praxislab.diagrams import power
    power.boundary_models()

Each function returns a `praxislab.plots.AccessibleFigure` drawn with matplotlib's object
API (no pyplot). Nothing in a figure depends on colour alone: zones differ by line style
and hatching, and every zone is named in text on the figure.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch

from ..plots import OKABE_ITO, AccessibleFigure

ORANGE, SKY, GREEN, _YELLOW, BLUE, VERMILION, _PURPLE, BLACK = OKABE_ITO

BOUNDARY_ALT = (
    "Two diagrams side by side comparing models of professional boundaries. "
    "Left, 'Separating model': a worker and a client stand on either side of a thick "
    "vertical line labelled 'professional boundary'; the worker's side is labelled "
    "'professional distance, rules set by the profession and agency' and the client's side "
    "'the client's life, kept at arm's length'. "
    "Right, 'Connected model': one thick SOLID outer circle, labelled 'firm outer boundary', "
    "is drawn around the worker and the client together. Inside it, a DASHED, permeable "
    "circle holds the worker and the client and is labelled 'central circle: negotiated "
    "together, revisited over time'. The ring between the dashed circle and the solid "
    "boundary is labelled 'second circle: sometimes matters, depending on culture, setting "
    "and time'. Outside the solid boundary sit two hatched boxes labelled 'non-negotiable', "
    "one saying 'a sexual relationship' and one saying 'exploiting the client: money, "
    "favours, secrets'."
)

BOUNDARY_CAPTION = (
    "Two ways of drawing professional boundaries. Left: the traditional separating model "
    "puts a line between worker and client. Right: the connected model described by "
    "O'Leary, Tsui and Ruch (2013) draws a firm (solid) boundary around both people, with "
    "the few non-negotiables outside it; inside, a permeable (dashed) line separates what "
    "is negotiated case by case from what sometimes matters. Our own drawing, not "
    "reproduced from the article."
)


def _person(ax, x: float, y: float, name: str, color: str, hatch: str) -> None:
    """A simple figure: a head and a body, with a name underneath (not colour alone)."""
    ax.add_patch(Circle((x, y + 0.55), 0.22, facecolor=color, edgecolor=BLACK, lw=1.2,
                        hatch=hatch, zorder=4))
    ax.add_patch(FancyBboxPatch((x - 0.28, y - 0.35), 0.56, 0.62,
                                boxstyle="round,pad=0.02,rounding_size=0.18",
                                facecolor=color, edgecolor=BLACK, lw=1.2, hatch=hatch,
                                zorder=4))
    ax.text(x, y - 0.62, name, ha="center", va="top", fontsize=11, fontweight="bold",
            zorder=5)


def _setup(ax, title: str) -> None:
    ax.set_xlim(-3.4, 3.4)
    ax.set_ylim(-3.9, 3.7)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=13, fontweight="bold", pad=6)


def _separating(ax) -> None:
    _setup(ax, "Separating model (traditional)")
    _person(ax, -1.6, 0.0, "Worker", ORANGE, "")
    _person(ax, 1.6, 0.0, "Client", SKY, "..")
    ax.plot([0, 0], [-2.6, 2.6], color=BLACK, lw=5, solid_capstyle="butt", zorder=3)
    ax.text(0, 2.85, "professional boundary:\na line between the two",
            ha="center", va="bottom", fontsize=10)
    ax.text(-1.6, -1.35, "professional distance,\nrules set by the\nprofession and agency",
            ha="center", va="top", fontsize=9.5)
    ax.text(1.6, -1.35, "the client's life,\nkept at arm's length",
            ha="center", va="top", fontsize=9.5)
    ax.text(0, -3.05, "Focus: what the line is,\nnot why it is needed or who drew it",
            ha="center", va="top", fontsize=9.5, style="italic")


def _connected(ax) -> None:
    _setup(ax, "Connected model (O'Leary et al., 2013)")
    # The firm outer boundary is SOLID: nothing beyond it is negotiable. The division
    # between the central circle and the second circle is DASHED: it is permeable and moves.
    ring = Circle((0, 0.5), 2.7, facecolor=SKY, alpha=0.15, edgecolor="none", zorder=1)
    inner = Circle((0, 0.5), 1.75, facecolor=GREEN, alpha=0.22, edgecolor="none", zorder=1)
    outer_edge = Circle((0, 0.5), 2.7, facecolor="none", edgecolor=BLACK, lw=4.0, zorder=2)
    inner_edge = Circle((0, 0.5), 1.75, facecolor="none", edgecolor=BLUE, lw=2.4,
                        linestyle=(0, (6, 4)), zorder=2)
    for patch in (ring, inner, outer_edge, inner_edge):
        ax.add_patch(patch)
    _person(ax, -0.65, 0.85, "Worker", ORANGE, "")
    _person(ax, 0.65, 0.85, "Client", SKY, "..")
    ax.text(0, -0.1, "central circle\n(dashed edge): negotiated\ntogether, revisited",
            ha="center", va="top", fontsize=8.6, zorder=5)
    ax.text(0, 2.5, "second circle: sometimes matters\n(culture, setting, time)",
            ha="center", va="center", fontsize=8.6, zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.9})
    ax.text(0, -1.72, "FIRM OUTER BOUNDARY (solid)", ha="center", va="center",
            fontsize=8.6, fontweight="bold", zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.9})
    for x, text in ((-1.75, "a sexual\nrelationship"),
                    (1.75, "exploiting the\nclient: money,\nfavours, secrets")):
        ax.add_patch(FancyBboxPatch((x - 1.0, -3.8), 2.0, 1.2,
                                    boxstyle="round,pad=0.03,rounding_size=0.1",
                                    facecolor="white", edgecolor=VERMILION, lw=2,
                                    hatch="///", zorder=3))
        ax.text(x, -3.2, "NON-NEGOTIABLE\n" + text, ha="center", va="center", fontsize=8.5,
                zorder=5, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.2})
    ax.text(0, -3.2, "outside\nthe solid\nboundary", ha="center", va="center", fontsize=8.5,
            style="italic")


def boundary_models() -> AccessibleFigure:
    """The separating and the connected models of professional boundaries, side by side."""
    fig = Figure(figsize=(11, 5.6), layout="constrained")
    left, right = fig.subplots(1, 2)
    _separating(left)
    _connected(right)
    return AccessibleFigure(fig, alt=BOUNDARY_ALT, caption=BOUNDARY_CAPTION)
