"""Benchmark zopa's agreement-space engine against NegMAS on the same scenarios.

For 2, 3 and 5 parties and 3 to 6 issues of 10 options (1e3 to 1e6 packages) it
builds one random linear-additive scenario (:func:`zopa.model.random_scenario`,
no red lines, no reservation values), computes the Pareto frontier and the Nash
point with zopa and with NegMAS, checks that the answers agree and times both.
Then zopa alone on 10 and 20 issues (1e10 and 1e20 packages).

NegMAS (AGPL) is never a dependency of zopa: the script installs it from PyPI
into a throwaway virtual environment, ``benchmarks/.peer-venv/`` (git-ignored),
and runs ``_negmas_peer.py`` there, passing each scenario as JSON (the
normalised weights and the values, the same numbers zopa uses) and reading back
JSON. Each case of either tool runs in a fresh subprocess with a time limit.

What is measured, per case and tool:

* time: seconds of the frontier plus the Nash point, imports and scenario
  building excluded (NegMAS: ``pareto_frontier`` from the ufuns and issues,
  which enumerates and evaluates every outcome, then ``nash_points``; zopa:
  ``pareto_frontier`` then ``nash_point`` on that frontier).
* memory: the growth of the subprocess's peak resident set size
  (``getrusage(RUSAGE_SELF).ru_maxrss``) during that work, in MiB; the peak
  after imports is reported once under the table.
* same answer: the distinct Pareto utility vectors agree (sorted rows, each
  value within 1e-9; NegMAS drops tied vectors, zopa merges them) and zopa's
  Nash utilities are within 1e-9 of one of NegMAS's Nash points. Both use 0 as
  the disagreement point (no reservation values).

Usage::

    .venv/bin/python benchmarks/space_vs_negmas.py            # full run, ~20-40 min
    .venv/bin/python benchmarks/space_vs_negmas.py --quick    # compared sizes up to 1e5
    .venv/bin/python benchmarks/space_vs_negmas.py --no-negmas --no-readme

The table is printed and written into the ``## Agreement space`` section of
``benchmarks/README.md`` (unless ``--no-readme``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from _common import (
    OPTIONS,
    PEER_SCRIPT,
    PEER_VENV,
    README,
    TOLERANCE,
    distinct,
    ensure_peer,
    markdown_table,
    peer_payload,
    ratio,
    run_json,
    scenario,
)
from _common import write_section as _write_section

__all__ = ["PEER_VENV", "Case", "Result", "ensure_peer", "main", "run_zopa", "same_answer"]

SECTION = "## Agreement space"


@dataclass(frozen=True, slots=True)
class Case:
    """One scenario size: parties, issues, and whether NegMAS runs on it too."""

    parties: int
    issues: int
    compare: bool
    seed: int

    @property
    def outcomes(self) -> int:
        return OPTIONS**self.issues


@dataclass(frozen=True, slots=True)
class Result:
    """One tool's answer on one case, or ``status`` "timeout" / "skipped" / "failed"."""

    status: str  # "ok", "timeout", "skipped", "failed"
    seconds: float | None = None
    memory_mib: float | None = None  # growth of peak RSS during the work
    base_mib: float | None = None  # peak RSS after imports
    frontier: np.ndarray | None = None  # distinct utility vectors, one row each
    frontier_size: int | None = None
    nash: list[list[float]] | None = None
    detail: str = ""


# --- the zopa worker (runs in a subprocess of this interpreter) ---------------


def _peak_rss_mib() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _zopa_worker() -> None:
    """Read a case on stdin, compute with zopa, write the JSON answer on stdout."""
    from zopa.space import nash_point, pareto_frontier

    job = json.load(sys.stdin)
    case = scenario(job["parties"], job["issues"], job["seed"])
    base = _peak_rss_mib()
    start = time.perf_counter()
    frontier = pareto_frontier(case)
    solution = nash_point(frontier)
    seconds = time.perf_counter() - start
    answer = {
        "seconds": seconds,
        "rss_base_mib": base,
        "rss_peak_mib": _peak_rss_mib(),
        "frontier_size": len(frontier),
        "nash": [] if solution is None else [list(solution.utilities.values())],
    }
    if job["rows"]:
        answer["frontier"] = frontier.utilities.tolist()
    json.dump(answer, sys.stdout)


# --- running cases --------------------------------------------------------------


def _run_json(command: list[str], payload: dict[str, Any], timeout: float) -> Result:
    answer = run_json(command, payload, timeout)
    if answer["status"] != "ok":
        return Result(answer["status"], detail=answer["detail"])
    rows = answer.get("frontier")
    return Result(
        "ok",
        seconds=answer["seconds"],
        memory_mib=answer["rss_peak_mib"] - answer["rss_base_mib"],
        base_mib=answer["rss_base_mib"],
        frontier=None if rows is None else np.asarray(rows, dtype=np.float64),
        frontier_size=answer.get("frontier_size", None if rows is None else len(rows)),
        nash=answer["nash"],
    )


def run_zopa(case: Case, timeout: float) -> Result:
    """zopa's frontier and Nash point for ``case``, in a subprocess."""
    job = {"parties": case.parties, "issues": case.issues, "seed": case.seed, "rows": case.compare}
    return _run_json([sys.executable, str(Path(__file__).resolve()), "--worker"], job, timeout)


def run_negmas(python: Path, case: Case, timeout: float) -> Result:
    """NegMAS's frontier and Nash points for ``case``, in the peer venv."""
    result = _run_json(
        [str(python), str(PEER_SCRIPT)],
        peer_payload(scenario(case.parties, case.issues, case.seed)),
        timeout,
    )
    if result.frontier is not None:
        result = Result(
            result.status,
            seconds=result.seconds,
            memory_mib=result.memory_mib,
            base_mib=result.base_mib,
            frontier=result.frontier.reshape(-1, case.parties),
            frontier_size=len(distinct(result.frontier.reshape(-1, case.parties))[0]),
            nash=result.nash,
        )
    return result


# --- comparing answers ----------------------------------------------------------


def same_answer(
    zopa_frontier: np.ndarray,
    zopa_nash: list[list[float]],
    peer_frontier: np.ndarray,
    peer_nash: list[list[float]],
) -> tuple[bool, str]:
    """Whether two tools found the same frontier vectors and Nash utilities.

    Returns
    -------
    (bool, str)
        The verdict and, when it is False, what differs.
    """
    mine, theirs = distinct(zopa_frontier)[0], distinct(peer_frontier)[0]
    if mine.shape != theirs.shape:
        return False, f"frontier sizes differ: zopa {len(mine)}, NegMAS {len(theirs)}"
    if len(mine) and np.abs(mine - theirs).max() > TOLERANCE:
        worst = float(np.abs(mine - theirs).max())
        return False, f"frontier vectors differ by up to {worst:.3g}"
    if not zopa_nash or not peer_nash:
        same = not zopa_nash and not peer_nash
        return same, "" if same else "only one tool found a Nash point"
    point = np.asarray(zopa_nash[0])
    if not any(np.abs(point - np.asarray(p)).max() <= TOLERANCE for p in peer_nash):
        return False, f"Nash utilities differ: zopa {point.tolist()}, NegMAS {peer_nash}"
    return True, ""


# --- the table ------------------------------------------------------------------


def _seconds(result: Result | None) -> str:
    if result is None:
        return "-"
    if result.status != "ok":
        return result.status
    s = result.seconds
    return f"{s:.3g} s" if s >= 0.001 else f"{s * 1e3:.2g} ms"


def _memory(result: Result | None) -> str:
    if result is None or result.status != "ok":
        return "-"
    return f"{result.memory_mib:.1f} MiB"


def _row(case: Case, zopa: Result, peer: Result | None, peer_limit: float) -> list[str]:
    speed, same = "-", "-"
    if peer is not None and zopa.status == "ok" and peer.status == "ok":
        speed = ratio(peer.seconds / zopa.seconds)
        verdict, why = same_answer(zopa.frontier, zopa.nash, peer.frontier, peer.nash)
        same = "yes" if verdict else f"no ({why})"
    elif peer is not None and peer.status == "timeout" and zopa.status == "ok":
        speed = "> " + ratio(peer_limit / zopa.seconds)
    size = "-" if zopa.frontier_size is None else f"{zopa.frontier_size:,}"
    return [
        str(case.parties),
        f"1e{case.issues}",
        size,
        _seconds(zopa),
        _seconds(peer),
        speed,
        _memory(zopa),
        _memory(peer),
        same,
    ]


HEADER = [
    "parties",
    "outcomes",
    "frontier size",
    "zopa time",
    "NegMAS time",
    "NegMAS/zopa",
    "zopa memory",
    "NegMAS memory",
    "same answer",
]


def _machine(negmas_version: str | None) -> str:
    peer = f"NegMAS {negmas_version}" if negmas_version else "NegMAS not run"
    return (
        f"{dt.date.today().isoformat()}; {os.cpu_count()} cores ({platform.machine()}, "
        f"{platform.system()}); Python {platform.python_version()}; NumPy {np.__version__}; {peer}"
    )


def write_section(body: str, path: Path = README) -> None:
    """Replace (or add) the ``## Agreement space`` section of ``path``, nothing else."""
    _write_section(SECTION, body, path)


# --- main -----------------------------------------------------------------------


def _cases(args: argparse.Namespace) -> list[Case]:
    compared = [n for n in args.issues if not (args.quick and n > 5)]
    return [
        Case(p, n, compare, seed=args.seed + 100 * p + n)
        for p in args.parties
        for n, compare in [*((n, True) for n in compared), *((n, False) for n in args.big)]
    ]


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="compared sizes up to 1e5 only")
    parser.add_argument("--no-negmas", action="store_true", help="zopa only (no peer venv)")
    parser.add_argument("--no-readme", action="store_true", help="do not touch README.md")
    parser.add_argument("--parties", type=int, nargs="+", default=[2, 3, 5])
    parser.add_argument("--issues", type=int, nargs="*", default=[3, 4, 5, 6])
    parser.add_argument("--big", type=int, nargs="*", default=[10, 20], help="zopa-only sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--negmas-timeout", type=float, default=300.0)
    parser.add_argument("--zopa-timeout", type=float, default=120.0)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    if args.worker:
        _zopa_worker()
        return 0
    python, version = (None, None) if args.no_negmas else ensure_peer()
    started = time.perf_counter()
    rows: list[list[str]] = []
    bases: dict[str, list[float]] = {"zopa": [], "NegMAS": []}
    stalled: set[int] = set()  # party counts where NegMAS already timed out
    mismatches = 0
    print("| " + " | ".join(HEADER) + " |", flush=True)
    for case in _cases(args):
        zopa = run_zopa(case, args.zopa_timeout)
        peer = None
        if case.compare and python is not None:
            if case.parties in stalled:
                peer = Result("skipped", detail="timed out on a smaller size")
            else:
                peer = run_negmas(python, case, args.negmas_timeout)
                if peer.status == "timeout":
                    stalled.add(case.parties)
        for name, result in (("zopa", zopa), ("NegMAS", peer)):
            if result is not None and result.base_mib is not None:
                bases[name].append(result.base_mib)
            if result is not None and result.status == "failed":
                print(f"  {name} failed on {case}: {result.detail}", file=sys.stderr)
        row = _row(case, zopa, peer, args.negmas_timeout)
        mismatches += row[-1].startswith("no")
        rows.append(row)
        print("| " + " | ".join(row) + " |", flush=True)
    table = markdown_table(HEADER, rows, right=set(range(6)))
    memory = ", ".join(f"{name} {max(values):.0f} MiB" for name, values in bases.items() if values)
    body = "\n\n".join(
        [
            "`benchmarks/space_vs_negmas.py`: the Pareto frontier and the Nash point of random "
            "linear-additive scenarios (10 options per issue, no red lines or reservation values), "
            "zopa against NegMAS installed in a throwaway venv; then zopa alone on 1e10 and 1e20 "
            "packages. Time: frontier plus Nash point, imports and scenario building excluded. "
            "Memory: growth of the case subprocess's peak RSS (`ru_maxrss`) during that work. "
            "Same answer: equal distinct frontier vectors and Nash utilities, to 1e-9.",
            f"Run: `{' '.join(['python benchmarks/space_vs_negmas.py', *(argv or sys.argv[1:])])}`"
            f" ({time.perf_counter() - started:.0f} s in all). "
            f"Machine: {_machine(version)}. Peak RSS after imports: {memory or 'n/a'}. "
            f"Time limits per case: zopa {args.zopa_timeout:g} s, "
            f"NegMAS {args.negmas_timeout:g} s.",
            table,
        ]
    )
    print()
    print(table)
    print()
    print(f"Machine: {_machine(version)}")
    if not args.no_readme:
        write_section(body)
        print(f"written to {README}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
