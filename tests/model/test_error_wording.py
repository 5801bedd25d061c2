"""Scenario errors speak the scenario's language, never pydantic's."""

from __future__ import annotations

import copy

import pytest

from zopa.errors import ScenarioError
from zopa.model import load_builtin, scenario_from_data, scenario_to_data

BASE = scenario_to_data(load_builtin("tiny"))


def _north(data):
    return data["parties"][0]


CASES = [
    (lambda d: _north(d)["weights"].__setitem__("river", "high"),
     "parties[0].weights.river: 'high' is not a number or a fraction such as '2/3'"),
    (lambda d: _north(d)["values"]["river"].__setitem__("midline", [0.5]),
     "parties[0].values.river.midline: expected a number, or a mapping {value: number, "
     "sources: [...], claims: [...], note: ...}; got a list"),
    (lambda d: _north(d)["red_lines"].__setitem__("river", [3]),
     "parties[0].red_lines.river[0]: expected an option name, or a mapping {option: name, "
     "sources: [...], claims: [...], note: ...}; got 3"),
    (lambda d: _north(d)["red_lines"].__setitem__("river", [{"value": "north_bank"}]),
     "parties[0].red_lines.river[0]: missing key 'option'; parties[0].red_lines.river[0]: "
     "unknown key 'value' (a red line names its option: {option: NAME, sources: [...]})"),
    (lambda d: _north(d)["red_lines"].__setitem__("river", "north_bank"),
     "parties[0].red_lines.river: expected a list, got a string"),
    (lambda d: _north(d)["values"].__setitem__("river", [1, 2]),
     "parties[0].values.river: expected a mapping, got a list"),
    (lambda d: d["parties"][1].__setitem__("wieghts", {}),
     "parties[1]: unknown key 'wieghts' (did you mean 'weights'?)"),
    (lambda d: d["issues"][0]["options"].append("east"),
     "issues[0].options[3]: expected a mapping (an option: {name: ..., label: ..., "
     "position: ..., cues: [...]}); got 'east'"),
    (lambda d: d["parties"][1].__setitem__("role", "boss"),
     "parties[1].role: must be one of 'principal', 'mediator', 'guarantor' or 'other'; "
     "got 'boss'"),
    (lambda d: d.pop("parties"), "parties: missing (every scenario needs it)"),
    (lambda d: d["issues"][0]["options"][0].__setitem__("position", 200),
     "issues[0].options[0].position: must be at most 100; got 200"),
    (lambda d: d.__setitem__("name", 5), "name: expected text, got 5"),
    (lambda d: d["issues"][0]["options"][0].__setitem__("name", False),
     "issues[0].options[0].name: expected text, got a boolean (YAML reads unquoted yes, no, "
     "on, off as true or false: quote the value)"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message"), CASES)
def test_errors_use_the_scenarios_terms(change, message):
    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(ScenarioError) as caught:
        scenario_from_data(data, where="talks.yaml")
    text = str(caught.value)
    assert text == f"talks.yaml: {message}"
    for pydantic_words in ("Input should", "instance of", "Extra inputs", "Field required"):
        assert pydantic_words not in text


def test_a_one_party_scenario_is_accepted_with_a_warning(tmp_path):
    import json

    from typer.testing import CliRunner

    from zopa.cli.app import app
    from zopa.model import save_scenario

    tiny = load_builtin("tiny")
    path = save_scenario(
        tiny.model_copy(update={"parties": tiny.parties[:1]}), tmp_path / "solo.yaml"
    )
    runner = CliRunner()
    for command in (["validate", str(path), "--json"], ["analyze", str(path), "--json"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
        json.loads(result.stdout)  # stdout stays one JSON object
        warning = (
            f"zopa: warning: {path}: only one party ('North'); a negotiation needs two or more"
        )
        assert warning in result.stderr
    assert "warning" not in runner.invoke(app, ["validate", "--json", str(tmp_path / "x")]).stderr
    assert runner.invoke(app, ["analyze", "tiny", "--json"]).stderr.count("warning") == 0


def test_a_mistake_down_a_long_list_is_named_five_times_then_counted():
    data = {
        "name": "long",
        "issues": [{"name": "price", "options": [f"p{k}" for k in range(40)]}],
        "parties": [],
    }
    with pytest.raises(ScenarioError) as error:
        scenario_from_data(data)
    message = str(error.value)
    assert message.count("expected a mapping") == 5
    assert "issues[0].options[4]:" in message and "issues[0].options[5]:" not in message
    assert message.endswith("; and 35 more")
