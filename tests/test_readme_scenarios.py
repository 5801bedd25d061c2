"""The README's scenario examples are the built-in `tiny`, exactly, and valid additions to it."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import yaml

from zopa.model import load_builtin, scenario_from_data, scenario_to_data

README = Path(__file__).resolve().parents[1] / "README.md"


def _yaml_blocks() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Scenario files", 1)[1]
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


def test_the_readme_tiny_is_the_built_in_tiny():
    shipped = resources.files("zopa.model.scenarios").joinpath("tiny.yaml").read_text("utf-8")
    assert yaml.safe_load(_yaml_blocks()[0]) == yaml.safe_load(shipped)


def test_the_readme_citations_are_valid_additions_to_tiny():
    addition = yaml.safe_load(_yaml_blocks()[1])
    data = scenario_to_data(load_builtin("tiny"))
    data["sources"] = addition["sources"]
    (north,) = addition["parties"]
    data["parties"][0].update(north)
    scenario = scenario_from_data(data, where="README")
    party = scenario.party("Northland")
    assert party.name == "North"
    (line,) = party.red_lines["river"]
    assert (line.option, line.sources) == ("north_bank", ("daily-0102",))
    assert party.reservation.claims == ("c0123456789ab",)
