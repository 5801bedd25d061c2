"""The vocabularies of the rule extractor, compiled for one pass per document.

Two trie-shaped regular expressions: one per scenario (party names and aliases, case
as written: "US" but not "us"; issue, option and topic cues, case-insensitive, with
inflections, the first word of a phrase also as a verb: "ceding territory", an inner
"the" also as "a", "any" or nothing: "monitor a ceasefire"), and one for
the general stance lexicon of :mod:`~zopa.evidence.extract.lexicon`. A match is a :class:`Hit`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from zopa.evidence.extract.lexicon import ENTRIES, verb_forms
from zopa.model.types import Scenario

__all__ = [
    "FOLDED_LEXICON",
    "LEXICON_OF",
    "SPACES",
    "Compiled",
    "Hit",
    "compile_scenario",
    "fold",
    "trie_pattern",
    "within",
]

T = TypeVar("T")
_ADJECTIVE_ENDINGS = ("ian", "ean", "can", "ese", "ish")
SPACES = re.compile(r"\s+")
_CONTRACTIONS = (
    *(
        f"{w}n't"
        for w in ("does", "do", "did", "is", "are", "was", "were", "has", "have", "had", "would",
                  "could", "should")
    ),
    "won't", "can't",
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


class Hit(NamedTuple):
    """A match of a vocabulary in the text (a tuple: made by the thousand per document)."""

    start: int
    end: int
    key: str  # party name, or issue key, or lowercase lexicon phrase


@dataclass(frozen=True, slots=True)
class Compiled:
    actors: re.Pattern[str]
    actor_of: dict[str, str]
    adjectives: frozenset[str]
    folded_issues: re.Pattern[str] | None  # case-sensitive, for folded text (see fold)
    issue_of: dict[str, tuple[tuple[str, str | None], ...]]
    topics: frozenset[str]
    principals: tuple[str, ...] = ()  # the parties "both sides" means by default


def compile_scenario(scenario: Scenario) -> Compiled:
    scenario = scenario.with_default_cues()  # a scenario without cues: its names serve
    actor_of: dict[str, str] = {}
    for party in scenario.parties:
        for alias in (party.name, *party.aliases):
            alias = alias.strip()
            if not alias:
                continue
            for form in {alias, alias[0].upper() + alias[1:], *_title_cases(alias)}:
                actor_of.setdefault(form, party.name)
    adjectives = frozenset(a for a in actor_of if a.lower().endswith(_ADJECTIVE_ENDINGS))
    actors = re.compile(r"(?<!\w)(?:" + trie_pattern(actor_of) + r")(?!\w)")
    issue_of: dict[str, list[tuple[str, str | None]]] = {}

    def add(cue: str, key: tuple[str, str | None]) -> None:
        cue = SPACES.sub(" ", cue.strip().lower())
        if cue and key not in issue_of.setdefault(cue, []):
            issue_of[cue].append(key)

    def add_forms(cue: str, key: tuple[str, str | None]) -> None:
        add(cue, key)
        head, space, _ = cue.strip().partition(" ")
        # "cede territory": "ceding territory"; a cue that is already a form stays as it is
        if space and head.isalpha() and len(head) > 3 and not head.endswith("ing"):
            for form in verb_forms(cue.strip().lower())[1:]:
                add(form, key)
        for variant in _article_variants(cue):
            add(variant, key)
        for variant in _other_spellings(cue):
            add(variant, key)
        if "-" not in cue and cue.count(" ") == 1:  # "front line" is also "front-line"
            add(cue.replace(" ", "-"), key)
        # The matcher's suffixes cannot turn a final "y" into "ies" ("territories"), nor a
        # one-word verb's into "ied" ("verified").
        lowered = cue.strip().lower()
        if len(lowered) > 3 and lowered[-1] == "y" and lowered[-2] not in "aeiou -":
            add(lowered[:-1] + "ies", key)
            if " " not in lowered:
                add(lowered[:-1] + "ied", key)

    for issue in scenario.issues:
        for cue in issue.cues:
            add_forms(cue, (issue.name, None))
        for option in issue.options:
            for cue in option.cues:
                add_forms(cue, (issue.name, option.name))
    for topic in scenario.topics:
        for cue in topic.cues:
            add_forms(cue, (topic.name, None))
    folded = None
    if issue_of:
        # A lookahead finds overlapping cues too ("ceasefire along existing frontlines").
        source = (
            r"(?<!\w)(?=(?P<all>(?P<cue>"
            + trie_pattern(issue_of)
            + r")(?:s|es|ed|d|ing|al)?)(?!\w))"
        )
        folded = re.compile(source)
    return Compiled(
        actors,
        actor_of,
        adjectives,
        folded,
        {k: tuple(v) for k, v in issue_of.items()},
        frozenset(t.name for t in scenario.topics),
        tuple(p.name for p in scenario.parties if p.role == "principal"),
    )


_MINOR_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to"})


def _title_cases(alias: str) -> tuple[str, ...]:
    """An alias of several words, lower case after the first, as titles and headlines
    write it: "coalition of the willing" is also "Coalition of the Willing" and
    "Coalition Of The Willing", "European leaders" also "European Leaders"."""
    words = alias.split(" ")
    if len(words) < 2 or not all(w.islower() for w in words[1:]):
        return ()
    headline = " ".join(w[0].upper() + w[1:] for w in words)
    title = " ".join(
        w if i and w in _MINOR_WORDS else w[0].upper() + w[1:] for i, w in enumerate(words)
    )
    return title, headline


_ISE = re.compile(r"(?<=\w{3})i([sz])(e|es|ed|ing|ation|ations)\b")
_DEFENCE = re.compile(r"\bdefen([cs])e\b")


def _other_spellings(phrase: str) -> list[str]:
    """The phrase as other outlets spell it: a hyphen joined or spaced ("cease-fire":
    "ceasefire", "cease fire"), and British or American where a rule can tell them apart,
    "-ise"/"-ize" ("recognise", "stabilization") and "defence"/"defense". A form that
    makes no real word ("compromize") matches nothing."""
    swapped = _ISE.sub(lambda m: "i" + ("z" if m[1] == "s" else "s") + m[2], phrase)
    swapped = _DEFENCE.sub(lambda m: "defen" + ("s" if m[1] == "c" else "c") + "e", swapped)
    forms = (phrase.replace("-", ""), phrase.replace("-", " "), swapped)
    return [f for f in dict.fromkeys(forms) if f != phrase]


_INNER_THE = re.compile(r"(?<=\w) the (?=(\w))", re.IGNORECASE)


def _article_variants(cue: str) -> list[str]:
    """The cue with its inner "the" as "a", "an" or "any", or left out: a cue written
    "monitor the ceasefire" names the issue in "monitor a ceasefire" too."""
    match = _INNER_THE.search(cue)
    if match is None:
        return []
    article = "an" if match.group(1)[0].lower() in "aeiou" else "a"
    return [
        cue[: match.start()] + f" {word} " + cue[match.end() :] for word in (article, "any", "")
    ]


def _lexicon() -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, str], ...]]]:
    table: dict[str, list[tuple[str, str]]] = {}
    for kind, stance, phrase in ENTRIES:
        for form in (phrase, *_other_spellings(phrase)):  # "non-starter": "nonstarter"
            table.setdefault(form, [])
            if (kind, stance) not in table[form]:
                table[form].append((kind, stance))
    for form in _CONTRACTIONS:
        table.setdefault(form, [("neg", "neg")])
    # Case-sensitive over folded text (see fold): about twice as fast as a case-blind scan.
    folded = re.compile(
        r"(?<!\w)(?:" + trie_pattern(k for k in table if k == k.lower()) + r")(?!\w)"
    )
    return folded, {k: tuple(v) for k, v in table.items()}


FOLDED_LEXICON, LEXICON_OF = _lexicon()


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """``text`` in lower case with its offsets kept: a letter whose lower case is longer
    ("İ") stays as it is, and then names no cue (every cue is in lower case). Curly
    apostrophes become straight ones, as cues write them ("Ukraine’s army")."""
    folded = text.lower()
    if len(folded) != len(text):
        folded = "".join(c if len(low := c.lower()) != 1 else low for c in text)
    return folded.translate(_APOSTROPHES)


def within(items: list[T], starts: Sequence[int], start: int, end: int) -> list[T]:
    """The items (hits, spans) that start in ``[start, end)``; ``starts`` are their
    starts, in order."""
    lo = bisect_left(starts, start)
    return items[lo : bisect_left(starts, end, lo)]
