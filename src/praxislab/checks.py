"""Self-checks for data exercises: numeric answers with a tolerance, hints after a wrong
try, and a friendly message (never a traceback) for answers of the wrong type."""

from __future__ import annotations

import html
import math
import numbers
from dataclasses import dataclass, field


@dataclass
class Result:
    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return ("✓ Correct. " if self.ok else "✗ Not yet. ") + self.message

    def _repr_html_(self) -> str:
        word = "✓ Correct." if self.ok else "✗ Not yet."
        return (f'<p class="praxis-check" role="status"><strong>{word}</strong> '
                f"{html.escape(self.message)}</p>")


def _type_message(value: object) -> str | None:
    """A plain-words message when `value` is not a single number, or None if it is."""
    if value is Ellipsis:  # the placeholder `answer = ...` in an exercise
        return "Not answered yet: replace ... with your answer, then run the cell again."
    if value is None:
        return ("There is no answer yet (the value is None). Replace None with your "
                "calculation, for example `answer = share_in_care / share_of_children`.")
    if isinstance(value, bool):
        return "That is True or False; this question needs a number."
    if isinstance(value, str):
        try:
            float(value.replace(",", ""))
        except ValueError:
            return f"That is text ({value[:30]!r}); this question needs a number."
        return ("That is a number written as text (it has quotes around it). "
                "Remove the quotes so Python treats it as a number.")
    kind = type(value).__name__
    if kind == "DataFrame":
        return ("That is a whole table (a DataFrame). Pick out the single number, for "
                "example `table.loc['row', 'column']`.")
    if kind == "Series":
        size = getattr(value, "size", "several")
        return (f"That is a column of {size} values (a Series). Pick out the one you need, "
                "for example with `.loc[...]`, or use `.sum()` if the question asks for a "
                "total.")
    if isinstance(value, (list, tuple, set, dict)):
        return f"That is a {kind} of several values; this question needs one number."
    if not isinstance(value, numbers.Real):
        return f"That is a {kind}, not a number."
    if math.isnan(float(value)):
        return ("That is NaN ('not a number'), which usually comes from dividing by zero or "
                "from a missing value. Check the cells that feed your calculation.")
    return None


@dataclass
class NumericCheck:
    """Checks one numeric answer. Tolerance is absolute unless `relative=True`."""

    id: str
    answer: float
    tolerance: float = 0.01
    relative: bool = False
    hints: list[str] = field(default_factory=list)
    explanation: str = ""
    attempts: int = 0

    def __call__(self, value: object) -> Result:
        return self.check(value)

    def check(self, value: object) -> Result:
        problem = _type_message(value)
        if problem:
            return Result(False, problem)
        number = float(value)  # type: ignore[arg-type]
        allowed = self.tolerance * abs(self.answer) if self.relative else self.tolerance
        if math.isfinite(number) and abs(number - self.answer) <= allowed:
            self.attempts = 0
            return Result(True, self.explanation or f"{number:g} is right.")
        self.attempts += 1
        hint = self.hints[min(self.attempts, len(self.hints)) - 1] if self.hints else ""
        message = f"{number:g} is not what we expected."
        if hint:
            message += f" Hint: {hint}"
        return Result(False, message)
