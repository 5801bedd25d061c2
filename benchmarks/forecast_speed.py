"""Speed of ``zopa forecast``: Monte Carlo samples of the built-in scenario per second.

Each sample draws the scenario's uncertain judgements, runs the expected-utility model
on every issue (10 rounds) and checks with the agreement-space engine whether a deal
exists. Measured: the whole of ``zopa.forecast.monte_carlo`` (chunks of 250 samples)
on local worker processes (2 by default, process start-up included) and in this
process, against the same pipeline fed one sample at a time (``chunk_size=1``), which
shows what batching the samples into arrays buys. Every run must give the same
numbers for the same seed (checked).

Run: ``python benchmarks/forecast_speed.py [--samples N] [--workers W] [--no-write]``;
it prints a table and writes it into ``benchmarks/README.md`` under
``## Forecast speed``. Target: 10,000 samples in under 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import time
from pathlib import Path

import numpy as np

from zopa.forecast import monte_carlo
from zopa.model import load_builtin

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
HEADING = "## Forecast speed"
TARGET_S = 60.0


def timed(**options) -> tuple[float, object]:
    start = time.perf_counter()
    result = monte_carlo(load_builtin("ukraine-2026"), seed=0, **options)
    return time.perf_counter() - start, result


def measure(samples: int, workers: int, unbatched: int) -> list[tuple[str, int, float]]:
    rows = []
    pooled_s, pooled = timed(samples=samples, workers=workers)
    rows.append((f"{workers} worker processes, chunks of 250", samples, pooled_s))
    serial_s, serial = timed(samples=samples, workers=1)
    rows.append(("this process, chunks of 250", samples, serial_s))
    for key in pooled.raw:
        if not np.array_equal(pooled.raw[key], serial.raw[key]):
            raise SystemExit(f"different numbers from the two runs: {key}")
    single_s, _ = timed(samples=unbatched, workers=1, chunk_size=1)
    rows.append(("this process, one sample at a time", unbatched, single_s))
    return rows


def table(rows: list[tuple[str, int, float]], workers: int) -> str:
    baseline = rows[-1][2] / rows[-1][1]
    lines = [
        f"{HEADING}",
        "",
        "`benchmarks/forecast_speed.py`: Monte Carlo over the 18 uncertain capabilities and "
        "saliences of `ukraine-2026`; each sample runs the expected-utility model on all 14 "
        "issues (10 rounds) and the agreement-space deal check. Target: 10,000 samples in "
        f"under {TARGET_S:.0f} s on 2 cores.",
        "",
        f"Run: `python benchmarks/forecast_speed.py --workers {workers}`. Machine: "
        f"{time.strftime('%Y-%m-%d')}; {os.cpu_count()} cores ({platform.machine()}, "
        f"{platform.system()}); Python {platform.python_version()}; NumPy {np.__version__}. "
        "The machine is shared by several jobs and noisy: timings vary by tens of per cent "
        "between runs.",
        "",
        "| run | samples | seconds | samples / s | speed-up over one at a time | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, samples, seconds in rows:
        rate = samples / seconds
        target = (
            f"{'met' if seconds < TARGET_S else 'missed'} ({seconds / TARGET_S:.0%} of 60 s)"
            if samples >= 10000
            else "-"
        )
        lines.append(
            f"| {name} | {samples:,} | {seconds:.2f} | {rate:,.0f} | "
            f"{baseline * rate:.0f}× | {target} |"
        )
    lines.append("")
    lines.append(
        "The runs in chunks give identical numbers (checked by the script). Worker processes "
        "pay for starting and importing zopa (about a second each), so on a loaded machine one "
        "process can be as fast as two."
    )
    return "\n".join(lines) + "\n"


def write_readme(section: str) -> None:
    """Put ``section`` under its heading in ``benchmarks/README.md``, leaving others alone."""
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    README.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--samples", type=int, default=10000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--unbatched", type=int, default=200, help="samples fed one at a time")
    parser.add_argument("--no-write", action="store_true", help="do not update README.md")
    args = parser.parse_args()
    section = table(measure(args.samples, args.workers, args.unbatched), args.workers)
    print(section)
    if not args.no_write:
        write_readme(section)


if __name__ == "__main__":
    main()
