"""The README is part of the product: every command is documented and has help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.model import scenario_from_data
from zopa.space import analyze

README = Path(__file__).resolve().parents[1] / "README.md"
runner = CliRunner()


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented_with_help(command):
    assert f"zopa {command}" in README.read_text(encoding="utf-8")
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.stdout.strip()) > 40


def test_quick_start_has_exactly_the_two_commands():
    text = README.read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]


def test_readme_scenario_example_is_valid():
    text = README.read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    scenario = scenario_from_data(yaml.safe_load(example), where="README")
    assert analyze(scenario).feasible.count == 3
