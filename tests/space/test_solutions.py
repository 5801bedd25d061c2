from __future__ import annotations

import math

import pytest
from hypothesis import given, settings

from tests.space.strategies import feasible_packages, small_scenarios, utility
from zopa.model import Scenario, load_builtin
from zopa.space import (
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    pareto_frontier,
    solutions,
    utilitarian_point,
)


def _gains(scenario, package):
    out = []
    for p, party in enumerate(scenario.parties):
        base = party.reservation.value if party.reservation is not None else 0.0
        out.append(utility(scenario, p, package) - base)
    return out


@settings(max_examples=120, deadline=None)
@given(small_scenarios(max_parties=4))
def test_points_are_optimal_over_all_feasible_packages(scenario):
    feasible = feasible_packages(scenario)
    points = [
        f(scenario)
        for f in (nash_point, kalai_smorodinsky_point, utilitarian_point, egalitarian_point)
    ]
    if not feasible:
        assert points == [None] * 4
        return
    gains = [_gains(scenario, pkg) for pkg in feasible]
    nash, ks, util, egal = points
    assert nash.value == pytest.approx(max(math.prod(g) for g in gains), abs=1e-9)
    assert math.prod(_gains(scenario, nash.package)) == pytest.approx(nash.value, abs=1e-9)
    assert util.value == pytest.approx(
        max(
            sum(utility(scenario, p, pkg) for p in range(len(scenario.parties))) for pkg in feasible
        ),
        abs=1e-9,
    )
    assert egal.value == pytest.approx(max(min(g) for g in gains), abs=1e-9)
    best = [max(g[p] for g in gains) for p in range(len(scenario.parties))]

    def ratio(g):
        return min(g[p] / best[p] if best[p] > 1e-12 else 1.0 for p in range(len(g)))

    frontier_gains = [_gains(scenario, pt.package) for pt in pareto_frontier(scenario).points()]
    assert ks.value == pytest.approx(max(ratio(g) for g in frontier_gains), abs=1e-9)
    assert ratio(_gains(scenario, ks.package)) == pytest.approx(ks.value, abs=1e-9)


def test_tiny_by_hand():
    tiny = load_builtin("tiny")
    # Feasible: (midline, shared) 17/30 & 0.6; (south_bank, south_only) 2/3 & 0.5;
    # (midline, south_only) 0.4 & 0.75. South's reservation is 0.4.
    assert nash_point(tiny).value == pytest.approx(0.4 * 0.35)
    assert kalai_smorodinsky_point(tiny).value == pytest.approx(0.6)
    assert utilitarian_point(tiny).value == pytest.approx(35 / 30)
    assert egalitarian_point(tiny).package == {"river": "midline", "fishing": "south_only"}


def test_no_deal_gives_none():
    assert nash_point(load_builtin("ukraine-2026")) is None


@settings(max_examples=80, deadline=None)
@given(small_scenarios(max_parties=4))
def test_points_pick_the_same_in_plain_python_and_numpy(scenario):
    # Up to _SMALL frontier points the candidates are scanned in plain Python lists.
    rules = (nash_point, kalai_smorodinsky_point, utilitarian_point, egalitarian_point)
    python = [f(pareto_frontier(scenario)) for f in rules]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solutions, "_SMALL", 0)
        numpy = [f(pareto_frontier(scenario)) for f in rules]
    assert python == numpy


def test_kalai_smorodinsky_counts_a_party_with_no_possible_gain_as_served():
    data = {
        "name": "flat",
        "issues": [{"name": f"i{i}", "options": [{"name": "a"}, {"name": "b"}]} for i in range(2)],
        "parties": [
            {
                "name": "Keen",
                "weights": {"i0": "1", "i1": "2"},
                "values": {"i0": {"a": "1", "b": "0"}, "i1": {"a": "1/3", "b": "1"}},
            },
            {
                "name": "Flat",
                "weights": {"i0": "1", "i1": "1"},
                "values": {"i0": {"a": "0", "b": "0"}, "i1": {"a": "0", "b": "0"}},
            },
        ],
    }
    ks = kalai_smorodinsky_point(Scenario.model_validate(data))
    # Flat's best gain is 0, so its ratio is 1; Keen's best package wins (a, b: 1/3 + 2/3).
    assert ks.value == 1.0
    assert ks.package == {"i0": "a", "i1": "b"}
    assert ks.utilities == {"Keen": 1.0, "Flat": 0.0}
