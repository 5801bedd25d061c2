"""Other tools' negotiation formats in and out: GENIUS, GeniusWeb, LLM-Deliberation."""

from zopa.interop.deliberation import *  # noqa: F403
from zopa.interop.deliberation import __all__ as _deliberation_all
from zopa.interop.genius import *  # noqa: F403
from zopa.interop.genius import __all__ as _genius_all
from zopa.interop.geniusweb import *  # noqa: F403
from zopa.interop.geniusweb import __all__ as _geniusweb_all

__all__ = [*_deliberation_all, *_genius_all, *_geniusweb_all]
