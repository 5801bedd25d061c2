"""Hypothesis strategies for small scenarios, and an independent utility function."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import strategies as st

from zopa.model import DecisionRule, Scenario, random_scenario


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


@st.composite
def ruled_scenarios(draw: st.DrawFn, max_parties: int = 5, max_issues: int = 4) -> Scenario:
    """:func:`small_scenarios` under a random "at least k of n, including R" rule."""
    scenario = draw(small_scenarios(max_parties=max_parties, max_issues=max_issues))
    n = len(scenario.parties)
    k = draw(st.integers(1, n))
    required = draw(st.lists(st.sampled_from(scenario.party_names), unique=True, max_size=k))
    rule = {"at_least": k, "including": required}
    return scenario.model_copy(update={"decision_rule": DecisionRule.model_validate(rule)})


def accepts(scenario: Scenario, package: dict[str, str], tolerance: float = 1e-9) -> list[bool]:
    """Per party: the package avoids its red lines and meets its reservation value."""
    out = []
    for p, party in enumerate(scenario.parties):
        crossed = any(o in party.forbidden(i) for i, o in package.items())
        low = party.reservation is not None and (
            utility(scenario, p, package) < party.reservation.value - tolerance
        )
        out.append(not crossed and not low)
    return out


def passes(scenario: Scenario, package: dict[str, str]) -> bool:
    """The decision rule, read straight from its definition."""
    yes = accepts(scenario, package)
    rule = scenario.decision_rule
    k = len(scenario.parties) if rule.at_least is None else rule.at_least
    needed = all(yes[scenario.party_names.index(name)] for name in rule.including)
    return needed and sum(yes) >= k


@st.composite
def capped_scenarios(draw: st.DrawFn, max_parties: int = 5, max_issues: int = 4) -> Scenario:
    """Scenarios (under a random rule or unanimity) where some parties' weights are
    used as written, scaled so that they sum above 1: their utilities cap at 1."""
    source = ruled_scenarios if draw(st.booleans()) else small_scenarios
    scenario = draw(source(max_parties=max_parties, max_issues=max_issues))
    parties = []
    for party in scenario.parties:
        if draw(st.booleans()):
            factor = draw(st.sampled_from([Fraction(6, 5), Fraction(3, 2), Fraction(5, 2)]))
            total = sum((j.exact for j in party.weights.values()), Fraction(0))
            weights = {
                i: j.model_copy(
                    update={
                        "value": float(j.exact * factor / total),
                        "exact": j.exact * factor / total,
                    }
                )
                for i, j in party.weights.items()
            }
            party = party.model_copy(update={"weights": weights, "weighting": "as_written"})
        parties.append(party)
    return scenario.model_copy(update={"parties": parties})
