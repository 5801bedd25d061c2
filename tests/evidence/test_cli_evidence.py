"""``zopa ingest``, ``zopa claims`` and ``zopa timeline`` through the front door."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.errors import EvidenceError, UnknownNameError
from zopa.evidence import extract
from zopa.evidence.store import Store
from zopa.model import load_builtin, save_scenario

DATA = Path(__file__).parent / "data"
runner = CliRunner()


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch):
    """Every command in these tests writes to a store under tmp_path, never the user's."""
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


@pytest.fixture
def scenario_file(tmp_path):
    """The tiny scenario with aliases for North, so actor names resolve through them."""
    tiny = load_builtin("tiny")
    north = tiny.parties[0].model_copy(update={"aliases": ("Nordia", "the northern capital")})
    path = tmp_path / "tiny-aliases.yaml"
    save_scenario(tiny.model_copy(update={"parties": (north, tiny.parties[1])}), path)
    return path


def _ingest(*args: str, **options):
    command = ["ingest", "--scenario", "tiny", "--extractor", "fake", *args]
    return runner.invoke(app, command, **options)


def _error(result) -> str:
    """The one error line a failed command printed, without its prefix."""
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("zopa: error: ")]
    return line.removeprefix("zopa: error: ")


def _fixtures(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("hostile_page.html", "front_matter.md", "dateline.txt"):
        shutil.copy(DATA / name, folder / name)
    return folder


def test_ingest_then_ingest_again_says_already_stored(tmp_path, db):
    folder = _fixtures(tmp_path)
    first = _ingest(str(folder))
    assert first.exit_code == 0, first.output
    assert [line.split()[0] for line in first.stdout.splitlines()].count("added") == 3
    assert "3 added, 0 already stored, 0 failed" in first.output
    assert db.is_file()

    second = _ingest(str(folder / "dateline.txt"))
    assert second.exit_code == 0
    assert "already stored" in second.output and "nothing added" in second.output
    with Store(str(db)) as store:
        assert len(store.documents()) == 3


def test_ingest_json_and_overrides(tmp_path, db):
    source = tmp_path / "note.txt"
    source.write_text("North insists on the south bank.\n")
    result = _ingest(
        str(source), "--json", "--outlet", "Wire", "--date", "7 March 2025", "--title", "Note"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["n_claims"] for d in data["added"]] == [1]
    assert data["added"][0]["published"] == "2025-03-07"
    with Store(str(db)) as store:
        (doc,) = store.documents()
    assert (doc.meta.outlet, doc.meta.title, doc.meta.published) == ("Wire", "Note", "2025-03-07")


def test_ingest_from_stdin_and_markup_in_text_is_shown_as_text():
    text = "South rejects the south bank [b]x[/b].\n"
    result = _ingest("-", "--date", "2025-06", input=text)
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["claims", "--json"])
    (claim,) = json.loads(result.stdout)["claims"]
    assert (claim["actor"], claim["stance"], claim["date"]) == ("South", "rejects", "2025-06")
    table = runner.invoke(app, ["claims"])
    assert table.exit_code == 0 and "[b]x[/b]" in table.output


def test_many_files_show_progress_and_succeed(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(8):
        (folder / f"{n}.txt").write_text(f"Report {n}.\nNorth offers the midline in round {n}.")
    result = _ingest(*(str(p) for p in sorted(folder.iterdir())))
    assert result.exit_code == 0, result.output
    assert "8 added" in result.output


def test_a_bad_file_fails_the_command_and_keeps_the_rest(tmp_path, db):
    folder = _fixtures(tmp_path)
    (folder / "zzz-binary.txt").write_bytes(b"\x00\xff\x00\xfe")
    result = _ingest(str(folder))
    assert result.exit_code == EvidenceError.exit_code == 2
    assert _error(result) == (
        f"{folder / 'zzz-binary.txt'}: binary data, not a text, Markdown or HTML document"
    )
    with Store(str(db)) as store:
        assert len(store.documents()) == 3

    (folder / "empty.txt").write_text("")
    result = _ingest(str(folder))
    assert result.exit_code == 2
    assert _error(result) == "2 of 5 sources failed (listed above)"
    assert f"failed {folder / 'empty.txt'}: empty document" in result.stderr


def test_bad_options_are_user_errors():
    result = _ingest(str(DATA / "dateline.txt"), "--date", "soon")
    assert result.exit_code == 2
    assert _error(result).startswith("--date: 'soon' is not a date")
    result = runner.invoke(app, ["ingest", "--scenario", "tiny", "--extractor", "nope", "x.txt"])
    assert result.exit_code == UnknownNameError.exit_code
    assert _error(result).startswith("unknown extractor 'nope'; known: ")


def test_claims_table_json_csv_and_filters(tmp_path, scenario_file):
    assert _ingest(str(_fixtures(tmp_path))).exit_code == 0

    rows = json.loads(runner.invoke(app, ["claims", "--json"]).stdout)["claims"]
    table = runner.invoke(app, ["claims"])
    assert table.exit_code == 0
    assert f"{len(rows)} claims" in table.output
    assert all(r["date"] in table.output for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {r["actor"] for r in rows} == {"North", "South"}

    parsed = list(csv.DictReader(io.StringIO(runner.invoke(app, ["claims", "--csv"]).stdout)))
    assert [r["id"] for r in parsed] == [r["id"] for r in rows]
    assert parsed[0]["quote"] == rows[0]["quote"]

    by_alias = runner.invoke(
        app, ["claims", "--json", "--actor", "nordia", "--scenario", str(scenario_file)]
    )
    assert by_alias.exit_code == 0, by_alias.output
    assert {r["actor"] for r in json.loads(by_alias.stdout)["claims"]} == {"North"}
    assert len(json.loads(by_alias.stdout)["claims"]) == sum(r["actor"] == "North" for r in rows)

    since = runner.invoke(app, ["claims", "--json", "--since", "2025-04-01"])
    since = json.loads(since.stdout)["claims"]
    assert [r["id"] for r in since] == [r["id"] for r in rows if r["date"] >= "2025-04-01"]
    assert since  # the fixtures have claims on both sides of the date
    assert len(since) < len(rows)


def test_claims_unknown_names_list_the_known_ones(tmp_path, scenario_file):
    assert _ingest(str(_fixtures(tmp_path))).exit_code == 0
    result = runner.invoke(app, ["claims", "--actor", "Westland", "--scenario", str(scenario_file)])
    assert result.exit_code == 2
    assert _error(result) == "unknown actor 'Westland'; known: North, South"
    result = runner.invoke(app, ["claims", "--issue", "water", "--scenario", "tiny"])
    assert _error(result) == "unknown issue 'water'; known: fishing, river"


def test_timeline_groups_each_partys_positions(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\noutlet: Gazette\ndate: 2025-03-01\n---\nNorth insists on the south bank.\n"
    )
    (folder / "b.md").write_text(
        "---\noutlet: Courier\ndate: 2025-03-09\n---\nAgain, North insists on the south bank.\n"
        "South rejects the south bank.\n"
    )
    assert _ingest(str(folder)).exit_code == 0
    result = runner.invoke(app, ["timeline", "river", "--scenario", "tiny", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["issue"] == "river"
    (north,) = data["parties"]["North"]
    assert (north["first_date"], north["last_date"]) == ("2025-03-01", "2025-03-09")
    assert [s["outlet"] for s in north["sources"]] == ["Gazette", "Courier"]
    (south,) = data["parties"]["South"]
    assert south["stance"] == "rejects" and len(south["sources"]) == 1

    table = runner.invoke(app, ["timeline", "river", "--scenario", "tiny"])
    assert table.exit_code == 0
    assert "North on river" in table.output and "Courier, 2025-03-09" in table.output

    empty = runner.invoke(app, ["timeline", "fishing", "--scenario", "tiny"])
    assert empty.exit_code == 0 and "no claims on 'fishing'" in empty.output


def test_entry_point_prints_one_line_and_exits_2(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "from zopa.cli.app import main; main()", "claims", "--since", "x"],
        capture_output=True,
        text=True,
        env={"ZOPA_DB": str(tmp_path / "e.db"), "PATH": ""},
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "zopa: error: --since: 'x' is not a date (use YYYY-MM-DD or YYYY-MM)\n"
