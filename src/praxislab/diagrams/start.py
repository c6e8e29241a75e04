"""Small demonstrations for the start page: one rating scale and one lens view, so that a
learner meets every kind of widget before the first lesson."""

from __future__ import annotations

from ..activities import Lens, LensCase, RatingItem, RatingScale


def confidence_scale() -> RatingScale:
    """A practice rating about using the notebooks (nothing about identity)."""
    return RatingScale(
        id="notebook-confidence",
        heading="Practice: how confident do you feel with the notebooks? (optional, private)",
        instructions=("Move a slider with the mouse, or Tab to it and use the arrow keys. "
                      "0 means 'not rated'. Your answers stay on this machine, are left out "
                      "of exports, and 'Clear all my ratings' removes them."),
        items=(RatingItem("run-cells", "Running cells"),
               RatingItem("use-widgets", "Using widgets"),
               RatingItem("find-journal", "Finding my journal"),
               RatingItem("export-work", "Exporting my work")),
        axis_label="Confidence (1 = not yet, 10 = very)",
        whose="your confidence ratings",
    )


def first_lens() -> LensCase:
    """The canonical refused-service example, through both lenses, in a few lines."""
    return LensCase(
        "A first look: a refused service, through two lenses",
        (Lens("adp", "Anti-discriminatory lens (ADP)", (
            ("What it notices", ("A person was refused a service because of their race: an "
                                 "overt act of discrimination.",)),
            ("What it would do", ("Challenge the refusal, support a complaint, and use "
                                  "equality law to put it right.",)))),
         Lens("aop", "Anti-oppressive lens (AOP)", (
             ("What it notices", ("The same refusal, and also the rules, habits and power "
                                  "that let such refusals happen again and again.",)),
             ("What it would do", ("Act on the refusal with the person, and work with others "
                                   "to change the system that allowed it.",))))))
