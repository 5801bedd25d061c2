"""Benchmark zopa's simulated negotiation against NegMAS's SAOMechanism, same scenarios.

For 2, 3, 5 and 10 parties on 5 issues of 5 options (3,125 outcomes) it builds one
random linear-additive scenario per party count (:func:`zopa.model.random_scenario`,
no red lines, no reservation values) and runs stacked alternating offers with every
party following the same time-based strategy, Boulware, linear or Conceder:

* zopa: :func:`zopa.simulate.simulate` with ``protocol="alternating"`` and the
  strategies ``boulware``, ``linear``, ``conceder`` (targets ``1 - t**4``, ``1 - t``,
  ``1 - t**0.25`` over each party's utility range), ``--zopa-runs`` negotiations
  in one call (vectorised), timed end to end in this process (candidate set, Nash
  point and result arrays included);
* NegMAS: ``SAOMechanism`` with ``BoulwareTBNegotiator``, ``LinearTBNegotiator`` or
  ``ConcederTBNegotiator`` for every party, ``--negmas-runs`` negotiations one after
  the other, timed in the peer process (mechanisms and ufuns built inside the timing).

Both get the same deadline (``--rounds``, NegMAS ``n_steps``), the same normalised
weights and values. Negotiations per second are runs over seconds; the ratio is
zopa's over NegMAS's, both measured in the same run. "Same agreement rate" means
the two rates differ by at most 5 percentage points.

NegMAS (AGPL) is never a dependency of zopa: it is installed from PyPI into a
throwaway virtual environment (``benchmarks/.peer-venv/``, git-ignored, made by
``_common.ensure_peer`` for every NegMAS benchmark) and driven through
``_negmas_peer.py`` with JSON on stdin.

Usage::

    .venv/bin/python benchmarks/simulate_vs_negmas.py            # ~2-4 min
    .venv/bin/python benchmarks/simulate_vs_negmas.py --no-negmas --no-readme

The table is printed and written into the ``## Simulated negotiation`` section of
``benchmarks/README.md`` (unless ``--no-readme``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from _common import PEER_VENV, ensure_peer
from _common import write_section as _write_section

from zopa.model import random_scenario
from zopa.simulate import simulate

__all__ = ["Row", "main", "peer_case", "run_zopa"]

HERE = Path(__file__).resolve().parent
PEER_SCRIPT = HERE / "_negmas_peer.py"
README = HERE / "README.md"
SECTION = "## Simulated negotiation"
ISSUES, OPTIONS = 5, 5
STRATEGIES = ("boulware", "linear", "conceder")
SAME_RATE = 0.05
HEADER = [
    "parties",
    "strategy",
    "zopa runs",
    "zopa negotiations/s",
    "NegMAS runs",
    "NegMAS negotiations/s",
    "zopa/NegMAS",
    "agreement rate zopa / NegMAS",
    "mean agreement round zopa / NegMAS",
    "same agreement rate",
]


@dataclass(frozen=True, slots=True)
class Row:
    """One (parties, strategy) cell: both tools' speed and outcomes."""

    parties: int
    strategy: str
    zopa_runs: int
    zopa_rate: float
    zopa_per_second: float
    zopa_round: float | None
    negmas_runs: int | None = None
    negmas_rate: float | None = None
    negmas_per_second: float | None = None
    negmas_round: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.negmas_per_second is None:
            return None
        return self.zopa_per_second / self.negmas_per_second

    @property
    def same_rate(self) -> bool | None:
        if self.negmas_rate is None:
            return None
        return abs(self.zopa_rate - self.negmas_rate) <= SAME_RATE + 1e-12


def scenario_for(parties: int, seed: int):
    return random_scenario(parties, ISSUES, OPTIONS, seed=seed + parties)


def run_zopa(parties: int, strategy: str, rounds: int, runs: int, seed: int) -> Row:
    """zopa's stacked alternating offers for ``runs`` negotiations in one vectorised call."""
    scenario = scenario_for(parties, seed)
    plan = dict.fromkeys(scenario.party_names, strategy)
    start = time.perf_counter()
    result = simulate(
        scenario, protocol="alternating", rounds=rounds, runs=runs, seed=seed, strategies=plan
    )
    seconds = time.perf_counter() - start
    rounds_taken = result.round[result.agreed]
    return Row(
        parties,
        strategy,
        runs,
        result.agreement_rate,
        runs / seconds,
        float(rounds_taken.mean()) if len(rounds_taken) else None,
    )


def peer_case(parties: int, strategy: str, rounds: int, runs: int, seed: int) -> dict[str, Any]:
    """The same scenario as JSON for ``_negmas_peer.py`` (weights already normalised)."""
    scenario = scenario_for(parties, seed)
    return {
        "task": "sao",
        "strategy": strategy,
        "rounds": rounds,
        "runs": runs,
        "seed": seed,
        "issues": {i.name: [o.name for o in i.options] for i in scenario.issues},
        "parties": [
            {
                "weights": p.normalised_weights(),
                "values": {i: {o: j.value for o, j in v.items()} for i, v in p.values.items()},
            }
            for p in scenario.parties
        ],
    }


def run_negmas(python: Path, row: Row, rounds: int, runs: int, seed: int, timeout: float) -> Row:
    payload = json.dumps(peer_case(row.parties, row.strategy, rounds, runs, seed))
    done = subprocess.run(
        [str(python), str(PEER_SCRIPT)],
        input=payload,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"simulate_vs_negmas: the NegMAS peer failed:\n{done.stderr[-2000:]}")
    out = json.loads(done.stdout)
    steps = out["steps"]
    return Row(
        row.parties,
        row.strategy,
        row.zopa_runs,
        row.zopa_rate,
        row.zopa_per_second,
        row.zopa_round,
        runs,
        out["agreements"] / runs,
        runs / out["seconds"],
        # NegMAS counts steps from 0; zopa counts rounds from 1.
        float(np.mean(steps)) + 1 if steps else None,
    )


def _number(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:,.{digits}g}" if x < 1000 else f"{x:,.0f}"


def markdown_row(row: Row) -> list[str]:
    rate = f"{row.zopa_rate:.2f} / " + (
        "–" if row.negmas_rate is None else f"{row.negmas_rate:.2f}"
    )
    rounds = f"{_number(row.zopa_round)} / {_number(row.negmas_round)}"
    same = {None: "–", True: "yes", False: "no"}[row.same_rate]
    ratio = "–" if row.ratio is None else f"**{row.ratio:,.0f}×**"
    return [
        str(row.parties),
        row.strategy,
        f"{row.zopa_runs:,}",
        _number(row.zopa_per_second),
        "–" if row.negmas_runs is None else f"{row.negmas_runs:,}",
        _number(row.negmas_per_second),
        ratio,
        rate,
        rounds,
        same,
    ]


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---:|" * 3 + "---:|" * 4 + "---|" * 3]
    lines += ["| " + " | ".join(markdown_row(r)) + " |" for r in rows]
    return "\n".join(lines)


def write_section(body: str, path: Path = README) -> None:
    """Replace (or add) the ``## Simulated negotiation`` section of ``path``, nothing else."""
    _write_section(SECTION, body, path)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parties", type=int, nargs="+", default=[2, 3, 5, 10])
    parser.add_argument("--strategies", nargs="+", default=list(STRATEGIES), choices=STRATEGIES)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--zopa-runs", type=int, default=2000)
    parser.add_argument("--negmas-runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--negmas-timeout", type=float, default=600.0)
    parser.add_argument("--peer-venv", type=Path, default=None, help="NegMAS venv to use")
    parser.add_argument("--no-negmas", action="store_true", help="zopa only (no peer venv)")
    parser.add_argument("--no-readme", action="store_true", help="do not touch README.md")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    python, version = (None, None) if args.no_negmas else ensure_peer(args.peer_venv or PEER_VENV)
    started = time.perf_counter()
    rows = []
    print("| " + " | ".join(HEADER) + " |", flush=True)
    for parties in args.parties:
        for strategy in args.strategies:
            row = run_zopa(parties, strategy, args.rounds, args.zopa_runs, args.seed)
            if python is not None:
                row = run_negmas(
                    python, row, args.rounds, args.negmas_runs, args.seed, args.negmas_timeout
                )
            rows.append(row)
            print("| " + " | ".join(markdown_row(row)) + " |", flush=True)
    elapsed = time.perf_counter() - started
    peer = f"NegMAS {version}" if version else "NegMAS not run"
    machine = (
        f"{dt.date.today().isoformat()}; {os.cpu_count()} cores ({platform.machine()}, "
        f"{platform.system()}), shared with other jobs (timings are noisy); Python "
        f"{platform.python_version()}; NumPy {np.__version__}; {peer}"
    )
    below = [r for r in rows if r.ratio is not None and r.ratio < 100]
    differ = [r for r in rows if r.same_rate is False]
    body = "\n\n".join(
        [
            "`benchmarks/simulate_vs_negmas.py`: stacked alternating offers on random "
            f"linear-additive scenarios of {ISSUES} issues × {OPTIONS} options "
            f"({OPTIONS**ISSUES:,} outcomes, no red lines or reservation values), every party "
            "the same time-based strategy: zopa's `boulware`, `linear`, `conceder` "
            "(vectorised, all runs in one call) against NegMAS's `SAOMechanism` with "
            "`BoulwareTBNegotiator`, `LinearTBNegotiator`, `ConcederTBNegotiator` (one "
            "negotiation after another), installed in a throwaway venv. Deadline "
            f"{args.rounds} rounds for both. Target: zopa at least 100× NegMAS's "
            "negotiations per second with the same agreement rate (within 5 points).",
            f"Run: `python benchmarks/simulate_vs_negmas.py` ({elapsed:.0f} s in all). "
            f"Machine: {machine}.",
            markdown_table(rows),
            f"Below 100×: {len(below)} of {len(rows)} cells; agreement rates differing by "
            f"more than 5 points: {len(differ)}.",
        ]
    )
    print()
    print(body.split("\n\n")[-1])
    if not args.no_readme:
        write_section(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
