"""Every --json output is one JSON object, as the README promises (not a bare array)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.evidence.store import DocumentMeta, Store

runner = CliRunner()


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch):
    path = tmp_path / "evidence.sqlite3"
    monkeypatch.setenv("ZOPA_DB", str(path))
    with Store(str(path)) as store:
        store.add("North insists on the south bank.", DocumentMeta(title="t"))
    return path


@pytest.mark.parametrize(
    ("command", "key"),
    [
        (["scenarios", "--json"], "scenarios"),
        (["claims", "--json"], "claims"),
        (["documents", "--json"], "documents"),
        (["timeline", "river", "--scenario", "tiny", "--json"], "parties"),
        (["check", "tiny", "--json"], "unsupported"),
    ],
    ids=lambda c: c[0] if isinstance(c, list) else c,
)
def test_json_output_is_one_object(command, key):
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict) and key in data
    if "count" in data:
        assert data["count"] == len(data[key])


def test_scenarios_json_lists_the_builtins_with_a_count():
    data = json.loads(runner.invoke(app, ["scenarios", "--json"]).stdout)
    assert {"tiny", "ukraine-2026"} <= {s["name"] for s in data["scenarios"]}
    assert data["count"] == len(data["scenarios"])
