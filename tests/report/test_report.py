"""The HTML report: verdict, evidence, plots, determinism, offline and inert markup."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.report.hostile import MARKUP, hostile_store
from tests.report.htmlcheck import active_markup, parse
from zopa import __version__
from zopa.cli.app import app
from zopa.errors import UnknownNameError
from zopa.evidence import Store
from zopa.model import load_builtin
from zopa.report import ReportOptions, render_report, report_content, verdict
from zopa.report.plots import MAX_PLOTTED, thinned
from zopa.report.whatif import WhatIf, apply_whatif
from zopa.space import analyze, count_feasible, pareto_frontier

runner = CliRunner()


@pytest.fixture(scope="module")
def ukraine():
    return load_builtin("ukraine-2026")


@pytest.fixture(scope="module")
def ukraine_content(ukraine):
    return report_content(ukraine)


def test_verdict_names_the_first_concession_and_what_it_opens(ukraine, ukraine_content):
    first = analyze(ukraine).concessions[0].relax
    assert [(c.party, c.issue, c.option) for c in first] == [
        ("Russia", "donetsk_control", "freeze_on_line")
    ]
    # Counted independently: the scenario with that red line dropped by hand.
    parties = tuple(
        p.model_copy(
            update={
                "red_lines": {
                    **p.red_lines,
                    "donetsk_control": tuple(
                        r
                        for r in p.red_lines.get("donetsk_control", ())
                        if r.option != "freeze_on_line"
                    ),
                }
            }
        )
        if p.name == "Russia"
        else p
        for p in ukraine.parties
    )
    opened = count_feasible(ukraine.model_copy(update={"parties": parties})).count
    sentence = ukraine_content["verdict"]
    assert sentence.startswith("No package meets every red line; Russia accepting")
    assert "Freeze on the current line of contact" in sentence
    assert f"opens {opened:,} packages" in sentence


def test_verdict_of_a_scenario_with_a_deal_counts_it():
    tiny = load_builtin("tiny")
    n = count_feasible(tiny).count
    assert verdict(tiny, analyze(tiny)) == (
        f"A deal is possible: {n} packages meet every red line and reservation value."
    )


def test_whatif_drops_a_red_line_and_checks_names(ukraine):
    change = WhatIf(drop_red_lines=(("russia", "donetsk_control", "freeze_on_line"),))
    changed = apply_whatif(ukraine, change)
    assert changed.party("Russia").forbidden("donetsk_control") == {"special_zone"}
    assert ukraine.party("Russia").forbidden("donetsk_control") == {
        "special_zone",
        "freeze_on_line",
    }
    assert analyze(changed).deal_possible
    with pytest.raises(UnknownNameError, match="no red line"):
        apply_whatif(
            ukraine, WhatIf(drop_red_lines=(("Russia", "donetsk_control", "ukraine_withdraws"),))
        )
    with pytest.raises(UnknownNameError, match="unknown party"):
        apply_whatif(ukraine, WhatIf(weights={"Atlantis": {"donetsk_control": 1}}))


def test_whatif_weights_change_utilities():
    tiny = load_builtin("tiny")
    changed = apply_whatif(tiny, WhatIf(weights={"North": {"fishing": 0}}))
    assert changed.party("North").normalised_weights() == {"river": 1.0, "fishing": 0.0}
    with pytest.raises(Exception, match="negative"):
        apply_whatif(tiny, WhatIf(weights={"North": {"fishing": -1}}))


def test_matrix_and_evidence_follow_the_scenario(ukraine, ukraine_content):
    russia = next(r for r in ukraine_content["matrix"] if r["party"] == "Russia")
    donetsk = next(c for c in russia["cells"] if c["issue"] == "donetsk_control")
    assert set(donetsk["red_line_options"]) == ukraine.party("Russia").forbidden("donetsk_control")
    evidence = {e["anchor"]: e for e in ukraine_content["evidence"]}
    cited = {s for r in ukraine.party("Russia").red_lines["donetsk_control"] for s in r.sources}
    assert {s["id"] for s in evidence[donetsk["anchor"]]["sources"]} >= cited


FREEZE = (("Russia", "donetsk_control", "freeze_on_line"),)


def test_thinning_keeps_every_extreme_and_is_deterministic():
    rows = np.random.default_rng(7).random((3_000, 4))
    kept = thinned(rows, limit=100)
    assert len(kept) == 100 and list(kept) == sorted(set(kept.tolist()))
    for column in range(4):
        assert rows[:, column].argmax() in kept and rows[:, column].argmin() in kept
    assert np.array_equal(kept, thinned(rows.copy(), limit=100))
    # Evenly spread: no gap much wider than an even spacing (3,000 / 100).
    assert np.diff(kept).max() <= 2 * 3_000 / (100 - 8)
    assert list(thinned(rows[:50], limit=100)) == list(range(50))


def test_plots_mark_the_points_and_grey_the_infeasible(ukraine, ukraine_content):
    figures = {f["id"]: f["figure"] for f in ukraine_content["figures"]}
    assert set(figures) == {"frontier-pair", "frontier-parallel"}
    traces = {t["name"]: t for t in figures["frontier-pair"]["data"]}
    free = ukraine.model_copy(
        update={
            "parties": tuple(
                p.model_copy(update={"red_lines": {}, "reservation": None}) for p in ukraine.parties
            )
        }
    )
    grey = pareto_frontier(free)
    assert len(grey) > MAX_PLOTTED  # so the thinning below is exercised
    shown = traces["red lines ignored (infeasible)"]
    assert len(shown["x"]) == MAX_PLOTTED
    # Thinned, but each party's extremes are still drawn: the pair's best and worst.
    x, y = (ukraine.party_names.index(p) for p in ("Russia", "Ukraine"))
    assert max(shown["x"]) == round(float(grey.utilities[:, x].max()), 6)
    assert min(shown["y"]) == round(float(grey.utilities[:, y].min()), 6)
    title = figures["frontier-pair"]["layout"]["title"]["text"]
    changed_size = len(pareto_frontier(apply_whatif(ukraine, WhatIf(drop_red_lines=FREEZE))))
    total = len(grey) + changed_size
    assert f"{MAX_PLOTTED + min(changed_size, MAX_PLOTTED):,} of {total:,} frontier points" in title
    assert {"Nash", "Kalai–Smorodinsky", "utilitarian", "egalitarian"} <= set(traces)
    changed = apply_whatif(ukraine, WhatIf(drop_red_lines=FREEZE))
    nash = analyze(changed).nash
    assert traces["Nash"]["x"] == [round(nash.utilities["Russia"], 6)]
    assert len(traces["feasible frontier"]["x"]) == len(pareto_frontier(changed))


def test_report_is_deterministic_self_contained_and_states_its_inputs(tmp_path, ukraine):
    with Store(f"sqlite:///{tmp_path}/a.sqlite3") as store:
        first = render_report(report_content(ukraine, store))
        second = render_report(report_content(ukraine, store))
    assert first == second
    page = parse(first)
    assert active_markup(page) == []
    assert f"zopa {__version__}" in page.text
    assert re.search(r"inputs SHA-256 [0-9a-f]{64}", page.text)
    assert "seed 0" in page.text
    # No address outside the file is loaded: every src or stylesheet is inline.
    assert not [a for _t, a in page.tags if a.get("src")]
    assert "Plotly.newPlot" in first and len(first) > 1_000_000  # plotly.js inlined


def test_hash_changes_with_the_inputs(ukraine):
    base = report_content(load_builtin("tiny"))["inputs_hash"]
    other_seed = report_content(load_builtin("tiny"), options=ReportOptions(seed=1))["inputs_hash"]
    assert base != other_seed


def test_article_markup_is_escaped_everywhere(tmp_path):
    store, _doc = hostile_store(f"sqlite:///{tmp_path}/h.sqlite3")
    with store:
        content = report_content(load_builtin("tiny"), store)
    html = render_report(content)
    page = parse(html)
    assert active_markup(page) == []
    quotes = [c["quote"] for e in content["evidence"] for c in e["claims"]]
    assert len(quotes) == 2
    for quote in quotes:
        assert quote in page.text  # shown, as text
    for markup in MARKUP:
        assert markup in page.text
    assert "&lt;script&gt;window.__pwned" in html
    # The JSON of the plots cannot close its script element either.
    for _tag, attrs in page.tags:
        if attrs.get("type") == "application/json":
            assert json.loads(html.split(f'id="{attrs["id"]}">', 1)[1].split("</script>", 1)[0])


def test_cli_writes_the_report_with_the_store_claims(tmp_path):
    out = tmp_path / "r.html"
    hostile_store(f"sqlite:///{tmp_path}/s.sqlite3")[0].close()
    result = runner.invoke(
        app, ["report", "tiny", "--db", f"sqlite:///{tmp_path}/s.sqlite3", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout.replace("\n", "")
    page = parse(out.read_text(encoding="utf-8"))
    assert "A deal is possible" in page.text and "North insists on the south bank" in page.text


def test_cli_without_a_store_warns_and_writes_citations_only(tmp_path):
    out = tmp_path / "r.html"
    missing = tmp_path / "none.sqlite3"
    result = runner.invoke(app, ["report", "tiny", "--db", str(missing), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "no evidence store" in result.stderr and "citations only" in result.stderr
    assert out.exists() and not missing.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-scenario.yaml"], "no-such-scenario.yaml"),
        (["tiny", "--pair", "North", "Atlantis"], "unknown party 'Atlantis'"),
    ],
)
def test_cli_user_errors_are_one_line(tmp_path, args, message):
    result = runner.invoke(app, ["report", *args, "--no-store", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert result.stderr.startswith("zopa: error: ") and message in result.stderr
    assert "Traceback" not in result.output


def test_forecast_section_reports_the_engines_results(ukraine):
    from zopa.forecast import forecast, monte_carlo
    from zopa.report import forecast_content

    content = forecast_content(ukraine, samples=50, seed=3, workers=1)
    point = forecast(ukraine)
    titles = {(i.name, o.name): o.title for i in ukraine.issues for o in i.options}
    assert [(i["issue"], i["median_option"]) for i in content["issues"]] == [
        (i.issue, titles[(i.issue, i.median_option)]) for i in point.issues
    ]
    sampled = monte_carlo(ukraine, samples=50, seed=3, workers=1)
    mc = content["monte_carlo"]
    assert mc["deal_samples"] == sampled.deal_samples
    assert [s["input"] for s in mc["sensitivity"]] == [s.input for s in sampled.sensitivity[:10]]
    html = render_report({**report_content(load_builtin("tiny")), "forecast": content})
    page = parse(html)
    assert "What moves the forecast most" in page.text
    assert mc["sensitivity"][0]["input"] in page.text
    # every move of the model is shown with its reason, in round order per issue
    explained = forecast(ukraine, explain=True)
    for shown, issue in zip(content["issues"], explained.issues, strict=True):
        assert [(m["round"], m["party"], m["exchange"], m["toward"]) for m in shown["steps"]] == [
            (m.round, m.party, m.exchange, m.toward) for m in issue.moves
        ]
    steps = [m for i in content["issues"] for m in i["steps"]]
    assert steps
    html = render_report({**report_content(ukraine), "forecast": content})
    text = parse(html).text
    assert "Why positions moved" in text and steps[0]["why"] in text


def test_cli_report_with_the_point_forecast(tmp_path):
    out = tmp_path / "r.html"
    args = ["report", "tiny", "--no-store", "--forecast", "--samples", "0", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = parse(out.read_text(encoding="utf-8")).text
    assert "Forecast: the expected-utility model" in text and "Monte Carlo" not in text
