"""Smoke test of benchmarks/forecast_speed.py on a few samples: it runs and its table adds up."""

from __future__ import annotations

from tests.benchmark_scripts import benchmark_script


def test_forecast_benchmark_measures_and_tabulates():
    with benchmark_script("forecast_speed") as module:
        rows = module.measure(samples=40, workers=1, unbatched=3)
        section = module.table(rows, workers=1)
    assert [r[1] for r in rows] == [40, 40, 3]
    assert all(seconds > 0 for _, _, seconds in rows)
    assert section.startswith(module.HEADING) and section.count("\n| ") == 4
