from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from zopa.interop._weights import exact_text, weight_sum_warning


@given(st.integers(-(10**30), 10**30), st.integers(0, 25), st.integers(0, 25))
def test_finite_decimals_are_written_exactly(numerator, twos, fives):
    x = Fraction(numerator, 2**twos * 5**fives)
    text = exact_text(x)
    assert "/" not in text
    assert Fraction(text) == x


@given(st.fractions().filter(lambda x: x.denominator % 3 == 0))
def test_other_fractions_are_written_as_a_ratio(x):
    assert Fraction(exact_text(x)) == x


def test_a_sum_a_float_would_round_to_one_is_shown():
    total = Fraction("0.99999999999999999")
    assert float(total) == 1.0
    warning = weight_sum_warning("buyer.xml", total, "used as written")
    assert warning == "buyer.xml: weights sum to 0.99999999999999999, not 1; used as written"


def test_no_warning_at_one_and_the_cap_above():
    assert weight_sum_warning("a.xml", Fraction(1), "used as written") is None
    assert weight_sum_warning("a.xml", Fraction(6, 5), "x").endswith("x, utilities capped at 1")
