"""Decision rules ("at least k of n, including R"): every engine against enumeration."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings

from tests.space.strategies import accepts, all_packages, passes, ruled_scenarios, utility
from zopa.errors import ScenarioError
from zopa.model import load_builtin, scenario_from_data, scenario_to_data
from zopa.space import (
    count_feasible,
    count_unanimous,
    egalitarian_point,
    is_feasible,
    minimal_concessions,
    nash_point,
    pareto_frontier,
)


def _vectors(scenario, packages):
    n = len(scenario.parties)
    return np.array([[utility(scenario, p, pkg) for p in range(n)] for pkg in packages]).reshape(
        -1, n
    )


def _masked_gains(scenario, package):
    """Gains over reservation values, 0 for a party that rejects the package."""
    yes = accepts(scenario, package)
    out = []
    for p, party in enumerate(scenario.parties):
        base = party.reservation.value if party.reservation is not None else 0.0
        out.append(utility(scenario, p, package) - base if yes[p] else 0.0)
    return out


@settings(max_examples=150, deadline=None)
@given(ruled_scenarios())
def test_counts_and_feasibility_equal_enumeration(scenario):
    packages = all_packages(scenario)
    passing = [pkg for pkg in packages if passes(scenario, pkg)]
    unanimous = [pkg for pkg in packages if all(accepts(scenario, pkg))]
    assert count_feasible(scenario).count == len(passing)
    assert count_feasible(scenario, method="brute").count == len(passing)
    assert count_unanimous(scenario).count == len(unanimous)
    assert is_feasible(scenario) == bool(passing)


@settings(max_examples=150, deadline=None)
@given(ruled_scenarios())
def test_frontier_equals_brute_force_with_multiplicities(scenario):
    fast = pareto_frontier(scenario)
    slow = pareto_frontier(scenario, method="brute")
    np.testing.assert_array_equal(fast.sums, slow.sums)
    np.testing.assert_array_equal(fast.multiplicity, slow.multiplicity)


@settings(max_examples=100, deadline=None)
@given(ruled_scenarios(max_parties=4))
def test_frontier_against_plain_enumeration(scenario):
    passing = [pkg for pkg in all_packages(scenario) if passes(scenario, pkg)]
    everything = _vectors(scenario, passing)
    frontier = pareto_frontier(scenario)
    assert (len(frontier) == 0) == (not passing)
    reached = 0
    for point in frontier.points():
        vector = _vectors(scenario, [point.package])[0]
        np.testing.assert_allclose(list(point.utilities.values()), vector, atol=1e-9)
        assert passes(scenario, point.package)
        better = (everything >= vector - 1e-12).all(axis=1) & (everything > vector + 1e-12).any(
            axis=1
        )
        assert not better.any()
        reached += int(np.isclose(everything, vector, atol=1e-12).all(axis=1).sum())
    assert reached == frontier.count


@settings(max_examples=120, deadline=None)
@given(ruled_scenarios(max_parties=4))
def test_bargaining_points_are_optimal_over_passing_packages(scenario):
    passing = [pkg for pkg in all_packages(scenario) if passes(scenario, pkg)]
    nash, egal = nash_point(scenario), egalitarian_point(scenario)
    if not passing:
        assert nash is None and egal is None
        return
    gains = [_masked_gains(scenario, pkg) for pkg in passing]
    assert nash.value == pytest.approx(max(math.prod(g) for g in gains), abs=1e-9)
    assert egal.value == pytest.approx(max(min(g) for g in gains), abs=1e-9)
    for point in (nash, egal):
        assert passes(scenario, point.package)
    assert math.prod(_masked_gains(scenario, nash.package)) == pytest.approx(nash.value, abs=1e-9)


def _summary(sets):
    return [([str(c) for c in s.relax], s.opens.count) for s in sets]


@settings(max_examples=100, deadline=None)
@given(ruled_scenarios(max_parties=4, max_issues=3))
def test_concession_search_equals_brute_force(scenario):
    fast = minimal_concessions(scenario, max_size=2)
    assert _summary(fast) == _summary(minimal_concessions(scenario, max_size=2, method="brute"))
    for concession_set in fast:
        relaxed = _relaxed(scenario, concession_set)
        passing = [pkg for pkg in all_packages(relaxed) if passes(relaxed, pkg)]
        assert len(passing) == concession_set.opens.count > 0


def _relaxed(scenario, concession_set):
    data = scenario_to_data(scenario)
    for c in concession_set.relax:
        party = next(p for p in data["parties"] if p["name"] == c.party)
        if c.kind == "reservation":
            party.pop("reservation")
            continue
        lines = party["red_lines"][c.issue]
        party["red_lines"][c.issue] = [
            r for r in lines if (r if isinstance(r, str) else r["option"]) != c.option
        ]
    return scenario_from_data(data)


def _with_rule(scenario, rule):
    data = scenario_to_data(scenario)
    data["decision_rule"] = rule
    return scenario_from_data(data, where="test.yaml")


def test_a_red_line_blocks_only_when_its_party_is_needed():
    # ukraine-2026: every Donetsk option is ruled out by someone, so nothing
    # passes under unanimity; when any one party may be left out, deals pass,
    # and the Nash package is rejected by at most that one party.
    scenario = load_builtin("ukraine-2026")
    names = scenario.party_names
    assert not is_feasible(scenario)
    everyone_but_one = _with_rule(scenario, {"at_least": len(names) - 1})
    assert count_feasible(everyone_but_one).count > 0
    point = nash_point(everyone_but_one)
    rejecting = [
        n for n, yes in zip(names, accepts(scenario, point.package), strict=True) if not yes
    ]
    assert len(rejecting) <= 1


def test_unanimity_written_out_changes_nothing():
    tiny = load_builtin("tiny")
    spelled = _with_rule(tiny, "unanimity")
    assert _with_rule(tiny, {"at_least": 2}).decision_rule.at_least == 2
    assert pareto_frontier(spelled).count == pareto_frontier(tiny).count
    assert nash_point(spelled) == nash_point(tiny)


def test_rule_round_trips_through_yaml():
    ruled = _with_rule(load_builtin("tiny"), {"at_least": 1, "including": ["north"]})
    again = scenario_from_data(scenario_to_data(ruled))
    assert again.decision_rule == ruled.decision_rule
    assert again.rule_parties() == (1, (0,))


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"at_least": 3}, r"decision_rule\.at_least: 3 parties must accept but there are only 2"),
        ({"at_least": 0}, r"decision_rule\.at_least: 0 is not a positive number"),
        ({"at_least": 1, "including": ["Atlantis"]}, r"including\[0\]: unknown party 'Atlantis'"),
        (
            {"at_least": 1, "including": ["North", "South"]},
            r"names 2 parties but at_least is 1: the rule contradicts itself",
        ),
        ({"at_least": 2, "including": ["North", "north"]}, r"'North' is named twice"),
        ("majority", r"unknown decision rule 'majority'"),
    ],
)
def test_impossible_rules_are_validation_errors(rule, message):
    with pytest.raises(ScenarioError, match=message):
        _with_rule(load_builtin("tiny"), rule)
