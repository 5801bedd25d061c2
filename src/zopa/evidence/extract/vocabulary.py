"""The vocabularies of the rule extractor, compiled for one pass per document.

Two trie-shaped regular expressions: one per scenario (party names and aliases, case
as written: "US" but not "us"; issue, option and topic cues, case-insensitive, with
inflections), and one for the general stance lexicon of
:mod:`~zopa.evidence.extract.lexicon`. A match is a :class:`Hit`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from zopa.evidence.extract.lexicon import ENTRIES
from zopa.model.types import Scenario

__all__ = [
    "LEXICON",
    "LEXICON_OF",
    "SPACES",
    "Compiled",
    "Hit",
    "compile_scenario",
    "trie_pattern",
    "within",
]

_ADJECTIVE_ENDINGS = ("ian", "ean", "can", "ese", "ish")
SPACES = re.compile(r"\s+")
_CONTRACTIONS = (
    *(
        f"{w}n{q}t"
        for w in ("does", "do", "did", "is", "are", "was", "were", "has", "have", "had", "would",
                  "could", "should")
        for q in ("'", "’")
    ),
    "won't", "won’t", "can't", "can’t",
)  # fmt: skip


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regular-expression source matching any of ``phrases``, longest first.

    Phrases are stored in a character trie, so matching costs about one branch
    per character instead of one try per phrase.

    Examples
    --------
    >>> import re
    >>> re.findall(trie_pattern(["red line", "red lines", "reject"]), "red lines, reject")
    ['red lines', 'reject']
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(c) + build(sub) for c, sub in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    key: str  # party name, or issue key, or lowercase lexicon phrase


@dataclass(frozen=True, slots=True)
class Compiled:
    actors: re.Pattern[str]
    actor_of: dict[str, str]
    adjectives: frozenset[str]
    issues: re.Pattern[str] | None
    issue_of: dict[str, tuple[tuple[str, str | None], ...]]
    topics: frozenset[str]


def compile_scenario(scenario: Scenario) -> Compiled:
    scenario = scenario.with_default_cues()  # a scenario without cues: its names serve
    actor_of: dict[str, str] = {}
    for party in scenario.parties:
        for alias in (party.name, *party.aliases):
            alias = alias.strip()
            if not alias:
                continue
            for form in {alias, alias[0].upper() + alias[1:]}:
                actor_of.setdefault(form, party.name)
    adjectives = frozenset(a for a in actor_of if a.lower().endswith(_ADJECTIVE_ENDINGS))
    actors = re.compile(r"(?<!\w)(?:" + trie_pattern(actor_of) + r")(?!\w)")
    issue_of: dict[str, list[tuple[str, str | None]]] = {}

    def add(cue: str, key: tuple[str, str | None]) -> None:
        cue = SPACES.sub(" ", cue.strip().lower())
        if cue and key not in issue_of.setdefault(cue, []):
            issue_of[cue].append(key)

    for issue in scenario.issues:
        for cue in issue.cues:
            add(cue, (issue.name, None))
        for option in issue.options:
            for cue in option.cues:
                add(cue, (issue.name, option.name))
    for topic in scenario.topics:
        for cue in topic.cues:
            add(cue, (topic.name, None))
    issues = None
    if issue_of:
        # A lookahead finds overlapping cues too ("ceasefire along existing frontlines").
        issues = re.compile(
            r"(?<!\w)(?=(?P<all>(?P<cue>"
            + trie_pattern(issue_of)
            + r")(?:s|es|ed|d|ing|al)?)(?!\w))",
            re.IGNORECASE,
        )
    return Compiled(
        actors,
        actor_of,
        adjectives,
        issues,
        {k: tuple(v) for k, v in issue_of.items()},
        frozenset(t.name for t in scenario.topics),
    )


def _lexicon() -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, str], ...]]]:
    table: dict[str, list[tuple[str, str]]] = {}
    for kind, stance, phrase in ENTRIES:
        for form in {phrase, phrase.replace("'", "’")}:
            table.setdefault(form, [])
            if (kind, stance) not in table[form]:
                table[form].append((kind, stance))
    for form in _CONTRACTIONS:
        table.setdefault(form, [("neg", "neg")])
    pattern = re.compile(r"(?<!\w)(?:" + trie_pattern(table) + r")(?!\w)", re.IGNORECASE)
    return pattern, {k: tuple(v) for k, v in table.items()}


LEXICON, LEXICON_OF = _lexicon()


def within(hits: list[Hit], start: int, end: int) -> list[Hit]:
    lo = bisect_left(hits, start, key=lambda h: h.start)
    hi = bisect_left(hits, end, lo=lo, key=lambda h: h.start)
    return hits[lo:hi]
