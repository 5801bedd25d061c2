"""The NegMAS half of ``space_vs_negmas.py`` and ``simulate_vs_negmas.py``.

Runs inside the throwaway peer venv.

It imports NegMAS and the standard library only (never zopa). It reads one case
as JSON on stdin::

    {"issues": {"i0": ["o0", "o1", ...], ...},
     "parties": [{"weights": {"i0": 0.31, ...},
                  "values": {"i0": {"o0": 0.5, ...}, ...}}, ...]}

where the weights are already normalised to sum to 1, and writes JSON on stdout:
the distinct Pareto utility vectors, the Nash points' utility vectors, the
seconds spent in NegMAS's ``pareto_frontier`` plus ``nash_points``, and the
process's peak resident set size before and after that work.

A case with ``"task": "sao"`` (from ``simulate_vs_negmas.py``) also gives
``"strategy"`` (``boulware``, ``linear`` or ``conceder``), ``"rounds"``, ``"runs"``
and ``"seed"``: the script then runs that many ``SAOMechanism`` negotiations,
every party a NegMAS time-based negotiator of that kind, and writes the seconds
spent, the agreements and the steps they took.

NegMAS is used through its public API only, as a peer to measure against.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def _peak_rss_mib() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sao(case: dict) -> None:
    import random

    import negmas
    from negmas.outcomes import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.sao import (
        BoulwareTBNegotiator,
        ConcederTBNegotiator,
        LinearTBNegotiator,
        SAOMechanism,
    )

    kinds = {
        "boulware": BoulwareTBNegotiator,
        "linear": LinearTBNegotiator,
        "conceder": ConcederTBNegotiator,
    }
    negotiator = kinds[case["strategy"]]
    issues = [
        make_issue(values=list(options), name=name) for name, options in case["issues"].items()
    ]
    random.seed(case["seed"])
    agreements, steps = 0, []
    start = time.perf_counter()
    for _ in range(case["runs"]):
        mechanism = SAOMechanism(issues=issues, n_steps=case["rounds"])
        for k, party in enumerate(case["parties"]):
            ufun = LinearAdditiveUtilityFunction(
                values={name: dict(party["values"][name]) for name in case["issues"]},
                weights=dict(party["weights"]),
                issues=issues,
                reserved_value=0.0,
            )
            mechanism.add(negotiator(name=f"p{k}"), ufun=ufun)
        state = mechanism.run()
        if state.agreement is not None:
            agreements += 1
            steps.append(state.step)
    seconds = time.perf_counter() - start
    json.dump(
        {
            "version": negmas.__version__,
            "seconds": seconds,
            "agreements": agreements,
            "steps": steps,
        },
        sys.stdout,
    )


def main() -> None:
    case = json.load(sys.stdin)
    if case.get("task") == "sao":
        _sao(case)
        return
    _space(case)


def _space(case: dict) -> None:
    import negmas
    from negmas.outcomes import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.ops import nash_points, pareto_frontier

    issues = [
        make_issue(values=list(options), name=name) for name, options in case["issues"].items()
    ]
    ufuns = [
        LinearAdditiveUtilityFunction(
            values={name: dict(party["values"][name]) for name in case["issues"]},
            weights=dict(party["weights"]),
            issues=issues,
            # Utilities lie in [0, 1]; a reserved value of 0 keeps every package
            # rational, as in zopa when no party has a reservation value.
            reserved_value=0.0,
        )
        for party in case["parties"]
    ]
    base = _peak_rss_mib()
    start = time.perf_counter()
    frontier, _ = pareto_frontier(ufuns, issues=issues)
    # Explicit ranges (0, 1): NegMAS otherwise measures gains from each party's
    # worst package when the reserved value lies below it; zopa measures them
    # from 0 for a party without a reservation value.
    nash = nash_points(ufuns, frontier, ranges=[(0.0, 1.0)] * len(ufuns))
    seconds = time.perf_counter() - start
    json.dump(
        {
            "version": negmas.__version__,
            "seconds": seconds,
            "rss_base_mib": base,
            "rss_peak_mib": _peak_rss_mib(),
            "frontier": [list(map(float, point)) for point in frontier],
            "nash": [list(map(float, point)) for point, _ in nash],
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
