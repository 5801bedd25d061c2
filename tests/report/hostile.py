"""A store holding an article whose text carries markup, for the escaping tests.

The HTML escapes its markup as entities, so ingestion decodes it into text
that looks like live tags (``<img src=x onerror=...>``, ``<script>``): what an
HTML output must show as text, never run. Claims quote the hostile sentences.
"""

from __future__ import annotations

from pathlib import Path

from zopa.evidence import Store
from zopa.evidence.ingest import read_document
from zopa.evidence.types import ExtractedClaim

HOSTILE_HTML = Path(__file__).parent / "data" / "hostile_talks.html"
MARKUP = ("<script>", "onerror=", "<img")


def _claim(text: str, sentence_start: str, actor: str, stance: str, option: str) -> ExtractedClaim:
    start = text.index(sentence_start)
    end = text.index(".", text.index("said", start)) + 1
    return ExtractedClaim(
        actor=actor,
        issue="river",
        stance=stance,
        position=f"{stance} {option}",
        option=option,
        date="2025-04-02",
        quote=text[start:end],
        start=start,
        end=end,
        confidence=0.9,
        hedged=False,
        extractor="test",
    )


def hostile_store(url: str, path: Path = HOSTILE_HTML) -> tuple[Store, str]:
    """A store at ``url`` with the hostile article and two claims; and the document id."""
    text, meta = read_document(path)
    claims = [
        _claim(text, "North insists", "North", "demands", "south_bank"),
        _claim(text, "South rejects", "South", "rejects", "south_bank"),
    ]
    store = Store(url)
    result = store.add(text, meta, claims)
    return store, result.document_id
