"""The two-party staircase path against brute force and against the general merge."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SHARED
from tests.space.strategies import small_scenarios
from zopa.interop.genius import read_genius
from zopa.model import random_scenario
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
