"""GeniusWeb JSON: a hand-written fixture, malformed files, and the GENIUS round trip."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.errors import ScenarioError
from zopa.interop import (
    geniusweb_export_notes,
    read_genius,
    read_geniusweb,
    write_geniusweb,
)
from zopa.model import load_builtin
from zopa.space import analyze

DATA = Path(__file__).parent / "data"
HOLIDAY = DATA / "geniusweb" / "holiday"
GENIUS = Path(__file__).resolve().parents[2].parent / "shared" / "domains" / "genius"
FOLDERS = sorted(str(p.relative_to(GENIUS)) for p in GENIUS.glob("*/*") if p.is_dir()) or ["absent"]
POINTS = ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian")
runner = CliRunner()


def test_reads_the_hand_written_domain():
    imported = read_geniusweb(HOLIDAY)
    scenario = imported.scenario
    assert imported.domain_file == HOLIDAY / "holiday.json"
    assert scenario.party_names == ("ann", "ben")
    assert [o.name for o in scenario.issue("place").options] == ["beach", "mountains", "city"]
    ann = scenario.party("ann")
    assert ann.weighting == "as_written"
    assert ann.values["place"]["mountains"].exact == Fraction(2, 5)
    # Ann's reservation bid (mountains, week): 0.6 * 0.4 + 0.4 * 0.5 = 0.44.
    assert ann.reservation.exact == Fraction(44, 100)
    assert scenario.party("ben").reservation is None
    assert imported.warnings == ()
    # By hand: ann's utilities are beach 0.8 (week) / 1.0 (fortnight), mountains 0.44 /
    # 0.64, city 0.26 / 0.46, so she accepts five packages (not city, week); ben's there
    # are 0.44, 0.23, 1.0, 0.79 and 0.58. Products of gains (ann's over 0.44): 0.1584,
    # 0.1288, 0, 0.158, 0.0116, so Nash is (beach, week).
    result = analyze(scenario)
    assert result.feasible.count == 5
    assert result.nash.package == {"place": "beach", "length": "week"}
    assert result.nash.value == pytest.approx(0.36 * 0.44)


def test_domain_inside_the_profiles_is_enough(tmp_path):
    for name in ("ann.json", "ben.json"):
        (tmp_path / name).write_text((HOLIDAY / name).read_text())
    imported = read_geniusweb(tmp_path)
    assert imported.domain_file is None
    assert imported.scenario.issues == read_geniusweb(HOLIDAY).scenario.issues


def _profile() -> dict:
    return json.loads((HOLIDAY / "ann.json").read_text())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["LinearAdditiveUtilitySpace"].pop("issueWeights"), "no 'issueWeights'"),
        (
            lambda d: d["LinearAdditiveUtilitySpace"]["issueUtilities"]["place"]["discreteutils"][
                "valueUtilities"
            ].update(beach=1.5),
            r"not in \[0, 1\]",
        ),
        (
            lambda d: d["LinearAdditiveUtilitySpace"]["issueWeights"].update(place="heavy"),
            "not a number",
        ),
        (
            lambda d: d["LinearAdditiveUtilitySpace"]["reservationBid"]["issuevalues"].update(
                place="moon"
            ),
            "reservationBid",
        ),
        (lambda d: d.update(SumOfGroupsUtilitySpace=d.pop("LinearAdditiveUtilitySpace")), "only"),
    ],
)
def test_malformed_profiles_name_the_file(tmp_path, change, message):
    (tmp_path / "holiday.json").write_text((HOLIDAY / "holiday.json").read_text())
    data = _profile()
    change(data)
    (tmp_path / "ann.json").write_text(json.dumps(data))
    with pytest.raises(ScenarioError, match=message) as error:
        read_geniusweb(tmp_path)
    assert "ann.json" in str(error.value)


def test_cli_errors_are_one_line(tmp_path):
    (tmp_path / "broken.json").write_text("{not json")
    result = runner.invoke(app, ["import-geniusweb", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("zopa: error: ") and "not valid JSON" in result.stderr
    domain = tmp_path / "number"
    domain.mkdir()
    (domain / "d.json").write_text('{"name": "d", "issuesValues": {"price": {"range": {}}}}')
    (domain / "p.json").write_text((HOLIDAY / "ben.json").read_text())
    result = runner.invoke(app, ["import-geniusweb", str(domain)])
    assert result.exit_code == 2 and "discrete value sets" in result.stderr


def test_cli_export_then_import(tmp_path):
    result = runner.invoke(app, ["export-geniusweb", "tiny", "-o", str(tmp_path / "web"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert any("red lines dropped" in n for n in data["notes"])
    out = tmp_path / "tiny.yaml"
    result = runner.invoke(app, ["import-geniusweb", str(tmp_path / "web"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()


def _frontier(result) -> list:
    return [(tuple(p["utilities"].values()), p["multiplicity"]) for p in result["pareto"]]


@pytest.mark.parametrize("folder", FOLDERS)
def test_genius_round_trip_through_geniusweb(shared_dir, tmp_path, folder):
    scenario = read_genius(GENIUS / folder).scenario
    notes = geniusweb_export_notes(scenario)
    write_geniusweb(scenario, tmp_path)
    again = read_geniusweb(tmp_path).scenario
    before = analyze(scenario, max_pareto=10**6, max_concession_size=1).to_dict()
    after = analyze(again, max_pareto=10**6, max_concession_size=1).to_dict()
    # The reservation bid accepts exactly the packages the reservation value did.
    for key in ("pareto_count", "pareto_points", "feasible_count"):
        assert before[key] == after[key], key
    rounded = any("not finite decimals" in n for n in notes)
    if not rounded:
        assert _frontier(before) == _frontier(after)

    def reservation(party) -> Fraction:
        return party.reservation.exact if party.reservation else Fraction(0)

    same_reservations = all(
        reservation(p) == reservation(q)
        for p, q in zip(scenario.parties, again.parties, strict=True)
    )
    values = {"nash": "product", "kalai_smorodinsky": "min_ratio"}
    values |= {"utilitarian": "sum", "egalitarian": "min_gain"}
    for rule in POINTS:
        if before[rule] is None:
            assert after[rule] is None
            continue
        if not same_reservations:
            continue
        key = values[rule]
        assert after[rule][key] == pytest.approx(before[rule][key], abs=1e-12), rule
        if not rounded:  # rounded numbers may break an exact tie between packages
            assert after[rule]["package"] == before[rule]["package"], rule
            assert after[rule]["utilities"] == before[rule]["utilities"], rule


def test_discrete_utilities_under_either_json_name(tmp_path):
    # GeniusWeb serialises DiscreteValueSetUtilities as "discreteutils"; zopa once
    # wrote the class name, and both read the same.
    (tmp_path / "holiday.json").write_text((HOLIDAY / "holiday.json").read_text())
    text = (HOLIDAY / "ann.json").read_text()
    assert '"discreteutils"' in text
    (tmp_path / "ann.json").write_text(
        text.replace('"discreteutils"', '"DiscreteValueSetUtilities"')
    )
    (tmp_path / "ben.json").write_text((HOLIDAY / "ben.json").read_text())
    assert read_geniusweb(tmp_path).scenario == read_geniusweb(HOLIDAY).scenario
    data = _profile()
    place = data["LinearAdditiveUtilitySpace"]["issueUtilities"]["place"]
    place["numberutils"] = place.pop("discreteutils")
    (tmp_path / "ann.json").write_text(json.dumps(data))
    with pytest.raises(ScenarioError, match=r"ann\.json: issue 'place' has numberutils"):
        read_geniusweb(tmp_path)


def test_export_writes_geniusweb_type_names(tmp_path):
    write_geniusweb(load_builtin("tiny"), tmp_path)
    profiles = [p for p in tmp_path.glob("*.json") if "LinearAdditiveUtilitySpace" in p.read_text()]
    assert profiles
    for profile in profiles:
        space = json.loads(profile.read_text())["LinearAdditiveUtilitySpace"]
        assert all(set(spec) == {"discreteutils"} for spec in space["issueUtilities"].values())


def test_other_json_beside_the_profiles_is_skipped_with_a_warning(tmp_path):
    # ANL's published domains carry a specials.json (front and solutions) beside them.
    for name in ("holiday.json", "ann.json", "ben.json"):
        (tmp_path / name).write_text((HOLIDAY / name).read_text())
    specials = {"size": 12, "nash": {"bid": {}, "utility": [0.5, 0.5]}, "pareto_front": []}
    (tmp_path / "specials.json").write_text(json.dumps(specials))
    found = read_geniusweb(tmp_path)
    assert sorted(found.profile_files) == ["ann", "ben"]
    assert any("specials.json" in w and "skipped" in w for w in found.warnings)
    assert found.scenario == read_geniusweb(HOLIDAY).scenario
    result = runner.invoke(app, ["import-geniusweb", str(tmp_path)])
    assert result.exit_code == 0 and "specials.json" in result.stderr
    (tmp_path / "ann.json").unlink()
    (tmp_path / "ben.json").unlink()
    with pytest.raises(ScenarioError, match="no profile files"):
        read_geniusweb(tmp_path)
