"""Changing what is stored: re-extracted claims, corrected metadata, forgotten documents."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from zopa.errors import EvidenceError, UnknownNameError
from zopa.evidence import store as store_module
from zopa.evidence.store import DocumentMeta, DocumentUpdate, Store, claim_id
from zopa.evidence.types import ExtractedClaim

TEXT = "North insists on the south bank. South rejects the south bank. South offers the midline."
OTHER = "South offers the midline again. North accepts the midline."


def _claim(text: str, quote: str, **changes) -> ExtractedClaim:
    start = text.index(quote)
    base = ExtractedClaim(
        actor="North", issue="river", stance="demands", position="south bank",
        option="south_bank", date="unknown", quote=quote, start=start,
        end=start + len(quote), confidence=0.8, hedged=False, extractor="test",
    )  # fmt: skip
    return replace(base, **changes)


@pytest.fixture
def store():
    with Store("sqlite://") as s:
        yield s


def _two_documents(store):
    first = [
        _claim(TEXT, "North insists on the south bank."),
        _claim(TEXT, "South rejects the south bank.", actor="South", stance="rejects"),
    ]
    a = store.add(TEXT, DocumentMeta(title="A", path="in/a.txt"), first).document_id
    b = store.add(OTHER, DocumentMeta(title="B"), [_claim(OTHER, "North accepts")]).document_id
    return a, b, first


def test_rewrite_replaces_claims_and_counts_what_changed(store):
    a, b, first = _two_documents(store)
    kept = replace(first[1], date="2025-03-14")  # same claim id: only its date changes
    new = _claim(TEXT, "South offers the midline.", actor="South", stance="offers")
    (change,) = store.rewrite([DocumentUpdate(a, claims=[kept, new])])
    assert change.document_id == a
    assert change.removed == (claim_id(a, first[0]),)
    assert change.added == (claim_id(a, new),)
    assert change.kept == 1 and change.revised == 1
    stored = store.claims(document_id=a)
    assert [c.quote for c in stored] == ["South rejects the south bank.", new.quote]
    assert stored[0].date == "2025-03-14"
    assert len(store.claims(document_id=b)) == 1  # other documents untouched


def test_rewrite_changes_metadata_and_reports_old_and_new(store):
    a, _, _ = _two_documents(store)
    (change,) = store.rewrite(
        [DocumentUpdate(a, meta=DocumentMeta(published="2025-03-14", title="A2"))]
    )
    assert change.meta == {"title": ("A", "A2"), "published": (None, "2025-03-14")}
    assert change.added == change.removed == ()
    doc = store.document(a)
    assert (doc.meta.title, doc.meta.published, doc.meta.path) == ("A2", "2025-03-14", "in/a.txt")
    assert store.claims(document_id=a)[0].published == "2025-03-14"


def test_a_rewrite_that_fails_anywhere_changes_nothing(store, monkeypatch):
    a, b, first = _two_documents(store)
    before = [c.to_dict() for c in store.claims()]
    bad = replace(first[0], quote="not in the text")
    with pytest.raises(EvidenceError, match="quote is not text"):
        store.rewrite([DocumentUpdate(a, claims=[]), DocumentUpdate(b, claims=[bad])])
    assert [c.to_dict() for c in store.claims()] == before

    real_insert = sa.insert

    def failing_insert(table):  # the database fails after the deletes have run
        if table is store_module._claims:
            raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real_insert(table)

    monkeypatch.setattr(store_module.sa, "insert", failing_insert)
    new = _claim(TEXT, "South offers the midline.", actor="South", stance="offers")
    with pytest.raises(EvidenceError, match="disk I/O error"):
        store.rewrite([DocumentUpdate(a, claims=[new], meta=DocumentMeta(title="changed"))])
    assert [c.to_dict() for c in store.claims()] == before
    assert store.document(a).meta.title == "A"


def test_rewrite_of_an_unknown_document_is_refused(store):
    _two_documents(store)
    with pytest.raises(UnknownNameError, match="no document with id 'ffffffff'"):
        store.rewrite([DocumentUpdate("ffffffff", meta=DocumentMeta(title="x"))])


def test_forget_removes_the_document_and_its_claims(store):
    a, b, _ = _two_documents(store)
    forgotten = store.forget(a[:10])  # an id prefix will do
    assert (forgotten.id, forgotten.n_claims, forgotten.meta.title) == (a, 2, "A")
    assert [d.id for d in store.documents()] == [b]
    assert {c.document_id for c in store.claims()} == {b}
    assert store.add(TEXT).added  # it can be stored again
    with pytest.raises(UnknownNameError):
        store.forget(a + "0")
