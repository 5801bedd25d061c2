"""Smoke test of benchmarks/forecast_speed.py on a few samples: it runs and its table adds up."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "forecast_speed.py"


def test_forecast_benchmark_measures_and_tabulates():
    spec = importlib.util.spec_from_file_location("forecast_speed", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        rows = module.measure(samples=40, workers=1, unbatched=3)
        section = module.table(rows, workers=1)
    finally:
        del sys.modules[spec.name]
    assert [r[1] for r in rows] == [40, 40, 3]
    assert all(seconds > 0 for _, _, seconds in rows)
    assert section.startswith(module.HEADING) and section.count("\n| ") == 4
