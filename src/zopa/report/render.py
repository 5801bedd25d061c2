"""Render report content as one self-contained HTML file.

Jinja2 with autoescaping on: every string from a scenario or an article is
escaped, so markup in them shows as text. Plotly's JavaScript (shipped inside
the ``plotly`` package) is inlined, so the file works offline.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2

from zopa.errors import ZopaError
from zopa.evidence import Store
from zopa.model import Scenario
from zopa.report.content import ReportOptions, report_content

__all__ = ["environment", "plotly_js", "render_report", "write_report"]


@functools.cache
def environment() -> jinja2.Environment:
    """The template environment shared by the report and the web app."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("zopa.report", "templates"),
        autoescape=True,  # every template, whatever its name ends with
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["count"] = lambda n: f"{n:,}" if n < 10**12 else f"{n:.3e}"
    env.filters["utility"] = lambda u: f"{u:.3f}"
    return env


@functools.cache
def plotly_js() -> str:
    """plotly.js as shipped by the plotly package (no network)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def render_report(content: dict[str, Any]) -> str:
    """The report as HTML text; the same content gives the same bytes."""
    # A literal "</script" inside plotly.js would end the inline script early.
    script = plotly_js().replace("</script", "<\\/script")
    template = environment().get_template("report.html.j2")
    return template.render(c=content, plotly_js=script)


def write_report(
    scenario: Scenario,
    path: str | Path,
    store: Store | None = None,
    options: ReportOptions | None = None,
) -> Path:
    """Analyse ``scenario``, render the report and write it to ``path``."""
    html = render_report(report_content(scenario, store, options))
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as error:
        raise ZopaError(f"{path}: cannot write the report: {error.strerror or error}") from None
    return path
