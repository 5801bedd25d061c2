"""The engines against brute force on every GENIUS domain, and a published number."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import SHARED
from zopa.interop.deliberation import read_deliberation
from zopa.interop.genius import read_genius
from zopa.space import (
    count_feasible,
    count_unanimous,
    egalitarian_point,
    kalai_smorodinsky_point,
    minimal_concessions,
    nash_point,
    pareto_frontier,
    utilitarian_point,
)

GENIUS = SHARED / "domains" / "genius"
DOMAINS = sorted(p for p in GENIUS.glob("*/*") if p.is_dir()) if GENIUS.is_dir() else []


@pytest.mark.skipif(not DOMAINS, reason="../shared/domains/genius is not present")
@pytest.mark.parametrize("folder", DOMAINS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_genius_domain_matches_brute_force(folder):
    scenario = read_genius(folder).scenario
    fast = pareto_frontier(scenario)
    slow = pareto_frontier(scenario, method="brute")
    assert fast.count == slow.count
    np.testing.assert_array_equal(fast.sums, slow.sums)
    np.testing.assert_array_equal(fast.multiplicity, slow.multiplicity)
    assert count_feasible(scenario).count == count_feasible(scenario, method="brute").count
    if slow.count:
        # Every bargaining point against the brute-force frontier's utilities.
        gains = np.clip(
            slow.utilities
            - np.array([p.reservation.value if p.reservation else 0.0 for p in scenario.parties]),
            0,
            None,
        )
        best = gains.max(axis=0)
        ratios = np.where(best > 0, gains / np.where(best > 0, best, 1), 1.0).min(axis=1)
        assert nash_point(fast).value == pytest.approx(np.prod(gains, axis=1).max(), abs=1e-9)
        assert kalai_smorodinsky_point(fast).value == pytest.approx(ratios.max(), abs=1e-9)
        assert utilitarian_point(fast).value == pytest.approx(
            slow.utilities.sum(axis=1).max(), abs=1e-9
        )
        assert egalitarian_point(fast).value == pytest.approx(gains.min(axis=1).max(), abs=1e-9)


def test_deliberation_game_published_count(shared_dir):
    # Published for this game: of the 720 deals 55 pass the N-1 rule and 12 are
    # acceptable to all six parties.
    scenario = read_deliberation(shared_dir / "domains" / "llm-deliberation" / "base")
    assert count_feasible(scenario).count == 55
    assert count_unanimous(scenario).count == 12
    assert pareto_frontier(scenario).count <= 55
    assert minimal_concessions(scenario) == []
