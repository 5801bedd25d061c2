"""Forecasts of how talks end: Bueno de Mesquita's expected-utility model and Monte Carlo."""

from zopa.forecast.bdm import *  # noqa: F403
from zopa.forecast.bdm import __all__ as _bdm_all
from zopa.forecast.inputs import *  # noqa: F403
from zopa.forecast.inputs import __all__ as _inputs_all
from zopa.forecast.montecarlo import *  # noqa: F403
from zopa.forecast.montecarlo import __all__ as _montecarlo_all
from zopa.forecast.scenario import *  # noqa: F403
from zopa.forecast.scenario import __all__ as _scenario_all

__all__ = [*_bdm_all, *_inputs_all, *_montecarlo_all, *_scenario_all]
