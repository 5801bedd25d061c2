from __future__ import annotations

import math

import pytest
from hypothesis import given, settings

from tests.space.strategies import feasible_packages, small_scenarios
from zopa.model import random_scenario
from zopa.space import count, count_feasible


@settings(max_examples=150, deadline=None)
@given(small_scenarios())
def test_meet_in_the_middle_equals_enumeration(scenario):
    result = count_feasible(scenario)
    assert result.exact
    assert result.count == len(feasible_packages(scenario))
    assert result.count == count_feasible(scenario, method="brute").count


def test_without_reservations_the_count_is_a_product():
    scenario = random_scenario(3, 20, 10, red_line_rate=0.2, seed=4)
    sizes = [
        sum(
            1
            for o in issue.options
            if not any(o.name in p.forbidden(issue.name) for p in scenario.parties)
        )
        for issue in scenario.issues
    ]
    result = count_feasible(scenario)
    assert result.exact and result.count == math.prod(sizes)


def test_estimate_interval_covers_the_truth(monkeypatch):
    # Force the sampled estimator on spaces small enough to count exactly.
    monkeypatch.setattr(count, "_SAMPLED_HALF", 50)
    covered = 0
    trials = 40
    for seed in range(trials):
        scenario = random_scenario(3, 6, 5, reservation=0.45, seed=seed)
        truth = count_feasible(scenario).count
        estimate = count_feasible(scenario, exact_limit=1, samples=2000, seed=seed)
        assert not estimate.exact and estimate.method == "sampled"
        covered += estimate.low <= truth <= estimate.high
    assert covered >= 0.85 * trials


@pytest.mark.parametrize("parties", [1, 2, 4])
def test_exact_up_to_the_limit(parties):
    scenario = random_scenario(parties, 7, 6, reservation=0.5, seed=parties)
    exact = count_feasible(scenario)
    assert exact.exact and exact.method == "meet-in-the-middle"
    assert exact.count == count_feasible(scenario, method="brute").count
