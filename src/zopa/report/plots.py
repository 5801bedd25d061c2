"""Plotly figures of the Pareto frontier, as plain JSON-ready dicts.

Two parties' utilities as a scatter, or all parties as parallel coordinates.
Packages on the frontier of the space with red lines and reservation values
ignored are drawn grey; the feasible frontier in colour; the bargaining points
marked. The figures are data (no plotly Python objects), so the same dict goes
into the HTML report and the web app's JSON API.

A large frontier is thinned before plotting: drawing thousands of parallel-
coordinates lines (WebGL) takes seconds in a browser without a GPU, which the
what-if panel cannot afford. Each party's best and worst point is kept, the
rest is sampled evenly along the frontier's order (deterministic), and the
title says how many points are shown; the bargaining points are always drawn.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from zopa.space import Frontier, Solution

__all__ = ["MAX_PLOTTED", "RULES", "pair_figure", "parallel_figure", "thinned"]

MAX_PLOTTED = 500  # points per layer, of a frontier sorted by utilitarian sum
RULES = (
    ("nash", "Nash", "#d62728", "star"),
    ("kalai_smorodinsky", "Kalai–Smorodinsky", "#9467bd", "diamond"),
    ("utilitarian", "utilitarian", "#2ca02c", "square"),
    ("egalitarian", "egalitarian", "#ff7f0e", "triangle-up"),
)
_GREY = "#c7c7c7"
_FEASIBLE = "#1f77b4"


def thinned(utilities: np.ndarray, limit: int = MAX_PLOTTED) -> np.ndarray:
    """Indices (ascending) of at most ``limit`` rows of ``utilities`` to plot.

    Parameters
    ----------
    utilities : numpy.ndarray
        One row per frontier point, one column per party.
    limit : int
        The most rows to keep.

    Returns
    -------
    numpy.ndarray
        Every row when there are at most ``limit``; otherwise each party's best
        and worst row, then rows evenly spaced along the given order.
    """
    n = len(utilities)
    if n <= limit:
        return np.arange(n)
    extremes = np.union1d(np.argmax(utilities, axis=0), np.argmin(utilities, axis=0))[:limit]
    rest = np.setdiff1d(np.arange(n), extremes)
    wanted = limit - len(extremes)
    # Evenly spaced over the rest; with a step of at least one the picks are distinct.
    picks = np.floor(np.arange(wanted) * ((len(rest) - 1) / max(wanted - 1, 1))).astype(int)
    return np.union1d(extremes, rest[picks])


def _rows(frontier: Frontier | None) -> list[list[float]]:
    if frontier is None:
        return []
    rows = frontier.utilities[thinned(frontier.utilities)]
    return [[round(float(u), 6) for u in row] for row in rows]


def _shown(title: str, *layers: Frontier | None) -> str:
    total = sum(len(f) for f in layers if f is not None)
    shown = sum(len(thinned(f.utilities)) for f in layers if f is not None)
    return f"{title}<br><sub>{shown:,} of {total:,} frontier points shown</sub>"


def pair_figure(
    parties: tuple[str, ...],
    pair: tuple[str, str],
    feasible: Frontier | None,
    unconstrained: Frontier | None,
    points: dict[str, Solution | None],
    title: str,
) -> dict[str, Any]:
    """A scatter of two parties' utilities on the frontier, bargaining points marked."""
    x, y = (parties.index(p) for p in pair)
    data: list[dict[str, Any]] = []
    grey = _rows(unconstrained)
    if grey:
        data.append(
            _scatter("red lines ignored (infeasible)", grey, x, y, _GREY, "circle", 5, pair)
        )
    data.append(_scatter("feasible frontier", _rows(feasible), x, y, _FEASIBLE, "circle", 7, pair))
    for key, label, colour, symbol in RULES:
        point = points.get(key)
        if point is not None:
            row = [[round(point.utilities[p], 6) for p in parties]]
            data.append(_scatter(label, row, x, y, colour, symbol, 15, pair))
    layout = {
        "title": {"text": _shown(title, feasible, unconstrained)},
        "xaxis": {"title": {"text": f"{pair[0]} utility"}, "range": [-0.02, 1.02]},
        "yaxis": {"title": {"text": f"{pair[1]} utility"}, "range": [-0.02, 1.02]},
        "legend": {"orientation": "h", "y": -0.2},
        "margin": {"t": 50, "l": 60, "r": 20, "b": 40},
        "height": 480,
    }
    return {"data": data, "layout": layout}


def _scatter(
    name: str,
    rows: list[list[float]],
    x: int,
    y: int,
    colour: str,
    symbol: str,
    size: int,
    pair: tuple[str, str],
) -> dict[str, Any]:
    return {
        "type": "scatter",
        "mode": "markers",
        "name": name,
        "x": [r[x] for r in rows],
        "y": [r[y] for r in rows],
        "marker": {"color": colour, "symbol": symbol, "size": size},
        "hovertemplate": f"{name}<br>{pair[0]} %{{x:.3f}}<br>{pair[1]} %{{y:.3f}}<extra></extra>",
    }


def parallel_figure(
    parties: tuple[str, ...],
    feasible: Frontier | None,
    unconstrained: Frontier | None,
    points: dict[str, Solution | None],
    title: str,
) -> dict[str, Any]:
    """Parallel coordinates over every party's utility: one line per frontier point.

    Line colour codes the layer: 0 grey (red lines ignored), 1 the feasible
    frontier, 2 to 5 the bargaining points in the order of :data:`RULES`.
    """
    rows: list[list[float]] = []
    codes: list[int] = []
    for code, layer in ((0, _rows(unconstrained)), (1, _rows(feasible))):
        rows += layer
        codes += [code] * len(layer)
    for code, (key, _label, _colour, _symbol) in enumerate(RULES, start=2):
        point = points.get(key)
        if point is not None:
            rows.append([round(point.utilities[p], 6) for p in parties])
            codes.append(code)
    colours = [_GREY, _FEASIBLE, *(c for _k, _l, c, _s in RULES)]
    scale = [[i / (len(colours) - 1), c] for i, c in enumerate(colours)]
    trace = {
        "type": "parcoords",
        "line": {"color": codes, "colorscale": scale, "cmin": 0, "cmax": len(colours) - 1},
        "dimensions": [
            {"label": party, "range": [0, 1], "values": [r[i] for r in rows]}
            for i, party in enumerate(parties)
        ],
    }
    names = ("grey", "blue", "red", "purple", "green", "orange")
    legend = "; ".join(
        f"{name}: {label}" for name, label in zip(names, _legend_labels(), strict=True)
    )
    layout = {
        "title": {"text": _shown(title, feasible, unconstrained)},
        "annotations": [
            {
                "text": legend,
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.12,
                "font": {"size": 11},
            }
        ],
        "margin": {"t": 80, "l": 60, "r": 60, "b": 60},
        "height": 460,
    }
    return {"data": [trace], "layout": layout}


def _legend_labels() -> list[str]:
    return ["red lines ignored", "feasible", *(label for _k, label, _c, _s in RULES)]
