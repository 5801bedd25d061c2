"""The forecast page as a person uses it, in headless Chromium (screenshots in tmp_path)."""

from __future__ import annotations

CHOICES = {"rounds": 6, "samples": 200, "seed": 4}


def _plotted(page, times: int) -> None:
    page.wait_for_function(
        f"document.getElementById('forecast-status').dataset.plotted === '{times}'"
    )


def test_a_forecast_plots_positions_per_round_as_the_api_gives_them(page, served):
    url = served[0]
    page.goto(f"{url}/scenarios/ukraine-2026")
    page.locator("#forecast-link").click()
    page.wait_for_url("**/scenarios/ukraine-2026/forecast")
    page.locator("#fc-rounds").fill(str(CHOICES["rounds"]))
    page.locator("#fc-samples").fill(str(CHOICES["samples"]))
    page.locator("#fc-seed").fill(str(CHOICES["seed"]))
    page.locator("#forecast-run").click()
    page.wait_for_url("**run=1*")
    _plotted(page, 1)
    api = page.request.post(f"{url}/api/scenarios/ukraine-2026/forecast", data=CHOICES).json()
    # The issue with the most moves: its lines must bend where the API says they do.
    busiest = max(
        range(len(api["forecast"]["issues"])),
        key=lambda i: len(api["forecast"]["issues"][i].get("moves", [])),
    )
    page.locator("#forecast-issue").select_option(str(busiest))
    _plotted(page, 2)
    row = api["positions"][busiest]
    plotted = page.evaluate(
        "() => document.getElementById('forecast-positions').data.map(t => [t.name, t.y])"
    )
    lines = {name: ys for name, ys in plotted[: len(row["parties"])]}
    assert lines == {p: [round(v, 2) for v in ys] for p, ys in row["parties"].items()}
    # A line per party, the forecast, the Monte Carlo spread.
    traces = page.locator("#forecast-positions .scatterlayer .trace").count()
    assert traces == len(row["parties"]) + 2
    issue = api["forecast"]["issues"][busiest]
    title = page.locator("#forecast-positions .gtitle").text_content()
    assert title == f"{issue['issue']}: positions per round"
    assert f"{round(issue['initial_median'], 2)} → {round(issue['median'], 2)}" in (
        page.locator("#forecast-point").inner_text()
    )
    page.shot("forecast")
    assert page.errors == []
