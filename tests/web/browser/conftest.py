"""Headless Chromium (Debian's package) driven by Playwright, and the app on a free port.

Playwright is pointed at the system browser (no browser download). Where no
Chromium is installed the browser tests skip and say why; `.ci/run` installs it.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.report.hostile import hostile_store
from zopa.evidence.extract import get_extractor
from zopa.evidence.ingest import ingest
from zopa.model import load_builtin
from zopa.web import create_app

# The flags a closed network needs: no background connections, no first-run work.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE_DIR = Path(__file__).resolve().parents[2] / "evidence" / "data" / "hostile"


def chromium_path() -> str | None:
    """The system Chromium: $ZOPA_CHROMIUM, else chromium on the PATH."""
    found = os.environ.get("ZOPA_CHROMIUM") or shutil.which("chromium")
    found = found or shutil.which("chromium-browser")
    return found if found and Path(found).exists() else None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium found (apt-get install chromium; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, tmp_path):
    """A fresh page that records console errors and dialogs (none may appear)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    tab = context.new_page()
    tab.errors = []
    tab.dialogs = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))

    def on_dialog(dialog):
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.shot = lambda name: tab.screenshot(path=str(tmp_path / f"{name}.png"), full_page=False)
    yield tab
    context.close()


def _hostile_fixtures() -> list[Path]:
    own = [Path(__file__).resolve().parents[2] / "report" / "data" / "hostile_talks.html"]
    theirs = sorted(p for p in HOSTILE_DIR.glob("*") if p.is_file()) if HOSTILE_DIR.is_dir() else []
    return own + theirs


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """The app on 127.0.0.1 with a store holding every hostile fixture; yields (url, store)."""
    import uvicorn

    folder = tmp_path_factory.mktemp("served")
    store, doc_id = hostile_store(f"sqlite:///{folder}/served.sqlite3")
    report = ingest(
        store,
        _hostile_fixtures()[1:],
        scenario=load_builtin("tiny"),
        extractor=get_extractor("rules"),
    )
    app = create_app(store)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store, doc_id, report
    server.should_exit = True
    thread.join(timeout=10)
    store.close()
