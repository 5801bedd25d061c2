"""Read the scoring games of LLM-Deliberation into a scenario.

A game (Abdelnabi et al. 2024) gives each party an integer score for every
option of every issue and a threshold: a deal's score for a party is the sum of
its scores for the chosen options, and the party accepts a deal scoring at
least its threshold. :func:`read_deliberation` maps each party's scores to
zopa's additive utilities by one affine map per party, so that a deal reaches
the threshold exactly when its utility reaches the reservation value.

References
----------
.. [1] Abdelnabi, S., Gomaa, A., Sivaprasad, S., Schönherr, L., Fritz, M.
   "Cooperation, Competition, and Maliciousness: LLM-Stakeholders Interactive
   Negotiation." NeurIPS Datasets and Benchmarks, 2024. arXiv:2309.17234.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from zopa.errors import ScenarioError
from zopa.model.io import scenario_from_data
from zopa.model.types import Scenario

__all__ = ["GAME_ROLES", "read_deliberation"]

#: The game's roles (``config.txt``) and the zopa role each becomes.
GAME_ROLES = {
    "p1": ("principal", "the proposer, who must accept a deal for it to pass"),
    "p2": ("principal", "the veto party, who must accept a deal for it to pass"),
    "player": ("other", "one vote among N, a deal may pass without it"),
}

_ISSUE = re.compile(r'^\s*Issue\s+([A-Z])\s*:\s*"?([^"\n]*?)"?\s*$')
_OPTION = re.compile(r"^\s*([A-Z])(\d+)\s*:?\s*(.*?)\s*$")
_QUOTED_TITLE = re.compile(r'^"([^"]+)"\s*:')


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(f"{path}: cannot read: {error}") from None


def _config(path: Path) -> list[tuple[str, str, str]]:
    """(party name, scores file stem, game role) for each line of ``config.txt``."""
    rows = []
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split(",")]
        if len(fields) < 3 or not fields[0] or not fields[1]:
            raise ScenarioError(f"{path}:{number}: expected 'name, file stem, role, ...'")
        if fields[2] not in GAME_ROLES:
            raise ScenarioError(
                f"{path}:{number}: unknown role {fields[2]!r}; known: {', '.join(GAME_ROLES)}"
            )
        rows.append((fields[0], fields[1], fields[2]))
    if not rows:
        raise ScenarioError(f"{path}: no parties")
    return rows


def _scores(path: Path) -> tuple[list[list[int]], int]:
    """Integer scores per issue (options in order) and the threshold."""
    lines = [line for line in _read(path).splitlines() if line.strip()]
    if len(lines) < 2:
        raise ScenarioError(f"{path}: expected one line of scores per issue and a threshold")
    try:
        rows = [[int(x) for x in line.split(",")] for line in lines[:-1]]
        threshold = int(lines[-1])
    except ValueError as error:
        raise ScenarioError(f"{path}: scores must be integers: {error}") from None
    return rows, threshold


def _issue_titles(
    path: Path, sizes: list[int]
) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(issue name, letter, title, [(option name, label)]) per issue.

    Titles and option labels come from ``global_instructions.txt`` when it
    describes exactly the issues and option counts of the score files; issue
    ``A`` with three options is otherwise named ``A`` with options A1 to A3.
    """
    letters = [chr(ord("A") + i) for i in range(len(sizes))]
    plain = [
        (c, c, "", [(f"{c}{k}", "") for k in range(1, n + 1)])
        for c, n in zip(letters, sizes, strict=True)
    ]
    if not path.is_file():
        return plain
    titles: dict[str, str] = {}
    labels: dict[str, dict[int, str]] = {c: {} for c in letters}
    for line in _read(path).splitlines():
        if m := _ISSUE.match(line):
            titles[m.group(1)] = m.group(2).strip()
        elif (m := _OPTION.match(line)) and m.group(1) in labels:
            text = m.group(3)
            quoted = _QUOTED_TITLE.match(text)
            label = quoted.group(1) if quoted else text.rstrip(".").replace('"', "")
            labels[m.group(1)][int(m.group(2))] = label
    if set(titles) != set(letters) or any(
        sorted(labels[c]) != list(range(1, n + 1)) for c, n in zip(letters, sizes, strict=True)
    ):
        return plain
    out = []
    for c, n in zip(letters, sizes, strict=True):
        slug = re.sub(r"[^a-z0-9]+", "_", titles[c].lower()).strip("_") or c
        out.append((slug, c, titles[c], [(f"{c}{k}", labels[c][k]) for k in range(1, n + 1)]))
    return out


def read_deliberation(path: str | Path) -> Scenario:
    """Read an LLM-Deliberation game folder (``config.txt``, ``scores_files/``).

    Parameters
    ----------
    path : str or Path
        The game folder, e.g. ``games_descriptions/base``.

    Returns
    -------
    Scenario
        One party per line of ``config.txt`` in that order, the issues and
        options of the score files (named from ``global_instructions.txt``
        when it matches them).

    Raises
    ------
    ScenarioError
        A missing folder or file, scores that are not integers, parties whose
        score files disagree on the issues, or a threshold above a party's
        best possible score.

    Notes
    -----
    For party ``p`` with score ``s_io`` on option ``o`` of issue ``i``, lowest
    ``m_i`` and highest ``M_i``, the weight of issue ``i`` is ``M_i - m_i`` and
    the value of option ``o`` is ``(s_io - m_i) / (M_i - m_i)``. With
    ``W = sum_i (M_i - m_i)`` and the weights normalised, a deal's utility is
    ``(S - sum_i m_i) / W`` for its score ``S``: one increasing affine map.
    The reservation value is the threshold ``T`` through the same map,
    ``(T - sum_i m_i) / W``, so that ``S >= T`` exactly when the utility
    reaches the reservation value (values and reservation are written as exact
    fractions, so this holds in zopa's arithmetic too). A threshold below every
    deal's score gives reservation 0. An issue on which all of a party's scores
    are equal gets weight 0 (and values 0).

    Roles: the game's ``p1`` (the proposer) and ``p2`` (the veto party) must
    both accept a deal under the paper's pass rule, which is what makes a
    principal, so both become ``"principal"``; every ``player`` becomes
    ``"other"``. The pass rule itself becomes the scenario's decision rule: at
    least N-1 of the N parties, including ``p1`` and ``p2``. The game role itself
    is kept in the note of the party's reservation value (``"game role p1:
    ..."``), and the scenario's description lists every party's game role.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise ScenarioError(f"{folder}: no such folder")
    config = _config(folder / "config.txt")
    games = {stem: _scores(folder / "scores_files" / f"{stem}.txt") for _, stem, _ in config}
    sizes = [len(row) for row in games[config[0][1]][0]]
    for _, stem, _ in config:
        if [len(row) for row in games[stem][0]] != sizes:
            raise ScenarioError(
                f"{folder / 'scores_files' / f'{stem}.txt'}: options per issue "
                f"{[len(row) for row in games[stem][0]]} differ from the first party's {sizes}"
            )
    issues = _issue_titles(folder / "global_instructions.txt", sizes)
    parties: list[dict[str, Any]] = []
    for name, stem, role in config:
        rows, threshold = games[stem]
        lows = [min(row) for row in rows]
        spans = [max(row) - low for row, low in zip(rows, lows, strict=True)]
        total = sum(spans)
        where = folder / "scores_files" / f"{stem}.txt"
        if total == 0:
            raise ScenarioError(f"{where}: every option of every issue has the same score")
        best = sum(lows) + total
        if threshold > best:
            raise ScenarioError(
                f"{where}: threshold {threshold} is above the best possible score {best}"
            )
        zopa_role, meaning = GAME_ROLES[role]
        weights: dict[str, float] = {}
        values: dict[str, dict[str, str]] = {}
        # Exact fractions ("2/3"), so the threshold test is exact in zopa.
        for (issue, _, _, options), row, low, span in zip(issues, rows, lows, spans, strict=True):
            weights[issue] = float(span)
            values[issue] = {
                option: str(Fraction(score - low, span) if span else Fraction(0))
                for (option, _), score in zip(options, row, strict=True)
            }
        reservation = str(max(Fraction(0), Fraction(threshold - sum(lows), total)))
        party: dict[str, Any] = {
            "name": name,
            "role": zopa_role,
            "weights": weights,
            "values": values,
            "reservation": {
                "value": reservation,
                "note": f"game role {role}: {meaning}; threshold {threshold} of scores "
                f"{sum(lows)} to {best}",
            },
        }
        if stem.casefold() != name.casefold():
            party["aliases"] = [stem]
        parties.append(party)
    roles = "; ".join(f"{name}: {role}" for name, _, role in config)
    vetoes = [name for name, _, role in config if role in ("p1", "p2")]
    data = {
        "name": f"deliberation-{folder.name}",
        "title": f"LLM-Deliberation game {folder.name!r}",
        "description": (
            f"Scoring game from LLM-Deliberation. Game roles: {roles}. Pass rule: at least "
            "N-1 of the N parties at or above their thresholds, p1 and p2 among them."
        ),
        "issues": [
            {
                "name": issue,
                "description": title,
                "aliases": [letter] if issue != letter else [],
                "options": [{"name": o, "label": label or None} for o, label in options],
            }
            for issue, letter, title, options in issues
        ],
        "parties": parties,
        "decision_rule": {
            "at_least": max(len(config) - 1, len(vetoes), 1),
            "including": vetoes,
            "note": "the paper's pass rule: N-1 of the N parties, p1 and p2 among them",
        },
    }
    return scenario_from_data(data, where=str(folder))
