"""Bargaining points at scales no frontier reaches: zopa's MILP method.

For 5 parties at 1e20 packages (20 issues × 10 options) and 10 parties at 1e50
(50 × 10), random linear-additive scenarios (:func:`zopa.model.random_scenario`,
no red lines or reservation values), it times each party's best utility and the
utilitarian, egalitarian, Kalai–Smorodinsky and Nash points by
``method="milp"`` on several seeds per case, wall-clock and CPU time
(``time.process_time``: every thread of the process, HiGHS's and the two
max-min programs solved side by side), and reports each point's certified
relative gap (0: proven optimal; a max-min program stops after 10 s with its
best package and its gap).

NegMAS is not run: its tools enumerate the outcome space (``pareto_frontier``
evaluates every outcome), which at 1e20 or 1e50 packages cannot be stored, so it
cannot load these spaces at all.

Usage::

    .venv/bin/python benchmarks/bargaining_points.py        # 3 seeds a case, writes the README
    .venv/bin/python benchmarks/bargaining_points.py --no-readme
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

from _common import write_section

SECTION = "## Bargaining points without the frontier"
CASES = [(5, 20), (10, 50)]
TARGETS = {5: 2.0, 10: 20.0}
RULES = ("nash", "kalai_smorodinsky", "utilitarian", "egalitarian")


def run(parties: int, issues: int, seed: int) -> dict:
    """Time the MILP method's points on one random scenario."""
    from zopa.model import random_scenario
    from zopa.space._bargaining_milp import solve_points
    from zopa.space._milp import Oracle
    from zopa.space._tables import compile_scenario

    scenario = random_scenario(parties, issues, 10, seed=seed)
    start, cpu = time.perf_counter(), time.process_time()
    compiled = compile_scenario(scenario)
    oracle = Oracle(compiled)
    found = solve_points(oracle, RULES)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    gaps = {rule: found.points[rule].gap for rule in RULES}
    return {
        "seconds": seconds,
        "cpu": cpu,
        "gaps": gaps,
        "best_gap": found.best_gap,
        "solves": found.solves,
    }


def _gap(g: float) -> str:
    return "0 (proven)" if g == 0 else f"{g:.2g}"


def _row(rows: list[list[str]], parties: int, issues: int, seed: int) -> None:
    r = run(parties, issues, seed + 100 * parties + issues)
    met = r["seconds"] < TARGETS[parties] and max(r["best_gap"], *r["gaps"].values()) <= 1e-9
    rows.append(
        [
            str(parties),
            f"1e{issues}",
            str(seed + 100 * parties + issues),
            f"{r['seconds']:.2f} s",
            f"{r['cpu']:.2f} s",
            f"< {TARGETS[parties]:g} s ({'met' if met else 'not met'})",
            str(r["solves"]),
            *(_gap(r["gaps"][k]) for k in RULES),
            _gap(r["best_gap"]),
            "cannot load (enumerates every outcome)",
        ]
    )
    print(" | ".join(rows[-1]), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--seeds", type=int, default=3, help="scenarios per case")
    args = parser.parse_args(argv)
    header = [
        "parties",
        "outcomes",
        "seed",
        "zopa (MILP) wall",
        "CPU",
        "target",
        "programs",
        "Nash gap",
        "K–S gap",
        "utilitarian gap",
        "egalitarian gap",
        "best-utility gap",
        "NegMAS",
    ]
    rows = []
    for parties, issues in CASES:
        for seed in range(args.seeds):
            _row(rows, parties, issues, seed)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    table = "\n".join(
        ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        + ["| " + " | ".join(row) + " |" for row in rows]
    )
    body = (
        "`benchmarks/bargaining_points.py`: each party's best utility and the four bargaining "
        'points by `method="milp"` (HiGHS through SciPy) on random linear-additive scenarios '
        "of 10 options per issue, no red lines or reservation values; time from compiling the "
        "scenario to the last point, wall clock and CPU (all threads: the egalitarian and "
        "Kalai–Smorodinsky programs run side by side on the two cores). Gap: the certified "
        "relative gap of the point's value (0: proven optimal; a max-min program is stopped "
        "after 10 s with its best package and a proven ceiling). A target is met when the "
        "time is under it and every gap is at most 1e-9. NegMAS enumerates the outcome "
        "space, so it cannot load these spaces.\n\n"
        f"Run: `python benchmarks/bargaining_points.py`. Machine: {os.cpu_count()} cores "
        f"({platform.machine()}), Python {platform.python_version()}, load average "
        f"{load:.1f} at the end (shared with other work: timings are noisy).\n\n" + table
    )
    print(table)
    if not args.no_readme:
        write_section(SECTION, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
