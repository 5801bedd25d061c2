"""The scenario model: parties, issues, options, preferences and their sources."""

from zopa.model.generate import *  # noqa: F403
from zopa.model.generate import __all__ as _generate_all
from zopa.model.io import *  # noqa: F403
from zopa.model.io import __all__ as _io_all
from zopa.model.types import *  # noqa: F403
from zopa.model.types import __all__ as _types_all

__all__ = [*_types_all, *_io_all, *_generate_all]
