"""Reading articles into the evidence store: files, folders and standard input.

:func:`read_document` turns one file into normalised text plus metadata:
plain text, Markdown with a YAML front-matter block, or HTML (main text and
metadata pulled out by trafilatura, scripts and boilerplate left behind).
:func:`ingest` reads many sources, extracts claims from each new document and
stores the document with its claims in one transaction. A source that fails is
reported with its reason and skipped; what is already stored stays.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from zopa.errors import EvidenceError, ZopaError
from zopa.evidence.gold import GoldSet, merge_claims
from zopa.evidence.metadata import (
    DocumentMeta,
    date_from_text,
    load_index,
    merge_meta,
    meta_from_mapping,
    normalise_date,
    split_front_matter,
    split_header_block,
    title_from_text,
)
from zopa.evidence.store import Store
from zopa.evidence.text import document_id, normalise_text

if TYPE_CHECKING:
    from zopa.evidence.extract import Extractor
    from zopa.model.types import Scenario

__all__ = [
    "HTML_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "MAX_BYTES",
    "STDIN",
    "TEXT_SUFFIXES",
    "IngestFailure",
    "IngestReport",
    "IngestedDocument",
    "ingest",
    "nothing_to_ingest",
    "parse_document",
    "read_document",
]

STDIN = "-"
MAX_BYTES = 10 * 1024 * 1024  # a news article is kilobytes; a saved page a few megabytes
TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_FOLDER_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES


@dataclass(frozen=True, slots=True)
class IngestedDocument:
    """A source that was read: its document id, title and the number of claims stored."""

    source: str
    document_id: str
    title: str | None
    published: str | None
    n_claims: int


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """A source that could not be ingested, and why."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What :func:`ingest` did with each source, and where the time went (seconds)."""

    added: tuple[IngestedDocument, ...]
    duplicates: tuple[IngestedDocument, ...]
    failed: tuple[IngestFailure, ...]
    read_seconds: float
    extract_seconds: float
    store_seconds: float
    gold_skipped: tuple[str, ...] = ()  # gold entries left out, each with its reason

    @property
    def ok(self) -> bool:
        """True when no source failed."""
        return not self.failed


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def _decode(data: bytes, where: str) -> str:
    if _looks_binary(data):
        raise EvidenceError(f"{where}: binary data, not a text, Markdown or HTML document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EvidenceError(
            f"{where}: not UTF-8 text (invalid byte at position {error.start})"
        ) from None


def _is_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head


def _read_html(data: bytes, where: str) -> tuple[str, DocumentMeta]:
    import trafilatura

    if _looks_binary(data):
        raise EvidenceError(f"{where}: binary data, not an HTML document")
    try:
        document = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # only dates the page states; never today's date as a guess
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # trafilatura and lxml raise many kinds on broken markup
        raise EvidenceError(f"{where}: cannot parse the HTML: {error}") from None
    text = normalise_text(getattr(document, "text", None) or "")
    if not text:
        raise EvidenceError(f"{where}: no readable text in the HTML (empty page or markup only)")
    meta = DocumentMeta(
        title=getattr(document, "title", None) or None,
        outlet=getattr(document, "sitename", None) or getattr(document, "hostname", None),
        published=_lenient_date(getattr(document, "date", None)),
        url=getattr(document, "url", None) or None,
    )
    return text, meta


def _lenient_date(value: str | None) -> str | None:
    """A date from markup: kept when it parses, dropped (not fatal) when it does not."""
    try:
        return normalise_date(value)
    except EvidenceError:
        return None


def parse_document(data: bytes, *, name: str, kind: str | None = None) -> tuple[str, DocumentMeta]:
    """Text and metadata of a document given as bytes.

    Parameters
    ----------
    data
        The raw file content.
    name
        Where it came from, for messages and ``DocumentMeta.path``.
    kind
        ``"text"``, ``"markdown"`` or ``"html"``; ``None`` guesses from ``name``'s
        suffix, then from the content.

    Raises
    ------
    EvidenceError
        For binary data, text that is not UTF-8, malformed front matter, an
        empty document or one larger than :data:`MAX_BYTES`.
    """
    if len(data) > MAX_BYTES:
        raise EvidenceError(
            f"{name}: too large ({len(data) / 2**20:.1f} MiB; the limit is "
            f"{MAX_BYTES // 2**20} MiB)"
        )
    if not data.strip():
        raise EvidenceError(f"{name}: empty document")
    suffix = Path(name).suffix.lower()
    if kind is None:
        if suffix in HTML_SUFFIXES:
            kind = "html"
        elif suffix in MARKDOWN_SUFFIXES:
            kind = "markdown"
        elif suffix in TEXT_SUFFIXES:
            kind = "text"
        else:
            kind = "html" if _is_html(_decode(data, name)) else "text"
    if kind == "html":
        text, own = _read_html(data, name)
        return text, merge_meta(_text_meta(text), own, DocumentMeta(path=name))
    raw = _decode(data, name)
    front: DocumentMeta | None = None
    if kind == "markdown":
        fields, raw = split_front_matter(raw, where=name)
        front = meta_from_mapping(fields, where=f"{name}: front matter") if fields else None
    if front is None:  # "title: ...", "url: ...", "date: ..." lines before the story
        header, raw = split_header_block(normalise_text(raw))
        front = header
    text = normalise_text(raw)
    if not text:
        raise EvidenceError(f"{name}: empty document")
    return text, merge_meta(_text_meta(text), front, DocumentMeta(path=name))


def _text_meta(text: str) -> DocumentMeta:
    return DocumentMeta(title=title_from_text(text), published=date_from_text(text))


def read_document(path: str | Path) -> tuple[str, DocumentMeta]:
    """Read one file: its normalised text and the metadata it carries.

    Plain text (``.txt``), Markdown with YAML front matter (``.md``) and HTML
    (``.html``, via trafilatura); other names are treated as HTML when they
    look like it, else as text. Dates and titles missing from the markup are
    looked for in the text (a dateline such as "Sunday, December 7, 2025").

    Raises
    ------
    EvidenceError
        When the file is missing, unreadable, binary, empty or too large.
    """
    path = Path(path)
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise EvidenceError(
                f"{where}: too large ({size / 2**20:.1f} MiB; the limit is "
                f"{MAX_BYTES // 2**20} MiB)"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise EvidenceError(f"{where}: no such file") from None
    except IsADirectoryError:
        raise EvidenceError(f"{where}: is a folder") from None
    except OSError as error:
        raise EvidenceError(f"{where}: cannot read: {error.strerror or error}") from None
    return parse_document(data, name=where)


def _read_stdin(stream: BinaryIO) -> tuple[str, DocumentMeta]:
    data = stream.read(MAX_BYTES + 1)
    text, meta = parse_document(data, name="<stdin>")
    return text, replace(meta, path=None)


def _expand(sources: Sequence[str | Path]) -> Iterator[str | Path]:
    """Sources in order; a folder becomes its article files, recursively and sorted."""
    for source in sources:
        if str(source) == STDIN:
            yield STDIN
            continue
        path = Path(source)
        if path.is_dir():
            yield from sorted(_folder_files(path))
        else:
            yield path


def nothing_to_ingest(sources: Sequence[str | Path]) -> str | None:
    """Why ``sources`` hold no article at all (every path missing, folders empty), else None.

    Checked before a store is opened, so a mistyped path creates nothing.
    """
    items = list(_expand(sources))
    if any(item == STDIN or Path(item).is_file() for item in items):
        return None
    reasons = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            reasons.append(f"{path}: no .txt, .md or .html file in it")
        else:
            reasons.append(f"{path}: no such file")
    return "; ".join(reasons) or "no source given"


def _folder_files(folder: Path) -> Iterator[Path]:
    """The article files under ``folder``; symlinked folders followed, each real one once.

    Following links lets a folder of links to other folders be ingested; the
    real path of every folder visited is remembered, so a link back up the tree
    (a cycle) or a second link to the same folder is not walked again, and a
    file reached by two links is read once. Hidden names are skipped.
    """
    seen_folders: set[str] = set()
    seen_files: set[str] = set()
    for root, folders, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen_folders:
            folders[:] = []
            continue
        seen_folders.add(real)
        folders[:] = sorted(
            f
            for f in folders
            if not f.startswith(".") and os.path.realpath(Path(root) / f) not in seen_folders
        )
        for name in files:
            path = Path(root) / name
            if name.startswith(".") or path.suffix.lower() not in _FOLDER_SUFFIXES:
                continue
            target = os.path.realpath(path)
            if target not in seen_files and path.is_file():
                seen_files.add(target)
                yield path


def ingest(
    store: Store,
    sources: Sequence[str | Path],
    *,
    scenario: Scenario,
    extractor: Extractor,
    overrides: DocumentMeta | None = None,
    index: Path | str | None = None,
    progress: bool = False,
    stdin: BinaryIO | None = None,
    gold: GoldSet | None = None,
) -> IngestReport:
    """Read sources, extract the claims of each new document, and store both.

    Parameters
    ----------
    store
        Where documents and claims go.
    sources
        Files, folders (searched recursively for ``.txt``, ``.md`` and
        ``.html`` files) and ``"-"`` for standard input.
    scenario
        Parties and issues the extractor looks for.
    extractor
        Finds the claims (see :func:`zopa.evidence.extract.get_extractor`).
    overrides
        Metadata that overrides what the documents say (the known fields only).
    index
        A YAML index naming each file's outlet, date, title or URL.
    progress
        Show a progress bar on standard error.
    stdin
        The stream ``"-"`` reads (standard input by default).
    gold
        Hand-annotated claims stored beside the extracted ones for the files a
        gold file annotates (see :mod:`zopa.evidence.gold`).

    Returns
    -------
    IngestReport
        Added documents, duplicates (already stored, nothing added) and
        failures with a reason each. Each document is committed on its own,
        so a failure or a crash keeps every document stored before it.

    Raises
    ------
    EvidenceError
        When the index file is malformed (before anything is read).
    """
    by_name = load_index(index) if index is not None else {}
    items = list(_expand(sources))
    added: list[IngestedDocument] = []
    duplicates: list[IngestedDocument] = []
    failed: list[IngestFailure] = []
    gold_skipped: list[str] = []
    timing = {"read": 0.0, "extract": 0.0, "store": 0.0}

    def one(source: str | Path) -> None:
        name = "<stdin>" if source == STDIN else str(source)
        clock = time.perf_counter()
        if source == STDIN:
            text, meta = _read_stdin(stdin or sys.stdin.buffer)
        else:
            text, meta = read_document(source)
        meta = merge_meta(meta, by_name.get(Path(name).name), overrides)
        doc_id = document_id(text)
        timing["read"] += time.perf_counter() - clock
        if store.has_document(doc_id):
            duplicates.append(IngestedDocument(name, doc_id, meta.title, meta.published, 0))
            return
        clock = time.perf_counter()
        claims = extractor.extract(text, scenario=scenario, date=meta.published)
        if gold is not None:
            annotated, skipped = gold.claims_for(
                Path(name).name, text, scenario=scenario, date=meta.published
            )
            claims = merge_claims(claims, annotated)
            gold_skipped.extend(skipped)
        timing["extract"] += time.perf_counter() - clock
        clock = time.perf_counter()
        result = store.add(text, meta, claims)
        timing["store"] += time.perf_counter() - clock
        record = IngestedDocument(name, doc_id, meta.title, meta.published, len(claims))
        (added if result.added else duplicates).append(record)

    with _progress_bar(len(items), enabled=progress) as advance:
        for source in items:
            try:
                one(source)
            except ZopaError as error:
                failed.append(IngestFailure(str(source), _strip_where(str(error), source)))
            advance()
    return IngestReport(
        added=tuple(added),
        duplicates=tuple(duplicates),
        failed=tuple(failed),
        read_seconds=timing["read"],
        extract_seconds=timing["extract"],
        store_seconds=timing["store"],
        gold_skipped=tuple(gold_skipped),
    )


def _strip_where(message: str, source: str | Path) -> str:
    """The reason alone: messages start with the source, which the report already names."""
    for prefix in (f"{source}: ", "<stdin>: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


@contextlib.contextmanager
def _progress_bar(total: int, *, enabled: bool) -> Iterator[Callable[[], None]]:
    """A Rich progress bar on stderr; yields the function that advances it."""
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingesting", total=total)
        yield lambda: bar.advance(task)
