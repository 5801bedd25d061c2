"""Opening a store: atomic first use, concurrent first use, missing and read-only stores."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from zopa.errors import EvidenceError
from zopa.evidence import store as store_module
from zopa.evidence.store import DocumentMeta, Store

DATA = Path(__file__).parent / "data"
SCRIPT = str(DATA / "open_store.py")
TABLES = {"documents", "claims", "alembic_version"}


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, SCRIPT, *args], capture_output=True, text=True, check=False, timeout=120
    )


# -- fault 1: a kill during first use ------------------------------------------------


@pytest.mark.parametrize("kill_at", ["create_table:2", "create_index:1", "create_index:4"])
def test_a_kill_during_first_use_leaves_no_half_made_schema(tmp_path, kill_at):
    db = tmp_path / "new.sqlite3"
    killed = _run(str(db), "--kill-at", kill_at)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # whatever the kill left, it is not a schema without its version
    if db.exists():
        assert _tables(db) in (set(), TABLES)
    with Store(str(db)) as store:
        store.add("North insists on the south bank.")
        assert len(store.documents()) == 1
    assert _tables(db) >= TABLES


def test_a_kill_at_a_random_moment_of_first_use_never_breaks_the_store(tmp_path):
    """Real kills at spread-out moments of a child's first use, for a few seconds."""
    delays = [0.3 + 0.1 * k for k in range(8)]
    for trial, delay in enumerate(delays):
        db = tmp_path / f"trial-{trial}.sqlite3"
        child = subprocess.Popen([sys.executable, SCRIPT, str(db), "--add", f"trial {trial}"])
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        with Store(str(db)) as store:  # opens, repairing if need be, and takes a document
            store.add(f"after the kill {trial}")
            assert f"after the kill {trial}" in {d.text for d in store.documents()}


def test_a_store_half_made_by_an_older_zopa_is_repaired(tmp_path):
    db = tmp_path / "half.sqlite3"
    with sqlite3.connect(db) as connection:  # what the non-atomic first use used to leave
        connection.execute("CREATE TABLE documents (id VARCHAR(64) PRIMARY KEY, text TEXT)")
    with Store(str(db)) as store:
        result = store.add("North insists on the south bank.", DocumentMeta(title="t"))
        assert store.document(result.document_id).meta.title == "t"
    assert _tables(db) >= TABLES


def test_a_half_made_store_that_holds_data_is_named_with_the_way_out(tmp_path):
    db = tmp_path / "half.sqlite3"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE documents (id VARCHAR(64) PRIMARY KEY, text TEXT)")
        connection.execute("INSERT INTO documents VALUES ('x', 'kept')")
    with pytest.raises(EvidenceError) as caught:
        Store(str(db))
    message = str(caught.value)
    assert "half made" in message and "move it aside" in message and str(db) in message
    with sqlite3.connect(db) as connection:  # nothing was dropped
        assert connection.execute("SELECT text FROM documents").fetchall() == [("kept",)]


# -- fault 2: several processes open a new store at once -----------------------------


def _race(url: str, tmp_path: Path, n: int = 6) -> list[subprocess.CompletedProcess]:
    go = tmp_path / f"go-{uuid.uuid4().hex}"
    ready = tmp_path / f"ready-{uuid.uuid4().hex}"
    ready.mkdir()
    args = [sys.executable, SCRIPT, url, "--go", str(go)]
    children = [
        subprocess.Popen(
            [*args, "--ready", str(ready / f"{k}"), "--add", f"racer {k}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(n)
    ]
    deadline = time.monotonic() + 60
    while len(list(ready.iterdir())) < n and time.monotonic() < deadline:
        time.sleep(0.01)  # every child has imported zopa and waits at the starting line
    go.touch()
    results = []
    for child in children:
        out, err = child.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(child.args, child.returncode, out, err))
    return results


def test_processes_opening_a_new_sqlite_store_at_once_all_succeed(tmp_path):
    db = tmp_path / "race" / "evidence.sqlite3"
    db.parent.mkdir()
    results = _race(str(db), tmp_path)
    assert [r.returncode for r in results] == [0] * len(results), [r.stderr for r in results]
    with Store(str(db)) as store:
        assert sorted(d.text for d in store.documents()) == [f"racer {k}" for k in range(6)]


@pytest.mark.skipif(
    not os.environ.get("ZOPA_TEST_POSTGRES_URL"),
    reason="set ZOPA_TEST_POSTGRES_URL=postgresql://... to test PostgreSQL",
)
def test_processes_opening_a_new_postgresql_store_at_once_all_succeed(tmp_path):
    admin_url = sa.engine.make_url(os.environ["ZOPA_TEST_POSTGRES_URL"]).set(
        drivername="postgresql+psycopg"
    )
    name = f"zopa_race_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        url = admin_url.set(database=name).render_as_string(hide_password=False)
        results = _race(url, tmp_path)
        assert [r.returncode for r in results] == [0] * len(results), [r.stderr for r in results]
        with Store(url) as store:
            assert sorted(d.text for d in store.documents()) == [f"racer {k}" for k in range(6)]
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


# -- fault 4: a missing store is not made by reading, and a read-only one is readable --


def test_opening_a_missing_store_without_create_says_so_and_makes_nothing(tmp_path):
    db = tmp_path / "typo" / "evidnce.sqlite3"
    with pytest.raises(EvidenceError) as caught:
        Store(str(db), create=False)
    assert caught.value.exit_code == 2
    assert f"no evidence store at {db}" in str(caught.value)
    assert not db.parent.exists()
    with pytest.raises(EvidenceError, match="no evidence store at"):
        Store(f"sqlite:///{db}", create=False)
    assert not db.parent.exists()


def test_a_database_without_the_schema_is_not_a_store_for_reading(tmp_path):
    db = tmp_path / "other.sqlite3"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(EvidenceError, match="holds no evidence store"):
        Store(str(db), create=False)
    assert _tables(db) == {"notes"}  # reading added nothing


def _make_store(folder: Path) -> Path:
    db = folder / "evidence.sqlite3"
    with Store(str(db)) as store:
        store.add("North insists on the south bank.", DocumentMeta(title="kept"))
    return db


def test_a_store_in_a_folder_that_cannot_be_written_is_read(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = _make_store(folder)
    before = sorted(p.name for p in folder.iterdir())
    if os.geteuid() != 0:
        folder.chmod(0o555)  # a real read-only folder
    else:  # root writes anywhere: tell the store the folder is read-only
        real_access = os.access
        monkeypatch.setattr(
            store_module.os,
            "access",
            lambda p, mode: False if Path(p) == folder and mode & os.W_OK else real_access(p, mode),
        )
    try:
        with Store(str(db), create=False) as store:
            assert [d.meta.title for d in store.documents()] == ["kept"]
            assert store.read_only
            with pytest.raises(EvidenceError, match="read-only"):
                store.add("Another text.")
    finally:
        folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == before  # no -wal, -shm or lock made
