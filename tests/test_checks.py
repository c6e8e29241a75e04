"""Self-checks answer every kind of input in plain words."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from praxislab.checks import NumericCheck


def make() -> NumericCheck:
    return NumericCheck("di", 1.57, tolerance=0.01, hints=["Divide the two shares.",
                                                           "Use child population shares."])


def test_right_answer_within_tolerance() -> None:
    result = make()(1.571)
    assert result.ok and "✓ Correct" in repr(result)


def test_hints_arrive_one_after_another() -> None:
    check = make()
    first, second, third = check(2), check(3), check(4)
    assert "Divide the two shares" in first.message
    assert "child population" in second.message and "child population" in third.message
    assert not first and "✗ Not yet" in repr(first)


@pytest.mark.parametrize(("value", "phrase"), [
    (None, "no answer yet"),
    ("1.57", "Remove the quotes"),
    ("abc", "That is text"),
    (True, "True or False"),
    (pd.DataFrame({"a": [1]}), "whole table"),
    (pd.Series([1, 2, 3]), "column of 3 values"),
    ([1, 2], "list of several"),
    (math.nan, "NaN"),
    (object(), "not a number"),
])
def test_wrong_types_get_a_friendly_message(value: object, phrase: str) -> None:
    result = make()(value)
    assert not result.ok and phrase in result.message
    assert "Traceback" not in result._repr_html_()


def test_relative_tolerance() -> None:
    check = NumericCheck("n", 391_000, tolerance=0.01, relative=True)
    assert check(389_000).ok and not check(380_000).ok
