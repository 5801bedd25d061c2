"""What one web request may ask for, and the shared shape of its answers.

The forecast and simulation pages cap their counts so a request stays within
seconds. Each cap is checked here with one wording (``name: from LOW to HIGH per
request here (got N)``), raised as :class:`ScenarioError`, which a page shows in
its form and an API endpoint answers as 422.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse, Response

from zopa.errors import ScenarioError, ZopaError

__all__ = ["MAX_SEED", "answer_or_422", "check_count", "check_seed", "check_work", "serve_script"]

MAX_SEED = 2**32 - 1  # numpy's legacy seeds; larger ones are refused, not wrapped
_STATIC = Path(__file__).parent / "static"


def check_seed(seed: int) -> None:
    """:class:`ScenarioError` unless ``seed`` is a whole number numpy accepts."""
    if not 0 <= seed <= MAX_SEED:
        raise ScenarioError(f"seed: a whole number from 0 to {MAX_SEED:,} (got {seed:,})")


def check_count(name: str, value: int, low: int, high: int, beyond: str = "") -> None:
    """:class:`ScenarioError` unless ``low <= value <= high``; ``beyond`` says where more runs."""
    if not low <= value <= high:
        tail = f"; {beyond}" if beyond else ""
        raise ScenarioError(
            f"{name}: from {low:,} to {high:,} per request here (got {value:,}){tail}"
        )


def check_work(name: str, first: int, second: int, cap: int, beyond: str) -> None:
    """:class:`ScenarioError` when ``first x second`` passes ``cap`` (the request's work)."""
    if first * second > cap:
        raise ScenarioError(
            f"{name}: at most {cap:,} per request here (got {first:,} x {second:,}); {beyond}"
        )


def answer_or_422(compute: Callable[[], Any], *errors: type[ZopaError]) -> Any:
    """``compute()``'s answer, or ``{"error": message}`` with status 422 for ``errors``."""
    try:
        return compute()
    except (ScenarioError, *errors) as error:
        return JSONResponse({"error": str(error)}, status_code=422)


def serve_script(router: APIRouter | FastAPI, name: str, summary: str) -> None:
    """Add ``GET /static/NAME``, the page script of that name in ``zopa/web/static``."""

    def script() -> Response:
        text = (_STATIC / name).read_text(encoding="utf-8")
        return Response(text, media_type="application/javascript")

    router.add_api_route(f"/static/{name}", script, methods=["GET"], summary=summary)
