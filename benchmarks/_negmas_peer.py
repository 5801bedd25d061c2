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

A case with ``"task": "points"`` (from ``points_vs_negmas.py``) runs NegMAS's
fastest documented exact frontier for the party count (``MOBANOSParetoSampler``
for two linear-additive parties, ``pareto_frontier`` from the ufuns and issues
otherwise), then ``nash_points``, ``kalai_points``, ``ks_points`` and
``max_welfare_points``, repeated up to ``"repeats"`` times while the runs so far
take less than ``"budget_s"`` seconds, and writes each repeat's seconds, the
frontier vectors with how many packages NegMAS returned for each, and the points.

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
    if case.get("task") == "points":
        _points(case)
        return
    _space(case)


def _ufuns(case: dict) -> tuple[list, list]:
    """The case's NegMAS issues and one linear-additive ufun per party."""
    from negmas.outcomes import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction

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
    return issues, ufuns


def _space(case: dict) -> None:
    import negmas
    from negmas.preferences.ops import nash_points, pareto_frontier

    issues, ufuns = _ufuns(case)
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


def _points(case: dict) -> None:
    import negmas
    from negmas.preferences.ops import (
        kalai_points,
        ks_points,
        max_welfare_points,
        nash_points,
        pareto_frontier,
    )
    from negmas.preferences.pareto_sampler import MOBANOSParetoSampler

    issues, ufuns = _ufuns(case)

    def frontier_of() -> tuple[list[tuple[float, ...]], list[int]]:
        """Distinct frontier vectors and how many returned outcomes reach each."""
        if len(ufuns) == 2:
            sampler = MOBANOSParetoSampler()
            sampler.init(ufuns[0], ufuns[1])
            vectors = [tuple(float(u(o)) for u in ufuns) for o in sampler.pareto_outcomes()]
        else:
            vectors = list(pareto_frontier(ufuns, issues=issues)[0])
        counts: dict[tuple[float, ...], int] = {}
        for v in vectors:
            counts[v] = counts.get(v, 0) + 1
        return list(counts), list(counts.values())

    frontier_s: list[float] = []
    points_s: list[float] = []
    while len(frontier_s) < case["repeats"] and sum(frontier_s) + sum(points_s) < case["budget_s"]:
        start = time.perf_counter()
        frontier, counts = frontier_of()
        middle = time.perf_counter()
        # Gains from 0 (the reserved value) and, for Kalai-Smorodinsky, relative
        # to each party's best utility on the frontier, as zopa measures them.
        ranges = [(0.0, max(v[p] for v in frontier)) for p in range(len(ufuns))]
        points = {
            "nash": nash_points(ufuns, frontier, ranges=ranges),
            "egalitarian": kalai_points(ufuns, frontier, ranges=ranges),
            "kalai_smorodinsky": ks_points(ufuns, frontier, ranges=ranges),
            "utilitarian": max_welfare_points(ufuns, frontier, ranges=ranges),
        }
        end = time.perf_counter()
        frontier_s.append(middle - start)
        points_s.append(end - middle)
    json.dump(
        {
            "version": negmas.__version__,
            "frontier_seconds": frontier_s,
            "points_seconds": points_s,
            "frontier": [list(v) for v in frontier],
            "counts": counts,
            "points": {
                rule: [list(map(float, point)) for point, _ in found]
                for rule, found in points.items()
            },
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
