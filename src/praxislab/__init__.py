"""Praxis Lab: the helper package behind the notebooks.

Notebooks import from here; all logic lives in the modules, so lessons stay short.
"""

from .activities import Lens, LensCase, Quiz, RatingItem, RatingScale, Sorter
from .checks import NumericCheck
from .journal import Entry, Journal
from .lesson import Lesson

__all__ = ["Entry", "Journal", "Lens", "LensCase", "Lesson", "NumericCheck", "Quiz", "RatingItem",
           "RatingScale", "Sorter"]
__version__ = "0.1.0"
