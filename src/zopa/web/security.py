"""Who may use the app: localhost by default, a token for anything else.

Binding to an address other than loopback without a token would hand the store
(and uploads into it) to anyone who can reach the port, so :func:`check_bind`
refuses it. With a token, every request must carry it: an ``Authorization:
Bearer`` header, or the ``zopa_token`` cookie that a first visit with
``?token=...`` sets.
"""

from __future__ import annotations

import hmac
import ipaddress

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from zopa.errors import ZopaError

__all__ = ["COOKIE", "TOKEN_ENV", "TokenMiddleware", "check_bind", "is_loopback"]

TOKEN_ENV = "ZOPA_TOKEN"
COOKIE = "zopa_token"


class BindError(ZopaError):
    """``zopa serve`` asked to listen beyond localhost without a token."""

    exit_code = 2


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen on ``host`` beyond loopback unless a token is set.

    Raises
    ------
    ZopaError
        (exit code 2) naming the host and how to give a token.

    Examples
    --------
    >>> check_bind("127.0.0.1", None)
    >>> check_bind("0.0.0.0", None)
    Traceback (most recent call last):
    ...
    zopa.web.security.BindError: --host 0.0.0.0: listening beyond localhost needs a token ...
    """
    if is_loopback(host) or token:
        return
    raise BindError(
        f"--host {host}: listening beyond localhost needs a token (--token T or ${TOKEN_ENV}), "
        "since anyone who reaches the port could read the store and upload into it"
    )


class TokenMiddleware(BaseHTTPMiddleware):
    """Check the token on every request (header, cookie, or ``?token=`` once)."""

    def __init__(self, app: object, token: str) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self._token = token.encode("utf-8")

    def _matches(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode("utf-8"), self._token)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        header = request.headers.get("authorization", "")
        bearer = header[7:] if header.lower().startswith("bearer ") else None
        if self._matches(bearer) or self._matches(request.cookies.get(COOKIE)):
            return await call_next(request)
        if self._matches(request.query_params.get("token")):
            # Set the cookie and drop the token from the address bar (and from history).
            query = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            url = request.url.replace_query_params(**dict(query)) if query else request.url
            target = str(url.remove_query_params("token"))
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(
                COOKIE, self._token.decode("utf-8"), httponly=True, samesite="strict"
            )
            return response
        return PlainTextResponse(
            "zopa: a token is required (Authorization: Bearer T, or open the app with ?token=T)",
            status_code=401,
        )
