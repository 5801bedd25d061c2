from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from zopa.errors import ScenarioError, ScenarioWarning
from zopa.interop import genius_export_notes, read_genius, write_genius
from zopa.model import Scenario, load_builtin, scenario_from_data, scenario_to_data

DATA = Path(__file__).parent / "data" / "genius"
GENIUS = Path(__file__).resolve().parents[2].parent / "shared" / "domains" / "genius"
# Folder names relative to GENIUS; the shared_dir fixture skips when ../shared is absent.
FOLDERS = sorted(str(p.relative_to(GENIUS)) for p in GENIUS.glob("*/*") if p.is_dir()) or ["absent"]


def scenario_utility(scenario: Scenario, party: int, package: tuple[str, ...]) -> float:
    """Σ normalised weight × value: the utility every zopa engine uses."""
    p = scenario.parties[party]
    weights = p.normalised_weights()
    return sum(
        weights.get(issue.name, 0.0) * p.values[issue.name][option].value
        for issue, option in zip(scenario.issues, package, strict=True)
        if weights.get(issue.name, 0.0)
    )


# --- an independent reading of the XML, a few lines, as GENIUS defines the utility ---


def xml_domain(folder: Path) -> tuple[Path, list[tuple[str, list[str]]], list[Path]]:
    """(domain file, [(issue name, option names)], profile files)."""
    domain = None
    profiles = []
    for file in sorted(folder.glob("*.xml")):
        text = file.read_text(encoding="utf-8", errors="replace")
        if "evaluation=" in text or "<weight" in text:
            profiles.append(file)
        else:
            domain = file
    assert domain is not None
    issues = []
    for issue in ET.parse(domain).getroot().iter("issue"):
        if issue.get("vtype") == "integer":
            low, high = int(issue.get("lowerbound")), int(issue.get("upperbound"))
            options = [str(x) for x in range(low, high + 1)]
        else:
            options = [item.get("value").strip() for item in issue.findall("item")]
        issues.append((issue.get("name").strip(), options))
    return domain, issues, profiles


def xml_utility(profile: Path, issues: list[tuple[str, list[str]]], package: tuple[str, ...]):
    """U = Σ w_i e_i(x_i) / max e_i over Σ w_i, straight from the profile XML."""
    root = ET.parse(profile).getroot()
    weights = {w.get("index"): float(w.get("value")) for w in root.iter("weight")}
    total = weighted = 0.0
    for element, (name, _), choice in zip(root.iter("issue"), issues, package, strict=True):
        assert element.get("name").strip() == name
        w = weights[element.get("index")]
        if element.get("vtype") == "integer":
            ev = element.find("evaluator")
            x = int(choice) - int(element.get("lowerbound"))
            e = min(1.0, max(0.0, float(ev.get("offset")) + float(ev.get("slope")) * x))
        else:
            evals = {
                i.get("value").strip(): float(i.get("evaluation")) for i in element.findall("item")
            }
            e = evals[choice] / max(evals.values())
        total += w
        weighted += w * e
    return weighted / total


def random_packages(issues, count: int, seed: int) -> list[tuple[str, ...]]:
    rng = np.random.default_rng(seed)
    return [tuple(opts[rng.integers(len(opts))] for _, opts in issues) for _ in range(count)]


@pytest.mark.parametrize("name", FOLDERS)
def test_shared_domain_utilities_match_the_xml(shared_dir, name, tmp_path):
    folder = shared_dir / "domains" / "genius" / name
    _, issues, profiles = xml_domain(folder)
    imported = read_genius(folder)
    scenario = imported.scenario
    assert scenario.name == folder.name
    assert [i.name for i in scenario.issues] == [n for n, _ in issues]
    assert [len(i.options) for i in scenario.issues] == [len(o) for _, o in issues]
    assert math.prod(len(i.options) for i in scenario.issues) == math.prod(
        len(o) for _, o in issues
    )
    assert scenario.party_names == tuple(p.stem for p in profiles)
    assert {p.role for p in scenario.parties} == {"other"}
    packages = random_packages(issues, 50, seed=len(name))
    for k, profile in enumerate(profiles):
        for package in packages:
            expected = xml_utility(profile, issues, package)
            assert scenario_utility(scenario, k, package) == pytest.approx(expected, abs=1e-9)
        root = ET.parse(profile).getroot()
        reservation = root.find(".//reservation")
        party = scenario.parties[k]
        if reservation is None:
            assert party.reservation is None
        else:
            assert party.reservation.value == float(reservation.get("value"))
        discount = root.find(".//discount_factor")
        expected_factor = None if discount is None else float(discount.get("value"))
        assert imported.discount_factors[profile.stem] == expected_factor

    # Round trip: every package keeps its utility for every party.
    again = read_genius(write_genius(scenario, tmp_path / "out")[0].parent).scenario
    assert again.party_names == scenario.party_names
    for k in range(len(scenario.parties)):
        for package in packages:
            assert scenario_utility(again, k, package) == pytest.approx(
                scenario_utility(scenario, k, package), abs=1e-12
            )


def test_lunch_fixture_values():
    imported = read_genius(DATA / "lunch")
    s = imported.scenario
    assert s.party_names == ("alice", "bob")
    assert dict(imported.discount_factors) == {"alice": 0.9, "bob": None}
    assert imported.domain_file.name == "lunch_domain.xml"
    assert [o.name for o in s.issue("price").options] == ["5", "6", "7", "8"]
    alice, bob = s.parties
    assert alice.reservation.value == 0.3 and bob.reservation is None
    # alice: main 8/2/5 over 8; price 1 - 0.25 (x - 5); dessert 3/1 over 3.
    assert alice.values["main"]["soup"].value == 5 / 8
    assert alice.values["price"]["8"].value == 0.25
    # bob's price evaluator passes 1 at x = 7 and is clipped, as GENIUS clips.
    assert [bob.values["price"][x].value for x in "5678"] == pytest.approx([0.2, 0.7, 1.0, 1.0])
    assert scenario_utility(s, 0, ("soup", "6", "no")) == pytest.approx(
        0.5 * 5 / 8 + 0.3 * 0.75 + 0.2 / 3, abs=1e-12
    )
    # bob lists weights before issues and out of order: matched by index.
    assert bob.weights["dessert"].value == 0.1


def test_lunch_round_trip_keeps_every_utility(tmp_path):
    s = read_genius(DATA / "lunch").scenario
    files = write_genius(s, tmp_path)
    assert [f.name for f in files] == ["lunch_domain.xml", "alice.xml", "bob.xml"]
    again = read_genius(tmp_path).scenario
    assert again.parties[0].reservation.value == 0.3
    for package in itertools.product(*[[o.name for o in i.options] for i in s.issues]):
        for k in range(2):
            assert scenario_utility(again, k, package) == pytest.approx(
                scenario_utility(s, k, package), abs=1e-12
            )


def test_builtin_round_trip_reports_red_lines(tmp_path):
    tiny = load_builtin("tiny")
    notes = genius_export_notes(tiny)
    assert any("'North'" in n and "red line" in n for n in notes)
    again = read_genius(write_genius(tiny, tmp_path)[0].parent).scenario
    assert all(not p.red_lines for p in again.parties)
    assert again.parties[1].reservation.value == pytest.approx(0.4, abs=1e-12)
    for package in itertools.product(*[[o.name for o in i.options] for i in tiny.issues]):
        for k in range(2):
            assert scenario_utility(again, k, package) == pytest.approx(
                scenario_utility(tiny, k, package), abs=1e-12
            )


def test_best_value_below_one_rescales_but_keeps_acceptance(tmp_path):
    data = scenario_to_data(load_builtin("tiny"))
    data["parties"][1]["values"]["river"] = {"north_bank": 0.5, "midline": 0.25, "south_bank": 0}
    data["parties"][1]["values"]["fishing"] = {"north_only": 0, "shared": 0.7, "south_only": 0.8}
    data["parties"][0]["weights"] = {"river": 2}
    data["parties"][0]["values"] = {"river": {"north_bank": 0, "midline": 0.6, "south_bank": 1}}
    scenario = scenario_from_data(data)
    notes = genius_export_notes(scenario)
    assert any("'South'" in n and "multiplied" in n for n in notes)
    again = read_genius(write_genius(scenario, tmp_path)[0].parent).scenario
    # North had no values for fishing: weight 0 there, river alone decides.
    assert again.parties[0].weights["fishing"].value == 0
    south, south_again = scenario.parties[1], again.parties[1]
    packages = list(itertools.product(*[[o.name for o in i.options] for i in scenario.issues]))
    ratios = {
        round(scenario_utility(again, 1, p) / scenario_utility(scenario, 1, p), 12)
        for p in packages
        if scenario_utility(scenario, 1, p) > 0
    }
    assert len(ratios) == 1 and ratios.pop() > 1
    for p in packages:
        before = scenario_utility(scenario, 1, p) >= south.reservation.value - 1e-12
        after = scenario_utility(again, 1, p) >= south_again.reservation.value - 1e-12
        assert before == after


def test_nonlinear_profile_is_refused():
    with pytest.raises(ScenarioError, match=r"carol\.xml.*constraint"):
        read_genius(DATA / "nonlinear")


def test_hyperrectangle_without_type_is_refused(tmp_path):
    for file in (DATA / "lunch").glob("*.xml"):
        (tmp_path / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "dave.xml").write_text(
        "<utility_space><ufun><hyperRectangle utility_function_value='3'/></ufun></utility_space>",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError, match=r"dave\.xml: nonlinear utility space"):
        read_genius(tmp_path)


def test_malformed_xml_names_the_file(tmp_path):
    (tmp_path / "broken.xml").write_text("<utility_space><issue></utility_space>")
    with pytest.raises(ScenarioError, match=r"broken\.xml: malformed XML: mismatched tag"):
        read_genius(tmp_path)


def test_real_issue_is_refused(tmp_path):
    text = (DATA / "lunch" / "lunch_domain.xml").read_text(encoding="utf-8")
    (tmp_path / "d.xml").write_text(text.replace('vtype="integer"', 'vtype="real"'))
    (tmp_path / "a.xml").write_text((DATA / "lunch" / "alice.xml").read_text(encoding="utf-8"))
    with pytest.raises(ScenarioError, match=r"d\.xml: issue 'price' has type 'real'"):
        read_genius(tmp_path)


def test_missing_folder_and_ambiguous_domain(tmp_path):
    with pytest.raises(ScenarioError, match="no such folder"):
        read_genius(tmp_path / "nope")
    domain = (DATA / "lunch" / "lunch_domain.xml").read_text(encoding="utf-8")
    (tmp_path / "one.xml").write_text(domain)
    (tmp_path / "two.xml").write_text(domain)
    with pytest.raises(ScenarioError, match=r"expected one domain file.*one\.xml, two\.xml"):
        read_genius(tmp_path)


def test_profile_of_another_domain_is_refused(tmp_path):
    (tmp_path / "lunch_domain.xml").write_text(
        (DATA / "lunch" / "lunch_domain.xml").read_text(encoding="utf-8")
    )
    text = (DATA / "lunch" / "alice.xml").read_text(encoding="utf-8")
    (tmp_path / "alice.xml").write_text(text.replace('value="soup"', 'value="stew"'))
    with pytest.raises(ScenarioError, match=r"alice\.xml: issue 'main' evaluates stew, not a"):
        read_genius(tmp_path)


def test_export_refuses_a_folder_with_other_xml(tmp_path):
    (tmp_path / "stray.xml").write_text("<x/>")
    with pytest.raises(ScenarioError, match=r"stray\.xml"):
        write_genius(load_builtin("tiny"), tmp_path)


def test_export_notes_a_reservation_genius_cannot_hold():
    data = {
        "name": "capped",
        "issues": [{"name": "i", "options": [{"name": "a"}, {"name": "b"}]}],
        "parties": [
            {
                "name": "P",
                "weights": {"i": 1},
                "values": {"i": {"a": 0.5, "b": 0.25}},
                "reservation": 0.6,
            }
        ],
    }
    with pytest.warns(ScenarioWarning, match="only one party"):
        scenario = scenario_from_data(data)
    notes = genius_export_notes(scenario)
    assert any("exceeds 1" in note for note in notes)
    assert not any("acceptance is unchanged" in note for note in notes)
