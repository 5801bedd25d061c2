"""Simulated negotiation: protocols for any number of parties, run in vectorised batches.

:func:`simulate` is the front door; :mod:`~zopa.simulate.strategies` says how each
party concedes, :mod:`~zopa.simulate.protocols` how offers go round, and
:mod:`~zopa.simulate.candidates` which packages can be offered.
"""

from zopa.simulate.candidates import *  # noqa: F403
from zopa.simulate.candidates import __all__ as _candidates_all
from zopa.simulate.simulation import *  # noqa: F403
from zopa.simulate.simulation import __all__ as _simulation_all
from zopa.simulate.strategies import *  # noqa: F403
from zopa.simulate.strategies import __all__ as _strategies_all

__all__ = [*_candidates_all, *_simulation_all, *_strategies_all]
