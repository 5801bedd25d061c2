"""A user's mistakes give one ``zopa: error:`` line and exit 2, whatever the command."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app

runner = CliRunner()


def _one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("zopa: error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["analyze", "--max-pareto", "-1"], "zopa analyze: Invalid value for '--max-pareto'"),
        (["timeline"], "zopa timeline: Missing argument"),
        (["no-such-command"], "No such command 'no-such-command'"),
        (["analyze", "--no-such-option"], "No such option"),
    ],
)
def test_usage_mistakes_are_one_line(args, expected):
    assert expected in _one_error_line(runner.invoke(app, args))


def test_malformed_yaml_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nissues: [\n  - bad\n", encoding="utf-8")
    line = _one_error_line(runner.invoke(app, ["validate", str(bad)]))
    assert f"{bad}:3:3: not valid YAML" in line


def test_malformed_json_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x",\n "issues": [}', encoding="utf-8")
    assert f"{bad}:2:" in _one_error_line(runner.invoke(app, ["validate", str(bad)]))


def test_an_unknown_scenario_lists_the_builtins():
    line = _one_error_line(runner.invoke(app, ["analyze", "nosuch"]))
    assert "nor a built-in scenario" in line and "ukraine-2026" in line


def test_ingesting_nothing_creates_no_store(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    db = tmp_path / "z.db"
    for source, expected in (
        (empty, "no .txt, .md or .html file"),
        (tmp_path / "x.txt", "no such file"),
    ):
        line = _one_error_line(runner.invoke(app, ["ingest", str(source), "--db", str(db)]))
        assert expected in line
    assert not db.exists()
