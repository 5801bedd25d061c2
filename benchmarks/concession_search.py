"""Minimal concession search: a baseline commit against the working tree.

Random scenarios (by default 10 issues of 6 options, reservation value 0.55 for
every party, red lines at a rate that gives about 55 red-line items) with no
deal and 36-64 red-line items, 4 to 6 parties. Each case runs ``minimal_concessions`` (sets of
up to 3) in a fresh subprocess, once against the baseline's ``src`` (unpacked
with ``git archive`` into a temporary folder) and once against this tree's, and
the sets and packages opened are compared.

Run from the repository root: ``python benchmarks/concession_search.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "b152ce9"  # main before the yes/no feasibility test and the move search
SHAPE = {"issues": 10, "options": 6, "reservation": 0.55, "items": 55}


def _scenario(parties: int, seed: int, shape: dict):
    from zopa.model import random_scenario

    issues, options = shape["issues"], shape["options"]
    return random_scenario(
        parties,
        issues,
        options,
        red_line_rate=shape["items"] / (parties * issues * options),
        reservation=shape["reservation"],
        decimals=2,
        seed=seed,
    )


def _cases(parties: int, count: int, shape: dict) -> list[tuple[int, int]]:
    """The first ``count`` seeds with no deal and 36-64 red-line items: (seed, items)."""
    from zopa.space import is_feasible
    from zopa.space._tables import compile_scenario

    out = []
    seed = 0
    while len(out) < count:
        scenario = _scenario(parties, seed, shape)
        items = len(compile_scenario(scenario).red_line_items())
        if 36 <= items <= 64 and not is_feasible(scenario):
            out.append((seed, items))
        seed += 1
    return out


def _worker(parties: int, seed: int, max_size: int, shape: dict) -> None:
    from zopa.space import minimal_concessions

    scenario = _scenario(parties, seed, shape)
    start = time.perf_counter()
    sets = minimal_concessions(scenario, max_size=max_size)
    seconds = time.perf_counter() - start
    summary = [[[str(c) for c in s.relax], s.opens.count] for s in sets]
    print(json.dumps({"seconds": seconds, "sets": summary}))


def _run(
    src: Path, parties: int, seed: int, max_size: int, shape: dict, timeout: float
) -> dict | None:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, "--worker", str(parties), str(seed), str(max_size)]
    command += ["--shape", json.dumps(shape)]
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=timeout, check=True
        )
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="commit to compare against")
    parser.add_argument("--parties", type=int, nargs="+", default=[4, 5, 6])
    parser.add_argument("--cases", type=int, default=3, help="cases per number of parties")
    parser.add_argument("--max-size", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    for key, value in SHAPE.items():
        parser.add_argument(f"--{key}", type=type(value), default=value)
    parser.add_argument("--worker", type=int, nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--shape", type=json.loads, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(*args.worker, args.shape)
        return
    shape = {key: getattr(args, key) for key in SHAPE}
    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "archive", args.baseline, "src"], cwd=ROOT, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        old_src, new_src = Path(tmp) / "src", ROOT / "src"
        print(f"baseline {args.baseline}; sets of up to {args.max_size}; {shape}")
        print("| parties | seed | red-line items | sets | old (s) | new (s) | speed-up | same |")
        print("|---:|---:|---:|---:|---:|---:|---:|---|")
        for parties in args.parties:
            for seed, items in _cases(parties, args.cases, shape):
                new = _run(new_src, parties, seed, args.max_size, shape, args.timeout)
                old = _run(old_src, parties, seed, args.max_size, shape, args.timeout)
                new_s = "timeout" if new is None else f"{new['seconds']:.2f}"
                old_s = f"> {args.timeout:.0f}" if old is None else f"{old['seconds']:.2f}"
                sets = "-" if new is None else len(new["sets"])
                if old is None or new is None:
                    ratio, same = "-", "-"
                else:
                    ratio = f"{old['seconds'] / new['seconds']:.0f}×"
                    same = "yes" if old["sets"] == new["sets"] else "NO"
                row = [parties, seed, items, sets, old_s, new_s, ratio, same]
                print("| " + " | ".join(map(str, row)) + " |", flush=True)


if __name__ == "__main__":
    main()
