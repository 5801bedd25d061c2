"""Hostile documents: markup-looking titles and texts are stored as text, exactly.

The fixtures in data/hostile/ (written for zopa; they describe no real event) are
shared with the tests of every output that renders HTML, which must escape what is
stored here (issue 12, fault 6): entities decoded from a page (``&lt;img src=x
onerror=…&gt;`` becomes ``<img src=x onerror=…>``), and markup in plain text and
front matter, stay text; real ``<script>`` elements of a page never arrive.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.evidence import extract
from zopa.evidence.ingest import ingest
from zopa.evidence.store import Store
from zopa.model import load_builtin

HOSTILE = Path(__file__).parent / "data" / "hostile"
_spec = importlib.util.spec_from_file_location("evidence_fakes", HOSTILE.parent / "fakes.py")
_fakes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fakes)


@pytest.fixture
def stored():
    with Store("sqlite://") as store:
        report = ingest(
            store, [HOSTILE], scenario=load_builtin("tiny"), extractor=_fakes.FakeExtractor()
        )
        assert report.ok and len(report.added) == 3
        yield {Path(d.meta.path).name: d for d in store.documents()}, store.claims()


def test_decoded_entities_are_kept_as_text_and_real_scripts_are_dropped(stored):
    documents, _ = stored
    page = documents["entities.html"]
    assert page.meta.title == "Talks <img src=x onerror=alert(1)> stall"
    assert page.meta.outlet == "Valley <b>Courier</b>"
    assert '<script>alert("quote")</script>' in page.text  # an entity in the page: text
    assert 'midline & a shared fishing regime, "as before"' in page.text
    assert "REAL SCRIPT TAG" not in page.text and "document.write" not in page.text


def test_plain_text_and_front_matter_markup_is_stored_verbatim(stored):
    documents, _ = stored
    raw = (HOSTILE / "markup.txt").read_text(encoding="utf-8").strip()
    assert documents["markup.txt"].text == raw
    assert documents["markup.txt"].meta.title == 'Envoys <script>alert("title")</script> meet again'
    meta = documents["front_matter.md"].meta
    assert meta.title == "River talks <svg onload=alert(3)> resume"
    assert meta.outlet == "The <iframe src=javascript:alert(4)> Gazette"
    assert meta.url == "javascript:alert(5)"


def test_quotes_keep_the_markup_and_their_spans(stored):
    documents, claims = stored
    texts = {d.id: d.text for d in documents.values()}
    quotes = {c.quote for c in claims}
    assert "North insists on the south bank <img src=x onerror=alert(1)> of the river." in quotes
    assert 'South offers the midline "><script>alert(6)</script> in the third round.' in quotes
    assert all(texts[c.document_id][c.start : c.end] == c.quote for c in claims)


def test_the_terminal_and_json_show_the_markup_as_written(tmp_path, monkeypatch):
    monkeypatch.setenv("ZOPA_DB", str(tmp_path / "evidence.sqlite3"))
    extract.register_extractor("fake", _fakes.FakeExtractor)
    try:
        runner = CliRunner()
        ingested = runner.invoke(
            app, ["ingest", str(HOSTILE), "--scenario", "tiny", "--extractor", "fake"]
        )
        assert ingested.exit_code == 0, ingested.output
        assert "'Talks <img src=x onerror=alert(1)> stall'" in ingested.stdout
        data = json.loads(runner.invoke(app, ["claims", "--json"]).stdout)
        assert "<img src=x onerror=alert(1)>" in "".join(c["quote"] for c in data["claims"])
        assert "Talks <img src=x onerror=alert(1)> stall" in {c["title"] for c in data["claims"]}
        listed = runner.invoke(app, ["documents"]).stdout  # a table, wrapped at 80 columns
        assert "<svg" in listed and "onload=alert(3)>" in listed
    finally:
        extract._REGISTRY.pop("fake", None)
