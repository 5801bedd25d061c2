"""The local web app: the report's content live, claims, articles, what-ifs, a JSON API.

:func:`create_app` builds the FastAPI application; ``zopa serve`` runs it with
uvicorn. See :mod:`zopa.web.security` for who may connect.
"""

from __future__ import annotations

from typing import Any

from zopa.web.security import COOKIE, TOKEN_ENV, TokenMiddleware, check_bind, is_loopback

__all__ = ["COOKIE", "TOKEN_ENV", "TokenMiddleware", "check_bind", "create_app", "is_loopback"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported with the app, not with the package, so that the CLI's
    # other commands start without it.
    if name == "create_app":
        from zopa.web.app import create_app

        return create_app
    raise AttributeError(f"module 'zopa.web' has no attribute {name!r}")
