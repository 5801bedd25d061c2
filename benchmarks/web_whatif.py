"""How fast the web app's what-if answers on the built-in scenario.

For every red line of ``ukraine-2026`` (one at a time), POST the change to
``/api/scenarios/ukraine-2026/whatif`` through the ASGI app in process: once
uncached (each change is new to the app) and once cached. Prints a table of the
median and slowest response; the target is under a second for the verdict,
concessions and frontier data (drawing the plots in the browser comes after).

    python benchmarks/web_whatif.py
"""

from __future__ import annotations

import statistics
import time

from fastapi.testclient import TestClient

from zopa.evidence import Store
from zopa.model import load_builtin
from zopa.web import create_app


def main() -> None:
    scenario = load_builtin("ukraine-2026")
    changes = [
        {"drop_red_lines": [{"party": p.name, "issue": issue, "option": line.option}]}
        for p in scenario.parties
        for issue, lines in p.red_lines.items()
        for line in lines
    ]
    with Store("sqlite://") as store:
        client = TestClient(create_app(store, scenarios={scenario.name: scenario}))
        client.post(f"/api/scenarios/{scenario.name}/whatif", json={})  # warm imports
        rows = []
        for label in ("uncached", "cached"):
            times = []
            for body in changes:
                start = time.perf_counter()
                response = client.post(f"/api/scenarios/{scenario.name}/whatif", json=body)
                times.append(time.perf_counter() - start)
                response.raise_for_status()
            rows.append((label, len(times), statistics.median(times), max(times)))
    print(f"what-if on {scenario.name}: one red line dropped at a time")
    print("| cache | changes | median (s) | slowest (s) |")
    print("|---|---:|---:|---:|")
    for label, n, median, slowest in rows:
        print(f"| {label} | {n} | {median:.3f} | {slowest:.3f} |")


if __name__ == "__main__":
    main()
