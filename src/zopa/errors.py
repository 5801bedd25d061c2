"""The project's exceptions, one shallow tree.

Answers are not errors: an empty feasible set gives ``0`` or ``None``, never an
exception. These classes are for input a user can fix (``exit_code = 2``) and
for failures of the tool's surroundings (``exit_code = 1``).
"""

from __future__ import annotations

__all__ = [
    "EvidenceError",
    "LimitReachedError",
    "ScenarioError",
    "ScenarioWarning",
    "SchedulerError",
    "SpaceTooLargeError",
    "UnknownNameError",
    "ZopaError",
]


class ZopaError(Exception):
    """Base class of every error zopa raises on purpose."""

    exit_code: int = 1


class ScenarioError(ZopaError, ValueError):
    """A scenario file or object is malformed: the message names where and what."""

    exit_code = 2


class UnknownNameError(ZopaError, LookupError):
    """A name (scenario, party, issue, option, source) that does not exist."""

    exit_code = 2


class SpaceTooLargeError(ZopaError, ValueError):
    """A computation would exceed a stated limit (memory or a user-given cap)."""

    exit_code = 2


class LimitReachedError(SpaceTooLargeError):
    """A computation stopped at a limit: time, memory, or a solver's tolerance.

    ``reason`` says which (``"timeout"``, ``"memory"``, ``"tolerance"``,
    ``"solver"``; the merge's own limits also ``"points"`` and ``"pace"``), so a
    caller can report it in its own terms.
    """

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class EvidenceError(ZopaError):
    """Ingestion or extraction failed on a document, or the store is unusable."""

    exit_code = 2


class SchedulerError(ZopaError):
    """A Dask scheduler given by address cannot be reached or fails the work."""

    exit_code = 2


class ScenarioWarning(UserWarning):
    """A scenario that is valid but probably not what its author meant (one party).

    The command line prints it as ``zopa: warning: <where>: <what>`` on stderr.
    """
