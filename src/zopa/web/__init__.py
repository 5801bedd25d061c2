"""The local web app: the report's content live, claims, articles, what-ifs, a JSON API.

:func:`create_app` builds the FastAPI application; ``zopa serve`` runs it with
uvicorn. See :mod:`zopa.web.security` for who may connect.
"""

from zopa.web.app import *  # noqa: F403
from zopa.web.app import __all__ as _app_all
from zopa.web.security import *  # noqa: F403
from zopa.web.security import __all__ as _security_all

__all__ = [*_app_all, *_security_all]
