"""Other tools' negotiation formats in and out: GENIUS XML, LLM-Deliberation games."""

from zopa.interop.deliberation import *  # noqa: F403
from zopa.interop.deliberation import __all__ as _deliberation_all
from zopa.interop.genius import *  # noqa: F403
from zopa.interop.genius import __all__ as _genius_all

__all__ = [*_deliberation_all, *_genius_all]
