"""How fast the web app's what-if answers on the built-in scenario.

For every red line of ``ukraine-2026`` (one at a time), POST the change to
``/api/scenarios/ukraine-2026/whatif`` through the ASGI app in process: once
uncached (each change is new to the app) and once cached. Prints a table of the
median and slowest response; the target is under a second for the verdict,
concessions and frontier data (drawing the plots in the browser comes after).
With ``--browser``, also serve the app and toggle Russia's Donetsk red line in
headless Chromium (the system one, as the browser tests use), timing from the
change until the page has the verdict and until every plot has redrawn.

    python benchmarks/web_whatif.py [--browser]
"""

from __future__ import annotations

import socket
import statistics
import sys
import threading
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


FREEZE = "#redline-Russia-donetsk_control-freeze_on_line"


def browser(toggles: int = 6) -> None:
    """Time the what-if panel in headless Chromium: verdict and plots redrawn."""
    import uvicorn
    from playwright.sync_api import sync_playwright
    from tests.web.browser.conftest import CHROMIUM_ARGS, chromium_path

    with Store("sqlite://") as store, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
        server = uvicorn.Server(config)
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        verdicts, plots = [], []
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            page = chromium.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/scenarios/ukraine-2026")
            page.locator("#frontier-parallel .main-svg").first.wait_for()
            status = page.locator("#whatif-status")
            for n in range(1, toggles + 1):
                box = page.locator(FREEZE)
                box.uncheck() if n % 2 else box.check()
                page.wait_for_function(
                    f"document.getElementById('whatif-status').dataset.plotted === '{n}'"
                )
                verdicts.append(int(status.get_attribute("data-ms")))
                plots.append(int(status.get_attribute("data-plot-ms")))
            chromium.close()
        server.should_exit = True
    print(f"\nheadless Chromium, Russia's Donetsk red line toggled {toggles} times")
    print("| on screen | median (ms) | slowest (ms) |")
    print("|---|---:|---:|")
    for label, times in (("verdict", verdicts), ("plots redrawn", plots)):
        print(f"| {label} | {statistics.median(times):.0f} | {max(times)} |")


if __name__ == "__main__":
    main()
    if "--browser" in sys.argv[1:]:
        browser()
