"""praxislab.measures against hand-worked values, bad denominators, and properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from praxislab import measures as m

# -- hand-worked values -------------------------------------------------------------------
# US foster care 2021: Black children 22% of children in care, 14% of all children.
# 22 / 14 = 1.5714...; White 43 / 49 = 0.8776...; disparity 1.5714 / 0.8776 = 1.7906...


def test_hand_worked_values() -> None:
    assert m.share(22, 100) == pytest.approx(0.22)
    assert m.percent(111, 12_000) == pytest.approx(0.925)
    assert m.rate_per_1000(111, 12_000) == pytest.approx(9.25)
    assert m.rate_per_100000(228, 100_000) == pytest.approx(228)
    assert m.rate(3, 400, per=1000) == pytest.approx(7.5)
    assert m.rate_ratio(9.25, 4.1875) == pytest.approx(2.2089552, rel=1e-6)
    black = m.disproportionality_index(22, 14)
    white = m.disproportionality_index(43, 49)
    assert black == pytest.approx(1.5714286, rel=1e-6)
    assert white == pytest.approx(0.8775510, rel=1e-6)
    assert m.disparity_index(black, white) == pytest.approx(1.7906977, rel=1e-6)
    assert m.absolute_difference(228, 64) == 164
    assert m.absolute_difference(22, 14) == 8


def test_rate_ci_byar_matches_hand_worked_values() -> None:
    # O = 10, z = 1.96: lower = 10 (1 - 1/90 - 1.96/(3 sqrt 10))^3 = 10 x 0.78229^3 = 4.7875
    # upper = 11 (1 - 1/99 + 1.96/(3 sqrt 11))^3 = 11 x 1.18688^3 = 18.391
    # (the exact Poisson limits are 4.7954 and 18.3904: Byar is within 0.2%)
    low, high = m.rate_ci(10, 1000, per=1000)
    assert low == pytest.approx(4.7875, abs=2e-3)
    assert high == pytest.approx(18.391, abs=2e-3)
    assert low == pytest.approx(4.7954, rel=2e-3) and high == pytest.approx(18.3904, rel=2e-3)
    zero_low, zero_high = m.rate_ci(0, 400)
    # O = 0: upper = 1 x (1 - 1/9 + 1.96/3)^3 = 1.54222^3 = 3.6681 events
    assert zero_low == 0 and zero_high == pytest.approx(1000 * 3.6681 / 400, rel=1e-3)


def test_wilson_interval_matches_hand_worked_values() -> None:
    # 22 of 100, z = 1.96: centre = (0.22 + 0.019208) / 1.038416 = 0.230359
    # half = 1.96 / 1.038416 x sqrt(0.001716 + 0.00009604) = 0.080345 -> (0.1500, 0.3107)
    low, high = m.proportion_ci(22, 100)
    assert low == pytest.approx(0.1500, abs=1e-4)
    assert high == pytest.approx(0.3107, abs=1e-4)


def test_series_in_series_out() -> None:
    counts = pd.Series([111, 201], index=["Group A", "Group B"])
    population = pd.Series([12_000, 48_000], index=["Group A", "Group B"])
    rates = m.rate_per_1000(counts, population)
    assert isinstance(rates, pd.Series) and list(rates.index) == ["Group A", "Group B"]
    assert rates["Group B"] == pytest.approx(4.1875)


# -- bad denominators: a clear error, never inf or NaN ---------------------------------------

BAD = [0, -5, None, float("nan"), "12", True, float("inf")]


@pytest.mark.parametrize("bad", BAD, ids=[repr(b) for b in BAD])
@pytest.mark.parametrize("function", [m.share, m.percent, m.rate_per_1000, m.rate_per_100000,
                                      m.rate_ratio, m.disproportionality_index,
                                      m.disparity_index])
def test_bad_denominators_raise_a_clear_error(function, bad) -> None:
    with pytest.raises(m.MeasureError) as caught:
        function(10, bad)
    assert any(word in str(caught.value) for word in ("positive", "missing", "number", "text"))


def test_a_series_with_a_zero_names_the_row() -> None:
    population = pd.Series([400, 0], index=["Small", "Empty"])
    with pytest.raises(m.MeasureError, match="at Empty"):
        m.rate_per_1000(pd.Series([1, 0], index=["Small", "Empty"]), population)
    with pytest.raises(m.MeasureError, match="missing.*at Two"):
        m.disproportionality_index(pd.Series([8.0, 2.0], index=["Two", "AI"]),
                                   pd.Series([np.nan, 1.0], index=["Two", "AI"]))


def test_other_bad_inputs() -> None:
    with pytest.raises(m.MeasureError):
        m.rate_per_1000(-1, 100)
    with pytest.raises(m.MeasureError):
        m.rate(1, 100, per=0)
    with pytest.raises(m.MeasureError):
        m.rate_ci(2.5, 100)
    with pytest.raises(m.MeasureError, match="per must be"):
        m.rate_ci(2, 100, per=0)
    with pytest.raises(m.MeasureError):
        m.proportion_ci(5, 4)
    with pytest.raises(m.MeasureError):
        m.proportion_ci(1, 4, level=1.5)
    with pytest.raises(m.MeasureError):
        m.absolute_difference(float("nan"), 1)
    with pytest.raises(m.MeasureError, match="whole table"):
        m.share(pd.DataFrame({"a": [1]}), 2)


# -- properties ---------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=10**7)
populations = st.integers(min_value=1, max_value=10**8)
positive = st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(counts, populations)
def test_rates_scale_and_stay_finite(n: int, big_n: int) -> None:
    per_1000 = m.rate_per_1000(n, big_n)
    assert math.isfinite(per_1000) and per_1000 >= 0
    assert m.rate_per_100000(n, big_n) == pytest.approx(100 * per_1000)
    assert m.share(n, big_n) == pytest.approx(per_1000 / 1000)


@given(positive, positive, positive, positive)
def test_disparity_equals_rate_ratio_from_the_same_table(a: float, b: float, pa: float,
                                                         pb: float) -> None:
    """Shares of one table and rates per head give the same disparity index."""
    rate_a, rate_b = a / pa, b / pb
    share_sys_a, share_sys_b = a / (a + b), b / (a + b)
    share_pop_a, share_pop_b = pa / (pa + pb), pb / (pa + pb)
    di_a = m.disproportionality_index(share_sys_a, share_pop_a)
    di_b = m.disproportionality_index(share_sys_b, share_pop_b)
    assert m.disparity_index(di_a, di_b) == pytest.approx(m.rate_ratio(rate_a, rate_b),
                                                          rel=1e-6)


@given(st.floats(min_value=0.01, max_value=0.99), st.floats(min_value=0.0, max_value=1.0))
def test_disproportionality_has_a_ceiling_set_by_group_size(pop_share: float,
                                                            sys_share: float) -> None:
    assert m.disproportionality_index(sys_share, pop_share) <= 1 / pop_share + 1e-9


@given(st.integers(min_value=0, max_value=5000), populations)
def test_rate_ci_contains_the_rate(n: int, big_n: int) -> None:
    low, high = m.rate_ci(n, big_n)
    point = m.rate_per_1000(n, big_n)
    assert 0 <= low <= point <= high


@given(st.integers(min_value=1, max_value=10_000), st.data())
def test_wilson_contains_the_share_and_stays_in_0_1(total: int, data) -> None:
    k = data.draw(st.integers(min_value=0, max_value=total))
    low, high = m.proportion_ci(k, total)
    assert 0 <= low <= k / total <= high <= 1


@given(st.integers(min_value=1, max_value=2000))
def test_smaller_groups_get_wider_intervals(n: int) -> None:
    """Same rate, 100 times the population: the interval narrows (relative width)."""
    low_s, high_s = m.rate_ci(n, 1000 * n)
    low_l, high_l = m.rate_ci(100 * n, 100_000 * n)
    assert (high_s - low_s) > (high_l - low_l)
