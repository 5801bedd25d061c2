"""Exact analysis of a scenario's agreement space.

One front door per question: :func:`analyze` for everything at once, or
:func:`pareto_frontier`, :func:`count_feasible`, :func:`is_feasible`,
:func:`nash_point` (and the other bargaining points) and
:func:`minimal_concessions` on their own. Each takes a :class:`~zopa.model.Scenario`.
"""

from zopa.space.analysis import *  # noqa: F403
from zopa.space.analysis import __all__ as _analysis_all
from zopa.space.concessions import *  # noqa: F403
from zopa.space.concessions import __all__ as _concessions_all
from zopa.space.count import *  # noqa: F403
from zopa.space.count import __all__ as _count_all
from zopa.space.frontier import *  # noqa: F403
from zopa.space.frontier import __all__ as _frontier_all
from zopa.space.history import *  # noqa: F403
from zopa.space.history import __all__ as _history_all
from zopa.space.prune import *  # noqa: F403
from zopa.space.prune import __all__ as _prune_all
from zopa.space.reweight import *  # noqa: F403
from zopa.space.reweight import __all__ as _reweight_all
from zopa.space.solutions import *  # noqa: F403
from zopa.space.solutions import __all__ as _solutions_all

__all__ = [
    *_analysis_all,
    *_concessions_all,
    *_count_all,
    *_frontier_all,
    *_history_all,
    *_prune_all,
    *_reweight_all,
    *_solutions_all,
]
