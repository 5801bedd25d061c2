"""The report's simulation section against zopa.simulate's raw results, counted again here."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.report.htmlcheck import active_markup, parse
from zopa.cli.app import app
from zopa.errors import UnknownNameError
from zopa.model import load_builtin
from zopa.report import (
    ReportOptions,
    SimulationOptions,
    render_report,
    report_content,
    simulation_content,
)
from zopa.simulate import simulate

runner = CliRunner()

CASES = [
    (
        "tiny",
        SimulationOptions(protocol="alternating", runs=60, strategies=(("North", "boulware"),)),
    ),
    ("tiny", SimulationOptions(protocol="mediator", runs=40, rounds=7)),
    (
        "ukraine-2026",
        SimulationOptions(protocol="alternating", runs=40, strategies=(("Russia", "hardliner"),)),
    ),
]


def _raw(name: str, options: SimulationOptions, seed: int):
    return simulate(
        load_builtin(name),
        protocol=options.protocol,
        rounds=options.rounds,
        runs=options.runs,
        seed=seed,
        strategies=dict(options.strategies),
    )


@pytest.mark.parametrize(("name", "options"), CASES)
def test_statistics_match_the_raw_runs(name, options):
    scenario = load_builtin(name)
    content = simulation_content(scenario, options, seed=5)
    raw = _raw(name, options, 5)
    runs = [raw.run(i) for i in range(raw.runs)]  # one dict per run, read one by one
    agreed = [r for r in runs if r["agreement"]]
    assert content["runs"] == options.runs and content["agreements"] == len(agreed)
    assert content["agreement_rate"] == pytest.approx(len(agreed) / len(runs), abs=1e-6)
    if agreed:
        assert content["mean_round"] == pytest.approx(
            sum(r["round"] for r in agreed) / len(agreed), abs=1e-6
        )
    rounds = Counter(r["round"] for r in agreed)
    assert {row["round"]: row["runs"] for row in content["rounds_distribution"]} == rounds
    packages = Counter(tuple(sorted(r["package"].items())) for r in agreed)
    shown = [
        (tuple(sorted((p["issue"], p["option"]) for p in row["package"])), row["runs"])
        for row in content["packages"]
    ]
    assert [count for _p, count in shown] == sorted(packages.values(), reverse=True)[: len(shown)]
    for package, count in shown:
        assert packages[package] == count
    for row in content["option_shares"]:
        settled = Counter(r["package"][row["issue"]] for r in agreed)
        assert {o["option"]: o["share"] for o in row["options"]} == pytest.approx(
            {o: k / len(agreed) for o, k in settled.items()}, abs=1e-6
        )
    titles = {(i.name, o.name): o.title for i in scenario.issues for o in i.options}
    for row in content["packages"]:
        assert all(p["title"] == titles[(p["issue"], p["option"])] for p in row["package"])


@pytest.mark.parametrize(("name", "options"), CASES)
def test_runs_open_per_step_follow_the_agreement_steps(name, options):
    content = simulation_content(load_builtin(name), options, seed=2)
    raw = _raw(name, options, 2)
    positions = content["positions"]
    # A run is still negotiating at step j unless it agreed at an earlier offer (or text).
    steps = [r["offers"] - 1 for r in (raw.run(i) for i in range(raw.runs)) if r["agreement"]]
    total = raw.rounds * positions["per_round"]
    expected = [raw.runs - sum(1 for s in steps if s < j) for j in range(total)]
    shown = [round(x * positions["per_round"]) - 1 for x in positions["time"]]
    assert [expected[j] for j in shown] == positions["open"]
    assert all(expected[j] == 0 for j in range(total) if j not in shown)


def test_linear_targets_follow_the_time_formula():
    """Linear parties' targets are best - (best - floor) * t, whatever happens in the talks."""
    tiny = load_builtin("tiny")
    options = SimulationOptions(protocol="mediator", runs=30, rounds=10)
    content = simulation_content(tiny, options, seed=0)
    raw = _raw("tiny", options, 0)
    u = raw.candidates.utilities
    for p, row in enumerate(content["positions"]["parties"]):
        reservation = tiny.parties[p].reservation
        floor = u[:, p].min() if reservation is None else reservation.value
        best = u[:, p].max()
        for t, target in zip(content["positions"]["time"], row["target"], strict=True):
            assert target == pytest.approx(best - (best - floor) * t / 10, abs=1e-6)


def test_one_run_ends_on_the_package_it_agreed():
    options = SimulationOptions(protocol="alternating", runs=1)
    content = simulation_content(load_builtin("tiny"), options, seed=11)
    raw = _raw("tiny", options, 11)
    assert raw.agreed[0]
    last = [row["offer"][-1] for row in content["positions"]["parties"]]
    assert last == pytest.approx(list(raw.utilities[0]))


def test_tracing_leaves_the_runs_unchanged_and_adds_up_over_batches():
    ukraine = load_builtin("ukraine-2026")
    for protocol in ("mediator", "alternating"):
        plain = simulate(ukraine, protocol=protocol, runs=30, seed=4, batch=7)
        traced = simulate(ukraine, protocol=protocol, runs=30, seed=4, trace=True, batch=7)
        assert plain.trace is None and traced.trace is not None
        assert np.array_equal(plain.package, traced.package)
        assert np.array_equal(plain.round, traced.round)
        # Five batches, one sum: runs open at each step, counted from the agreements.
        steps = plain.offers[plain.agreed] - 1
        expected = [30 - int((steps < j).sum()) for j in range(len(traced.trace.open))]
        assert traced.trace.open.tolist() == expected


def test_report_section_renders_deterministically_and_hashes_its_options():
    tiny = load_builtin("tiny")
    options = ReportOptions(seed=3, simulation=SimulationOptions(runs=30))
    first = render_report(report_content(tiny, options=options))
    assert first == render_report(report_content(tiny, options=options))
    page = parse(first)
    assert active_markup(page) == []
    assert "Simulated talks" in page.text and "simulated: mediator, 30 runs" in page.text
    ids = [a.get("id") for _t, a in page.tags if a.get("type") == "application/json"]
    assert {"simulation-positions-data", "simulation-rounds-data"} <= set(ids)
    for figure_id in ids:
        assert json.loads(first.split(f'id="{figure_id}">', 1)[1].split("</script>", 1)[0])
    hashes = {
        report_content(tiny, options=o)["inputs_hash"]
        for o in (
            ReportOptions(seed=3),
            options,
            ReportOptions(seed=3, simulation=SimulationOptions(protocol="alternating", runs=30)),
            ReportOptions(seed=4, simulation=SimulationOptions(runs=30)),
        )
    }
    assert len(hashes) == 4
    # Without --simulate the report has no such section (and its hash is as before).
    assert "Simulated talks" not in parse(render_report(report_content(tiny))).text


def test_unknown_names_are_refused():
    tiny = load_builtin("tiny")
    with pytest.raises(UnknownNameError, match="unknown party 'Atlantis'"):
        SimulationOptions(strategies=(("Atlantis", "linear"),)).check(tiny)
    with pytest.raises(UnknownNameError, match="unknown strategy"):
        SimulationOptions(strategies=(("North", "stubborn"),)).check(tiny)


def test_cli_report_with_simulated_talks(tmp_path):
    out = tmp_path / "r.html"
    args = ["report", "tiny", "--no-store", "--simulate", "--runs", "40", "--seed", "2"]
    args += ["--protocol", "alternating", "--strategy", "South=conceder", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    raw = simulate(
        load_builtin("tiny"),
        protocol="alternating",
        runs=40,
        seed=2,
        strategies={"South": "conceder"},
    )
    text = parse(out.read_text(encoding="utf-8")).text
    assert f"{raw.agreement_rate * 100:.1f}% ({int(raw.agreed.sum())} of 40 runs)" in text
    assert "South conceder" in text and "Protocol alternating" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--strategy", "Atlantis=linear"], "unknown party 'Atlantis'"),
        (["--strategy", "North"], "expected PARTY=NAME"),
        (["--protocol", "auction"], "unknown protocol 'auction'"),
    ],
)
def test_cli_simulate_errors_are_one_line(tmp_path, args, message):
    out = tmp_path / "r.html"
    result = runner.invoke(
        app, ["report", "tiny", "--no-store", "--simulate", *args, "-o", str(out)]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("zopa: error: ") and message in result.stderr
    assert not out.exists()
