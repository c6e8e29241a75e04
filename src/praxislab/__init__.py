"""Praxis Lab: the helper package behind the notebooks.

Notebooks import from here; all logic lives in the modules, so lessons stay short.
"""

from .activities import LensCase, Quiz, RatingScale, Sorter
from .checks import NumericCheck
from .journal import Entry, Journal
from .lesson import Lesson

__all__ = ["Entry", "Journal", "LensCase", "Lesson", "NumericCheck", "Quiz", "RatingScale",
           "Sorter"]
__version__ = "0.1.0"
