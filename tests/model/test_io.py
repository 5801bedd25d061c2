from __future__ import annotations

from importlib.resources import files

import pytest

from zopa.errors import ScenarioError, UnknownNameError
from zopa.model import (
    dump_scenario,
    load_builtin,
    load_scenario,
    resolve_scenario,
    save_scenario,
    scenario_from_data,
    scenario_to_data,
)


@pytest.fixture
def tiny_data() -> dict:
    return scenario_to_data(load_builtin("tiny"))


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_round_trip_through_files(tmp_path, suffix):
    scenario = load_builtin("tiny")
    path = save_scenario(scenario, tmp_path / f"s{suffix}")
    assert load_scenario(path) == scenario


def test_compact_form_keeps_citations(tiny_data):
    tiny_data["sources"] = [{"id": "a1", "outlet": "Daily", "date": "2026-01-02"}]
    tiny_data["parties"][0]["weights"]["river"] = {"value": 2, "sources": ["a1"]}
    scenario = scenario_from_data(tiny_data)
    assert scenario.parties[0].weights["river"].sources == ("a1",)
    again = scenario_from_data(scenario_to_data(scenario))
    assert again == scenario
    assert "sources" in dump_scenario(scenario)


def test_weights_normalise_to_one():
    weights = load_builtin("tiny").parties[0].normalised_weights()
    assert sum(weights.values()) == pytest.approx(1.0)
    assert weights["river"] == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["parties"][1]["red_lines"].update(fishing=["nope"]),
            "parties[1].red_lines.fishing[0]: unknown option 'nope'",
        ),
        (
            lambda d: d["parties"][1]["red_lines"].update(donetsk=["x"]),
            "parties[1].red_lines.donetsk: unknown issue 'donetsk'",
        ),
        (
            lambda d: d["parties"][0]["values"]["river"].update(midline=1.5),
            "parties[0].values.river.midline: value 1.5 is not in [0, 1]",
        ),
        (
            lambda d: d["parties"][0].update(weights={"river": 0, "fishing": 0}),
            "parties[0].weights: all weights are zero",
        ),
        (lambda d: d["parties"][0].update(weights={}), "has no preferences"),
        (
            lambda d: d["parties"][0]["values"]["river"].pop("midline"),
            "parties[0].values.river: no value for option(s) midline",
        ),
        (
            lambda d: d["parties"][0]["red_lines"].update(
                river=["north_bank", "midline", "south_bank"]
            ),
            "contradictory red lines",
        ),
        (
            lambda d: d["parties"][0]["weights"].update(river={"value": 1, "sources": ["zz"]}),
            "parties[0].weights.river.sources: unknown source 'zz'",
        ),
        (lambda d: d["parties"][0].update(role="king"), "parties[0].role: must be one of"),
        (
            lambda d: d["issues"][0]["options"].append({"name": "midline"}),
            "duplicate option names: midline",
        ),
        (
            lambda d: d["parties"][0].update(capability={"value": 0.4, "range": [0.6, 0.3]}),
            "parties[0].capability: range [0.6, 0.3]: low end above high end",
        ),
        (
            lambda d: d["parties"][0]["values"]["river"].update(
                midline={"value": 0.6, "range": [0.5, 1.2]}
            ),
            "parties[0].values.river.midline: range [0.5, 1.2] is not in [0, 1]",
        ),
        (
            lambda d: d["parties"][1].update(
                salience={"river": {"value": 0.5, "distribution": {"triangular": [0.6, 0.5, 0.9]}}}
            ),
            "parties[1].salience.river.distribution: triangular [0.6, 0.5, 0.9]: parameters must",
        ),
        (
            lambda d: d["parties"][1].update(salience={"river": {"value": 0.9, "range": [0, 0.5]}}),
            "parties[1].salience.river: value 0.9 is outside its range [0, 0.5]",
        ),
        (
            lambda d: d["parties"][1].update(salience={"sea": 0.5}),
            "parties[1].salience.sea: unknown issue 'sea'",
        ),
        (
            lambda d: d["parties"][0].update(capability={"value": -1}),
            "parties[0].capability: value -1 is not in >= 0",
        ),
        (
            lambda d: d["parties"][0]["weights"].update(
                river={"value": 1, "range": [1, 2], "distribution": {"uniform": [0, 2]}}
            ),
            "parties[0].weights.river: give a range or a distribution, not both",
        ),
        (
            lambda d: d["parties"][0]["weights"].update(
                river={"value": 1, "distribution": {"normal": [0, 2]}}
            ),
            "parties[0].weights.river.distribution: unknown key 'normal'",
        ),
    ],
)
def test_bad_scenarios_name_path_and_fault(tiny_data, mutate, expected):
    mutate(tiny_data)
    with pytest.raises(ScenarioError) as info:
        scenario_from_data(tiny_data, where="s.yaml")
    assert str(info.value).startswith("s.yaml: ")
    assert expected in str(info.value)


def test_bad_files(tmp_path):
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("issues: [\n")
    with pytest.raises(ScenarioError, match=r"broken\.yaml:2:1: not valid YAML"):
        load_scenario(broken)
    listy = tmp_path / "list.json"
    listy.write_text("[1, 2]")
    with pytest.raises(ScenarioError, match="expected a mapping"):
        load_scenario(listy)


def test_unknown_names():
    with pytest.raises(UnknownNameError, match="built-ins"):
        load_builtin("atlantis")
    scenario = load_builtin("tiny")
    with pytest.raises(UnknownNameError):
        scenario.party("East")
    with pytest.raises(UnknownNameError):
        scenario.issue("sky")
    assert resolve_scenario("tiny") == scenario


def test_dates_in_yaml(tmp_path, tiny_data):
    import yaml

    tiny_data["sources"] = [{"id": "a1", "outlet": "Daily", "date": "2026-01-02"}]
    text = yaml.safe_dump(tiny_data).replace("'2026-01-02'", "2026-01-02")
    good = tmp_path / "good.yaml"
    good.write_text(text)
    assert load_scenario(good).sources[0].date == "2026-01-02"  # unquoted is fine
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("2026-01-02", "2026-02-30"))
    with pytest.raises(ScenarioError, match=r"bad\.yaml: not valid YAML"):
        load_scenario(bad)


def test_uncertain_judgements_round_trip(tmp_path, tiny_data):
    tiny_data["parties"][0]["capability"] = {"value": 0.4, "range": [0.3, 0.6], "note": "guess"}
    tiny_data["parties"][1]["salience"] = {
        "river": {"value": 0.4, "distribution": {"triangular": [0.3, 0.4, 0.6]}}
    }
    scenario = scenario_from_data(tiny_data)
    for suffix in (".yaml", ".json"):
        path = save_scenario(scenario, tmp_path / f"u{suffix}")
        assert load_scenario(path) == scenario
    party = scenario.parties[1]
    assert party.salience["river"].bounds == (0.3, 0.6)
    assert scenario.parties[0].capability.spread.uniform == (0.3, 0.6)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_fractions_are_kept_exactly_through_files(tmp_path, tiny_data, suffix):
    from fractions import Fraction

    tiny_data["parties"][0]["values"]["river"]["midline"] = "2/3"
    tiny_data["parties"][1]["reservation"] = {"value": "1/3", "note": "a third"}
    tiny_data["parties"][1]["weights"]["river"] = "0.25"
    scenario = scenario_from_data(tiny_data)
    midline = scenario.parties[0].values["river"]["midline"]
    assert midline.exact == Fraction(2, 3) and midline.value == pytest.approx(2 / 3)
    path = save_scenario(scenario, tmp_path / f"s{suffix}")
    text = path.read_text()
    assert "2/3" in text and "1/3" in text and "0.25" in text
    again = load_scenario(path)
    assert again == scenario
    assert again.parties[1].reservation.exact == Fraction(1, 3)


@pytest.mark.parametrize(
    ("value", "message"),
    [("two thirds", "not a number or a fraction"), ("1/0", "not a number"), ("4/3", r"\[0, 1\]")],
)
def test_bad_fractions_name_the_path(tiny_data, value, message):
    tiny_data["parties"][0]["values"]["river"]["midline"] = value
    with pytest.raises(ScenarioError, match=message) as error:
        scenario_from_data(tiny_data, where="f.yaml")
    assert "f.yaml" in str(error.value) and "midline" in str(error.value)


def test_weighting_must_be_known(tiny_data):
    tiny_data["parties"][0]["weighting"] = "squared"
    with pytest.raises(ScenarioError, match="weighting"):
        scenario_from_data(tiny_data)


def test_load_yaml_reads_as_safe_load_does():
    import yaml

    from zopa.model import builtin_names
    from zopa.model.io import load_yaml

    for name in builtin_names():
        text = (files("zopa.model.scenarios") / f"{name}.yaml").read_text(encoding="utf-8")
        assert load_yaml(text) == yaml.safe_load(text)
    with pytest.raises(yaml.MarkedYAMLError) as error:
        load_yaml("a: [1, 2\nb: 3\n")
    assert error.value.problem_mark is not None
