"""The store from the shell: what reads may not create, and how it is maintained."""

from __future__ import annotations

import importlib.util
import json
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


# -- fault 3: re-extraction, corrected metadata, forgetting -----------------------------


class _Nothing:
    name = "nothing"

    def extract(self, text, *, scenario, date=None):
        return []


@pytest.fixture
def nothing_extractor():
    extract.register_extractor("nothing", _Nothing)
    yield
    extract._REGISTRY.pop("nothing", None)


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("River talks\n\nNorth insists on the south bank.\n")
    (folder / "b.txt").write_text(
        "More talks\n\nSouth rejects the south bank. South offers the midline.\n"
    )
    (tmp_path / "index.yaml").write_text(
        "- {file: a.txt, outlet: Gazette, date: 2025-03-14}\n- {file: b.txt, date: 2025-04-01}\n"
    )
    return folder


def _claims() -> list[dict]:
    result = runner.invoke(app, ["claims", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["claims"]


def test_reextract_with_a_forgotten_index_dates_the_claims(articles, tmp_path):
    index = str(tmp_path / "index.yaml")
    assert _ingest(str(articles)).exit_code == 0
    before = _claims()
    assert {c["date"] for c in before} == {"unknown"} and len(before) == 3

    result = runner.invoke(
        app,
        ["reextract", "--scenario", "tiny", "--extractor", "fake", "--json", "--index", index],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["added"], data["removed"], data["kept"], data["revised"]) == (0, 0, 3, 3)
    by_path = {Path(d["path"]).name: d for d in data["documents"]}
    assert by_path["a.txt"]["meta"] == {
        "outlet": {"old": None, "new": "Gazette"},
        "published": {"old": None, "new": "2025-03-14"},
    }
    after = _claims()
    assert [c["id"] for c in after] != [] and {c["id"] for c in after} == {c["id"] for c in before}
    assert sorted(c["date"] for c in after) == ["2025-03-14", "2025-04-01", "2025-04-01"]

    again = runner.invoke(app, ["reextract", "--scenario", "tiny", "--extractor", "fake"])
    assert again.exit_code == 0, again.output
    assert "0 claims added, 0 removed, 3 kept" in again.stdout


def test_reextract_with_another_extractor_replaces_the_claims(articles, nothing_extractor):
    assert _ingest(str(articles)).exit_code == 0
    one = next(c["document_id"] for c in _claims() if c["actor"] == "North")  # a.txt
    result = runner.invoke(app, ["reextract", one[:12], "--extractor", "nothing"])
    assert result.exit_code == 0, result.output
    assert "removed" in result.stdout and "1 document" in result.stdout
    assert one not in {c["document_id"] for c in _claims()}
    assert len(_claims()) == 2  # the other document kept its claims
    result = runner.invoke(app, ["reextract", "--extractor", "nothing"])
    assert "0 claims added, 2 removed, 0 kept" in result.stdout
    assert _claims() == []


def test_update_doc_changes_metadata_and_says_what_changed(articles):
    assert _ingest(str(articles / "a.txt")).exit_code == 0
    (claim,) = _claims()
    doc, title = claim["document_id"], claim["title"]
    result = runner.invoke(
        app, ["update-doc", doc[:10], "--title", "Talks", "--date", "14 March 2025", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["document_id"] == doc
    assert data["meta"] == {
        "title": {"old": title, "new": "Talks"},
        "published": {"old": None, "new": "2025-03-14"},
    }
    (claim,) = _claims()
    assert (claim["title"], claim["published"]) == ("Talks", "2025-03-14")
    table = runner.invoke(app, ["update-doc", doc, "--outlet", "Wire"])
    assert table.exit_code == 0 and "outlet: none → 'Wire'" in table.stdout

    for args, message in (
        (["update-doc", doc], "give at least one of --title, --outlet, --date, --url"),
        (["update-doc", "deadbeef00", "--title", "x"], "no document with id 'deadbeef00'"),
        (["update-doc", doc, "--date", "soon"], "--date: 'soon' is not a date"),
    ):
        bad = runner.invoke(app, args)
        assert bad.exit_code == 2 and message in bad.output, bad.output


def test_forget_removes_a_document_and_its_claims(articles):
    assert _ingest(str(articles)).exit_code == 0
    listed = json.loads(runner.invoke(app, ["documents", "--json"]).stdout)
    assert listed["count"] == 2 and sorted(d["claims"] for d in listed["documents"]) == [1, 2]
    doc = next(c["document_id"] for c in _claims() if c["actor"] == "North")
    result = runner.invoke(app, ["forget", doc[:12]])
    assert result.exit_code == 0, result.output
    assert f"forgot document {doc[:12]}" in result.stdout and "1 claim" in result.stdout
    assert doc not in {c["document_id"] for c in _claims()} and len(_claims()) == 2
    table = runner.invoke(app, ["documents"])
    assert table.exit_code == 0 and "1 document in" in table.stdout and doc[:12] not in table.stdout
    assert runner.invoke(app, ["forget", doc[:12]]).exit_code == 2
    assert "1 added" in _ingest(str(articles / "a.txt")).stdout  # it can come back


@pytest.mark.parametrize(
    "command",
    [
        ["documents"],
        ["reextract"],
        ["forget", "abcdefgh"],
        ["update-doc", "abcdefgh", "--title", "x"],
    ],
)
def test_maintenance_commands_do_not_create_a_store(db, command):
    result = runner.invoke(app, command)
    assert result.exit_code == 2
    assert _error(result).startswith(f"no evidence store at {db}")
    assert not db.parent.exists()
