"""How many GENIUS folders under a root zopa imports, and why the others are refused.

Usage: ``python benchmarks/genius_coverage.py ROOT [ROOT ...]``, for example a
checkout of NegMAS (its ``tests/data/scenarios`` and its copy of the GENIUS
templates hold a few hundred published domains). Every folder with XML files
is read as ``zopa import-genius FOLDER`` reads it; a folder of several domains
is then read once per domain file named in it. Prints a table of outcomes: the
folders imported, the warnings they gave, and each reason of refusal (the error
with its file names taken out) with how many folders gave it.
"""

from __future__ import annotations

import re
import sys
import warnings
from collections import Counter
from pathlib import Path

from zopa.errors import ScenarioError
from zopa.interop import read_genius


def _reason(error: ScenarioError) -> str:
    # One reason per kind of refusal: drop the paths, names and numbers that vary.
    text = re.sub(r"\S+\.xml|/[^\s:]+", "FILE", str(error))
    text = re.sub(r"'[^']*'", "'…'", text)
    return re.sub(r"found .*", "found several", text)[:90]


def main(roots: list[str]) -> int:
    folders = sorted({p.parent for root in roots for p in Path(root).rglob("*.xml")})
    outcomes: Counter[str] = Counter()
    notes = 0
    named = Counter[str]()
    for folder in folders:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a one-party folder is still imported
            try:
                notes += len(read_genius(folder).warnings)
                outcomes["imported"] += 1
            except ScenarioError as error:
                outcomes[_reason(error)] += 1
                if "found several" in _reason(error):
                    for domain in sorted(folder.glob("*[Dd]omain*.xml")):
                        try:
                            read_genius(domain)
                            named["domain file named: imported"] += 1
                        except ScenarioError as why:
                            named[f"domain file named: {_reason(why)}"] += 1
    print(f"{len(folders)} folders with XML files under {', '.join(roots)}\n")
    print("| outcome | folders |\n|---|---:|")
    for outcome, count in outcomes.most_common():
        print(f"| {outcome} | {count} |")
    for outcome, count in named.most_common():
        print(f"| {outcome} | {count} |")
    print(f"\n{notes} warnings in the folders imported")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__.split("\n\n")[1])
    sys.exit(main(sys.argv[1:]))
