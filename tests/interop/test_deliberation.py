from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from zopa.errors import ScenarioError
from zopa.interop import read_deliberation
from zopa.model import Scenario

TINY = Path(__file__).parent / "data" / "deliberation" / "tiny"


def raw_game(folder: Path) -> tuple[list[tuple[str, str]], dict[str, list[list[int]]], dict]:
    """[(party name, role)], integer scores per issue and thresholds, read independently."""
    config = [line.split(",") for line in (folder / "config.txt").read_text().splitlines()]
    parties = [(fields[0].strip(), fields[2].strip()) for fields in config if fields[0].strip()]
    scores, thresholds = {}, {}
    for fields in config:
        lines = (folder / "scores_files" / f"{fields[1].strip()}.txt").read_text().split("\n")
        lines = [line for line in lines if line.strip()]
        scores[fields[0].strip()] = [[int(x) for x in line.split(",")] for line in lines[:-1]]
        thresholds[fields[0].strip()] = int(lines[-1])
    return parties, scores, thresholds


def integer_acceptance(folder: Path) -> dict[tuple[int, ...], dict[str, bool]]:
    """Deal (option indices) -> party -> score >= threshold, in exact integers."""
    parties, scores, thresholds = raw_game(folder)
    sizes = [len(row) for row in scores[parties[0][0]]]
    return {
        deal: {
            name: sum(row[k] for row, k in zip(scores[name], deal, strict=True)) >= thresholds[name]
            for name, _ in parties
        }
        for deal in itertools.product(*map(range, sizes))
    }


def scenario_acceptance(scenario: Scenario) -> dict[tuple[int, ...], dict[str, bool]]:
    """Deal -> party -> utility >= reservation, from the imported scenario (tolerance 1e-9)."""
    out = {}
    for deal in itertools.product(*[range(len(i.options)) for i in scenario.issues]):
        out[deal] = {}
        for party in scenario.parties:
            weights = party.normalised_weights()
            utility = sum(
                weights[issue.name] * party.values[issue.name][issue.options[k].name].value
                for issue, k in zip(scenario.issues, deal, strict=True)
            )
            out[deal][party.name] = utility >= party.reservation.value - 1e-9
    return out


def passes(accepts: dict[str, bool], roles: dict[str, str]) -> bool:
    """The paper's rule: N-1 of N at or above threshold, p1 and p2 among them."""
    vetoes = all(accepts[name] for name, role in roles.items() if role in ("p1", "p2"))
    return vetoes and sum(accepts.values()) >= len(accepts) - 1


@pytest.fixture(scope="module")
def base(shared_dir) -> Path:
    return shared_dir / "domains" / "llm-deliberation" / "base"


def test_published_counts_from_integer_scores(base):
    roles = dict(raw_game(base)[0])
    table = integer_acceptance(base)
    assert len(table) == 720
    assert sum(all(a.values()) for a in table.values()) == 12
    assert sum(passes(a, roles) for a in table.values()) == 55


def test_imported_scenario_gives_the_same_pass_set_as_integers(base):
    roles = dict(raw_game(base)[0])
    exact = integer_acceptance(base)
    imported = scenario_acceptance(read_deliberation(base))
    assert imported == exact
    assert sum(all(a.values()) for a in imported.values()) == 12
    assert {d for d, a in imported.items() if passes(a, roles)} == {
        d for d, a in exact.items() if passes(a, roles)
    }
    assert sum(passes(a, roles) for a in imported.values()) == 55


def test_base_weights_roles_and_names(base):
    s = read_deliberation(base)
    parties, scores, _ = raw_game(base)
    assert s.party_names == tuple(name for name, _ in parties)
    assert {p.name for p in s.parties if p.role == "principal"} == {
        "SportCo",
        "Department of Tourism",
    }
    assert "game role p2" in s.party("Department of Tourism").reservation.note
    for party in s.parties:
        rows = scores[party.name]
        assert [party.weights[i.name].value for i in s.issues] == [max(r) - min(r) for r in rows]
    # The Environmental League scores only issues A and B.
    league = s.party("Environmental League")
    assert [league.weights[i.name].value for i in s.issues][2:] == [0, 0, 0]
    assert s.issues[0].aliases == ("A",)
    assert [o.name for o in s.issues[4].options] == ["E1", "E2", "E3", "E4", "E5"]


def test_tiny_game_affine_map():
    s = read_deliberation(TINY)
    alpha, beta, gamma = s.parties
    assert [p.role for p in s.parties] == ["principal", "principal", "other"]
    # alpha: lows 0+5+0, spans 10, 0, 6: reservation (9 - 5) / 16.
    assert alpha.reservation.value == pytest.approx(4 / 16, abs=1e-15)
    assert alpha.weights["B"].value == 0
    assert {v.value for v in alpha.values["B"].values()} == {0.0}
    assert alpha.values["C"]["C2"].value == pytest.approx(0.5)
    # beta's threshold is below any deal's score; gamma's needs the best deal.
    assert beta.reservation.value == 0
    assert gamma.reservation.value == 1
    assert scenario_acceptance(s) == integer_acceptance(TINY)


def test_threshold_above_best_score_is_an_error(tmp_path):
    (tmp_path / "scores_files").mkdir()
    (tmp_path / "config.txt").write_text("Solo,solo,p1,x,y\n")
    (tmp_path / "scores_files" / "solo.txt").write_text("1, 2\n0, 3\n6\n")
    with pytest.raises(ScenarioError, match=r"solo\.txt: threshold 6 is above .* 5"):
        read_deliberation(tmp_path)


def test_bad_input_names_the_file(tmp_path):
    with pytest.raises(ScenarioError, match="no such folder"):
        read_deliberation(tmp_path / "nope")
    (tmp_path / "scores_files").mkdir()
    (tmp_path / "config.txt").write_text("Solo,solo,boss,x,y\n")
    with pytest.raises(ScenarioError, match=r"config\.txt:1: unknown role 'boss'"):
        read_deliberation(tmp_path)
    (tmp_path / "config.txt").write_text("Solo,solo,p1,x,y\n")
    (tmp_path / "scores_files" / "solo.txt").write_text("1, two\n3\n")
    with pytest.raises(ScenarioError, match=r"solo\.txt: scores must be integers"):
        read_deliberation(tmp_path)


def test_imported_rule_gives_the_published_counts_in_analyze(base):
    from zopa.space import analyze

    s = read_deliberation(base)
    assert sorted(s.decision_rule.including) == ["Department of Tourism", "SportCo"]
    assert s.decision_rule.at_least == len(s.parties) - 1
    data = analyze(s).to_dict()
    assert data["feasible_count"] == 55
    assert data["unanimous_count"] == 12
    assert data["decision_rule"]["at_least"] == 5
    # The frontier and the Nash point are among the 55 deals that pass.
    roles = dict(raw_game(base)[0])
    table = integer_acceptance(base)
    index = {i.name: {o.name: k for k, o in enumerate(i.options)} for i in s.issues}
    for point in [data["nash"], *data["pareto"]]:
        deal = tuple(index[i][o] for i, o in point["package"].items())
        assert passes(table[deal], roles)
