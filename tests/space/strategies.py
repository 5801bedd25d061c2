"""Hypothesis strategies for small scenarios, and an independent utility function."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from zopa.model import Scenario, random_scenario


@st.composite
def small_scenarios(draw: st.DrawFn, max_parties: int = 5, max_issues: int = 4) -> Scenario:
    """2-5 parties, a handful of issues of up to 4 options, red lines, reservations."""
    n_parties = draw(st.integers(2, max_parties))
    n_issues = draw(st.integers(1, max_issues))
    sizes = draw(st.lists(st.integers(1, 4), min_size=n_issues, max_size=n_issues))
    reservation = draw(st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.4, 0.5, 0.6])))
    return random_scenario(
        n_parties,
        n_issues,
        sizes,
        red_line_rate=draw(st.sampled_from([0.0, 0.15, 0.35])),
        reservation=reservation,
        decimals=draw(st.sampled_from([1, 2, None])),
        seed=draw(st.integers(0, 2**32 - 1)),
    )


def utility(scenario: Scenario, party_index: int, package: dict[str, str]) -> float:
    """A party's utility of a package, straight from the model's definition."""
    party = scenario.parties[party_index]
    total = sum(j.value for j in party.weights.values())
    return sum(
        party.weights[i].value / total * party.values[i][o].value
        for i, o in package.items()
        if i in party.weights and party.weights[i].value > 0
    )


def all_packages(scenario: Scenario) -> list[dict[str, str]]:
    names = [i.name for i in scenario.issues]
    options = [[o.name for o in i.options] for i in scenario.issues]
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*options)]


def feasible_packages(scenario: Scenario, tolerance: float = 1e-9) -> list[dict[str, str]]:
    """Packages meeting every red line and reservation value, by plain enumeration."""
    out = []
    for package in all_packages(scenario):
        ok = True
        for p, party in enumerate(scenario.parties):
            if any(o in party.forbidden(i) for i, o in package.items()):
                ok = False
                break
            if party.reservation is not None and (
                utility(scenario, p, package) < party.reservation.value - tolerance
            ):
                ok = False
                break
        if ok:
            out.append(package)
    return out
