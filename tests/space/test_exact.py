"""Exact arithmetic: random fractions against a brute force in ``fractions.Fraction``.

The scenarios are drawn as fractions (denominators up to 12, the kind of numbers
that are not short decimals) and written into the scenario as ``"a/b"`` strings;
the brute force below computes utilities from the drawn fractions themselves,
shares no code with the engines, and decides every comparison exactly.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.interop.genius import read_genius
from zopa.model import Scenario
from zopa.space import (
    count_feasible,
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    pareto_frontier,
    utilitarian_point,
)
from zopa.space._tables import compile_scenario

GENIUS_DATA = Path(__file__).resolve().parents[1] / "interop" / "data" / "genius"


@dataclass(frozen=True)
class Drawn:
    """A scenario and the fractions it was written from."""

    scenario: Scenario
    weights: list[list[Fraction]]  # [party][issue]
    values: list[list[list[Fraction]]]  # [party][issue][option]
    reservations: list[Fraction | None]
    forbidden: list[set[tuple[int, int]]]  # [party] {(issue, option)}


def _fraction(max_denominator: int = 12) -> st.SearchStrategy[Fraction]:
    return st.integers(1, max_denominator).flatmap(
        lambda b: st.integers(0, b).map(lambda a: Fraction(a, b))
    )


@st.composite
def fraction_scenarios(draw: st.DrawFn) -> Drawn:
    n_parties = draw(st.integers(2, 4))
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    weights, values, reservations, forbidden = [], [], [], []
    for _ in range(n_parties):
        w = [draw(_fraction()) for _ in sizes]
        if not any(w):
            w[0] = Fraction(1, draw(st.integers(1, 12)))
        weights.append(w)
        values.append([[draw(_fraction()) for _ in range(k)] for k in sizes])
        reservations.append(draw(st.one_of(st.none(), _fraction().map(lambda f: f / 2))))
        lines = set()
        for i, k in enumerate(sizes):
            if k > 1 and draw(st.booleans()):
                lines.add((i, draw(st.integers(0, k - 1))))
        forbidden.append(lines)
    data = {
        "name": "fractions",
        "issues": [
            {"name": f"i{i}", "options": [{"name": f"o{o}"} for o in range(k)]}
            for i, k in enumerate(sizes)
        ],
        "parties": [
            {
                "name": f"P{p}",
                "weights": {f"i{i}": str(w) for i, w in enumerate(weights[p])},
                "values": {
                    f"i{i}": {f"o{o}": str(v) for o, v in enumerate(row)}
                    for i, row in enumerate(values[p])
                },
                "red_lines": {
                    f"i{i}": [f"o{o}" for (j, o) in forbidden[p] if j == i]
                    for i in {j for j, _ in forbidden[p]}
                },
                **({} if reservations[p] is None else {"reservation": str(reservations[p])}),
            }
            for p in range(n_parties)
        ],
    }
    return Drawn(Scenario.model_validate(data), weights, values, reservations, forbidden)


def _brute(drawn: Drawn) -> dict[tuple[Fraction, ...], int]:
    """Feasible utility vectors (exact) with the number of packages reaching each."""
    sizes = [len(row) for row in drawn.values[0]]
    vectors: dict[tuple[Fraction, ...], int] = {}
    for package in itertools.product(*map(range, sizes)):
        if any((i, o) in lines for lines in drawn.forbidden for i, o in enumerate(package)):
            continue
        u = []
        for w, v in zip(drawn.weights, drawn.values, strict=True):
            total = sum(w)
            u.append(sum(w[i] / total * v[i][o] for i, o in enumerate(package)))
        if any(r is not None and x < r for x, r in zip(u, drawn.reservations, strict=True)):
            continue
        vectors[tuple(u)] = vectors.get(tuple(u), 0) + 1
    return vectors


def _pareto(vectors: dict[tuple[Fraction, ...], int]) -> dict[tuple[Fraction, ...], int]:
    def dominated(a: tuple) -> bool:
        return any(b != a and all(y >= x for x, y in zip(a, b, strict=True)) for b in vectors)

    return {a: m for a, m in vectors.items() if not dominated(a)}


def _gains(drawn: Drawn, u: tuple[Fraction, ...]) -> list[Fraction]:
    return [x - (r or 0) for x, r in zip(u, drawn.reservations, strict=True)]


def _rules(drawn: Drawn, frontier: dict) -> dict[str, Fraction]:
    """The optimal value of each bargaining rule over the feasible set."""
    gains = [_gains(drawn, u) for u in frontier]
    best = [max(g[p] for g in gains) for p in range(len(drawn.weights))]

    def ks(g: list[Fraction]) -> Fraction:
        return min(x / b if b > 0 else Fraction(1) for x, b in zip(g, best, strict=True))

    return {
        "nash": max(math.prod(g) for g in gains),
        "kalai_smorodinsky": max(ks(g) for g in gains),
        "utilitarian": max(sum(u) for u in frontier),
        "egalitarian": max(min(g) for g in gains),
        "_ks": ks,  # type: ignore[dict-item]
    }


def _utilities_of(drawn: Drawn, package: dict[str, str]) -> tuple[Fraction, ...]:
    chosen = [int(package[f"i{i}"][1:]) for i in range(len(drawn.values[0]))]
    return tuple(
        sum(w[i] / sum(w) * v[i][o] for i, o in enumerate(chosen))
        for w, v in zip(drawn.weights, drawn.values, strict=True)
    )


@settings(max_examples=150, deadline=None)
@given(fraction_scenarios())
def test_fractions_match_exact_brute_force(drawn):
    scenario = drawn.scenario
    expected = _pareto(_brute(drawn))
    frontier = pareto_frontier(scenario)
    scales = frontier._compiled.scale
    found = {
        tuple(Fraction(int(s), scale) for s, scale in zip(row, scales, strict=True)): int(m)
        for row, m in zip(frontier.sums, frontier.multiplicity, strict=True)
    }
    assert found == expected
    assert frontier.count == sum(expected.values())
    assert count_feasible(scenario).count == sum(_brute(drawn).values())
    if not expected:
        assert nash_point(frontier) is None
        return
    rules = _rules(drawn, expected)
    ks = rules.pop("_ks")
    points = {
        "nash": nash_point(frontier),
        "kalai_smorodinsky": kalai_smorodinsky_point(frontier),
        "utilitarian": utilitarian_point(frontier),
        "egalitarian": egalitarian_point(frontier),
    }
    for rule, point in points.items():
        u = _utilities_of(drawn, point.package)
        g = _gains(drawn, u)
        reached = {
            "nash": math.prod(g),
            "kalai_smorodinsky": ks(g),
            "utilitarian": sum(u),
            "egalitarian": min(g),
        }[rule]
        assert reached == rules[rule], rule
        assert point.value == pytest.approx(float(rules[rule]), rel=1e-12, abs=1e-15)


def test_wide_denominators_take_exact_python_integers():
    # Denominators near 1e6 on four issues: the common scale is about 1e24, past int64.
    primes = [1000003, 1000033, 1000037, 1000039]
    weights = [[Fraction(1)] * 4, [Fraction(1, 2), Fraction(1, 3), Fraction(1, 5), Fraction(1)]]
    values = [
        [[Fraction(k, q) for k in (0, q // 3, q // 2)] for q in primes],
        [[Fraction(k, q) for k in (q // 2, q // 7, q - 1)] for q in reversed(primes)],
    ]
    data = {
        "name": "wide",
        "issues": [
            {"name": f"i{i}", "options": [{"name": f"o{o}"} for o in range(3)]} for i in range(4)
        ],
        "parties": [
            {
                "name": f"P{p}",
                "weights": {f"i{i}": str(w) for i, w in enumerate(weights[p])},
                "values": {
                    f"i{i}": {f"o{o}": str(v) for o, v in enumerate(row)}
                    for i, row in enumerate(values[p])
                },
            }
            for p in range(2)
        ],
    }
    drawn = Drawn(Scenario.model_validate(data), weights, values, [None, None], [set(), set()])
    assert compile_scenario(drawn.scenario).dtype == object
    expected = _pareto(_brute(drawn))
    frontier = pareto_frontier(drawn.scenario)
    assert frontier.count == sum(expected.values())
    assert frontier.count == pareto_frontier(drawn.scenario, method="brute").count
    best = max(math.prod(u) for u in expected)
    assert math.prod(_utilities_of(drawn, nash_point(frontier).package)) == best


def test_genius_thirds_tie_is_a_tie():
    # Evaluations 0.25/0.5/0.75 divided by an issue's largest: thirds. Rounded per
    # term, two packages equal for the buyer came out one unit apart and a dominated
    # one stayed on the frontier (4 packages); the exact brute force gives 3.
    scenario = read_genius(GENIUS_DATA / "ties").scenario
    evaluations = {
        "buyer": ([Fraction(w) for w in ("0.3", "0.5", "0.2")], [(2, 1, 3), (3, 1), (1, 2, 1)]),
        "seller": ([Fraction(w) for w in ("0.5", "0.2", "0.3")], [(3, 2, 2), (1, 1), (3, 2, 2)]),
    }
    weights, values = [], []
    for party in scenario.party_names:
        w, rows = evaluations[party]
        weights.append(w)
        values.append([[Fraction(e, max(row)) for e in row] for row in rows])
    drawn = Drawn(scenario, weights, values, [None, None], [set(), set()])
    expected = _pareto(_brute(drawn))
    assert sum(expected.values()) == 3
    frontier = pareto_frontier(scenario)
    assert frontier.count == 3
    assert len(frontier) == len(expected)
    np.testing.assert_array_equal(frontier.multiplicity, sorted(expected.values(), reverse=True))
