"""The two-party staircase path against brute force and against the general merge.

The exact brute force below enumerates every package and computes utilities in
``fractions.Fraction`` straight from the model (weights as the party uses them,
values, the cap at 1 for weights used as written, red lines, reservation values,
the decision rule); it shares no code with :mod:`zopa.space`.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SHARED
from tests.space.strategies import capped_scenarios, small_scenarios
from zopa.interop.genius import read_genius
from zopa.model import DecisionRule, Scenario, random_scenario
from zopa.space import _two_party as two_party_module
from zopa.space import frontier as frontier_module
from zopa.space import pareto_frontier
from zopa.space._tables import compile_scenario
from zopa.space._two_party import handles

GENIUS = SHARED / "domains" / "genius"
DOMAINS = sorted(p for p in GENIUS.glob("*/*") if p.is_dir()) if GENIUS.is_dir() else []


def _general(scenario, monkeypatch):
    """The n-dimensional merge, with the two-party dispatch switched off."""
    with monkeypatch.context() as patch:
        patch.setattr(frontier_module, "handles", lambda *_: False)
        return pareto_frontier(scenario)


def _exact_frontier(scenario: Scenario) -> dict[tuple[Fraction, ...], int]:
    """Pareto-maximal utility vectors of the passing packages, each with its package count."""
    names = [i.name for i in scenario.issues]
    rule = scenario.decision_rule
    needed = len(scenario.parties) if rule.at_least is None else rule.at_least
    required = [scenario.party_names.index(name) for name in rule.including]
    vectors: dict[tuple[Fraction, ...], int] = {}
    for combo in itertools.product(*([o.name for o in i.options] for i in scenario.issues)):
        u, yes = [], []
        for party in scenario.parties:
            weights = party.exact_weights()
            x = sum(
                (
                    weights[i] * party.values[i][o].exact
                    for i, o in zip(names, combo, strict=True)
                    if weights.get(i, 0) > 0
                ),
                Fraction(0),
            )
            if party.weighting == "as_written":
                x = min(x, Fraction(1))
            crossed = any(o in party.forbidden(i) for i, o in zip(names, combo, strict=True))
            low = party.reservation is not None and x < party.reservation.exact
            u.append(x)
            yes.append(not crossed and not low)
        if sum(yes) >= needed and all(yes[p] for p in required):
            vectors[tuple(u)] = vectors.get(tuple(u), 0) + 1
    return {
        a: m
        for a, m in vectors.items()
        if not any(b != a and all(y >= x for x, y in zip(a, b, strict=True)) for b in vectors)
    }


def _found(frontier) -> dict[tuple[Fraction, ...], int]:
    scales = frontier._compiled.scale
    return {
        tuple(Fraction(int(s), q) for s, q in zip(row, scales, strict=True)): int(m)
        for row, m in zip(frontier.sums, frontier.multiplicity, strict=True)
    }


def _same(a, b, packages=True):
    assert a.count == b.count
    np.testing.assert_array_equal(a.sums, b.sums)
    np.testing.assert_array_equal(a.multiplicity, b.multiplicity)
    if packages:
        np.testing.assert_array_equal(a._choices, b._choices)


@st.composite
def two_party(draw):
    scenario = draw(small_scenarios(max_parties=2, max_issues=5))
    if draw(st.booleans()):
        # Coarse values make many packages tie.
        scenario = random_scenario(
            2,
            len(scenario.issues),
            [len(i.options) for i in scenario.issues],
            red_line_rate=draw(st.sampled_from([0.0, 0.2])),
            reservation=draw(st.sampled_from([None, 0.3, 0.5])),
            decimals=1,
            seed=draw(st.integers(0, 2**32 - 1)),
        )
    return scenario


@settings(max_examples=200, deadline=None)
@given(two_party())
def test_staircase_equals_brute_force_and_general_merge(scenario):
    # Full-float values compile to Python integers: the general path (both sides agree).
    fast = pareto_frontier(scenario)
    _same(fast, pareto_frontier(scenario, method="brute"), packages=False)
    with pytest.MonkeyPatch.context() as patch:
        _same(fast, _general(scenario, patch))


@settings(max_examples=150, deadline=None)
@given(capped_scenarios(max_parties=2, max_issues=4))
def test_frontier_equals_exact_brute_force_under_rules_and_caps(scenario):
    # Capped or Python-integer spaces take the general path; the rest the staircase.
    assert _found(pareto_frontier(scenario)) == _exact_frontier(scenario)


@pytest.mark.parametrize("decimals", [1, 2])
@pytest.mark.parametrize(
    "rule", [None, {"at_least": 1}, {"at_least": 1, "including": ["P1"]}, {"at_least": 2}]
)
def test_staircase_equals_exact_brute_force(decimals, rule):
    checked = 0
    for seed in range(12):
        scenario = random_scenario(
            2,
            4,
            [3, 4, 2, 4],
            red_line_rate=0.2,
            reservation=[None, 0.3, 0.5][seed % 3],
            decimals=decimals,
            seed=seed,
        )
        if rule is not None:
            ruled = DecisionRule.model_validate(rule)
            scenario = scenario.model_copy(update={"decision_rule": ruled})
        assert handles(2, compile_scenario(scenario).restrict())  # the staircase path
        expected = _exact_frontier(scenario)
        assert _found(pareto_frontier(scenario)) == expected
        checked += bool(expected)
    assert checked >= 6


def test_staircase_with_ties_counts_every_package(monkeypatch):
    scenario = random_scenario(2, 6, 4, seed=3, decimals=1)
    assert handles(2, compile_scenario(scenario).restrict())
    fast = pareto_frontier(scenario)
    assert fast.count > len(fast)  # coarse values: tied packages
    _same(fast, pareto_frontier(scenario, method="brute"), packages=False)
    _same(fast, _general(scenario, monkeypatch))


def test_staircase_on_a_large_space_matches_general_merge(monkeypatch):
    scenario = random_scenario(2, 20, 10, seed=7, reservation=0.3)
    assert handles(2, compile_scenario(scenario).restrict())
    _same(pareto_frontier(scenario), _general(scenario, monkeypatch))


@pytest.mark.skipif(not DOMAINS, reason="../shared/domains/genius is not present")
def test_staircase_on_every_two_party_genius_domain(monkeypatch):
    checked = 0
    for folder in DOMAINS:
        scenario = read_genius(folder).scenario
        if len(scenario.parties) != 2:
            continue
        _same(pareto_frontier(scenario), _general(scenario, monkeypatch))
        checked += 1
    assert checked


def test_sums_past_int64_fall_back_to_exact_python_integers(monkeypatch):
    # Denominators near 1e6 on four issues: the common scale is about 1e24, past int64.
    primes = [1000003, 1000033, 1000037, 1000039]
    data = {
        "name": "wide",
        "issues": [
            {"name": f"i{i}", "options": [{"name": f"o{o}"} for o in range(3)]} for i in range(4)
        ],
        "parties": [
            {
                "name": f"P{p}",
                "weights": {f"i{i}": "1" for i in range(4)},
                "values": {
                    f"i{i}": {
                        f"o{o}": f"{(q // (2 + o + p)) if (o + p) % 3 else q - 1}/{q}"
                        for o in range(3)
                    }
                    for i, q in enumerate(primes if p == 0 else primes[::-1])
                },
            }
            for p in range(2)
        ],
    }
    scenario = Scenario.model_validate(data)
    assert not handles(2, compile_scenario(scenario).restrict())
    frontier = pareto_frontier(scenario)
    assert _found(frontier) == _exact_frontier(scenario)
    _same(frontier, _general(scenario, monkeypatch))


@pytest.mark.parametrize("parties", [2, 3])
def test_counts_past_int64_are_exact(parties):
    # 70 issues whose first two options tie and whose third is worse: every one of
    # the 2**70 packages of tied options reaches the single frontier point.
    data = {
        "name": "ties",
        "issues": [
            {"name": f"i{i}", "options": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}
            for i in range(70)
        ],
        "parties": [
            {
                "name": f"P{p}",
                "weights": {f"i{i}": "1" for i in range(70)},
                "values": {f"i{i}": {"a": "1/2", "b": "1/2", "c": "1/5"} for i in range(70)},
            }
            for p in range(parties)
        ],
    }
    frontier = pareto_frontier(Scenario.model_validate(data))
    assert len(frontier) == 1
    assert frontier.count == 2**70
    assert int(frontier.multiplicity[0]) == 2**70
    assert frontier.package(0) == {f"i{i}": "a" for i in range(70)}


@settings(max_examples=150, deadline=None)
@given(two_party())
def test_plain_python_steps_equal_numpy_steps(scenario):
    # Small merges run in plain Python lists, larger ones in NumPy: both must give
    # the same vectors, multiplicities (and their dtype) and packages.
    fast = pareto_frontier(scenario)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(two_party_module, "SMALL_STEP", 0)
        patch.setattr(two_party_module, "SMALL_ISSUE", 0)
        numpy_only = pareto_frontier(scenario)
        patch.setattr(two_party_module, "SMALL_STEP", 10**9)
        patch.setattr(two_party_module, "SMALL_ISSUE", 10**9)
        python_only = pareto_frontier(scenario)
    for other in (numpy_only, python_only):
        _same(fast, other)
        assert fast.multiplicity.dtype == other.multiplicity.dtype


def test_python_steps_switch_to_numpy_midway(monkeypatch):
    scenario = random_scenario(2, 12, 10, seed=11, decimals=2, reservation=0.3)
    reference = pareto_frontier(scenario)
    monkeypatch.setattr(two_party_module, "SMALL_STEP", 40)  # the first steps in Python only
    _same(reference, pareto_frontier(scenario))
    _same(reference, _general(scenario, monkeypatch))


def test_counts_past_int64_are_exact_on_the_python_path(monkeypatch):
    monkeypatch.setattr(two_party_module, "SMALL_STEP", 10**9)
    test_counts_past_int64_are_exact(2)
