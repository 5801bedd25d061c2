"""The evidence store: idempotent documents, exact quotes, transactions, migrations."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from zopa.errors import EvidenceError, UnknownNameError
from zopa.evidence import store as store_module
from zopa.evidence.store import (
    DocumentMeta,
    Store,
    alembic_config,
    claim_id,
    position_key,
    resolve_actor,
    resolve_issue,
)
from zopa.evidence.types import ExtractedClaim
from zopa.model import load_builtin

DATA = Path(__file__).parent / "data"

TEXT = (
    "River talks stall\n\n"
    "North insists on the south bank. South rejects the south bank.\n"
    "South offers the midline."
)


def _claim(text: str, quote: str, **changes) -> ExtractedClaim:
    start = text.index(quote)
    base = ExtractedClaim(
        actor="North",
        issue="river",
        stance="demands",
        position="border on the south bank",
        option="south_bank",
        date="2025-03-14",
        quote=quote,
        start=start,
        end=start + len(quote),
        confidence=0.8,
        hedged=False,
        extractor="test",
    )
    return replace(base, **changes)


@pytest.fixture
def store():
    with Store("sqlite://") as s:
        yield s


def test_add_stores_text_meta_and_claims(store):
    meta = DocumentMeta(title="T", outlet="Gazette", published="2025-03-14", url="u", path="p")
    claims = [_claim(TEXT, "North insists on the south bank.")]
    result = store.add(TEXT, meta, claims)
    assert result.added
    assert result.document_id == hashlib.sha256(TEXT.encode()).hexdigest()
    doc = store.document(result.document_id)
    assert doc.text == TEXT and doc.meta == meta and doc.n_claims == 1
    (stored,) = store.claims()
    assert doc.text[stored.start : stored.end] == stored.quote == claims[0].quote
    assert (stored.outlet, stored.published, stored.title) == ("Gazette", "2025-03-14", "T")
    assert stored.id == result.claim_ids[0]


def test_same_text_twice_adds_nothing(store):
    first = store.add(TEXT, DocumentMeta(title="A"), [_claim(TEXT, "South offers the midline.")])
    # the same article saved with Windows line ends and trailing spaces is the same document
    again = store.add(TEXT.replace("\n", "  \r\n"), DocumentMeta(title="B"))
    assert not again.added
    assert again.document_id == first.document_id
    assert again.claim_ids == first.claim_ids
    assert [d.meta.title for d in store.documents()] == ["A"]
    assert len(store.claims()) == 1


def test_quote_not_at_span_is_refused_and_nothing_stored(store):
    good = _claim(TEXT, "North insists on the south bank.")
    bad = replace(good, start=good.start + 1, end=good.end + 1)
    with pytest.raises(EvidenceError, match=r"claim 1 .*quote is not text\["):
        store.add(TEXT, DocumentMeta(path="a.txt"), [good, bad])
    assert store.documents() == []
    assert store.claims() == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"stance": "threatens"}, "stance 'threatens'"),
        ({"confidence": 1.5}, "confidence 1.5"),
        ({"date": "last week"}, "date 'last week'"),
        ({"end": 10_000}, "outside the text"),
    ],
)
def test_invalid_claim_fields_are_refused(store, change, message):
    claim = replace(_claim(TEXT, "South offers the midline."), **change)
    with pytest.raises(EvidenceError, match=message):
        store.add(TEXT, DocumentMeta(), [claim])
    assert store.documents() == []


def test_failure_inside_the_transaction_rolls_back_the_document(store, monkeypatch):
    # Skip the Python checks so the database's own CHECK constraint fails on the
    # second claim, after the document row was inserted in the same transaction.
    monkeypatch.setattr(store_module, "_check_claim", lambda *args: None)
    good = _claim(TEXT, "North insists on the south bank.")
    bad = _claim(TEXT, "South offers the midline.", confidence=2.0)
    with pytest.raises(EvidenceError, match="refused"):
        store.add(TEXT, DocumentMeta(path="a.txt"), [good, bad])
    assert store.documents() == []
    assert store.claims() == []
    assert store.add(TEXT, DocumentMeta(), [good]).added  # the store is still usable


def test_empty_text_is_refused(store):
    with pytest.raises(EvidenceError, match="empty"):
        store.add(" \n\x00\r\n", DocumentMeta(path="blank.txt"))


def test_claim_ids_are_stable_across_stores_and_depend_on_content():
    claim = _claim(TEXT, "North insists on the south bank.")
    with Store("sqlite://") as one, Store("sqlite://") as two:
        a = one.add(TEXT, DocumentMeta(), [claim]).claim_ids
        b = two.add(TEXT, DocumentMeta(outlet="other"), [claim]).claim_ids
    assert a == b
    assert a[0].startswith("c") and len(a[0]) == 13
    doc = hashlib.sha256(TEXT.encode()).hexdigest()
    assert claim_id(doc, replace(claim, stance="offers")) != a[0]
    assert claim_id(doc, replace(claim, start=0, end=0, quote="")) != a[0]


def test_repeats_across_documents_share_a_position_key(store):
    other = "Another report.\nNorth insists on the south bank, envoys said."
    one = store.add(TEXT, DocumentMeta(published="2025-03-14"), [_claim(TEXT, "North insists")])
    two = store.add(
        other,
        DocumentMeta(published="2025-03-20"),
        [
            _claim(other, "North insists", date="2025-03-20"),
            _claim(other, "envoys said", stance="offers", option="midline", date="2025-03-20"),
        ],
    )
    keys = {c.id: c.position_key for c in store.claims()}
    assert keys[one.claim_ids[0]] == keys[two.claim_ids[0]]
    assert keys[two.claim_ids[1]] != keys[one.claim_ids[0]]

    entries = store.timeline("river")
    assert [(e.stance, e.first_date, e.last_date, len(e.claims)) for e in entries] == [
        ("demands", "2025-03-14", "2025-03-20", 2),
        ("offers", "2025-03-20", "2025-03-20", 1),
    ]


def test_position_key_links_actor_issue_stance_and_option():
    same = position_key("Russia", "summit", "demands", None)
    assert same == position_key("russia", "summit", "demands", None)
    assert same != position_key("Russia", "summit", "rejects", None)
    assert same != position_key("Russia", "summit", "demands", "in_moscow")
    assert same != position_key("Ukraine", "summit", "demands", None)


def test_claims_filters_and_order(store):
    a = "First.\nNorth insists on the south bank.\nSouth offers the midline."
    b = "Second.\nSouth rejects the south bank."
    store.add(
        a,
        DocumentMeta(published="2025-03-14"),
        [
            _claim(a, "North insists on the south bank.", date="2025-03-14"),
            _claim(a, "South offers the midline.", actor="South", stance="offers", date="2025-02"),
        ],
    )
    store.add(
        b,
        DocumentMeta(published="2025-04-01"),
        [_claim(b, "South rejects the south bank.", actor="South", stance="rejects",
                issue="fishing", date="2025-04-01")],
    )  # fmt: skip
    assert [c.date for c in store.claims()] == ["2025-02", "2025-03-14", "2025-04-01"]
    assert [c.stance for c in store.claims(actor="South")] == ["offers", "rejects"]
    assert [c.actor for c in store.claims(issue="river")] == ["South", "North"]
    # a claim dated only to February counts for "since 10 February", not for "since March"
    assert len(store.claims(since="2025-02-10")) == 3
    assert [c.date for c in store.claims(since="2025-03")] == ["2025-03-14", "2025-04-01"]
    doc_b = hashlib.sha256(b.encode()).hexdigest()
    assert [c.document_id for c in store.claims(document_id=doc_b)] == [doc_b]
    with pytest.raises(EvidenceError, match="since"):
        store.claims(since="yesterday")


def test_document_lookup_by_prefix_and_unknown_id(store):
    result = store.add(TEXT, DocumentMeta())
    assert store.document(result.document_id[:10]).id == result.document_id
    with pytest.raises(UnknownNameError, match="no document"):
        store.document("0" * 64)


def test_names_resolve_through_store_and_scenario_aliases(store):
    scenario = load_builtin("tiny")
    aliased = scenario.model_copy(
        update={"parties": (scenario.parties[0].model_copy(update={"aliases": ("Nordia",)}),
                            scenario.parties[1])}
    )  # fmt: skip
    store.add(TEXT, DocumentMeta(), [_claim(TEXT, "North insists", actor="North")])
    assert resolve_actor(store, "north", aliased) == "North"
    assert resolve_actor(store, "nordia", aliased) == "North"
    assert resolve_issue(store, "fishing", aliased) == "fishing"
    with pytest.raises(UnknownNameError, match=r"unknown actor 'Westland'; known: North, South"):
        resolve_actor(store, "Westland", aliased)
    with pytest.raises(UnknownNameError, match=r"known: fishing, river"):
        resolve_issue(store, "water", aliased)


def test_file_store_uses_wal_and_env_var(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "evidence.sqlite3"
    monkeypatch.setenv("ZOPA_DB", str(path))
    with Store() as s:
        s.add(TEXT, DocumentMeta())
    assert path.is_file()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("SELECT count(*) FROM documents").fetchone() == (1,)


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(EvidenceError, match="not a database"):
        Store(str(path))
    with pytest.raises(EvidenceError, match="not a known database"):
        Store("nosuchdriver://x")


def test_alembic_upgrade_creates_schema_and_second_store_keeps_it(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    command.upgrade(alembic_config(url), "head")
    engine = sa.create_engine(url)
    assert {"documents", "claims", "alembic_version"} <= set(sa.inspect(engine).get_table_names())
    # the migrated schema is exactly the one the Store's code describes
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), store_module._metadata)
    assert diff == []
    engine.dispose()

    with Store(url) as first:
        first.add(TEXT, DocumentMeta(title="kept"))

    def no_upgrade(*args, **kwargs):
        raise AssertionError("the schema was migrated again")

    monkeypatch.setattr("alembic.command.upgrade", no_upgrade)
    with Store(url) as second:
        assert [d.meta.title for d in second.documents()] == ["kept"]


@pytest.mark.skipif(
    not os.environ.get("ZOPA_TEST_POSTGRES_URL"),
    reason="set ZOPA_TEST_POSTGRES_URL=postgresql://... to test PostgreSQL",
)
def test_postgresql_round_trip():
    url = os.environ["ZOPA_TEST_POSTGRES_URL"]
    text = f"{TEXT}\nRun {time.time_ns()}."  # a new document on every run
    with Store(url) as s:
        result = s.add(text, DocumentMeta(outlet="pg"), [_claim(text, "South offers")])
        assert result.added
        assert not s.add(text, DocumentMeta()).added
        stored = s.claims(document_id=result.document_id)
        assert [c.quote for c in stored] == ["South offers"]


def test_killed_ingestion_leaves_only_complete_documents(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(3000):
        sentences = "\n".join(
            f"North insists on the south bank in round {n}-{k}." for k in range(1 + n % 7)
        )
        (folder / f"{n:05d}.txt").write_text(f"Report {n}\n\n{sentences}\n")
    db = tmp_path / "killed.db"
    process = subprocess.Popen([sys.executable, str(DATA / "fakes.py"), str(db), str(folder)])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail("the ingestion ended before it could be killed")
            try:
                with sqlite3.connect(db, timeout=5) as connection:
                    (count,) = connection.execute("SELECT count(*) FROM documents").fetchone()
            except sqlite3.OperationalError:  # schema not made yet
                count = 0
            if count >= 30:
                break
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Store(str(db)) as s:
        documents = s.documents()
        assert 30 <= len(documents) < 3000
        for doc in documents:
            # every stored document has every claim of its text, and nothing else
            expected = doc.text.count("North insists")
            assert doc.n_claims == expected
        assert len(s.claims()) == sum(d.text.count("North insists") for d in documents)
