"""Exact analysis of a scenario's agreement space."""

from zopa.space.frontier import *  # noqa: F403
from zopa.space.frontier import __all__ as _frontier_all

__all__ = [*_frontier_all]
