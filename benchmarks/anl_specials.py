"""zopa's frontier and bargaining points against the ones published with ANL domains.

Usage: ``python benchmarks/anl_specials.py ROOT``, where ROOT holds GeniusWeb
domain folders each with a ``specials.json`` (the ANL 2022/2023 example agent
repository's ``domains/``: a domain, ``profileA.json``, ``profileB.json`` and,
computed by the competition's organisers, the Pareto front, the Nash point, the
Kalai point and the social-welfare point). Every folder is read as ``zopa
import-geniusweb FOLDER`` reads it; the table counts, per quantity, the domains
where zopa's answer equals the published one to 1e-9 in every utility, and lists
each difference.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from zopa.interop import read_geniusweb
from zopa.space import (
    egalitarian_point,
    kalai_smorodinsky_point,
    nash_point,
    pareto_frontier,
    utilitarian_point,
)

TOLERANCE = 1e-9


def _vectors(rows: list[list[float]]) -> np.ndarray:
    """Distinct utility vectors, sorted, rounded to the tolerance for comparison."""
    rounded = np.round(np.asarray(rows, dtype=np.float64) / TOLERANCE) * TOLERANCE
    return np.unique(rounded, axis=0)


def _close(a: list[float], b: list[float]) -> bool:
    return bool(np.allclose(a, b, rtol=0, atol=TOLERANCE))


def compare(folder: Path) -> dict[str, object]:
    published = json.loads((folder / "specials.json").read_text(encoding="utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scenario = read_geniusweb(folder).scenario
    start = time.perf_counter()
    frontier = pareto_frontier(scenario)
    points = {
        "nash": nash_point(frontier),
        "social_welfare": utilitarian_point(frontier),
        "kalai (as KS)": kalai_smorodinsky_point(frontier),
        "kalai (as egalitarian)": egalitarian_point(frontier),
    }
    seconds = time.perf_counter() - start
    names = [p.name for p in scenario.parties]  # profileA, profileB: the published order
    # The published Kalai point is the frontier point whose two utilities differ least
    # (the best utilities are 1 there); zopa's maximises the smaller one instead.
    spread = np.abs(frontier.utilities[:, 0] - frontier.utilities[:, 1])
    diagonal = frontier.utilities[int(np.argmin(spread))].tolist()
    ours = _vectors(frontier.utilities.tolist())
    theirs = _vectors([p["utility"] for p in published["pareto_front"]])
    same_front = ours.shape == theirs.shape and bool(np.allclose(ours, theirs, atol=TOLERANCE))
    out: dict[str, object] = {
        "domain": folder.name,
        "packages": published["size"],
        "front": (len(ours), len(theirs), same_front),
        "seconds": seconds,
    }
    for label, point in points.items():
        key = label.split(" ")[0]
        mine = [point.utilities[n] for n in names] if point is not None else None
        out[label] = mine is not None and _close(mine, published[key]["utility"])
    out["kalai (least spread, checked)"] = _close(diagonal, published["kalai"]["utility"])
    out["kalai: smaller utility, zopa / published"] = (
        min(points["kalai (as KS)"].utilities.values()),
        min(published["kalai"]["utility"]),
    )
    return out


def main(root: str) -> int:
    folders = sorted(p.parent for p in Path(root).rglob("specials.json"))
    rows = [compare(folder) for folder in folders]
    labels = [
        "front",
        "nash",
        "social_welfare",
        "kalai (as KS)",
        "kalai (as egalitarian)",
        "kalai (least spread, checked)",
    ]
    print(f"{len(rows)} domains with specials.json under {root}\n")
    print("| quantity | same as published |\n|---|---:|")
    for label in labels:
        same = sum(1 for r in rows if (r[label][2] if label == "front" else r[label]))
        print(f"| {label} | {same} of {len(rows)} |")
    total = sum(float(r["seconds"]) for r in rows)
    print(f"\nfrontier and four points: {total:.2f} s for all {len(rows)} domains")
    for r in rows:
        differ = [k for k in labels if not (r[k][2] if k == "front" else r[k])]
        if differ:
            mine, theirs, _ = r["front"]
            ours, published = r["kalai: smaller utility, zopa / published"]
            print(
                f"- {r['domain']}: differs in {', '.join(differ)} (front {mine} vectors here, "
                f"{theirs} published; Kalai's smaller utility {ours:.4f} here, "
                f"{published:.4f} published)"
            )
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
