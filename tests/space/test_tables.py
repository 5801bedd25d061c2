"""compile_scenario against exact fractions from the model, and its per-scenario cache."""

from __future__ import annotations

import gc
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings

from tests.space.strategies import capped_scenarios, small_scenarios
from zopa.model import random_scenario
from zopa.space import _tables
from zopa.space._tables import compile_scenario


def _check_terms(scenario) -> None:
    compiled = compile_scenario(scenario)
    for p, party in enumerate(scenario.parties):
        weights = party.exact_weights()  # the model's own exact arithmetic
        scale = compiled.scale[p]
        seen = []
        for i, issue in enumerate(scenario.issues):
            for o, option in enumerate(issue.options):
                w = weights.get(issue.name, Fraction(0))
                term = w * party.values[issue.name][option.name].exact if w else Fraction(0)
                assert Fraction(int(compiled.terms[i][o, p]), scale) == term
                seen.append(int(compiled.terms[i][o, p]))
        if party.reservation is None:
            # The least common denominator: no common factor left in scale and terms.
            assert math.gcd(scale, *seen) == 1
            assert compiled.threshold[p] == _tables.NO_THRESHOLD
        else:
            assert scale % party.reservation.exact.denominator == 0
            assert Fraction(int(compiled.threshold[p]), scale) == party.reservation.exact


@settings(max_examples=150, deadline=None)
@given(small_scenarios(max_parties=4, max_issues=4))
def test_terms_are_the_exact_weighted_values(scenario):
    _check_terms(scenario)


@settings(max_examples=100, deadline=None)
@given(capped_scenarios(max_parties=3, max_issues=4))
def test_terms_are_exact_for_weights_as_written(scenario):
    _check_terms(scenario)


@pytest.mark.parametrize("decimals", [1, 3, None])
def test_terms_of_random_scenarios(decimals):
    for seed in range(5):
        scenario = random_scenario(
            3, 4, [2, 5, 3, 4], reservation=0.3, decimals=decimals, seed=seed
        )
        _check_terms(scenario)


def test_tables_are_compiled_once_per_scenario_object():
    scenario = random_scenario(2, 3, 4, seed=1, red_line_rate=0.2)
    compiled = compile_scenario(scenario)
    assert compile_scenario(scenario) is compiled
    for table in (*compiled.terms, *compiled.forbidden, compiled.threshold):
        assert not table.flags.writeable  # shared between callers: read-only
    twin = scenario.model_copy()  # equal, but another object: compiled on its own
    assert compile_scenario(twin) is not compiled
    assert compile_scenario(twin).scale == compiled.scale
    key = id(scenario)
    del scenario, compiled
    gc.collect()
    assert key not in _tables._COMPILED  # the entry goes with its scenario
