from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.space.strategies import passes, ruled_scenarios, utility
from zopa.errors import ScenarioError, UnknownNameError
from zopa.model import load_builtin, random_scenario, scenario_from_data, scenario_to_data
from zopa.simulate import candidate_packages, simulate
from zopa.simulate.strategies import resolve_strategies, time_target


def _split_the_pie(steps: int = 11):
    """Two parties, one issue: option o_k is worth k/10 to A and 1 - k/10 to B."""
    options = [f"o{k}" for k in range(steps)]
    share = {o: k / (steps - 1) for k, o in enumerate(options)}
    return scenario_from_data(
        {
            "name": "pie",
            "issues": [{"name": "split", "options": [{"name": o} for o in options]}],
            "parties": [
                {"name": "A", "weights": {"split": 1}, "values": {"split": share}},
                {
                    "name": "B",
                    "weights": {"split": 1},
                    "values": {"split": {o: round(1 - v, 10) for o, v in share.items()}},
                },
            ],
        }
    )


def test_two_linear_conceders_meet_where_their_targets_cross():
    # 5 rounds, 2 parties: 10 offers, offer j at t = (j + 1) / 10, targets 1 - t.
    # j=0 A offers o9 (0.9; B needs 0.9, gets 0.1); j=1 B offers o2 (B 0.8, A
    # gets 0.2 < 0.8); j=2 A o7; j=3 B o4 (A gets 0.4 < 0.6); j=4 A offers o5 at
    # target 0.5 and B, whose target is 0.5, accepts: offer 5, round 3.
    result = simulate(_split_the_pie(), protocol="alternating", rounds=5, runs=3, band=0)
    assert result.agreed.all()
    assert result.offers.tolist() == [5, 5, 5] and result.round.tolist() == [3, 3, 3]
    assert {result.candidates.package(int(i))["split"] for i in result.package} == {"o5"}
    np.testing.assert_allclose(result.utilities, 0.5)
    # The Nash point of the pie is the even split: distance 0.
    np.testing.assert_allclose(result.distance, 0, atol=1e-12)


def test_a_mediator_meets_conceders_once_the_text_is_within_both_targets():
    # Mediator texts maximise a weighted sum of A's k/10 and B's 1 - k/10, so
    # they sit at o0 or o10 until a weight flips; both linear parties accept a
    # text only when it gives each at least 1 - t, which for the extremes needs
    # t = 1 (the deadline, target 0). Even split never proposed: agreement in
    # the last round, on an extreme.
    result = simulate(_split_the_pie(), protocol="mediator", rounds=8, runs=20, seed=3)
    assert result.agreed.all() and (result.round == 8).all()
    packages = {result.candidates.package(int(i))["split"] for i in result.package}
    assert packages <= {"o0", "o10"}


def test_same_seed_same_result_and_seeds_matter():
    scenario = random_scenario(3, 3, 4, seed=5, decimals=2)
    a = simulate(scenario, protocol="alternating", runs=60, seed=11, band=0.3)
    b = simulate(scenario, protocol="alternating", runs=60, seed=11, band=0.3)
    c = simulate(scenario, protocol="alternating", runs=60, seed=12, band=0.3)
    for name in ("agreed", "round", "package", "accepted"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert a.to_dict() == b.to_dict()
    assert not np.array_equal(a.package, c.package)
    # Batches only split the work: the same runs in smaller batches, the same answers
    # up to the random stream, which batches consume in order.
    m1 = simulate(scenario, protocol="mediator", runs=40, seed=2)
    m2 = simulate(scenario, protocol="mediator", runs=40, seed=2)
    np.testing.assert_array_equal(m1.package, m2.package)


@settings(max_examples=40, deadline=None)
@given(
    ruled_scenarios(max_parties=4, max_issues=3),
    st.sampled_from(["mediator", "alternating"]),
    st.lists(
        st.sampled_from(["boulware", "linear", "conceder", "tit-for-tat", "hardliner"]),
        min_size=4,
        max_size=4,
    ),
    st.integers(1, 12),
)
def test_agreements_meet_the_rule_and_hardliners_keep_their_red_lines(
    scenario, protocol, names, rounds
):
    overrides = dict(zip(scenario.party_names, names, strict=False))
    result = simulate(
        scenario, protocol=protocol, rounds=rounds, runs=16, seed=0, strategies=overrides
    )
    plan = resolve_strategies(scenario, overrides)
    k, required = scenario.rule_parties()
    assert ((result.round >= 1) == result.agreed).all()
    assert (result.round <= rounds).all()
    for run in np.flatnonzero(result.agreed):
        package = result.candidates.package(int(result.package[run]))
        who = result.accepted[run]
        assert who.sum() >= k and who[list(required)].all()
        for p, party in enumerate(scenario.parties):
            u = utility(scenario, p, package)
            assert result.utilities[run, p] == pytest.approx(u, abs=1e-9)
            if not who[p]:
                continue
            if party.reservation is not None:
                assert u >= party.reservation.value - 1e-9
            if plan.names[p] == "hardliner":
                assert not any(o in party.forbidden(i) for i, o in package.items())


@settings(max_examples=30, deadline=None)
@given(ruled_scenarios(max_parties=4, max_issues=3), st.sampled_from(["mediator", "alternating"]))
def test_among_hardliners_every_agreement_lies_in_the_agreement_space(scenario, protocol):
    everyone = dict.fromkeys(scenario.party_names, "hardliner")
    result = simulate(scenario, protocol=protocol, rounds=10, runs=8, strategies=everyone)
    for run in np.flatnonzero(result.agreed):
        assert passes(scenario, result.candidates.package(int(result.package[run])))


def test_conceders_agree_sooner_than_boulware():
    scenario = random_scenario(3, 4, 5, seed=8, decimals=2)
    rounds = {}
    for name in ("boulware", "linear", "conceder"):
        plan = dict.fromkeys(scenario.party_names, name)
        result = simulate(scenario, protocol="alternating", rounds=30, runs=50, strategies=plan)
        assert result.agreement_rate == 1.0
        rounds[name] = result.round.mean()
    assert rounds["conceder"] < rounds["linear"] < rounds["boulware"]


def test_targets_follow_the_documented_formula():
    best, floor = np.array([1.0, 0.8]), np.array([0.2, 0.0])
    for e in (0.25, 1.0, 4.0):
        got = time_target(0.5, best, floor, np.array([e, e]))
        np.testing.assert_allclose(got, floor + (best - floor) * (1 - 0.5 ** (1 / e)))


def test_tit_for_tat_matches_concessions_and_meets_a_conceder():
    scenario = _split_the_pie(21)
    plan = {"A": "tit-for-tat", "B": "conceder"}
    result = simulate(scenario, protocol="alternating", rounds=20, runs=5, band=0, strategies=plan)
    assert result.agreed.all()
    # B conceded towards A much faster than A's single opening step: A ends above half.
    assert (result.utilities[:, 0] > 0.5).all()
    # Two tit-for-tat parties open with one step each (to 0.95), then wait for
    # the other to move: neither does, so the talks run out without a deal.
    mirror = {"A": "tit-for-tat", "B": "tit-for-tat"}
    stuck = simulate(scenario, protocol="alternating", rounds=20, runs=5, band=0, strategies=mirror)
    assert not stuck.agreed.any()


def test_scenario_strategies_and_deadline_are_used():
    data = scenario_to_data(load_builtin("tiny"))
    data["parties"][0]["strategy"] = {"name": "boulware", "exponent": 0.1}
    data["deadline"] = {"rounds": 7, "date": "2026-07-04"}
    scenario = scenario_from_data(data)
    result = simulate(scenario, runs=4)
    assert result.rounds == 7
    assert result.strategies == ("boulware (e=0.1)", "linear (e=1)")
    overridden = simulate(scenario, runs=4, strategies={"north": "conceder"})
    assert overridden.strategies[0] == "conceder (e=4)"


def test_builtin_scenario_carries_the_july_deadline():
    scenario = load_builtin("ukraine-2026")
    assert scenario.deadline.date == "2026-07-04" and scenario.deadline.sources


def test_large_spaces_offer_a_chosen_candidate_set():
    scenario = random_scenario(3, 8, 6, seed=2)  # 1.7 million packages
    candidates = candidate_packages(scenario, max_candidates=2_000)
    assert not candidates.exhaustive and 0 < len(candidates) <= 4_000
    result = simulate(scenario, protocol="alternating", runs=10, max_candidates=2_000)
    assert result.agreement_rate == 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"protocol": "auction"}, UnknownNameError, "unknown protocol 'auction'"),
        ({"strategies": {"Atlantis": "linear"}}, UnknownNameError, "unknown party 'Atlantis'"),
        ({"strategies": {"North": "sneaky"}}, UnknownNameError, "unknown strategy 'sneaky'"),
        ({"strategies": {"North": "boulware:-1"}}, UnknownNameError, "positive number"),
        ({"rounds": 0}, ScenarioError, "at least 1"),
    ],
)
def test_bad_options_are_clear_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        simulate(load_builtin("tiny"), **kwargs)


def test_unknown_strategy_in_a_file_names_the_path():
    data = scenario_to_data(load_builtin("tiny"))
    data["parties"][1]["strategy"] = "sneaky"
    with pytest.raises(ScenarioError, match=r"t\.yaml: parties\[1\]\.strategy"):
        scenario_from_data(data, where="t.yaml")
