"""Forecasts of how talks end: Bueno de Mesquita's expected-utility model and Monte Carlo."""

from zopa.forecast.bdm import *  # noqa: F403
from zopa.forecast.bdm import __all__ as _bdm_all

__all__ = [*_bdm_all]
