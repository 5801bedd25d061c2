"""Reading files into documents, and ingesting many sources with failures reported."""

from __future__ import annotations

import importlib
import importlib.util
import io
import shutil
from pathlib import Path

import pytest
import yaml

from zopa.errors import EvidenceError
from zopa.evidence.ingest import ingest, parse_document, read_document
from zopa.evidence.metadata import DocumentMeta
from zopa.evidence.store import Store
from zopa.evidence.text import normalise_text
from zopa.model import load_builtin

DATA = Path(__file__).parent / "data"
ingest_module = importlib.import_module("zopa.evidence.ingest")


def _fake_extractor():
    spec = importlib.util.spec_from_file_location("evidence_fakes", DATA / "fakes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FakeExtractor()


@pytest.fixture
def store():
    with Store("sqlite://") as s:
        yield s


def _ingest(store, sources, **options):
    return ingest(
        store, sources, scenario=load_builtin("tiny"), extractor=_fake_extractor(), **options
    )


def test_html_keeps_the_article_and_drops_scripts_and_boilerplate():
    text, meta = read_document(DATA / "hostile_page.html")
    assert "North insists that the border must run along the south bank" in text
    assert "shared regime" in text
    for hostile in ("INJECTED", "evil.example", "alert(", "document.write", "Copyright"):
        assert hostile not in text
    assert meta == DocumentMeta(
        title="Envoys report no progress on the river border",
        outlet="Valley Courier",
        published="2025-03-14",
        url="https://courier.example/2025/03/river-border",
        path=str(DATA / "hostile_page.html"),
    )


def test_markdown_front_matter_gives_metadata_and_is_not_stored():
    text, meta = read_document(DATA / "front_matter.md")
    assert text.startswith("# Fishing deal within reach")
    assert "outlet:" not in text
    assert (meta.title, meta.outlet, meta.published, meta.url) == (
        "Fishing deal within reach, mediators say",
        "Lakeside Review",
        "2025-04-02",
        "https://review.example/fishing-deal",
    )


def test_text_dateline_gives_the_date():
    text, meta = read_document(DATA / "dateline.txt")
    assert meta.published == "2025-05-05"
    assert meta.title == "River talks resume after a month of silence"
    assert text == normalise_text((DATA / "dateline.txt").read_text())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("blob.bin", bytes(range(256)), "binary data"),
        ("page.html", b"<html>\x00\x01\x02</html>", "binary data"),
        ("latin.txt", "Caf\xe9 talks".encode("latin-1"), "not UTF-8 text"),
        ("empty.txt", b"", "empty document"),
        ("blank.md", b"  \n\n\t\n", "empty document"),
        ("bad.md", b"---\ntitle: [oops\n---\nBody", "front matter is not valid YAML"),
        ("bad-date.md", b"---\ndate: next week\n---\nBody", "'next week' is not a date"),
        ("markup.html", b"<html><body><script>x()</script></body></html>", "no readable text"),
    ],
)
def test_bad_files_give_one_message_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(EvidenceError, match=message) as caught:
        read_document(path)
    assert str(caught.value).startswith(str(path))


def test_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "MAX_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000)
    with pytest.raises(EvidenceError, match=r"too large .* the limit is"):
        read_document(path)
    with pytest.raises(EvidenceError, match="too large"):
        parse_document(b"x" * 1001, name="<stdin>")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(EvidenceError, match="no such file"):
        read_document(tmp_path / "absent.txt")
    with pytest.raises(EvidenceError, match="is a folder"):
        read_document(tmp_path)


def test_unknown_suffix_is_sniffed():
    html = b"<!DOCTYPE html><html><body><article><p>" + b"North insists on it. " * 20
    text, _ = parse_document(html + b"</p></article></body></html>", name="saved.page")
    assert "<" not in text and "North insists on it." in text
    text, _ = parse_document(b"Plain words, no markup.", name="notes")
    assert text == "Plain words, no markup."


def test_ingest_folder_recursively_with_duplicates_and_failures(store, tmp_path):
    folder = tmp_path / "in"
    (folder / "deeper").mkdir(parents=True)
    shutil.copy(DATA / "hostile_page.html", folder / "page.html")
    shutil.copy(DATA / "front_matter.md", folder / "deeper" / "fm.md")
    shutil.copy(DATA / "dateline.txt", folder / "deeper" / "dateline.txt")
    shutil.copy(DATA / "dateline.txt", folder / "copy.txt")  # same text, another name
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    (folder / "ignored.json").write_text("{}")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "secret.txt").write_text("not an article")

    report = _ingest(store, [folder])
    # sources go in sorted order: copy.txt comes first, so deeper/dateline.txt is the repeat
    assert [Path(d.source).name for d in report.added] == ["copy.txt", "fm.md", "page.html"]
    assert [Path(d.source).name for d in report.duplicates] == ["dateline.txt"]
    assert [(Path(f.source).name, f.reason) for f in report.failed] == [
        ("broken.txt", "binary data, not a text, Markdown or HTML document")
    ]
    assert not report.ok
    assert len(store.documents()) == 3
    # every stored claim quotes its document exactly
    for claim in store.claims():
        assert store.document(claim.document_id).text[claim.start : claim.end] == claim.quote
    assert sum(d.n_claims for d in report.added) == len(store.claims()) == 4

    again = _ingest(store, [folder])
    assert again.added == () and len(again.duplicates) == 4
    assert len(store.documents()) == 3


def test_failure_in_the_middle_keeps_what_came_before(store, tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("North insists on the south bank.")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"")
    later = tmp_path / "c.txt"
    later.write_text("South rejects the south bank.")
    report = _ingest(store, [good, bad, tmp_path / "missing.txt", later])
    assert [Path(d.source).name for d in report.added] == ["a.txt", "c.txt"]
    assert [(Path(f.source).name, f.reason) for f in report.failed] == [
        ("b.txt", "empty document"),
        ("missing.txt", "no such file"),
    ]
    assert len(store.documents()) == 2


def test_stdin_is_a_source(store):
    stream = io.BytesIO(b"Harbour news\nMonday, May 5, 2025\n\nNorth offers the midline.")
    report = _ingest(store, ["-"], stdin=stream)
    (doc,) = report.added
    assert doc.source == "<stdin>" and doc.published == "2025-05-05" and doc.n_claims == 1


def test_index_and_overrides_take_precedence(store, tmp_path):
    shutil.copy(DATA / "front_matter.md", tmp_path / "fm.md")
    shutil.copy(DATA / "dateline.txt", tmp_path / "dateline.txt")
    index = tmp_path / "index.yaml"
    index.write_text("- file: fm.md\n  outlet: Index Outlet\n  date: 2025-04-03\n")
    report = _ingest(store, [tmp_path], index=index, overrides=DocumentMeta(url="https://o"))
    metas = {Path(d.meta.path).name: d.meta for d in store.documents()}
    assert len(report.added) == 2
    assert metas["fm.md"].outlet == "Index Outlet"  # the index beats the front matter
    assert metas["fm.md"].published == "2025-04-03"
    assert metas["fm.md"].title == "Fishing deal within reach, mediators say"
    assert metas["dateline.txt"].published == "2025-05-05"  # not in the index: its dateline
    assert {m.url for m in metas.values()} == {"https://o"}
    # claims are dated by the document's date
    assert {c.date for c in store.claims()} == {"2025-04-03", "2025-05-05"}


def test_bad_index_fails_before_anything_is_stored(store, tmp_path):
    index = tmp_path / "index.yaml"
    index.write_text("- outlet: x\n")
    with pytest.raises(EvidenceError, match="needs a 'file'"):
        _ingest(store, [DATA / "dateline.txt"], index=index)
    assert store.documents() == []


def test_seed_articles_and_their_index(store, shared_dir):
    seeds = shared_dir / "corpus" / "seeds"
    index = yaml.safe_load((seeds / "index.yaml").read_text())
    report = _ingest(store, sorted(seeds.glob("*.txt")), index=seeds / "index.yaml")
    assert report.ok and len(report.added) == 5
    dates = {Path(d.meta.path).name: d.meta.published for d in store.documents()}
    assert dates == {entry["file"]: str(entry["date"]) for entry in index}


def test_normalisation_keeps_every_gold_quote_a_substring(shared_dir):
    gold = shared_dir / "corpus" / "seeds" / "gold"
    checked = 0
    for path in sorted(gold.glob("*.claims.yaml")):
        data = yaml.safe_load(path.read_text())
        text, _ = read_document(shared_dir / "corpus" / "seeds" / data["article"])
        for claim in data["claims"]:
            assert claim["quote"] in text, (path.name, claim["quote"][:60])
            checked += 1
    assert checked == 80  # the count the gold README states


def test_a_plain_header_block_is_metadata_not_body(tmp_path):
    from zopa.evidence.ingest import read_document

    path = tmp_path / "saved.txt"
    path.write_text(
        "title: Kyiv rejects the plan\nurl: https://news.example/a\ndate: 2026-02-03\n"
        "source: Example Wire\n\nKyiv rejected the plan on Monday.\n",
        encoding="utf-8",
    )
    text, meta = read_document(path)
    assert text == "Kyiv rejects the plan\n\nKyiv rejected the plan on Monday."
    assert (meta.title, meta.url, meta.published, meta.outlet) == (
        "Kyiv rejects the plan",
        "https://news.example/a",
        "2026-02-03",
        "Example Wire",
    )
