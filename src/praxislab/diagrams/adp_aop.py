"""Figures for notebooks/04-adp-vs-aop.ipynb."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from ..activities import Lens, LensCase
from ..plots import OKABE_ITO, AccessibleFigure

# (level, what it looks like in the refused-service example, hatch pattern)
_LEVELS = (
    ("Personal",
     "The refusal at the door: one person\nturns another away because of race.", ""),
    ("Cultural",
     "Shared ideas about who 'fits in' and\nwho 'people like us' are, which let\n"
     "the refusal feel normal to some.", ".."),
    ("Structural",
     "Rules, funding and data: referral routes,\nno record of who is turned away,\n"
     "no equality terms in the contract.", "//"),
)


def _bracket(ax, x, y0, y1, colour, style, label, width=0.25):
    """A vertical bracket with short ticks at each end and a label to its right."""
    ax.plot([x, x], [y0, y1], color=colour, linestyle=style, linewidth=3,
            solid_capstyle="butt")
    for y in (y0, y1):
        ax.plot([x - width, x], [y, y], color=colour, linestyle="-", linewidth=3)
    if label:
        ax.text(x + 0.25, (y0 + y1) / 2, label, va="center", ha="left", fontsize=10.5,
                color="black", linespacing=1.35)


def reach_of_each_approach() -> AccessibleFigure:
    """Where ADP and AOP act in the refused-service example, across Thompson's three
    levels (personal, cultural, structural)."""
    fig = Figure(figsize=(10.5, 5.6), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(0, 15.4)
    ax.set_ylim(-0.2, 9.6)
    ax.axis("off")

    fills = (OKABE_ITO[3], OKABE_ITO[1], OKABE_ITO[2])  # yellow, sky blue, green
    band_h, gap = 2.7, 0.3
    for i, ((name, example, hatch), fill) in enumerate(zip(_LEVELS, fills, strict=True)):
        top = 9.0 - i * (band_h + gap)
        box = FancyBboxPatch((0.2, top - band_h), 7.6, band_h,
                             boxstyle="round,pad=0.02,rounding_size=0.15",
                             facecolor=fill, alpha=0.35, edgecolor="black",
                             linewidth=1.2, hatch=hatch)
        ax.add_patch(box)
        ax.text(0.5, top - 0.45, f"{name} level", fontsize=12.5, fontweight="bold",
                va="top", ha="left")
        ax.text(0.5, top - 1.05, example, fontsize=10.5, va="top", ha="left",
                linespacing=1.3,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 2})

    top_personal = 9.0
    bottom_personal = 9.0 - band_h
    bottom_all = 9.0 - 3 * band_h - 2 * gap
    _bracket(ax, 8.3, bottom_personal + 0.1, top_personal - 0.1, OKABE_ITO[5], "-",
             "", width=0.25)
    _bracket(ax, 8.9, bottom_all + 0.1, top_personal - 0.1, OKABE_ITO[4], "--",
             "", width=0.25)
    ax.text(9.25, top_personal - band_h / 2,
            "ADP (short solid bracket, personal\nlevel): intervenes in the refusal:\n"
            "records it, gets the service put\nright, uses equality law",
            va="center", ha="left", fontsize=10.5, linespacing=1.35)
    ax.text(9.25, (bottom_all + bottom_personal - gap) / 2,
            "AOP (long dashed bracket, all three\nlevels): does ADP's work too, and\n"
            "also challenges what lets such\nrefusals happen: shared assumptions,\n"
            "rules, funding, missing data, and\nthe worker's own power",
            va="center", ha="left", fontsize=10.5, linespacing=1.35)
    ax.text(0.2, 9.45, "One refused service, three levels (illustrative)", fontsize=13,
            fontweight="bold", va="bottom", ha="left")

    alt = ("Diagram of three stacked boxes for the levels in Thompson's PCS model, using the "
           "example of a service user refused a service because of race. Top box, Personal "
           "level: the refusal at the door. Middle box, Cultural level: shared ideas about who "
           "'fits in', which let the refusal feel normal. Bottom box, Structural level: "
           "referral rules, funding and the lack of any record of who is turned away. A short "
           "solid bracket labelled ADP spans the personal box only: ADP intervenes in the "
           "refusal. A long dashed bracket labelled AOP spans all three boxes: AOP does ADP's "
           "work too and also challenges what lets such refusals happen.")
    caption = ("Where each approach puts its effort in the refused-service example. The "
               "levels come from Thompson's PCS model (1993); the placing of ADP and AOP is a "
               "teaching simplification, not a settled boundary.")
    return AccessibleFigure(fig, alt=alt, caption=caption)


def lunch_club_lens() -> LensCase:
    """The fictional lunch-club case from lesson 04, through the ADP and AOP lenses."""
    return LensCase("The lunch club through two lenses", (
        Lens("adp", "ADP lens", (
            ("What it notices", (
                "An overt refusal: the organiser turned Joseph away because of his race and said so.",
                "Race is a protected characteristic under the Equality Act 2010, so the refusal may be unlawful.",
                "The council funds the club, so it has a stake in how the club treats people.",
                "Joseph still needs a break from caring, whatever happens next.")),
            ("What it would do", (
                "Record what the organiser said, when, and to whom.",
                "Explain Joseph's options, including a complaint and specialist advice, and let him choose.",
                "Report the refusal to the council team that funds the club and ask it to act.",
                "Arrange another break for Joseph now, so a complaint does not cost him his respite.")),
            ("Level", (
                "Mainly personal, reaching into one organisation: one act, one person's rights.",
                "Strength: clear, concrete and backed by law.",
                "Limit: it could end with an apology while the pattern across all four clubs stays.")))),
        Lens("aop", "AOP lens", (
            ("What it notices", (
                "Everything the ADP lens notices, and more.",
                "Joining by recommendation and advertising in parish newsletters keep the clubs as they are, without anyone saying a word.",
                "Nobody counts who is turned away or never applies, so the pattern cannot be seen.",
                "The council's funding sets no expectation about who the clubs serve.",
                "Joseph's wish not to go 'where I'm not wanted' is a reasonable response to racism, not a lack of motivation.",
                "Claire's own power: her assessment and her suggestions shape what support Joseph is offered.")),
            ("What it would do", (
                "Ask Joseph what kind of break he wants and where he would feel welcome.",
                "Do what the ADP lens does about the refusal, if Joseph chooses.",
                "Raise the joining rules and the missing data with managers, and ask the council to build open referral routes and equality monitoring into its funding.",
                "Work with local Black and Asian older people's groups and carers, paid for their time, to shape what respite the council funds.",
                "Reflect in supervision on which carers the team's plans have quietly left out.")),
            ("Level", (
                "Personal, cultural and structural at once.",
                "Strength: it reaches the conditions that produced the refusal.",
                "Limit: it is slower, needs allies and can stall, and Joseph still needs a break this week.")))),
    ))
