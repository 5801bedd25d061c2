"""Smoke tests of benchmarks/points_vs_negmas.py: zopa's half on a tiny size, and its checks."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tests.benchmark_scripts import benchmark_script
from zopa.model import random_scenario


@pytest.fixture(scope="module")
def bench():
    with benchmark_script("points_vs_negmas") as module:
        yield module


def _enumerated(case) -> tuple[np.ndarray, np.ndarray]:
    """Every package's utilities by plain enumeration: frontier vectors and their counts."""
    scenario = random_scenario(
        case.parties, case.issues, 10, decimals=case.decimals, seed=case.seed
    )
    names = [issue.name for issue in scenario.issues]
    rows = [
        [
            sum(
                p.normalised_weights()[i] * p.values[i][o].value
                for i, o in zip(names, package, strict=True)
            )
            for p in scenario.parties
        ]
        for package in itertools.product(*([o.name for o in i.options] for i in scenario.issues))
    ]
    points, counts = np.unique(np.round(rows, 9), axis=0, return_counts=True)
    dominated = [
        bool(np.any(np.all(points >= x, axis=1) & np.any(points > x, axis=1))) for x in points
    ]
    keep = ~np.array(dominated)
    return points[keep], counts[keep]


@pytest.mark.parametrize("decimals", [1, 3])
def test_zopa_half_matches_enumeration(bench, decimals):
    case = bench.Case(parties=2, issues=3, decimals=decimals, seed=5)
    answer = bench.run_zopa(case, timeout=120)
    assert answer["status"] == "ok"
    points, counts = _enumerated(case)
    mine, mult = bench.distinct(answer["frontier"], answer["counts"])
    np.testing.assert_allclose(mine, points, atol=1e-9)
    np.testing.assert_array_equal(mult, counts)
    assert set(answer["points"]) == set(bench.RULES)


def _answer(rows, counts, points):
    return {"frontier": rows, "counts": counts, "points": points}


def test_compare_reports_each_kind_of_difference(bench):
    rows = [[0.9, 0.1], [0.5, 0.5], [0.1, 0.9]]
    points = {rule: [[0.5, 0.5]] for rule in bench.RULES}
    mine = _answer(rows, [1, 2, 1], points)
    assert set(bench.compare(mine, _answer(rows, [1, 2, 1], points)).values()) == {"yes"}
    # One outcome per vector; a vector equal in one utility but dominated; a missing one.
    assert (
        bench.compare(mine, _answer(rows, [1, 1, 1], points))["multiplicities"]
        == "NegMAS keeps one outcome per vector"
    )
    extra = bench.compare(mine, _answer([*rows, [0.5, 0.4]], [1, 2, 1, 1], points))
    assert extra["frontier"].endswith("each dominated‡") and extra["multiplicities"] == "yes"
    assert bench.compare(mine, _answer(rows[:2], [1, 2], points))["frontier"].startswith("no")
    moved = {**points, "nash": [[0.9, 0.1]]}
    assert bench.compare(mine, _answer(rows, [1, 2, 1], moved))["nash"].startswith("no")


def test_ks_definitions_are_told_apart(bench):
    # Best utilities 1 and 1: (0.9, 0.7) has the largest smallest ratio (0.7),
    # (0.65, 0.75) the smallest spread of the ratios (0.1).
    frontier = np.array([[1.0, 0.2], [0.9, 0.7], [0.65, 0.75], [0.2, 1.0]])
    assert bench._ks_definitions_differ(frontier, np.array([0.9, 0.7]), [[0.65, 0.75]])
    assert not bench._ks_definitions_differ(frontier, np.array([1.0, 0.2]), [[0.65, 0.75]])
    assert not bench._ks_definitions_differ(frontier, np.array([0.9, 0.7]), [[0.2, 1.0]])


def test_summary_names_the_rows_where_zopa_is_slower(bench):
    case = bench.Case(parties=2, issues=6, decimals=1, seed=1)
    mine = {
        "status": "ok",
        "first_seconds": [3.0],
        "frontier_seconds": [1.0],
        "points_seconds": [1.0],
    }
    theirs = {"status": "ok", "frontier_seconds": [2.0], "points_seconds": [1.0]}
    said = bench._summary([(case, mine, theirs)])
    assert "2 parties, 1e6, coarse (first call: 0.75×)" in said and "again" not in said
    fast = {**mine, "first_seconds": [1.0]}
    assert "faster than NegMAS on every row" in bench._summary([(case, fast, theirs)])
