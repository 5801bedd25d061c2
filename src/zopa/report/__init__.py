"""The HTML report: the agreement space and the evidence behind it, in one offline file.

:func:`report_content` gathers what is shown (also served by :mod:`zopa.web`),
:func:`render_report` turns it into HTML, :func:`write_report` does both and
writes the file. :func:`simulation_content` adds simulated talks.
:func:`apply_whatif` changes a scenario for what-if analyses.
"""

from zopa.report.content import *  # noqa: F403
from zopa.report.content import __all__ as _content_all
from zopa.report.forecast import *  # noqa: F403
from zopa.report.forecast import __all__ as _forecast_all
from zopa.report.render import *  # noqa: F403
from zopa.report.render import __all__ as _render_all
from zopa.report.simulation import *  # noqa: F403
from zopa.report.simulation import __all__ as _simulation_all
from zopa.report.whatif import *  # noqa: F403
from zopa.report.whatif import __all__ as _whatif_all

__all__ = [*_content_all, *_forecast_all, *_render_all, *_simulation_all, *_whatif_all]
