"""The evidence store: documents and the claims extracted from them.

A :class:`Store` wraps a SQLAlchemy engine: a SQLite file by default (in WAL
mode, under the user's data folder, or wherever ``ZOPA_DB`` points), an
in-memory SQLite database for ``"sqlite://"``, and PostgreSQL for a
``postgresql://`` URL (with the ``zopa[postgres]`` extra). The schema is made by
Alembic migrations on first use, in one transaction and under a lock, so a kill
or a second process cannot leave it half made; only ``create=True`` makes a
store that is not there (see :mod:`zopa.evidence.connect`).

A document's key is the SHA-256 of its normalised text, so storing it twice
changes nothing. A document and its claims are written in one transaction: a
crash or a refused claim leaves either the whole document or nothing. Each
claim keeps its exact quote and character span (``text[start:end] == quote``)
and a ``position_key`` shared by every claim, in any document, that states the
same position (same actor, issue, stance and option).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from zopa.errors import EvidenceError, UnknownNameError
from zopa.evidence import connect
from zopa.evidence.metadata import DocumentMeta
from zopa.evidence.text import document_id, normalise_text
from zopa.evidence.types import STANCES, ExtractedClaim

if TYPE_CHECKING:
    from alembic.config import Config

    from zopa.model.types import Scenario

__all__ = [
    "AddResult",
    "DocumentChange",
    "DocumentMeta",
    "DocumentUpdate",
    "Store",
    "StoredClaim",
    "StoredDocument",
    "TimelineEntry",
    "alembic_config",
    "claim_id",
    "default_url",
    "position_key",
    "resolve_actor",
    "resolve_issue",
]

_metadata = sa.MetaData()
_documents = sa.Table(
    "documents",
    _metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("title", sa.Text(), nullable=True),
    sa.Column("outlet", sa.Text(), nullable=True),
    sa.Column("published", sa.String(10), nullable=True),
    sa.Column("url", sa.Text(), nullable=True),
    sa.Column("path", sa.Text(), nullable=True),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("added_at", sa.String(32), nullable=False),
)
_claims = sa.Table(
    "claims",
    _metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column(
        "document_id",
        sa.String(64),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("issue", sa.String(200), nullable=False),
    sa.Column("stance", sa.String(16), nullable=False),
    sa.Column("position", sa.Text(), nullable=False),
    sa.Column("option", sa.String(200), nullable=True),
    sa.Column("date", sa.String(10), nullable=False),
    sa.Column("quote", sa.Text(), nullable=False),
    sa.Column("span_start", sa.Integer(), nullable=False),
    sa.Column("span_end", sa.Integer(), nullable=False),
    sa.Column("confidence", sa.Float(), nullable=False),
    sa.Column("hedged", sa.Boolean(), nullable=False),
    sa.Column("extractor", sa.String(100), nullable=False),
    sa.Column("position_key", sa.String(16), nullable=False),
    sa.CheckConstraint("span_start >= 0 AND span_start <= span_end", name="ck_claims_span"),
    sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_claims_confidence"),
    sa.Index("ix_claims_document_id", "document_id"),
    sa.Index("ix_claims_actor_issue", "actor", "issue"),
    sa.Index("ix_claims_issue_date", "issue", "date"),
    sa.Index("ix_claims_position_key", "position_key"),
)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add` did: the document's id, whether it was new, its claim ids."""

    document_id: str
    added: bool
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DocumentUpdate:
    """A change to one stored document, for :meth:`Store.rewrite`.

    ``meta`` sets the fields it gives (``None`` fields keep what is stored; the
    path is never changed); ``claims``, when given, replaces every claim of the
    document (``None`` keeps them).
    """

    document_id: str
    meta: DocumentMeta | None = None
    claims: Sequence[ExtractedClaim] | None = None


@dataclass(frozen=True, slots=True)
class DocumentChange:
    """What :meth:`Store.rewrite` changed in one document.

    ``meta`` maps each changed field to its old and new value; ``added`` and
    ``removed`` are claim ids; ``kept`` counts claims in both the old and the new
    set, of which ``revised`` changed in a field other than their id (a date
    resolved against a corrected publication date, a confidence).
    """

    document_id: str
    meta: dict[str, tuple[str | None, str | None]]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    kept: int
    revised: int

    @property
    def changed(self) -> bool:
        """True when anything about the document changed."""
        return bool(self.meta or self.added or self.removed or self.revised)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A stored document: its id (SHA-256 of the text), text, metadata and claim count."""

    id: str
    text: str
    meta: DocumentMeta
    added_at: str
    n_claims: int


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A stored claim with the metadata of the document it comes from."""

    id: str
    document_id: str
    actor: str
    issue: str
    stance: str
    position: str
    option: str | None
    date: str
    quote: str
    start: int
    end: int
    confidence: float
    hedged: bool
    extractor: str
    position_key: str
    title: str | None
    outlet: str | None
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        """The claim as a plain mapping (for JSON and CSV)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One position a party took on an issue, with every claim that reports it.

    ``first_date`` and ``last_date`` span the claims' dates; ``claims`` are in
    date order.
    """

    actor: str
    issue: str
    stance: str
    option: str | None
    position: str
    position_key: str
    first_date: str
    last_date: str
    claims: tuple[StoredClaim, ...]


def _short_hash(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]


def claim_id(document_id: str, claim: ExtractedClaim) -> str:
    """A stable id for a claim, derived from its content ("c" + 12 hex digits).

    The same claim of the same document gets the same id in every store, so a
    scenario can cite it.

    Examples
    --------
    >>> c = ExtractedClaim("North", "river", "demands", "midline", "midline", "2025-01",
    ...                    "North demands", 0, 13, 0.9, False, "rules")
    >>> claim_id("ab" * 32, c) == claim_id("ab" * 32, c), len(claim_id("ab" * 32, c))
    (True, 13)
    """
    return "c" + _short_hash(
        document_id, claim.start, claim.end, claim.actor, claim.issue, claim.stance, claim.option
    )


def position_key(actor: str, issue: str, stance: str, option: str | None) -> str:
    """The key that links repeats of one position across documents ("p" + 12 hex digits).

    Claims share a key when actor, issue, stance and option (or the lack of one)
    agree: the grain at which the scenario model, the timeline and the gold
    annotations speak of a position. Wording is left out on purpose: articles
    rarely repeat a position in the same words.

    Examples
    --------
    >>> position_key("Russia", "donetsk", "demands", None) == position_key(
    ...     "russia", "donetsk", "demands", None
    ... )
    True
    >>> position_key("Russia", "donetsk", "demands", "withdraw") == position_key(
    ...     "Russia", "donetsk", "demands", None
    ... )
    False
    """
    return "p" + _short_hash(actor.casefold(), issue, stance, f"option:{option or '*'}")


def default_url() -> str:
    """The store used when no URL is given: ``$ZOPA_DB``, else a file in the user data folder.

    ``ZOPA_DB`` may be a SQLAlchemy URL or a plain file path.
    """
    configured = os.environ.get("ZOPA_DB")
    if configured:
        return configured
    import platformdirs

    return str(Path(platformdirs.user_data_dir("zopa")) / "evidence.sqlite3")


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration for the store's migrations.

    With it, ``alembic.command.upgrade(alembic_config(url), "head")`` migrates
    the database at ``url`` as the ``alembic`` command would.
    """
    return connect.alembic_config(None if url is None else connect.resolve_url(url))


_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?|unknown")


def _check_claim(text: str, claim: ExtractedClaim, where: str) -> None:
    """Refuse a claim whose quote is not its span, or whose fields are out of range."""
    problems = []
    if not (0 <= claim.start <= claim.end <= len(text)):
        problems.append(f"span {claim.start}:{claim.end} is outside the text ({len(text)} chars)")
    elif text[claim.start : claim.end] != claim.quote:
        problems.append(f"quote is not text[{claim.start}:{claim.end}]")
    if claim.stance not in STANCES:
        problems.append(f"stance {claim.stance!r} is not one of {', '.join(STANCES)}")
    if not 0 <= claim.confidence <= 1:
        problems.append(f"confidence {claim.confidence} is not in [0, 1]")
    if not _DATE.fullmatch(claim.date):
        problems.append(f"date {claim.date!r} is not YYYY-MM-DD or YYYY-MM")
    if not claim.actor.strip() or not claim.issue.strip():
        problems.append("actor and issue must not be blank")
    if problems:
        raise EvidenceError(f"{where}: " + "; ".join(problems))


def _claim_row(document_id: str, claim: ExtractedClaim) -> dict[str, Any]:
    return {
        "id": claim_id(document_id, claim),
        "document_id": document_id,
        "actor": claim.actor,
        "issue": claim.issue,
        "stance": claim.stance,
        "position": claim.position,
        "option": claim.option,
        "date": claim.date,
        "quote": claim.quote,
        "span_start": claim.start,
        "span_end": claim.end,
        "confidence": float(claim.confidence),
        "hedged": bool(claim.hedged),
        "extractor": claim.extractor,
        "position_key": position_key(claim.actor, claim.issue, claim.stance, claim.option),
    }


def _differs(stored: Any, row: dict[str, Any]) -> bool:
    """Whether a stored claim row and a new one for the same id differ in any field."""
    return any(
        (bool(stored[k]) != bool(v)) if k == "hedged" else stored[k] != v for k, v in row.items()
    )


def _stored_claim(row: Any) -> StoredClaim:
    return StoredClaim(
        id=row.id,
        document_id=row.document_id,
        actor=row.actor,
        issue=row.issue,
        stance=row.stance,
        position=row.position,
        option=row.option,
        date=row.date,
        quote=row.quote,
        start=row.span_start,
        end=row.span_end,
        confidence=row.confidence,
        hedged=bool(row.hedged),
        extractor=row.extractor,
        position_key=row.position_key,
        title=row.title,
        outlet=row.outlet,
        published=row.published,
    )


class Store:
    """The evidence store: documents and their claims in a SQL database.

    Parameters
    ----------
    url
        ``None`` for the default store (``$ZOPA_DB``, else ``evidence.sqlite3``
        in the user data folder); ``"sqlite://"`` for a database in memory; any
        SQLAlchemy URL (``sqlite:///path``, ``postgresql://user@host/db``) or a
        plain path to a SQLite file otherwise.
    create
        Whether a store that is not there may be made (the default). With
        ``False`` a missing SQLite file or a database without zopa's tables is
        an error, and nothing is created: what read-only commands use, so a
        mistyped path is reported rather than answered with an empty store. A
        SQLite file whose folder cannot be written is then opened read-only.

    Raises
    ------
    EvidenceError
        When the database cannot be opened or migrated, or is missing and
        ``create`` is false.

    Examples
    --------
    >>> store = Store("sqlite://")
    >>> result = store.add("North demands the midline.", DocumentMeta(outlet="Gazette"))
    >>> result.added, store.add("North demands the midline.\\n").added
    (True, False)
    >>> store.document(result.document_id).meta.outlet
    'Gazette'
    """

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        self._url = connect.resolve_url(default_url() if url is None else url)
        try:
            opened = connect.open_database(self._url, create=create)
        except SQLAlchemyError as error:
            raise EvidenceError(
                f"cannot open the evidence store {self.url}: {_reason(error)}"
            ) from None
        self._engine = opened.engine
        self._read_only = opened.read_only

    @property
    def read_only(self) -> bool:
        """True when the store was opened read-only (its folder cannot be written)."""
        return self._read_only

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self._url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- writing --------------------------------------------------------------

    def add(
        self,
        text: str,
        meta: DocumentMeta | None = None,
        claims: Sequence[ExtractedClaim] = (),
    ) -> AddResult:
        """Store a document and its claims in one transaction.

        The text is normalised (:func:`~zopa.evidence.text.normalise_text`)
        first; spans refer to the normalised text. A text already stored adds
        nothing and gives ``added=False`` with the stored claims' ids.

        Raises
        ------
        EvidenceError
            When the text is empty, a claim's quote is not ``text[start:end]``
            or a field is out of range (nothing is stored), or the database
            refuses the write.
        """
        meta = meta or DocumentMeta()
        where = meta.path or meta.title or "document"
        text = normalise_text(text)
        if not text:
            raise EvidenceError(f"{where}: no text to store (the document is empty)")
        if meta.published is not None and not _DATE.fullmatch(meta.published):
            raise EvidenceError(f"{where}: published {meta.published!r} is not YYYY-MM-DD")
        doc_id = document_id(text)
        for number, claim in enumerate(claims):
            _check_claim(text, claim, f"{where}: claim {number} ({claim.actor}, {claim.issue})")
        rows = {}
        for claim in claims:
            row = _claim_row(doc_id, claim)
            rows.setdefault(row["id"], row)
        claim_ids = tuple(claim_id(doc_id, c) for c in claims)
        try:
            with self._write() as connection:
                if self._has(connection, doc_id):
                    return AddResult(doc_id, False, self._claim_ids(connection, doc_id))
                connection.execute(
                    sa.insert(_documents),
                    {
                        "id": doc_id,
                        "title": meta.title,
                        "outlet": meta.outlet,
                        "published": meta.published,
                        "url": meta.url,
                        "path": meta.path,
                        "text": text,
                        "added_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    },
                )
                if rows:
                    connection.execute(sa.insert(_claims), list(rows.values()))
        except IntegrityError as error:
            if self.has_document(doc_id):  # stored meanwhile by another writer
                with self._engine.connect() as connection:
                    return AddResult(doc_id, False, self._claim_ids(connection, doc_id))
            raise EvidenceError(f"{where}: the store refused it: {_reason(error)}") from None
        except SQLAlchemyError as error:
            raise EvidenceError(f"{where}: could not store it: {_reason(error)}") from None
        return AddResult(doc_id, True, claim_ids)

    def rewrite(self, updates: Sequence[DocumentUpdate]) -> list[DocumentChange]:
        """Change stored documents' metadata and replace their claims, in one transaction.

        Every update is checked first (the documents exist, each claim's quote is
        its span of the stored text, the fields are in range); then all of them
        are written together, so a failure anywhere changes nothing.

        Raises
        ------
        UnknownNameError
            When a document id (or unique prefix) matches no stored document.
        EvidenceError
            When a claim or a date is invalid, or the database refuses the write.
        """
        planned = []
        for update in updates:
            doc = self.document(update.document_id)
            where = doc.meta.path or doc.meta.title or doc.id[:12]
            meta = update.meta or DocumentMeta()
            if meta.published is not None and not _DATE.fullmatch(meta.published):
                raise EvidenceError(f"{where}: published {meta.published!r} is not YYYY-MM-DD")
            rows = None
            if update.claims is not None:
                rows = {}
                for number, claim in enumerate(update.claims):
                    label = f"{where}: claim {number} ({claim.actor}, {claim.issue})"
                    _check_claim(doc.text, claim, label)
                    row = _claim_row(doc.id, claim)
                    rows.setdefault(row["id"], row)
            planned.append((doc, meta, rows))
        try:
            with self._write() as connection:
                return [self._rewrite_one(connection, *plan) for plan in planned]
        except SQLAlchemyError as error:
            raise EvidenceError(f"{self.url}: nothing was changed: {_reason(error)}") from None

    @staticmethod
    def _rewrite_one(
        connection: Connection,
        doc: StoredDocument,
        meta: DocumentMeta,
        rows: dict[str, dict[str, Any]] | None,
    ) -> DocumentChange:
        fields = {"title": meta.title, "outlet": meta.outlet, "published": meta.published}
        fields["url"] = meta.url
        changed = {
            name: (getattr(doc.meta, name), value)
            for name, value in fields.items()
            if value is not None and value != getattr(doc.meta, name)
        }
        if changed:
            connection.execute(
                sa.update(_documents)
                .where(_documents.c.id == doc.id)
                .values({name: new for name, (_old, new) in changed.items()})
            )
        if rows is None:
            return DocumentChange(doc.id, changed, (), (), doc.n_claims, 0)
        old = {
            row["id"]: row
            for row in connection.execute(
                sa.select(_claims).where(_claims.c.document_id == doc.id)
            ).mappings()
        }
        removed = [i for i in old if i not in rows]
        added = [i for i in rows if i not in old]
        revised = [i for i in rows if i in old and _differs(old[i], rows[i])]
        gone = removed + revised
        if gone:
            connection.execute(sa.delete(_claims).where(_claims.c.id.in_(gone)))
        if added or revised:
            connection.execute(sa.insert(_claims), [rows[i] for i in added + revised])
        kept = len(rows) - len(added)
        return DocumentChange(
            doc.id, changed, tuple(sorted(added)), tuple(sorted(removed)), kept, len(revised)
        )

    def forget(self, document_id: str) -> StoredDocument:
        """Remove a document and all its claims, in one transaction; returns what was removed.

        ``document_id`` may be a unique prefix of 8 or more characters.

        Raises
        ------
        UnknownNameError
            When no stored document (or more than one) matches.
        """
        doc = self.document(document_id)
        try:
            with self._write() as connection:
                connection.execute(sa.delete(_claims).where(_claims.c.document_id == doc.id))
                connection.execute(sa.delete(_documents).where(_documents.c.id == doc.id))
        except SQLAlchemyError as error:
            raise EvidenceError(f"{self.url}: nothing was removed: {_reason(error)}") from None
        return doc

    # -- reading --------------------------------------------------------------

    @staticmethod
    def _has(connection: Connection, doc_id: str) -> bool:
        query = sa.select(_documents.c.id).where(_documents.c.id == doc_id)
        return connection.execute(query).first() is not None

    @staticmethod
    def _claim_ids(connection: Connection, doc_id: str) -> tuple[str, ...]:
        query = (
            sa.select(_claims.c.id)
            .where(_claims.c.document_id == doc_id)
            .order_by(_claims.c.span_start, _claims.c.id)
        )
        return tuple(connection.execute(query).scalars())

    def has_document(self, document_id: str) -> bool:
        """True when a document with this id is stored."""
        with self._read() as connection:
            return self._has(connection, document_id)

    def document(self, document_id: str) -> StoredDocument:
        """The document with this id, or with a unique id prefix of 8 or more characters.

        Raises
        ------
        UnknownNameError
            When no document (or more than one, for a prefix) matches.
        """
        where = (
            _documents.c.id == document_id
            if len(document_id) == 64 or len(document_id) < 8
            else _documents.c.id.startswith(document_id, autoescape=True)
        )
        documents = self._documents(where)
        if len(documents) != 1:
            state = "no document" if not documents else f"{len(documents)} documents"
            raise UnknownNameError(f"{state} with id {document_id!r} in {self.url}")
        return documents[0]

    def documents(self) -> list[StoredDocument]:
        """Every stored document, by publication date then id."""
        return self._documents(None)

    def _documents(self, where: Any) -> list[StoredDocument]:
        counts = (
            sa.select(_claims.c.document_id, sa.func.count().label("n"))
            .group_by(_claims.c.document_id)
            .subquery()
        )
        query = (
            sa.select(_documents, sa.func.coalesce(counts.c.n, 0).label("n_claims"))
            .outerjoin(counts, counts.c.document_id == _documents.c.id)
            .order_by(sa.func.coalesce(_documents.c.published, ""), _documents.c.id)
        )
        if where is not None:
            query = query.where(where)
        with self._read() as connection:
            return [
                StoredDocument(
                    id=row.id,
                    text=row.text,
                    meta=DocumentMeta(
                        title=row.title,
                        outlet=row.outlet,
                        published=row.published,
                        url=row.url,
                        path=row.path,
                    ),
                    added_at=row.added_at,
                    n_claims=row.n_claims,
                )
                for row in connection.execute(query)
            ]

    def claims(
        self,
        *,
        actor: str | None = None,
        issue: str | None = None,
        since: str | None = None,
        document_id: str | None = None,
    ) -> list[StoredClaim]:
        """Stored claims, filtered, ordered by claim date, then document, then place in it.

        ``since`` (``YYYY-MM-DD`` or ``YYYY-MM``) keeps claims dated on or after
        it; a claim known only to the month counts if its month is not earlier.

        Raises
        ------
        EvidenceError
            When ``since`` is not a date.
        """
        query = sa.select(
            _claims,
            _documents.c.title,
            _documents.c.outlet,
            _documents.c.published,
        ).join(_documents, _documents.c.id == _claims.c.document_id)
        if actor is not None:
            query = query.where(_claims.c.actor == actor)
        if issue is not None:
            query = query.where(_claims.c.issue == issue)
        if document_id is not None:
            query = query.where(_claims.c.document_id == document_id)
        if since is not None:
            if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", since):
                raise EvidenceError(f"since: {since!r} is not YYYY-MM-DD or YYYY-MM")
            query = query.where(
                sa.or_(_claims.c.date >= since, _claims.c.date == since[:7]),
                _claims.c.date != "unknown",
            )
        query = query.order_by(
            _claims.c.date,
            sa.func.coalesce(_documents.c.published, ""),
            _claims.c.document_id,
            _claims.c.span_start,
            _claims.c.id,
        )
        with self._read() as connection:
            return [_stored_claim(row) for row in connection.execute(query)]

    def actors(self) -> list[str]:
        """The distinct actors of the stored claims."""
        return self._distinct(_claims.c.actor)

    def issues(self) -> list[str]:
        """The distinct issues of the stored claims."""
        return self._distinct(_claims.c.issue)

    def _distinct(self, column: sa.Column[Any]) -> list[str]:
        with self._read() as connection:
            return list(connection.execute(sa.select(column).distinct().order_by(column)).scalars())

    def timeline(self, issue: str) -> list[TimelineEntry]:
        """Each party's positions on ``issue`` over time, repeats merged, with their sources.

        One entry per actor and position (its ``position_key``); entries are
        ordered by actor, then by the date the position was first reported.
        """
        groups: dict[tuple[str, str], list[StoredClaim]] = {}
        for claim in self.claims(issue=issue):
            groups.setdefault((claim.actor, claim.position_key), []).append(claim)
        entries = [
            TimelineEntry(
                actor=actor,
                issue=issue,
                stance=claims[0].stance,
                option=claims[0].option,
                position=claims[0].position,
                position_key=key,
                first_date=claims[0].date,
                last_date=claims[-1].date,
                claims=tuple(claims),
            )
            for (actor, key), claims in groups.items()
        ]
        return sorted(entries, key=lambda e: (e.actor, e.first_date, e.position_key))

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction: SQLite takes its write lock at once, waiting for others."""
        if self._read_only:
            raise EvidenceError(
                f"{self.url}: the store is read-only here (its folder cannot be written)"
            )
        with self._engine.connect() as connection:
            connection.execution_options(zopa_write=True)
            with connection.begin():
                yield connection

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        """A read connection; database failures become :class:`EvidenceError`."""
        try:
            with self._engine.connect() as connection:
                yield connection
        except SQLAlchemyError as error:
            raise EvidenceError(f"cannot read {self.url}: {_reason(error)}") from None


def _reason(error: SQLAlchemyError) -> str:
    """The driver's message, without SQLAlchemy's statement dump and links."""
    original = getattr(error, "orig", None)
    return str(original if original is not None else error).splitlines()[0]


def resolve_actor(store: Store, name: str, scenario: Scenario | None = None) -> str:
    """The actor a user means: a stored actor or a scenario party, by name or alias.

    Raises
    ------
    UnknownNameError
        When neither the store nor the scenario knows the name; the message
        lists the names that are known.
    """
    stored = store.actors()
    for actor in stored:
        if actor.casefold() == name.casefold():
            return actor
    if scenario is not None:
        with contextlib.suppress(UnknownNameError):
            return scenario.party(name).name  # by name or alias, any case
    known = sorted({*stored, *(scenario.party_names if scenario is not None else ())})
    raise UnknownNameError(f"unknown actor {name!r}; known: {', '.join(known) or 'none yet'}")


def resolve_issue(store: Store, name: str, scenario: Scenario | None = None) -> str:
    """The issue a user means: a stored issue, or a scenario issue or topic (or an alias).

    Raises
    ------
    UnknownNameError
        When neither the store nor the scenario knows the name; the message
        lists the names that are known.
    """
    stored = store.issues()
    if name in stored:
        return name
    names: list[str] = []
    if scenario is not None:
        if (subject := scenario.subject(name)) is not None:
            return subject
        names = [i.name for i in scenario.issues] + [t.name for t in scenario.topics]
    known = sorted({*stored, *names})
    raise UnknownNameError(f"unknown issue {name!r}; known: {', '.join(known) or 'none yet'}")
