"""The store from the shell: what reads may not create, and how it is maintained."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.evidence import extract

DATA = Path(__file__).parent / "data"
runner = CliRunner()


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch):
    """Every command writes to a store under tmp_path, never the user's."""
    path = tmp_path / "store" / "evidence.sqlite3"
    monkeypatch.setenv("ZOPA_DB", str(path))
    return path


@pytest.fixture(autouse=True)
def fake_extractor():
    spec = importlib.util.spec_from_file_location("evidence_fakes", DATA / "fakes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    extract.register_extractor("fake", module.FakeExtractor)
    yield
    extract._REGISTRY.pop("fake", None)


def _error(result) -> str:
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("zopa: error: ")]
    return line.removeprefix("zopa: error: ")


def _ingest(*args: str):
    return runner.invoke(app, ["ingest", "--scenario", "tiny", "--extractor", "fake", *args])


READS = (["claims"], ["claims", "--json"], ["timeline", "river", "--scenario", "tiny"], ["check"])


@pytest.mark.parametrize("command", READS, ids=lambda c: " ".join(c))
def test_reading_a_mistyped_store_says_so_and_creates_nothing(tmp_path, db, command):
    typo = tmp_path / "typo" / "evidnce.sqlite3"
    for args, where in (([*command, "--db", str(typo)], typo), (command, db)):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert _error(result).startswith(f"no evidence store at {where}: nothing has been stored")
        assert result.stdout == ""
        assert not where.parent.exists()


def test_ingest_creates_the_store_and_reads_find_it(tmp_path, db):
    source = tmp_path / "a.txt"
    source.write_text("North insists on the south bank.\n")
    assert _ingest(str(source)).exit_code == 0
    assert db.is_file()
    result = runner.invoke(app, ["claims", "--json"])
    assert result.exit_code == 0, result.output
