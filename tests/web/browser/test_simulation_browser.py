"""The simulation page as a person uses it, in headless Chromium (screenshot in tmp_path)."""

from __future__ import annotations

# The mediator with a short deadline and a Boulware North: some runs agree, not all.
CHOICES = {"protocol": "mediator", "runs": 300, "rounds": 3, "seed": 7}


def test_running_a_simulation_shows_the_apis_agreement_rate(page, served):
    url = served[0]
    page.goto(f"{url}/scenarios/tiny")
    page.locator("#simulate-link").click()
    page.wait_for_url("**/scenarios/tiny/simulate")
    page.locator("#sim-protocol").select_option(CHOICES["protocol"])
    page.locator("#sim-runs").fill(str(CHOICES["runs"]))
    page.locator("#sim-rounds").fill(str(CHOICES["rounds"]))
    page.locator("#sim-seed").fill(str(CHOICES["seed"]))
    page.locator(".sim-strategy[data-party='North']").select_option("North=boulware")
    page.locator("#simulate-run").click()
    page.wait_for_url("**run=1*")
    page.locator("#simulation-positions .main-svg").first.wait_for()
    figures = page.locator("#simulation script[type='application/json']").count()
    page.wait_for_function(
        f"document.getElementById('simulate-status').dataset.plotted === '{figures}'"
    )
    assert page.locator("#simulation .js-plotly-plot").count() == figures == 3
    # Two parties, a target and an offer line each.
    assert page.locator("#simulation-positions .scatterlayer .trace").count() == 4
    api = page.request.post(
        f"{url}/api/scenarios/tiny/simulate",
        data={**CHOICES, "strategies": {"North": "boulware"}},
    ).json()
    assert 0 < api["agreement_rate"] < 1
    shown = page.locator("#simulation-rate").inner_text()
    rate = f"{api['agreement_rate'] * 100:.1f}%"
    assert shown == f"{rate} ({api['agreements']:,} of {api['runs']:,} runs)"
    page.shot("simulation")
    assert page.errors == []
