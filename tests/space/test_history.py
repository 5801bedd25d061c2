"""Dated judgements: Scenario.as_of, zopa.space.history and the CLI faces."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.errors import ScenarioError
from zopa.model import RedLine, load_builtin, scenario_from_data, scenario_to_data
from zopa.space import analyze, history

runner = CliRunner()


def _dated_tiny() -> dict:
    data = scenario_to_data(load_builtin("tiny"))
    north, south = data["parties"]
    # North rules out the south bank from March 2026; South drops its reservation in May.
    north["red_lines"]["river"] = ["north_bank", {"option": "south_bank", "since": "2026-03"}]
    south["reservation"] = {"value": 0.4, "until": "2026-05-10"}
    return data


def test_as_of_keeps_what_holds_on_the_date():
    scenario = scenario_from_data(_dated_tiny())
    february, april, june = (scenario.as_of(d) for d in ("2026-02-28", "2026-04", "2026-06-01"))
    assert february.party("North").forbidden("river") == {"north_bank"}
    assert april.party("North").forbidden("river") == {"north_bank", "south_bank"}
    assert april.party("South").reservation.value == 0.4
    assert june.party("South").reservation is None
    assert scenario.change_dates == ("2026-03", "2026-05-10")


def test_as_of_equals_the_scenario_written_without_the_lapsed_judgements():
    dated = scenario_from_data(_dated_tiny())
    plain = _dated_tiny()
    plain["parties"][0]["red_lines"]["river"] = ["north_bank"]
    plain["parties"][1]["reservation"] = 0.4  # still in force in February
    independent = analyze(scenario_from_data(plain), max_pareto=50).to_dict()
    assert analyze(dated.as_of("2026-02"), max_pareto=50).to_dict() == independent


_day = st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31))


@given(_day, _day, _day, st.booleans())
def test_holds_on_agrees_with_calendar_dates(since, until, on, month_only):
    """Dates compared as text at shared precision agree with calendar arithmetic."""
    text = (lambda d: d.strftime("%Y-%m")) if month_only else dt.date.isoformat
    start, end = sorted((since, until))
    if month_only:
        start, end = start.replace(day=1), end.replace(day=1)
    assume(start < end)
    line = RedLine(option="x", since=text(start), until=text(end))
    assert line.holds_on(on.isoformat()) == (start <= on < end)


@pytest.mark.parametrize(
    ("bound", "expected"),
    [
        ({"since": "2026-03", "until": "2026-03"}, "is not before until"),
        ({"since": "2026-13-01"}, "is not YYYY-MM-DD"),
    ],
)
def test_impossible_spans_are_named(bound, expected):
    data = _dated_tiny()
    data["parties"][0]["red_lines"]["river"] = [{"option": "north_bank", **bound}]
    with pytest.raises(ScenarioError, match=expected):
        scenario_from_data(data, where="t.yaml")


def test_a_dated_weight_is_refused_with_its_path():
    data = _dated_tiny()
    data["parties"][0]["weights"]["river"] = {"value": 2, "since": "2026-01"}
    with pytest.raises(ScenarioError, match=r"parties\[0\]\.weights\.river: only red lines"):
        scenario_from_data(data, where="t.yaml")


def test_history_of_the_builtin_scenario_ends_where_the_scenario_stands():
    scenario = load_builtin("ukraine-2026")
    periods = history(scenario)
    assert [p.date for p in periods] == list(scenario.change_dates)
    assert periods[0].analysis.deal_possible  # before Kyiv answered the 28-point plan
    assert not periods[-1].analysis.deal_possible
    now = analyze(scenario, max_pareto=0, max_concession_size=2).to_dict()
    last = periods[-1].to_dict()
    assert last["blocked_issues"] == now["blocked_issues"]
    assert last["concessions"] == now["concessions"]
    # Every change listed on a date really is a difference between the days around it.
    for before, period in itertools.pairwise(periods):
        for change in period.changes:
            if change.kind == "red_line":
                was = scenario.as_of(before.date).party(change.party).forbidden(change.issue)
                now_ = scenario.as_of(period.date).party(change.party).forbidden(change.issue)
                assert (change.option in now_) != (change.option in was)


def test_cli_history_json_and_analyze_as_of():
    result = runner.invoke(app, ["history", "--json"])
    assert result.exit_code == 0, result.output
    periods = json.loads(result.stdout)["periods"]
    assert periods[0]["deal_possible"] and not periods[-1]["deal_possible"]
    result = runner.invoke(app, ["analyze", "--as-of", "September 2025", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] == "2025-09" and data["deal_possible"] is True
    assert data["feasible_count"] == periods[0]["feasible_count"]


def test_cli_as_of_rejects_a_non_date():
    result = runner.invoke(app, ["analyze", "--as-of", "soon"])
    assert result.exit_code == 2
    assert "--as-of" in result.output and "Traceback" not in result.output
