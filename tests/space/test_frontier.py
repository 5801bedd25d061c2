from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from tests.space.strategies import capped_scenarios, feasible_packages, small_scenarios, utility
from zopa.errors import SpaceTooLargeError
from zopa.model import load_builtin, random_scenario
from zopa.space import pareto_frontier


def _vectors(scenario, packages):
    n = len(scenario.parties)
    return np.array([[utility(scenario, p, pkg) for p in range(n)] for pkg in packages])


def _merge_equals_brute_force(scenario):
    fast = pareto_frontier(scenario)
    slow = pareto_frontier(scenario, method="brute")
    assert fast.count == slow.count
    np.testing.assert_array_equal(fast.sums, slow.sums)
    np.testing.assert_array_equal(fast.multiplicity, slow.multiplicity)


@settings(max_examples=150, deadline=None)
@given(small_scenarios())
def test_merge_equals_brute_force_with_multiplicities(scenario):
    _merge_equals_brute_force(scenario)


@settings(max_examples=150, deadline=None)
@given(capped_scenarios())
def test_capped_merge_equals_brute_force_with_multiplicities(scenario):
    _merge_equals_brute_force(scenario)


@settings(max_examples=100, deadline=None)
@given(small_scenarios(max_parties=4))
def test_frontier_against_plain_enumeration(scenario):
    """Validators: every point is reached by its package, and no feasible package beats it."""
    frontier = pareto_frontier(scenario)
    feasible = feasible_packages(scenario)
    everything = _vectors(scenario, feasible) if feasible else np.zeros((0, len(scenario.parties)))
    assert (len(frontier) == 0) == (len(feasible) == 0)
    reached = 0
    for point in frontier.points():
        package_vector = _vectors(scenario, [point.package])[0]
        np.testing.assert_allclose(list(point.utilities.values()), package_vector, atol=1e-9)
        assert point.package in feasible
        better = (everything >= package_vector - 1e-12).all(axis=1) & (
            everything > package_vector + 1e-12
        ).any(axis=1)
        assert not better.any()
        reached += int(np.isclose(everything, package_vector, atol=1e-12).all(axis=1).sum())
    assert reached == frontier.count


def test_ties_are_counted():
    # Two issues nobody cares about differently: every package ties with 2 others.
    scenario = random_scenario(2, 2, 3, seed=0, decimals=1)
    data = scenario.model_dump()
    for party in data["parties"]:
        party["values"]["i1"] = {"o0": 0.5, "o1": 0.5, "o2": 0.5}
    tied = type(scenario).model_validate(data)
    assert pareto_frontier(tied).count == 3 * len(pareto_frontier(tied))


def test_large_space_is_not_enumerated():
    scenario = random_scenario(3, 20, 10, seed=1)
    frontier = pareto_frontier(scenario)
    assert frontier.count > 100
    assert not frontier.utilities.flags.writeable
    with pytest.raises(SpaceTooLargeError):
        pareto_frontier(scenario, method="brute")


def test_builtin_has_empty_feasible_frontier():
    assert pareto_frontier(load_builtin("ukraine-2026")).count == 0


def test_unknown_method():
    with pytest.raises(ValueError, match="unknown method"):
        pareto_frontier(load_builtin("tiny"), method="magic")


def test_progress_reports_each_merged_issue():
    calls = []
    scenario = random_scenario(3, 5, 4, seed=2)
    pareto_frontier(scenario, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 5) for i in range(1, 6)]


def test_issues_with_tens_of_thousands_of_options():
    n = 33_000
    values = {f"o{i}": 0.0 for i in range(n)}
    values["o32999"] = 1.0
    scenario = type(load_builtin("tiny")).model_validate(
        {
            "name": "wide",
            "issues": [{"name": "price", "options": [{"name": f"o{i}"} for i in range(n)]}],
            "parties": [{"name": "A", "weights": {"price": 1}, "values": {"price": values}}],
        }
    )
    assert pareto_frontier(scenario).package(0) == {"price": "o32999"}
