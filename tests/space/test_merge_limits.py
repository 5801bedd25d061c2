"""Where the merge method stops under 'auto', and that the MILP method then answers."""

from __future__ import annotations

import pytest

from zopa.errors import LimitReachedError
from zopa.model import random_scenario
from zopa.space import analysis, frontier
from zopa.space.frontier import MergeLimits


def test_pace_without_history_assumes_the_square_of_the_growth():
    limits = MergeLimits(max_merge_seconds=60.0)
    limits.check_pace([(1_000, 0.9)], 8_000, 8)  # 0.9 s * 8**2 = 58 s: goes on
    with pytest.raises(LimitReachedError) as error:
        limits.check_pace([(1_000, 1.0)], 8_000, 8)  # 64 s
    assert error.value.reason == "pace" and "8,000 candidates" in str(error.value)


def test_pace_follows_the_growth_the_last_two_merges_showed():
    limits = MergeLimits(max_merge_seconds=60.0)
    # Ten times the candidates took ten times as long: linear, 8 s predicted.
    limits.check_pace([(100, 0.1), (1_000, 1.0)], 8_000, 8)
    # A hundred times as long: the square again, 64 s.
    with pytest.raises(LimitReachedError):
        limits.check_pace([(100, 0.01), (1_000, 1.0)], 8_000, 8)


def test_quick_merges_and_no_limit_predict_nothing():
    MergeLimits(max_merge_seconds=1.0).check_pace([(10, 0.01)], 10**9, 10)
    MergeLimits().check_pace([(1_000, 100.0)], 10**9, 10)


def test_auto_switches_to_milp_when_a_merge_would_be_too_slow(monkeypatch):
    scenario = random_scenario(4, 6, 6, seed=3)
    exact = analysis.analyze(scenario, method="frontier")
    monkeypatch.setattr(analysis, "AUTO_MAX_MERGE_SECONDS", 1e-9)
    monkeypatch.setattr(frontier, "_PACE_FLOOR", 0.0)
    switched = analysis.analyze(scenario)
    assert switched.to_dict()["method"] == "milp"
    assert any("would take" in note for note in switched.notes)
    assert switched.nash.package == exact.nash.package
    assert switched.egalitarian.utilities == pytest.approx(exact.egalitarian.utilities)
