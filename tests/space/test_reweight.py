"""FeasibilityCheck: is_feasible of re-weighted scenarios, without recompiling them."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.space.strategies import small_scenarios
from zopa.model import scenario_from_data, scenario_to_data
from zopa.space import FeasibilityCheck, is_feasible


def _terms(scenario):
    terms = []
    for issue in scenario.issues:
        table = np.zeros((len(issue.options), len(scenario.parties)))
        for p, party in enumerate(scenario.parties):
            weight = party.normalised_weights().get(issue.name, 0.0)
            for o, option in enumerate(issue.options):
                value = party.values.get(issue.name, {}).get(option.name)
                table[o, p] = weight * (value.value if value is not None else 0.0)
        terms.append(table)
    reservation = np.array(
        [np.nan if p.reservation is None else p.reservation.value for p in scenario.parties]
    )
    return terms, reservation


@settings(max_examples=60, deadline=None)
@given(small_scenarios(max_parties=4, max_issues=3), st.integers(0, 2**32 - 1))
def test_equals_is_feasible_on_reweighted_copies(scenario, seed):
    check = FeasibilityCheck(scenario)
    assert check(*_terms(scenario)) == is_feasible(scenario)
    rng = np.random.default_rng(seed)
    data = scenario_to_data(scenario)
    for party in data["parties"]:
        party["weights"] = {k: round(float(rng.uniform(0.1, 3)), 2) for k in party["weights"]}
        if "reservation" in party:
            party["reservation"] = round(float(rng.uniform(0, 0.8)), 2)
    reweighted = scenario_from_data(data)
    assert check(*_terms(reweighted)) == is_feasible(reweighted)


def test_builtin_is_never_feasible_whatever_the_weights():
    from zopa.model import load_builtin

    check = FeasibilityCheck(load_builtin("ukraine-2026"))
    assert check.never
