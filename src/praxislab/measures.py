"""Disparity and rate measures: small pure functions, each with its formula.

Every function takes plain numbers, or pandas Series / numpy arrays of numbers, and
returns the same kind of thing. A denominator that is zero, negative, missing (None or
NaN) or not a number stops with a `MeasureError` that says which value was wrong, so a
table never fills up with silent `inf` or `NaN`.

Formulas (n = a count, N = the population it comes from):

- share                      = n / N                      (a proportion, 0 to 1)
- percent                    = 100 x n / N
- rate per 1,000             = 1,000 x n / N  (per 100,000 likewise)
- rate ratio                 = rate_group / rate_reference
- disproportionality index   = share of the group among people in the system
                               / share of the group in the population
- disparity index            = disproportionality index of the group
                               / disproportionality index of the reference group
                               (equal to the rate ratio when both come from one table)
- absolute difference        = value_group - value_reference
"""

from __future__ import annotations

import math
import numbers
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["MeasureError", "absolute_difference", "disparity_index",
           "disproportionality_index", "percent", "proportion_ci", "rate", "rate_ci",
           "rate_per_1000", "rate_per_100000", "rate_ratio", "share"]


class MeasureError(ValueError):
    """A measure was asked to divide by something that is not a positive number."""


def _values(value: Any, name: str) -> tuple[np.ndarray, Any]:
    """Numbers as a float array, and the original (to rebuild a Series)."""
    if isinstance(value, bool) or value is None:
        raise MeasureError(f"{name} is {value!r}; it must be a number.")
    if isinstance(value, str):
        raise MeasureError(f"{name} is text ({value[:30]!r}); it must be a number.")
    if isinstance(value, numbers.Real):
        return np.array([float(value)]), value
    if isinstance(value, pd.DataFrame):
        raise MeasureError(f"{name} is a whole table; pass one column, e.g. table['column'].")
    try:
        array = np.asarray(value, dtype="float64")
    except (TypeError, ValueError):
        raise MeasureError(f"{name} contains something that is not a number.") from None
    if array.ndim == 0:
        array = array.reshape(1)
    return array, value


def _where(original: Any, mask: np.ndarray) -> str:
    if isinstance(original, pd.Series):
        labels = [str(label) for label in original.index[mask]]
    else:
        labels = [str(i) for i in np.flatnonzero(mask)]
    if len(labels) == 1 and not isinstance(original, (pd.Series, np.ndarray, list, tuple)):
        return ""
    return f" (at {', '.join(labels[:5])}{'…' if len(labels) > 5 else ''})"


def _denominator(value: Any, name: str) -> np.ndarray:
    array, original = _values(value, name)
    missing = np.isnan(array)
    if missing.any():
        raise MeasureError(f"{name} is missing{_where(original, missing)}; a measure cannot be "
                           "worked out without it. Check the table for an empty cell.")
    bad = ~(array > 0) | ~np.isfinite(array)
    if bad.any():
        shown = array[bad][0]
        raise MeasureError(f"{name} must be a positive number, but it is {shown:g}"
                           f"{_where(original, bad)}. Dividing by zero or a negative number "
                           "gives no meaningful rate or share.")
    return array


def _numerator(value: Any, name: str) -> np.ndarray:
    array, original = _values(value, name)
    missing = np.isnan(array)
    if missing.any():
        raise MeasureError(f"{name} is missing{_where(original, missing)}.")
    bad = (array < 0) | ~np.isfinite(array)
    if bad.any():
        raise MeasureError(f"{name} must not be negative or infinite, but it is "
                           f"{array[bad][0]:g}{_where(original, bad)}.")
    return array


def _like(result: np.ndarray, *originals: Any) -> Any:
    """Give back a float for scalar input, a Series for Series input, else an array."""
    for original in originals:
        if isinstance(original, pd.Series):
            return pd.Series(result, index=original.index)
    if all(isinstance(o, numbers.Real) for o in originals):
        return float(result[0])
    return result


def _pair(a: Any, b: Any, name_a: str, name_b: str, *, b_is_denominator: bool = True,
          a_is_denominator: bool = False) -> tuple[np.ndarray, np.ndarray]:
    x = _denominator(a, name_a) if a_is_denominator else _numerator(a, name_a)
    y = _denominator(b, name_b) if b_is_denominator else _numerator(b, name_b)
    if x.size != y.size and 1 not in (x.size, y.size):
        raise MeasureError(f"{name_a} has {x.size} values but {name_b} has {y.size}.")
    return x, y


def share(count: Any, total: Any) -> Any:
    """The proportion of a total that a group makes up, from 0 to 1.

    share = count / total

    >>> share(22, 100)
    0.22
    """
    n, big_n = _pair(count, total, "count", "total")
    return _like(n / big_n, count, total)


def percent(count: Any, total: Any) -> Any:
    """A share written as a percentage: percent = 100 x count / total."""
    n, big_n = _pair(count, total, "count", "total")
    return _like(100 * n / big_n, count, total)


def rate(count: Any, population: Any, per: float = 1000) -> Any:
    """How many per `per` people: rate = per x count / population.

    A rate per 1,000 answers "out of every 1,000 children in this group, how many?"
    """
    if isinstance(per, bool) or not isinstance(per, numbers.Real) or not per > 0:
        raise MeasureError(f"per must be a positive number such as 1000, not {per!r}.")
    n, big_n = _pair(count, population, "count", "population")
    return _like(per * n / big_n, count, population)


def rate_per_1000(count: Any, population: Any) -> Any:
    """rate per 1,000 = 1,000 x count / population."""
    return rate(count, population, 1000)


def rate_per_100000(count: Any, population: Any) -> Any:
    """rate per 100,000 = 100,000 x count / population (used for rarer events)."""
    return rate(count, population, 100_000)


def rate_ratio(rate_group: Any, rate_reference: Any) -> Any:
    """How many times the reference group's rate a group's rate is.

    rate ratio = rate_group / rate_reference   (1 = the same rate)
    """
    a, b = _pair(rate_group, rate_reference, "rate_group", "rate_reference")
    return _like(a / b, rate_group, rate_reference)


def disproportionality_index(share_in_system: Any, share_of_population: Any) -> Any:
    """A group's share among people in a system divided by its share of the population.

    disproportionality index = share_in_system / share_of_population

    1 means proportional; above 1 over-represented; below 1 under-represented. Both
    shares must use the same unit (both percentages or both proportions). The index can
    never exceed 1 / share_of_population: a group that is half the population can at
    most reach 2, so large groups cannot show large indices.
    """
    a, b = _pair(share_in_system, share_of_population, "share_in_system",
                 "share_of_population")
    return _like(a / b, share_in_system, share_of_population)


def disparity_index(group: Any, reference: Any) -> Any:
    """A group's disproportionality index divided by a reference group's.

    disparity index = DI_group / DI_reference

    Pass two disproportionality indices, or two rates per 1,000: when both come from the
    same table the results are identical, because the shared totals cancel. It compares
    groups with each other, not with the population, so it has no ceiling set by the
    group's size. The choice of reference group (often White children) is a decision
    the reader should see.
    """
    a, b = _pair(group, reference, "group", "reference", a_is_denominator=False)
    return _like(a / b, group, reference)


def absolute_difference(value_group: Any, value_reference: Any) -> Any:
    """How far apart two rates or shares are, in their own units.

    absolute difference = value_group - value_reference

    A difference of 5 per 1,000 means 5 more children out of every 1,000.
    """
    a, _ = _values(value_group, "value_group")
    b, _ = _values(value_reference, "value_reference")
    for array, name, original in ((a, "value_group", value_group),
                                  (b, "value_reference", value_reference)):
        bad = ~np.isfinite(array)
        if bad.any():
            raise MeasureError(f"{name} is missing or not finite{_where(original, bad)}.")
    return _like(a - b, value_group, value_reference)


def _z(level: float) -> float:
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < level < 1:
        raise MeasureError(f"level must be between 0 and 1 (for example 0.95), not {level!r}.")
    return NormalDist().inv_cdf(0.5 + level / 2)


def rate_ci(count: int, population: float, per: float = 1000,
            level: float = 0.95) -> tuple[float, float]:
    """A confidence interval for a rate, using Byar's approximation to the Poisson.

    With O the observed count and z the normal quantile (1.96 for 95%):
        lower count = O x (1 - 1/(9 O) - z / (3 sqrt(O)))^3          (0 when O = 0)
        upper count = (O + 1) x (1 - 1/(9 (O + 1)) + z / (3 sqrt(O + 1)))^3
    and the rate limits are per x count limit / population. Byar's method is widely used
    in public-health statistics because it stays close to the exact Poisson interval
    even for small counts. It treats the population as known exactly.
    """
    n = _numerator(count, "count")
    if n.size != 1:
        raise MeasureError("rate_ci works on one count at a time.")
    observed = float(n[0])
    if observed != math.floor(observed):
        raise MeasureError(f"count must be a whole number of events, not {observed:g}.")
    big_n = float(_denominator(population, "population")[0])
    if isinstance(per, bool) or not isinstance(per, numbers.Real) or not per > 0:
        raise MeasureError(f"per must be a positive number such as 1000, not {per!r}.")
    z = _z(level)
    if observed == 0:
        lower = 0.0
    else:
        lower = observed * (1 - 1 / (9 * observed) - z / (3 * math.sqrt(observed))) ** 3
    o1 = observed + 1
    upper = o1 * (1 - 1 / (9 * o1) + z / (3 * math.sqrt(o1))) ** 3
    return (per * max(lower, 0.0) / big_n, per * upper / big_n)


def proportion_ci(count: int, total: int, level: float = 0.95) -> tuple[float, float]:
    """A Wilson score confidence interval for a proportion (a share, 0 to 1).

    With p = count / total, n = total and z the normal quantile:
        centre = (p + z^2 / (2n)) / (1 + z^2 / n)
        half   = z / (1 + z^2 / n) x sqrt(p (1 - p) / n + z^2 / (4 n^2))
    The interval is centre - half to centre + half; it stays within 0 and 1 and behaves
    well for small groups, unlike the simple p +/- 1.96 x standard error.
    """
    n_count = _numerator(count, "count")
    n_total = _denominator(total, "total")
    if n_count.size != 1 or n_total.size != 1:
        raise MeasureError("proportion_ci works on one count at a time.")
    k, n = float(n_count[0]), float(n_total[0])
    if k > n:
        raise MeasureError(f"count ({k:g}) cannot be larger than total ({n:g}).")
    z = _z(level)
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low = 0.0 if k == 0 else max(0.0, centre - half)   # exact ends, no rounding crumbs
    high = 1.0 if k == n else min(1.0, centre + half)
    return (low, high)
