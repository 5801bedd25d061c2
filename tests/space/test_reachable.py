"""The yes/no feasibility test against brute forces that share no code with it."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.space.strategies import (
    all_packages,
    feasible_packages,
    passes,
    ruled_scenarios,
    small_scenarios,
)
from tests.space.test_exact import _brute, fraction_scenarios
from zopa.model import scenario_from_data, scenario_to_data
from zopa.space import _reachable, is_feasible


@settings(max_examples=200, deadline=None)
@given(fraction_scenarios())
def test_equals_exact_brute_force_on_fractions(drawn):
    assert is_feasible(drawn.scenario) == bool(_brute(drawn))


@settings(max_examples=150, deadline=None)
@given(small_scenarios(max_parties=5, max_issues=4))
def test_equals_enumeration_on_random_scenarios(scenario):
    assert is_feasible(scenario) == bool(feasible_packages(scenario))


@settings(max_examples=150, deadline=None)
@given(small_scenarios(max_parties=5, max_issues=4))
def test_the_clamped_merge_equals_enumeration(scenario):
    # Small spaces are enumerated outright; with that turned off the merge decides.
    with patch.object(_reachable, "ENUMERATE_CELLS", 0):
        assert is_feasible(scenario) == bool(feasible_packages(scenario))


@settings(max_examples=150, deadline=None)
@given(ruled_scenarios(max_parties=5, max_issues=3))
def test_equals_enumeration_under_decision_rules(scenario):
    assert is_feasible(scenario) == any(passes(scenario, p) for p in all_packages(scenario))


@settings(max_examples=150, deadline=None)
@given(small_scenarios(max_parties=4, max_issues=4), st.sampled_from([0.5, 0.7, 0.9, 1.0]))
def test_capped_utilities(scenario, reservation):
    # Weights used as written and the utility capped at 1 (GENIUS): weight sums
    # above 1 make the cap bind, and a reservation value of 1 needs the cap reached.
    data = scenario_to_data(scenario)
    for party in data["parties"]:
        party["weighting"] = "as_written"
        party["reservation"] = reservation
    capped = scenario_from_data(data)

    def utility(party, package):
        total = sum(party.weights[i].value * party.values[i][o].value for i, o in package.items())
        return min(total, 1.0)

    expected = any(
        all(
            not any(o in party.forbidden(i) for i, o in package.items())
            and utility(party, package) >= reservation - 1e-9
            for party in capped.parties
        )
        for package in all_packages(capped)
    )
    assert is_feasible(capped) == expected
