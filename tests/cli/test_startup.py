"""The CLI starts without the libraries only some commands need."""

from __future__ import annotations

import subprocess
import sys

# Each is imported where it is used: SciPy's solvers by the MILP method, FastAPI by
# `zopa serve`, Alembic when a store is opened.
LOADED_ON_USE = ("scipy.optimize", "fastapi", "alembic")


def test_loading_the_cli_leaves_the_heavy_libraries_unloaded():
    probe = f"import sys, zopa.cli.app; print([m for m in {LOADED_ON_USE!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_web_package_still_offers_create_app():
    import zopa.web

    assert callable(zopa.web.create_app)
    assert "create_app" in zopa.web.__all__
