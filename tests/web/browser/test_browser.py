"""The app and the report as a person uses them, in headless Chromium.

Each test saves a screenshot in its own tmp_path (under pytest's --basetemp).
"""

from __future__ import annotations

from zopa.model import load_builtin
from zopa.report import ReportOptions, SimulationOptions, write_report

FREEZE = "#redline-Russia-donetsk_control-freeze_on_line"


def _updates(page) -> str:
    return page.locator("#whatif-status").get_attribute("data-updates")


def test_toggling_russias_donetsk_red_line_changes_the_verdict(page, served):
    url = served[0]
    page.goto(f"{url}/scenarios/ukraine-2026")
    verdict = page.locator("#verdict")
    assert verdict.inner_text().startswith("No package meets every red line")
    page.locator("#frontier-parallel .main-svg").first.wait_for()
    # Tag the drawn plots: the what-if must update them in place (Plotly.react), not rebuild.
    page.evaluate("document.querySelectorAll('.js-plotly-plot').forEach(p => p.tagged = true)")
    before = page.locator("#frontier-pair .gtitle").text_content()
    page.locator(FREEZE).uncheck()
    page.wait_for_function("document.getElementById('whatif-status').dataset.updates === '1'")
    assert verdict.inner_text().startswith("A deal is possible: 17,496 packages")
    assert "None needed" in page.locator("#concessions").inner_text()
    # data-plotted is set once every Plotly.react promise has resolved.
    page.wait_for_function("document.getElementById('whatif-status').dataset.plotted === '1'")
    assert page.evaluate(
        "[...document.querySelectorAll('.js-plotly-plot')].map(p => !!p.tagged)"
    ) == [
        True,
        True,
    ]
    after = page.locator("#frontier-pair .gtitle").text_content()
    assert after != before and "frontier points shown" in after
    assert page.locator("#frontier-pair .scatterlayer .point").count() > 0
    page.shot("whatif-freeze-dropped")
    page.locator(FREEZE).check()
    page.wait_for_function("document.getElementById('whatif-status').dataset.updates === '2'")
    assert verdict.inner_text().startswith("No package meets every red line")
    assert page.errors == []


def test_a_claim_opens_its_article_with_the_quote_highlighted(page, served):
    url, store = served[0], served[1]
    north = store.claims(actor="North")  # the hostile fixtures add claims of North's
    claim = north[0]
    page.goto(f"{url}/claims?actor=North")
    expected = "1 claim" if len(north) == 1 else f"{len(north)} claims"
    assert page.locator("#claim-count").inner_text() == expected
    page.locator(f"#claim-{claim.id} a.open-article").click()
    page.wait_for_url(f"**/documents/{claim.document_id}?claim={claim.id}*")
    mark = page.locator("mark#quote")
    assert mark.inner_text() == claim.quote
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.shot("quote-highlighted")
    assert page.errors == []


def test_hostile_articles_stay_inert(page, served):
    url, store = served[0], served[1]
    documents = store.documents()
    assert len(documents) >= 1 + len(served[3].added)
    for number, document in enumerate(documents):
        claims = store.claims(document_id=document.id)
        query = f"?claim={claims[0].id}" if claims else ""
        page.goto(f"{url}/documents/{document.id}{query}")
        article = page.locator("#article")
        assert article.inner_text().strip()[:40] in document.text
        assert article.locator("script, img, iframe, object, embed").count() == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        page.shot(f"hostile-{number}")
    page.goto(f"{url}/claims?q=%3Cscript%3E")
    assert "<script>" in page.locator("#claims").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(f"{url}/scenarios/tiny")
    assert "<img src=x onerror" in page.locator("#evidence").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.shot("hostile-scenario")
    assert page.dialogs == []
    assert page.errors == []


def test_the_report_renders_its_plots_offline(page, served, tmp_path):
    options = ReportOptions(simulation=SimulationOptions(protocol="alternating", runs=50))
    path = write_report(load_builtin("ukraine-2026"), tmp_path / "report.html", served[1], options)
    requested = []

    def only_files(route):
        requested.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    page.context.route("**/*", only_files)
    page.context.set_offline(True)
    page.goto(path.as_uri())
    page.locator("#frontier-pair .main-svg").first.wait_for()
    page.locator("#frontier-parallel .main-svg").first.wait_for()
    for plot in ("simulation-positions", "simulation-rounds", "simulation-options"):
        page.locator(f"#{plot} .main-svg").first.wait_for()
    assert page.locator(".js-plotly-plot").count() == 5
    # Four parties, a target and an offer line each; a stacked bar segment per option settled.
    assert page.locator("#simulation-positions .scatterlayer .trace").count() == 8
    assert page.locator("#simulation-options .barlayer .point").count() > 0
    assert page.locator("#frontier-pair .scatterlayer .point").count() > 0
    assert page.locator("#verdict").inner_text().startswith("No package meets every red line")
    page.locator("#frontier").screenshot(path=str(tmp_path / "report-frontier.png"))
    page.locator("#simulation").screenshot(path=str(tmp_path / "report-simulation.png"))
    page.shot("report-top")
    assert [u for u in requested if not u.startswith("file:")] == []
    assert page.errors == []
