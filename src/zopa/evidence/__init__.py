"""Evidence: articles in, sourced claims out, and checks of a scenario against them."""

from zopa.evidence.types import *  # noqa: F403
from zopa.evidence.types import __all__ as _types_all

__all__ = [*_types_all]
