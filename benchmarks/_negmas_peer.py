"""The NegMAS half of ``space_vs_negmas.py``; runs inside the throwaway peer venv.

It imports NegMAS and the standard library only (never zopa). It reads one case
as JSON on stdin::

    {"issues": {"i0": ["o0", "o1", ...], ...},
     "parties": [{"weights": {"i0": 0.31, ...},
                  "values": {"i0": {"o0": 0.5, ...}, ...}}, ...]}

where the weights are already normalised to sum to 1, and writes JSON on stdout:
the distinct Pareto utility vectors, the Nash points' utility vectors, the
seconds spent in NegMAS's ``pareto_frontier`` plus ``nash_points``, and the
process's peak resident set size before and after that work.

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


def main() -> None:
    import negmas
    from negmas.outcomes import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.ops import nash_points, pareto_frontier

    case = json.load(sys.stdin)
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
