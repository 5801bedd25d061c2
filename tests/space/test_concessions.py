from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.space.strategies import all_packages, ruled_scenarios, small_scenarios, utility
from zopa.errors import SpaceTooLargeError
from zopa.model import load_builtin, scenario_from_data, scenario_to_data
from zopa.space import count_feasible, is_feasible, minimal_concessions, nash_point


def _summary(sets):
    return [([str(c) for c in s.relax], s.opens.count) for s in sets]


@settings(max_examples=120, deadline=None)
@given(small_scenarios(max_parties=4, max_issues=3))
def test_search_equals_brute_force(scenario):
    fast = minimal_concessions(scenario, max_size=3)
    slow = minimal_concessions(scenario, max_size=3, method="brute")
    assert _summary(fast) == _summary(slow)
    assert (fast == []) == (is_feasible(scenario) or not slow)
    for concession_set in fast:
        # The Nash point reported with a set is the one of the relaxed scenario.
        assert concession_set.nash == nash_point(_relaxed(scenario, concession_set))


@st.composite
def _demanding(draw):
    """Parties with high reservation values of their own: pairs that no package
    satisfies together are common, so the search's pair bound is exercised."""
    scenario = draw(small_scenarios(max_parties=5, max_issues=3))
    data = scenario_to_data(scenario)
    for party in data["parties"]:
        level = draw(st.sampled_from([None, 0.5, 0.7, 0.8, 0.9]))
        party.pop("reservation", None)
        if level is not None:
            party["reservation"] = level
    return scenario_from_data(data)


@settings(max_examples=120, deadline=None)
@given(_demanding())
def test_search_equals_brute_force_with_conflicting_reservation_values(scenario):
    for size in (1, 2, 3):
        fast = minimal_concessions(scenario, max_size=size)
        slow = minimal_concessions(scenario, max_size=size, method="brute")
        assert _summary(fast) == _summary(slow)


def test_conflicting_pairs_end_the_search_at_once():
    # Eight buyers each need a price of at least 0.9 and eight sellers at most 0.1 of
    # a hundred-step price: each buyer-seller pair conflicts, so four concessions can
    # never open a deal, and the search says so without trying a candidate.
    steps = [f"p{k}" for k in range(101)]
    issue = {"name": "price", "options": [{"name": o} for o in steps]}
    parties = [
        {
            "name": f"{side}{k}",
            "weights": {"price": 1},
            "values": {
                "price": {
                    o: (j / 100 if side == "buyer" else 1 - j / 100) for j, o in enumerate(steps)
                }
            },
            "reservation": 0.9,
        }
        for side in ("buyer", "seller")
        for k in range(8)
    ]
    scenario = scenario_from_data({"name": "market", "issues": [issue], "parties": parties})
    assert minimal_concessions(scenario, max_size=4, max_checks=1) == []


def _relaxed(scenario, concession_set):
    data = scenario_to_data(scenario)
    for c in concession_set.relax:
        party = next(p for p in data["parties"] if p["name"] == c.party)
        if c.kind == "reservation":
            party.pop("reservation")
            continue
        lines = party["red_lines"][c.issue]
        party["red_lines"][c.issue] = [
            r for r in lines if (r if isinstance(r, str) else r["option"]) != c.option
        ]
    return scenario_from_data(data)


def test_builtin_deadlock_is_about_donetsk():
    scenario = load_builtin("ukraine-2026")
    assert not is_feasible(scenario)
    sets = minimal_concessions(scenario)
    assert sets, "some concession must open a deal"
    smallest = min(len(s.relax) for s in sets)
    assert smallest == 1
    for s in sets:
        assert {c.issue for c in s.relax} == {"donetsk_control"}
        relaxed = _relaxed(scenario, s)
        assert is_feasible(relaxed)
        assert count_feasible(relaxed, method="brute").count == s.opens.count


def test_search_limit_is_an_error_not_a_silent_truncation(monkeypatch):
    scenario = load_builtin("ukraine-2026")
    with pytest.raises(SpaceTooLargeError, match="more than 2 exact checks at sets of 2") as info:
        minimal_concessions(scenario, max_checks=2)
    # It carries the sets of the sizes it finished: those of a search that stops there.
    assert info.value.searched == 1
    assert _summary(info.value.sets) == _summary(minimal_concessions(scenario, max_size=1))

    # analyze falls back to the sizes it could finish, and says so.
    from zopa.space import analysis

    def limited(*args, **kwargs):
        return minimal_concessions(*args, max_checks=2, **kwargs)

    monkeypatch.setattr(analysis, "minimal_concessions", limited)
    result = analysis.analyze(scenario)
    assert [len(c.relax) for c in result.concessions] == [1, 1]
    assert [n for n in result.notes if "searched sets of up to" in n] == [
        "the concession search needs more than 2 exact checks at sets of 2 concessions; "
        "search smaller sets; searched sets of up to 1 only"
    ]


@settings(max_examples=120, deadline=None)
@given(ruled_scenarios(max_parties=4, max_issues=3))
def test_search_equals_brute_force_under_decision_rules(scenario):
    fast = minimal_concessions(scenario, max_size=3)
    assert _summary(fast) == _summary(minimal_concessions(scenario, max_size=3, method="brute"))
    assert {frozenset(map(str, s.relax)) for s in fast} == _sets_by_enumeration(scenario, 3)


def _sets_by_enumeration(scenario, max_size):
    """Minimal concession sets read off every package, straight from the definitions."""
    names = scenario.party_names
    rule = scenario.decision_rule
    k = len(names) if rule.at_least is None else rule.at_least
    required = [names.index(n) for n in rule.including]
    others = [p for p in range(len(names)) if p not in required]
    coalitions = [
        [*required, *extra] for extra in itertools.combinations(others, k - len(required))
    ]
    needs = set()
    for package in all_packages(scenario):
        per_party = []
        for p, party in enumerate(scenario.parties):
            need = {
                f"{party.name} accepts {i}={o}"
                for i, o in package.items()
                if o in party.forbidden(i)
            }
            if party.reservation is not None and (
                utility(scenario, p, package) < party.reservation.value - 1e-9
            ):
                need.add(f"{party.name} lowers its reservation value")
            per_party.append(need)
        for members in coalitions:
            needs.add(frozenset().union(*(per_party[p] for p in members)))
    if frozenset() in needs:
        return set()
    return {n for n in needs if len(n) <= max_size and not any(m < n for m in needs)}
