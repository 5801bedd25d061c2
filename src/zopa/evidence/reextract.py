"""Redo the extraction of stored documents: after new cues, another scenario or extractor,
or metadata that was missing when they were ingested.

Ingestion is idempotent, so ingesting a stored document again adds nothing;
:func:`reextract` is how its claims are brought up to date. It reads the stored
texts (the files need not exist any more), applies an index file's metadata
where the index names a document's file, extracts the claims afresh, and
replaces every document's claims in one transaction
(:meth:`~zopa.evidence.store.Store.rewrite`): the store holds either the old
claims or the new ones, never a mix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from zopa.evidence.gold import GOLD_EXTRACTOR, GoldSet, merge_claims
from zopa.evidence.metadata import load_index, merge_meta
from zopa.evidence.store import DocumentChange, DocumentUpdate, Store, StoredClaim, StoredDocument
from zopa.evidence.types import ExtractedClaim

if TYPE_CHECKING:
    from zopa.evidence.extract import Extractor
    from zopa.model.types import Scenario

__all__ = ["reextract"]


def reextract(
    store: Store,
    *,
    scenario: Scenario,
    extractor: Extractor,
    document_ids: Sequence[str] = (),
    index: Path | str | None = None,
    progress: Callable[[int, int], None] | None = None,
    gold: GoldSet | None = None,
) -> list[tuple[StoredDocument, DocumentChange]]:
    """Extract the claims of stored documents again and replace the old ones atomically.

    Parameters
    ----------
    store
        The store whose documents are re-read.
    scenario
        Parties and issues the extractor looks for.
    extractor
        Finds the claims (see :func:`zopa.evidence.extract.get_extractor`).
    document_ids
        Ids or unique prefixes of the documents to redo; empty for all of them.
    index
        A YAML index (as ``zopa ingest --index`` takes) whose entries set the
        outlet, date, title or URL of the documents whose file they name; claims
        are then dated against the new publication date.
    progress
        Called with (documents done, total) after each extraction.
    gold
        Hand-annotated claims to store for the documents whose file a gold file
        annotates (see :mod:`zopa.evidence.gold`). Gold claims already stored are
        kept either way: they are an analyst's, not the extractor's.

    Returns
    -------
    list of (StoredDocument, DocumentChange)
        Each document as it was, and what changed in it.

    Raises
    ------
    UnknownNameError
        When an id matches no stored document.
    EvidenceError
        When the index is malformed, a claim is invalid or the write fails;
        nothing is changed then.
    """
    by_name = load_index(index) if index is not None else {}
    if document_ids:
        documents = [store.document(i) for i in dict.fromkeys(document_ids)]
    else:
        documents = store.documents()
    updates = []
    for done, doc in enumerate(documents, 1):
        meta = by_name.get(Path(doc.meta.path).name) if doc.meta.path else None
        published = merge_meta(doc.meta, meta).published
        claims = extractor.extract(doc.text, scenario=scenario, date=published)
        kept = [_as_extracted(c) for c in store.claims(document_id=doc.id)]
        annotated = [c for c in kept if c.extractor == GOLD_EXTRACTOR]
        if gold is not None and doc.meta.path:
            fresh, _skipped = gold.claims_for(
                Path(doc.meta.path).name, doc.text, scenario=scenario, date=published
            )
            annotated = merge_claims(annotated, fresh)
        claims = merge_claims(claims, annotated)
        updates.append(DocumentUpdate(doc.id, meta=meta, claims=claims))
        if progress is not None:
            progress(done, len(documents))
    changes = store.rewrite(updates)
    return list(zip(documents, changes, strict=True))


def _as_extracted(claim: StoredClaim) -> ExtractedClaim:
    return ExtractedClaim(
        claim.actor, claim.issue, claim.stance, claim.position, claim.option, claim.date,
        claim.quote, claim.start, claim.end, claim.confidence, claim.hedged, claim.extractor,
    )  # fmt: skip
