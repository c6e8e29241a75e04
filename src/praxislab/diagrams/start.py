"""Small demonstrations for the start page: one rating scale and one lens view, so that a
learner meets every kind of widget before the first lesson."""

from __future__ import annotations

from .. import content
from ..activities import LensCase, RatingItem, RatingScale


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
    """The canonical refused-service example, through both lenses, in a few lines
    (the words live in data/content/00-first-lens.yaml)."""
    return content.lens_case("00-first-lens")
