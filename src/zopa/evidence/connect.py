"""Reaching a store's database: URLs, engines, and making the schema safely.

Three things go wrong when a store is first used, and this module is where
they are prevented:

- **A kill while the schema is made.** Python's ``sqlite3`` runs ``CREATE
  TABLE`` outside any transaction unless told otherwise, so a kill midway used
  to leave some tables and no schema version. Engines made here begin every
  transaction themselves (``BEGIN``, or ``BEGIN IMMEDIATE`` for writes), so the
  migration is one transaction: it happens entirely or not at all. A store
  left half made by an older version (zopa tables, no version) is rebuilt when
  those tables are empty, and named with the way out when they hold data.
- **Several processes on a new store.** The migration runs under a lock: an
  exclusive ``flock`` on a sidecar file (``<store>.lock``) for a SQLite file,
  ``pg_advisory_xact_lock`` for PostgreSQL; the loser waits, then finds the
  schema made. SQLite writers wait for each other up to 30 s (busy timeout).
- **A mistyped path.** Only a caller that may create a store gets one made; a
  reader is told that nothing is there. A SQLite file in a folder this process
  cannot write is opened read-only (``immutable=1``: no ``-wal`` or ``-shm``
  file is needed, and nobody can be writing there).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError

from zopa.errors import EvidenceError

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported where a store is opened, not with this module: commands
# that never touch a store start faster without it.

__all__ = [
    "MIGRATIONS",
    "OpenedDatabase",
    "alembic_config",
    "is_memory",
    "open_database",
    "resolve_url",
]

MIGRATIONS = "zopa.evidence:migrations"
_TABLES = ("claims", "documents")  # zopa's own tables, children first
_BUSY_SECONDS = 30  # how long a SQLite writer waits for another one
_LOCK_SECONDS = 120  # how long a first use waits for another process's migration
_PG_LOCK_KEY = 0x7A6F7061  # "zopa": the advisory lock that serialises migrations


def resolve_url(url: str) -> URL:
    """The SQLAlchemy URL of a store given as a URL or a plain SQLite file path.

    Raises
    ------
    EvidenceError
        When ``url`` has a scheme but does not parse.
    """
    if "://" not in url:  # a plain path to a SQLite file
        return URL.create("sqlite", database=str(Path(url).expanduser()))
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise EvidenceError(f"not a database URL: {url!r}") from None
    if parsed.drivername == "postgresql":  # the zopa[postgres] extra installs psycopg 3
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_memory(url: URL) -> bool:
    """True for a SQLite database in memory."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or is_memory(url):
        return None
    return Path(url.database or "")


def _writable(path: Path) -> bool:
    """Whether this process can write the SQLite file and the folder its journal goes in."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


@dataclass(frozen=True, slots=True)
class OpenedDatabase:
    """An engine on a migrated store, and whether it was opened read-only."""

    engine: Engine
    read_only: bool


def open_database(url: URL, *, create: bool) -> OpenedDatabase:
    """An engine on the store at ``url``, its schema made or upgraded under a lock.

    Parameters
    ----------
    url
        The store's URL (see :func:`resolve_url`).
    create
        Whether a missing store may be created. Without it a missing SQLite
        file, or a database without zopa's tables, is an error.

    Raises
    ------
    EvidenceError
        When the store is missing (and ``create`` is false), half made with
        data in it, older than this zopa in a folder that cannot be written,
        or the database cannot be reached.
    """
    path = _sqlite_file(url)
    read_only = False
    create = create or is_memory(url)  # a database in memory exists only once made
    if path is not None:
        if not path.exists():
            if not create:
                raise EvidenceError(
                    f"no evidence store at {path}: nothing has been stored there yet "
                    "(check --db and ZOPA_DB; `zopa ingest` creates a store)"
                )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise EvidenceError(
                    f"cannot create the folder for the store {path}: {error}"
                ) from None
        read_only = not _writable(path)
    where = str(path) if path is not None else url.render_as_string(hide_password=True)
    engine = _engine(url, path, read_only=read_only)
    try:
        if read_only:
            with engine.connect() as connection:
                _needs_upgrade(connection, where, create=False, can_migrate=False)
        else:
            with _file_lock(path):
                _migrate(engine, where, path, create=create)
    except BaseException:
        engine.dispose()
        raise
    return OpenedDatabase(engine, read_only)


def _engine(url: URL, path: Path | None, *, read_only: bool) -> Engine:
    if url.get_backend_name() != "sqlite":
        try:
            return sa.create_engine(url, pool_pre_ping=True)
        except ArgumentError:  # NoSuchModuleError: no dialect of that name
            raise EvidenceError(
                f"not a database URL zopa can use: {url.drivername!r} is not a known database"
            ) from None
        except ModuleNotFoundError as error:
            raise EvidenceError(
                f"{url.get_backend_name()} needs a driver that is not installed ({error.name}); "
                "for PostgreSQL install the extra: pip install 'zopa[postgres]'"
            ) from None
    if path is None:
        engine = sa.create_engine(
            "sqlite://",
            poolclass=sa.StaticPool,  # one connection, so every call sees the same database
            connect_args={"check_same_thread": False},
        )
    elif read_only:
        uri = f"file:{urllib.parse.quote(str(path.resolve()))}?immutable=1"
        engine = sa.create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
        )
    else:
        engine = sa.create_engine(url, connect_args={"timeout": _BUSY_SECONDS})
    sa.event.listen(engine, "connect", _sqlite_connect(read_only=read_only))
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(*, read_only: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Leave transactions to _sqlite_begin: the driver's own would not cover DDL.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            # FULL: a commit is on disk before add() returns, even across a power cut.
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    return on_connect


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock at once, waiting out other writers, instead of
    # failing later when a read turns into a write.
    immediate = connection.get_execution_options().get("zopa_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextlib.contextmanager
def _file_lock(path: Path | None) -> Iterator[None]:
    """An exclusive lock on ``<path>.lock`` while a SQLite store is opened and migrated."""
    try:
        import fcntl
    except ImportError:  # not POSIX: BEGIN IMMEDIATE alone serialises the migration
        yield
        return
    if path is None:
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise EvidenceError(f"cannot create the lock file {lock_path}: {error.strerror}") from None
    try:
        deadline = time.monotonic() + _LOCK_SECONDS
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise EvidenceError(
                        f"{path}: another process has been opening the store for "
                        f"{_LOCK_SECONDS} s (lock {lock_path}); try again when it is done"
                    ) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _migrate(engine: Engine, where: str, path: Path | None, *, create: bool) -> None:
    postgres = engine.dialect.name == "postgresql"
    if postgres:  # fast path, no lock: a store in use is already at the head revision
        with engine.connect() as connection:
            if _current_version(connection) == _head_revisions():
                return
    with engine.connect() as connection:
        connection.execution_options(zopa_write=True)
        with connection.begin():
            if postgres:
                connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
            if _needs_upgrade(connection, where, create=create, can_migrate=True):
                from alembic import command
                from alembic.util import CommandError

                config = alembic_config()
                config.attributes["connection"] = connection
                try:
                    command.upgrade(config, "head")
                except CommandError as error:  # a revision this zopa does not know
                    raise EvidenceError(
                        f"{where}: the store's schema is not one this zopa knows ({error}); "
                        "it was probably made by a newer zopa"
                    ) from None


def alembic_config(url: URL | None = None) -> Config:
    """An Alembic configuration for the store's migrations (on ``url`` when given)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    if url is not None:
        rendered = url.render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


@functools.cache
def _head_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def _current_version(connection: Connection) -> frozenset[str]:
    from alembic.runtime.migration import MigrationContext

    return frozenset(MigrationContext.configure(connection).get_current_heads())


def _needs_upgrade(connection: Connection, where: str, *, create: bool, can_migrate: bool) -> bool:
    """Whether the store must be migrated; repairs or refuses a store that is half made.

    Raises :class:`EvidenceError` for a schema that is missing and may not be made,
    a half-made store with data in it, and an old schema that cannot be upgraded here.
    """
    version = _current_version(connection)
    if version == _head_revisions():
        return False
    if version:
        if not can_migrate:
            raise EvidenceError(
                f"{where}: the store has an older schema, which cannot be upgraded where it "
                "cannot be written; open it once from a writable place to upgrade it"
            )
        return True
    tables = set(sa.inspect(connection).get_table_names())
    ours = [t for t in _TABLES if t in tables]
    if not ours:
        if not create:
            raise EvidenceError(
                f"{where} holds no evidence store (no zopa tables); check --db and ZOPA_DB, "
                "or run `zopa ingest` to make one there"
            )
        return True
    # zopa's tables without a version: a first use that an older zopa left unfinished
    rows = {t: connection.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar() for t in ours}
    if any(rows.values()):
        held = ", ".join(f"{n} rows in {t}" for t, n in rows.items() if n)
        raise EvidenceError(
            f"{where}: the store was left half made by an interrupted first use (tables "
            f"{', '.join(ours)} but no schema version) and holds data ({held}); move it aside "
            "(rename the file, or drop those tables) and ingest again"
        )
    if not can_migrate:
        raise EvidenceError(
            f"{where}: the store was left half made by an interrupted first use; open it once "
            "from a writable place to repair it"
        )
    for table in [*ours, "alembic_version"]:  # empty: rebuild them, in this same transaction
        if table in tables:
            connection.exec_driver_sql(f'DROP TABLE "{table}"')
    return True
