"""Benchmark zopa against NegMAS's fastest exact frontier tool for each party count.

``space_vs_negmas.py`` compares against NegMAS's generic ``pareto_frontier``. For
two parties with linear-additive utilities NegMAS also ships an exact builder
that never enumerates the outcomes, ``MOBANOSParetoSampler`` (an iterative
Pareto construction over the issues); for three or more parties its documented
fastest path is ``pareto_frontier`` from the ufuns and issues (its docstring: faster
than enumerating the outcomes and calling ``pareto_frontier_numpy``). This script
times each against zopa on the same random linear-additive scenarios
(:func:`zopa.model.random_scenario`, 10 options per issue, no red lines or
reservation values) and compares everything both report:

* frontier: zopa's ``pareto_frontier`` from the scenario, twice per repeat on a
  new (equal) scenario object: the first call compiles the scenario's integer
  tables, the second reuses them (zopa keeps them per scenario object, as NegMAS
  keeps its ufuns, which are built outside its timing); NegMAS's builder from
  the ufuns (``MOBANOSParetoSampler.init`` included), then each returned
  outcome's utility vector;
* the four bargaining points: zopa's ``nash_point``, ``kalai_smorodinsky_point``,
  ``utilitarian_point`` and ``egalitarian_point`` on its frontier; NegMAS's
  ``nash_points``, ``ks_points``, ``max_welfare_points`` and ``kalai_points`` (the
  egalitarian, max-min, point in NegMAS's naming) on its frontier, with
  ``ranges=[(0, best_i)]`` (gains from 0, Kalai-Smorodinsky relative to each
  party's best frontier utility, as zopa measures them);
* the frontier (distinct vectors within 1e-9), the packages on it and the
  multiplicity of each vector (NegMAS's ``pareto_frontier`` keeps one outcome
  per vector; MOBANOS keeps every tied outcome), and each point's utilities
  (zopa's within 1e-9 of one of NegMAS's tied points).

Each tool runs each case in a fresh subprocess and repeats it (up to 100 times,
within about 1 s); the tools take turns for up to 3 such rounds (fewer where a
repeat takes over 5 s), so that a change of the machine's load reaches both, and
the table gives the median of all repeats. Values have 3 decimals
(``random_scenario``'s default); ``coarse`` rows round them to 1 decimal, so
many packages tie and the multiplicities matter.

NegMAS (AGPL) is never a dependency of zopa: it lives in the throwaway venv
``benchmarks/.peer-venv/`` (made on first use, shared with ``space_vs_negmas.py``)
and runs ``_negmas_peer.py`` there, with the scenario passed as JSON.

Usage::

    .venv/bin/python benchmarks/points_vs_negmas.py             # ~2 min
    .venv/bin/python benchmarks/points_vs_negmas.py --no-readme

The table is printed and written into the ``## Frontier and points against
NegMAS's fastest tools`` section of ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from _common import (
    PEER_SCRIPT,
    README,
    TOLERANCE,
    distinct,
    ensure_peer,
    markdown_table,
    peer_payload,
    ratio,
    run_json,
    scenario,
    write_section,
)

__all__ = ["Case", "compare", "main", "run_zopa"]

SECTION = "## Frontier and points against NegMAS's fastest tools"
RULES = ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian")
REPEATS, BUDGET_S = 100, 1.0  # per round: up to 100 repeats while they take under 1 s
ROUNDS = 3  # zopa, NegMAS, zopa, ... so that a change of load hits both tools
LONG_S = 5.0  # no further rounds for a case whose repeats take longer than this


@dataclass(frozen=True, slots=True)
class Case:
    """One scenario: parties, issues (10 options each), value decimals, seed."""

    parties: int
    issues: int
    decimals: int
    seed: int

    @property
    def job(self) -> dict[str, Any]:
        return {
            "parties": self.parties,
            "issues": self.issues,
            "decimals": self.decimals,
            "seed": self.seed,
        }


# --- the zopa worker (a subprocess of this interpreter) -------------------------


def _zopa_worker() -> None:
    from zopa.space import (
        egalitarian_point,
        kalai_smorodinsky_point,
        nash_point,
        pareto_frontier,
        utilitarian_point,
    )

    functions = {
        "nash": nash_point,
        "kalai_smorodinsky": kalai_smorodinsky_point,
        "utilitarian": utilitarian_point,
        "egalitarian": egalitarian_point,
    }
    job = json.load(sys.stdin)
    case = scenario(job["parties"], job["issues"], job["seed"], job["decimals"])
    first_s: list[float] = []  # a new scenario object: compiling its tables included
    frontier_s: list[float] = []  # the same object again: its compiled tables reused
    points_s: list[float] = []
    while len(frontier_s) < REPEATS and sum(first_s) + sum(frontier_s) + sum(points_s) < BUDGET_S:
        fresh = case.model_copy()  # equal, but another object
        start = time.perf_counter()
        pareto_frontier(fresh)
        first = time.perf_counter()
        frontier = pareto_frontier(fresh)
        middle = time.perf_counter()
        points = {rule: f(frontier) for rule, f in functions.items()}
        end = time.perf_counter()
        first_s.append(first - start)
        frontier_s.append(middle - first)
        points_s.append(end - middle)
    json.dump(
        {
            "first_seconds": first_s,
            "frontier_seconds": frontier_s,
            "points_seconds": points_s,
            "frontier": frontier.utilities.tolist(),
            "counts": [int(m) for m in frontier.multiplicity],
            "points": {
                rule: [] if p is None else [list(p.utilities.values())]
                for rule, p in points.items()
            },
        },
        sys.stdout,
    )


# --- running ----------------------------------------------------------------------


def run_zopa(case: Case, timeout: float = 300.0) -> dict[str, Any]:
    """zopa's frontier, multiplicities and points for ``case``, in a subprocess."""
    return run_json([sys.executable, str(Path(__file__).resolve()), "--worker"], case.job, timeout)


def _peer_payload(case: Case) -> dict[str, Any]:
    job = case.job
    made = scenario(job["parties"], job["issues"], job["seed"], job["decimals"])
    return {"task": "points", "repeats": REPEATS, "budget_s": BUDGET_S, **peer_payload(made)}


def run_negmas(python: Path, case: Case, timeout: float = 600.0) -> dict[str, Any]:
    """NegMAS's frontier, counts and points for ``case``, in the peer venv."""
    return run_json([str(python), str(PEER_SCRIPT)], _peer_payload(case), timeout)


# --- comparing --------------------------------------------------------------------


def compare(mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, str]:
    """Frontier, multiplicities and each point: "yes" or what differs."""
    a, ma = distinct(mine["frontier"], mine["counts"])
    b, mb = distinct(theirs["frontier"], theirs["counts"])
    out: dict[str, str] = {}
    match = _matches(a, b)
    extra = np.setdiff1d(np.arange(len(b)), match[match >= 0])
    if (match < 0).any():
        out["frontier"] = f"no (NegMAS lacks {int((match < 0).sum())} of zopa's vectors)"
    elif len(extra) and _dominated(b[extra], a).all():
        out["frontier"] = f"NegMAS has {len(extra)} more, each dominated‡"
    elif len(extra):
        out["frontier"] = f"no (NegMAS has {len(extra)} more vectors)"
    else:
        out["frontier"] = "yes"
    if (match < 0).any():
        out["multiplicities"] = "-"
    elif np.array_equal(ma, mb[match]):
        out["multiplicities"] = "yes"
    elif (mb == 1).all():
        out["multiplicities"] = "NegMAS keeps one outcome per vector"
    else:
        out["multiplicities"] = f"no ({int(ma.sum()):,} against {int(mb[match].sum()):,})"
    for rule in RULES:
        zopa_point, peer_points = mine["points"][rule], theirs["points"][rule]
        if not zopa_point or not peer_points:
            out[rule] = "yes" if not zopa_point and not peer_points else "no (one tool has none)"
            continue
        u = np.asarray(zopa_point[0])
        close = any(np.abs(u - np.asarray(p)).max() <= TOLERANCE for p in peer_points)
        if close:
            out[rule] = "yes"
        elif rule == "kalai_smorodinsky" and _ks_definitions_differ(a, u, peer_points):
            out[rule] = "other definition†"
        else:
            out[rule] = f"no (zopa {np.round(u, 6).tolist()})"
    return out


def _matches(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each row of ``a``, the row of ``b`` within 1e-9 of it (-1: none)."""
    if len(a) == 0 or len(b) == 0:
        return np.full(len(a), -1)
    out = np.full(len(a), -1)
    for i, row in enumerate(a):
        close = np.flatnonzero(np.abs(b - row).max(axis=1) <= TOLERANCE)
        if len(close):
            out[i] = close[0]
    return out


def _dominated(rows: np.ndarray, by: np.ndarray) -> np.ndarray:
    """Whether each row is dominated by a row of ``by``: no worse than 1e-9 in
    every utility, better by more than 1e-9 in one."""
    return np.array(
        [
            bool(((by >= r - TOLERANCE).all(axis=1) & (by > r + TOLERANCE).any(axis=1)).any())
            for r in rows
        ],
        dtype=bool,
    )


def _ks_definitions_differ(frontier: np.ndarray, mine: np.ndarray, theirs: list) -> bool:
    """Whether both K–S answers are optimal, each under its own tool's definition.

    zopa maximises the smallest ratio of gain to the party's best; NegMAS's
    ``ks_points`` minimises the spread (largest minus smallest) of those ratios.
    On a discrete frontier the two can pick different points.
    """
    best = frontier.max(axis=0)
    ratios = frontier / best
    smallest = ratios.min(axis=1).max()
    spread = (ratios.max(axis=1) - ratios.min(axis=1)).min()
    mine_ok = (mine / best).min() >= smallest - TOLERANCE
    theirs_ok = all(np.ptp(np.asarray(p) / best) <= spread + TOLERANCE for p in theirs)
    return bool(mine_ok and theirs_ok)


# --- the table ----------------------------------------------------------------------


def _ms(seconds: float) -> str:
    ms = seconds * 1e3
    return f"{ms:.2g} ms" if ms < 10 else f"{ms:,.0f} ms"


HEADER = [
    "parties",
    "outcomes",
    "values",
    "NegMAS tool",
    "frontier vectors",
    "packages on it",
    "zopa frontier: first call / again",
    "NegMAS frontier",
    "ratio: first / again",
    "zopa 4 points",
    "NegMAS 4 points",
    "ratio",
    "total ratio: first / again",
    "same frontier",
    "same multiplicities",
    "same points (Nash, K–S, utilitarian, egalitarian)",
]
SAME = HEADER.index("same frontier")  # the columns from here on are the checks


def _medians(mine: dict[str, Any], theirs: dict[str, Any]) -> list[float]:
    """zopa's first-call frontier, second frontier and points; NegMAS's frontier and points."""
    keys = [(mine, "first_seconds"), (mine, "frontier_seconds"), (mine, "points_seconds")]
    keys += [(theirs, "frontier_seconds"), (theirs, "points_seconds")]
    return [statistics.median(answer[k]) for answer, k in keys]


def _summary(results: list[tuple[Case, dict[str, Any], dict[str, Any]]]) -> str:
    """Where zopa is slower than NegMAS on frontier plus points, first call or again."""
    slower = []
    for case, mine, theirs in results:
        if mine["status"] != "ok" or theirs["status"] != "ok":
            continue
        zc, zf, zp, nf, np_ = _medians(mine, theirs)
        name = f"{case.parties} parties, 1e{case.issues}, {_values(case)}"
        for label, zopa in (("first call", zc + zp), ("again", zf + zp)):
            if zopa > nf + np_:
                slower.append(f"{name} ({label}: {ratio((nf + np_) / zopa)})")
    if not slower:
        return (
            "Frontier plus points: zopa is faster than NegMAS on every row, first call and again."
        )
    return "Frontier plus points: zopa is slower than NegMAS on " + "; ".join(slower) + "."


def _values(case: Case) -> str:
    return "coarse" if case.decimals == 1 else f"{case.decimals} decimals"


def _row(case: Case, mine: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    tool = "MOBANOSParetoSampler" if case.parties == 2 else "pareto_frontier"
    head = [
        str(case.parties),
        f"1e{case.issues}",
        _values(case),
        tool,
    ]
    who = (("zopa", mine), ("NegMAS", theirs))
    if mine["status"] != "ok" or theirs["status"] != "ok":
        said = [f"{n} {r['status']} {r.get('detail', '')}".strip() for n, r in who]
        return [*head, ", ".join(said), *["-"] * (len(HEADER) - len(head) - 1)]
    zc, zf, zp, nf, np_ = _medians(mine, theirs)
    same = compare(mine, theirs)
    peer_vectors = len(distinct(theirs["frontier"], theirs["counts"])[0])
    return [
        *head,
        f"{len(mine['frontier']):,} / {peer_vectors:,}",
        f"{sum(mine['counts']):,} / {sum(theirs['counts']):,}",
        f"{_ms(zc)} / {_ms(zf)}",
        _ms(nf),
        f"{ratio(nf / zc)} / {ratio(nf / zf)}",
        _ms(zp),
        _ms(np_),
        ratio(np_ / zp),
        f"{ratio((nf + np_) / (zc + zp))} / {ratio((nf + np_) / (zf + zp))}",
        same["frontier"],
        same["multiplicities"],
        ", ".join(same[rule] for rule in RULES),
    ]


CASES = [
    Case(2, 6, 3, seed=206),
    Case(2, 10, 3, seed=210),
    Case(2, 20, 3, seed=220),
    Case(3, 6, 3, seed=306),
    Case(5, 6, 3, seed=506),
    Case(2, 6, 1, seed=206),
    Case(3, 6, 1, seed=306),
    Case(5, 6, 1, seed=506),
]


def _rounds(case: Case, python: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both tools' answers over up to :data:`ROUNDS` alternating rounds, the repeats'
    seconds of every round pooled (the rest of the answer is the last round's)."""
    mine: dict[str, Any] = {}
    theirs: dict[str, Any] = {}
    for _ in range(ROUNDS):
        for pooled, run in (
            (mine, lambda: run_zopa(case)),
            (theirs, lambda: run_negmas(python, case)),
        ):
            answer = run()
            times = {k: pooled.get(k, []) + v for k, v in answer.items() if k.endswith("_seconds")}
            pooled.update(answer)
            pooled.update(times)
        if mine["status"] != "ok" or theirs["status"] != "ok":
            break
        if max(statistics.median(a["frontier_seconds"]) for a in (mine, theirs)) > LONG_S:
            break
    return mine, theirs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-readme", action="store_true", help="do not touch README.md")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _zopa_worker()
        return 0
    python, version = ensure_peer()
    started, load = time.perf_counter(), os.getloadavg()
    rows, results, failures = [], [], 0
    print("| " + " | ".join(HEADER) + " |", flush=True)
    for case in CASES:
        results.append((case, *_rounds(case, python)))
        row = _row(*results[-1])
        failures += any(cell.startswith(("no", "zopa ")) for cell in row[SAME:])
        failures += row[4].startswith("zopa ")
        rows.append(row)
        print("| " + " | ".join(row) + " |", flush=True)
    table = markdown_table(HEADER, rows, right=set(range(4, SAME)))
    body = "\n\n".join(
        [
            "`benchmarks/points_vs_negmas.py`: zopa against NegMAS's fastest exact frontier tool "
            "for each party count (`MOBANOSParetoSampler` for 2 linear-additive parties, "
            "`pareto_frontier` from ufuns and issues for more), then the four bargaining points "
            "(NegMAS: `nash_points`, `ks_points`, `max_welfare_points`, `kalai_points` with "
            "`ranges=[(0, best_i)]`). Random linear-additive scenarios, 10 options per issue, no "
            "red lines or reservation values; `coarse`: values with 1 decimal, many ties. Times: "
            "median of all repeats: up to 100 (about 1 s) in a fresh process per tool, the tools "
            "taking turns for up to 3 such rounds (1 where a repeat takes over 5 s). zopa's "
            "frontier runs twice per repeat on a new, equal scenario object: the first call "
            "compiles the scenario's exact integer tables, the second reuses them (zopa keeps "
            "them per scenario object, as NegMAS keeps its ufuns, built outside its timing; its "
            "`MOBANOSParetoSampler.init` is timed); ratios are NegMAS time / zopa time, against "
            "the first call and against the second. The 4 points are computed on the second "
            "frontier. Frontier vectors and packages: zopa / NegMAS. Same: distinct vectors, "
            "multiplicities, and each point's utilities within 1e-9. †: the Kalai–Smorodinsky "
            "points differ by definition, each optimal under its own (zopa maximises the smallest"
            " ratio of gain to the party's best, NegMAS's `ks_points` minimises the spread of "
            "those ratios; checked on the frontier). ‡: NegMAS's frontier also keeps vectors that"
            " a vector of zopa's dominates while equal to it in some utility (its "
            "`pareto_frontier` passes a tolerance of +1e-12 where its filter expects a negative "
            "one), so its count is larger; every one of zopa's vectors is among NegMAS's.",
            f"Run: `python benchmarks/points_vs_negmas.py` ({time.perf_counter() - started:.0f} s "
            f"in all), {dt.date.today().isoformat()}, NegMAS {version}, Python "
            f"{sys.version.split()[0]}, NumPy {np.__version__}, on a shared "
            f"{os.cpu_count()}-core machine with other work running (load average "
            f"{load[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; timings vary "
            "by tens of per cent between runs).",
            table,
            _summary(results),
        ]
    )
    print()
    print(table)
    print(_summary(results))
    if not args.no_readme:
        write_section(SECTION, body)
        print(f"written to {README}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
