"""The default claim extractor: rules over lexicons, offline, no model.

Per document, three precompiled trie-shaped regular expressions find, in one
pass each, the mentions of parties (names and aliases from the scenario, case
as written: "US" but not "us"), the cues of issues, options and topics (from the
scenario, case-insensitive, with inflections) and the stance cues and markers of
:mod:`~zopa.evidence.extract.lexicon`. Then, per sentence that has a stance cue:

1. **Chained cues.** A readiness cue followed at once by another ("willing to
   roll back on demands") passes on its negation and yields no claim of its own.
   What a demand or proposal contains ("a demand that Putin agree to ...",
   "pressing Kyiv to accept ...", "red lines: X, Y and Z") belongs to it and is
   not a claim of its own; a verb of saying with a stance ("insisted that
   Ukraine will never ...") gives way to the position it reports.
2. **Stance and negation.** An odd number of negations and retractions
   ("not", "no sign", "dropping") before a cue in its clause flips it
   (:data:`~zopa.evidence.extract.lexicon.FLIP`): "not insisting on" offers
   (and names no option: the option is dropped, not offered), "has not dropped
   its demand" still demands. Cues in "if"/"until" clauses are hypothetical and
   give no claim. A rejection stated firmly ("made it clear", "categorically")
   is a red line; a plan that "calls for" something proposes it; what a party
   wants "in exchange for" an offer it demands.
3. **Actor.** A stance noun takes its possessor ("Russian demands", "the
   Kremlin's red lines") or a following "for/of/by X" ("a red line for the
   Kremlin"); otherwise the nearest mention to the left that is neither the
   object of a preposition or a verb ("informed the American side") nor bound
   to another noun: so in "X said Russia would reject ..." the actor is Russia,
   whose position is described. A possessor or an adjective of another noun
   ("Ukraine's membership", "European troops") is passed over for a real subject,
   and a bare comma joins mentions only in a list ending in "and"/"or", so the
   subject after "In talks with the Kremlin, ..." stays. Failing that, a speaker
   named after the quote
   ("..., Zelensky said", "... – Dmitry Peskov"), then, when the clause has a
   pronoun or opens with "This"/"That" or "The proposal", the previous sentence's
   subject. A predicate binds a party after "to"/"for" ("unacceptable to Kyiv").
   Mentions joined by "and" share the claim.
4. **Issue.** The issue, option and topic cues between the cue and the next cue
   (or a clause break, or an attribution tail such as ", officials said"), each
   one claim: "red lines: territory, army limits and NATO" gives three. Cues
   that overlap or touch name one thing; a phrase that names a topic and an
   option of an issue counts for the issue only where the issue itself is named
   beside it. A verb whose object is a stance noun ("rejects Russian demands to
   withdraw") reaches through it, so that sentence gives Ukraine rejects and
   Russia demands. Failing that, the nearest cue to the left in the clause,
   then, for an anaphor ("this proposal"), the last issue named in the sentence
   or the first demand or proposal of the last sentence with claims. Asides in
   brackets are skipped.
5. **Date, hedge, confidence.** The date stated nearest the cue (resolved
   against the article date), else the article date; ``hedged`` for unnamed
   sourcing; confidence lowered for hedges and each weak pairing.

Sentences longer than 1,200 characters (lists, tables) are cut at spaces, so
the cost stays linear in the length of the text.

Examples
--------
>>> from zopa.model import scenario_from_data
>>> scenario = scenario_from_data({
...     "name": "demo",
...     "issues": [{"name": "river", "cues": ["river border"], "options": [
...         {"name": "midline", "cues": ["midline"]}, {"name": "bank", "cues": ["north bank"]}]}],
...     "parties": [
...         {"name": "North", "aliases": ["Nordia"], "weights": {"river": 1},
...          "values": {"river": {"midline": 0.5, "bank": 1}}},
...         {"name": "South", "weights": {"river": 1},
...          "values": {"river": {"midline": 0.5, "bank": 0}}}]})
>>> claims = RulesExtractor().extract(
...     "Nordia rejects South's demand for a border on the north bank.",
...     scenario=scenario, date="2026-03-06")
>>> [(c.actor, c.stance, c.option) for c in claims]
[('North', 'rejects', 'bank'), ('South', 'demands', 'bank')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from zopa.evidence.extract.dates import resolve_date
from zopa.evidence.extract.lexicon import ENTRIES, FLIP
from zopa.evidence.extract.plans import (
    PLAN_HEAD,
    PRESENTED,
    author,
    frame_plan,
    governing_plan,
    made_by_subject,
    pronoun_owned,
)
from zopa.evidence.extract.quotes import SPEECH_VERBS, pronoun_spoken, quotations, speakers
from zopa.evidence.extract.sentences import split_sentences
from zopa.evidence.types import ExtractedClaim
from zopa.model.types import Scenario

__all__ = ["RulesExtractor", "trie_pattern"]

_STANCE_KINDS = frozenset({"verb", "noun", "adj", "modal", "negmodal"})
_ADJECTIVE_ENDINGS = ("ian", "ean", "can", "ese", "ish")
_MAX_SENTENCE = 1200  # characters; longer "sentences" are cut (see _pieces)
_CHAIN_GAP = 30  # characters between two cues read as one phrase
_RETRACT_GAP = 15  # characters between "dropping" and the demand it drops
_POSSESSOR_GAP = re.compile(r"(?:['’]s)?(?:\s+[a-z][\w-]*){0,2}\s*[\"“]?")
_AFTER_NOUN = re.compile(r"\s+(?:for|of|by)\s+(?:the\s+)?$")
_ADDRESSEE_AFTER = re.compile(r"\s+to\s+[a-z]")
# Modal obligations: the subject is the one obliged, the actor the one who says so.
_EITHER_OR = re.compile(r"\bEither\b[^.;:]{3,200}?,?\s+or\b")
_MEETING = re.compile(r"(?i:will|would|is to|are to|plans to|planning to) meet")
_NEED = re.compile(r"(?i:need|must|should|is needed|are needed)")
_OBLIGATION = re.compile(r"(?i:must|should)(?:\s+\w+)?")
_REPORT_FRAME = re.compile(rf"\bthat\s|[“\"]|:\s|\b{SPEECH_VERBS}\s")
_REGARDED_AS = re.compile(r"\s+(?!(?:by|if|when|once|at|in|for|after|before|during)\b)[a-z“\"]")
_PASSIVE_BY = re.compile(r"\s+(?:\w+ly\s+)?by\s+(?:the\s+)?")
_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|these|those)\s+$", re.I)
_ATTRIBUTIVE_AFTER = re.compile(r"\s+(?!by\b|to\b|that\b|on\b|in\b)[\w-]")
# A readiness stated as a noun takes its possessor: "Trump's willingness to".
_NOMINAL_MODAL = re.compile(r"(?i:willingness|readiness|openness)")
# An issue cue in an adjunct of place or time names the setting, not what is agreed:
# "agreed at their summit that ...", "a deal reached during the Geneva talks".
_SETTING_BEFORE = re.compile(
    r"\b(?:at|during|ahead of|on the sidelines of|on the eve of|following)\s+"
    r"(?:[\w\"“”'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_BARE_CLAUSE = re.compile(r"\s+(?:[\w’'.-]+\s+){1,3}[“\"]?")  # "insists Ukraine will never"
_COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were|be|remains?|remained)\s+$")
_AFTER_ADJECTIVE = re.compile(r"\s+(?:for|to|of|by)\s+(?:the\s+)?$")  # "unacceptable to Kyiv"
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|its|his|her|their|our|a|an|any|these|those|this|that|previous|"
    r"specific|key|main|central|maximalist|territorial|new|own|such|of|['’]s)|['’]s)\s+$",
    re.IGNORECASE,
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(in|on|of|to|from|with|into|against|at|over|about|toward|towards|between|among|"
    r"across|for|by|through|under|within|than|like|including|upon|onto|via|near|amid|"
    r"despite|after|before|since|around|throughout|beyond|involving|alongside)"
    r"\s+(?:(?:the|its|their|both|all|some|many|senior|top|other|president|prime minister|"
    r"minister|envoy|special envoy|leader|secretary|spokesman|spokeswoman|spokesperson|"
    r"chancellor|aide|adviser|advisor|counterpart|(?-i:[A-Z][a-z]+(?:ian|ean|can|ese|ish)))\s+)*$",
    re.IGNORECASE,
)  # "talks with (Russian) President Putin": Putin is the object of "with"
_JOINER = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s+")  # "rejects (Russian) demands"
# a that-clause after a cue: "demand that Putin agree", "promised (the Russian side) that the
# U.S. would push"
_THAT_CLAUSE = re.compile(r"(?:\s[^,;:]{0,80}?)?\s+that\s+(?:[\w’'.-]+\s+){0,3}")
_REFUSED_CLAUSE = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}that\s[^,;:]{0,80}")  # "suggestions that"
_SENTENCE_STOP = re.compile(r"[;.!?]")
_TO_CLAUSE = re.compile(r"\s+(?:[\w’'.-]+\s+){1,3}to\s+")  # "pressing Kyiv to accept"
_PARENTHESES = re.compile(r"\([^()]*\)")
# A mention right after a transitive verb is its object: "informed the American side".
_OBJECT_BEFORE = re.compile(
    r"\b(?:(?!(?:reported|stated|claimed|announced|added|noted|united|armed|unnamed|limited|"
    r"based|led|backed|so-called|detailed)\b)[a-z]+ed|told|urged|asked|pressed|pushed|informed|"
    r"promised|gave|sent|met|meet|favou?rs?|favou?ring|accused|let|allow|allows|help|helps|"
    r"persuade|persuaded|convince|convinced|pressing|pushing|urging|forcing|pressuring|asking|"
    r"telling|persuading)\s+(?:the\s+)?$"
)
_CLAUSE_BREAK = re.compile(r"[;:—]|,\s|\b(?:while|whereas|though|although|but)\b")
# Where the object of a stance ends: a new clause, or an attribution tail.
_REGION_STOP = re.compile(
    r";|\b(?:while|whereas|though|although|once|unless|until)\b"  # a condition is no object
    r"|,\s*but\b(?!\s+also)"  # a contrast opens a clause of its own
    r"|,\s*(?:according to|the \w+ said|said|\w+ said)\b"
)
_COORDINATION = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:its\s+|their\s+|the\s+)?"
)
_AND = re.compile(r"\s(?:and|but)\s")
_CONJUNCTION = re.compile(r"\b(?:and|or)\b")
_SPEECH_AFTER = re.compile(
    r"[\w\s,.'’-]{0,40}?\b(?:said|says|told|added|stated|warned|noted|wrote|announced|cited|"
    r"quoted|replied|responded|stressed|insisted|declared|explained|emphasi[sz]ed|posted)\b"
)
_PRONOUN = re.compile(
    r"\b(?:he|she|it|they|his|her|its|their|him|them|we|our|i|my)\b", re.IGNORECASE
)
_GREETED = re.compile(r"\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,3}")
_REFERENTIAL = re.compile(r"\b(?:the|this|that|these|those)\s+$", re.IGNORECASE)
_PLAN_SUBJECT = re.compile(
    r"[\"“]?(?:The|This|That|Its|Their|A|An)\s+(?:[\w-]+\s+){0,2}(?:plan|proposal|draft|framework|"
    r"document|text|blueprint|deal|agreement|memorandum)\b"
)
# A pronoun subject at the start of a sentence: "But we have got ...".
_PRONOUN_START = re.compile(
    r"[\"“]?(?:(?:But|And|So|Yet|Still),?\s+)?(?:we|he|she|they|it|i)\b", re.I
)
_DASH_SPEAKER = re.compile(r"\s*[–—-]\s*$")
_TOUCHING = re.compile(r"\s+(?:(?:the|a|an|of)\s+)?")
_DEMONSTRATIVE_START = re.compile(r"[\"“]?(?:This|That|These|Those|Such)\b")
_ANAPHOR = re.compile(r"\b(?:this|these|those|such)\b", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
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
class _Hit:
    start: int
    end: int
    key: str  # party name, or issue key, or lowercase lexicon phrase


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    kind: str
    stance: str
    negations: int = 0
    absorbed: bool = False  # a readiness cue folded into the next cue
    conditional: bool = False
    region: tuple[int, int] = (0, 0)
    object_of_verb: bool = False
    listed: bool = False  # an item of a list after a colon
    content: bool = False  # part of what another cue demands or proposes
    lead: int = -1  # start of a readiness or refusal cue folded into this one


@dataclass(frozen=True, slots=True)
class _Compiled:
    actors: re.Pattern[str]
    actor_of: dict[str, str]
    adjectives: frozenset[str]
    issues: re.Pattern[str] | None
    issue_of: dict[str, tuple[tuple[str, str | None], ...]]
    topics: frozenset[str]


def _compile(scenario: Scenario) -> _Compiled:
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
        cue = _SPACES.sub(" ", cue.strip().lower())
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
    return _Compiled(
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


_LEXICON, _LEXICON_OF = _lexicon()


class RulesExtractor:
    """Rules and lexicons, offline and fast (see the module notes for the rules)."""

    name = "rules"

    def __init__(self) -> None:
        self._cache: dict[int, tuple[Scenario, _Compiled]] = {}

    def _compiled(self, scenario: Scenario) -> _Compiled:
        cached = self._cache.get(id(scenario))
        if cached is not None and cached[0] is scenario:
            return cached[1]
        compiled = _compile(scenario)
        if len(self._cache) >= 8:
            self._cache.clear()
        self._cache[id(scenario)] = (scenario, compiled)
        return compiled

    def extract(
        self, text: str, *, scenario: Scenario, date: str | None = None
    ) -> list[ExtractedClaim]:
        """Claims of ``text`` (see :class:`~zopa.evidence.extract.Extractor`)."""
        compiled = self._compiled(scenario)
        if compiled.issues is None:
            return []
        actors = [
            _Hit(m.start(), m.end(), compiled.actor_of[m.group()])
            for m in compiled.actors.finditer(text)
        ]
        # Case-folding can match a letter whose lower case is another string ("İ"): such
        # hits name nothing in the tables and are dropped.
        issues = [
            _Hit(m.start(), m.end("all"), key)
            for m in compiled.issues.finditer(text)
            if (key := m.group("cue").lower()) in compiled.issue_of
        ]
        lexical = [
            _Hit(m.start(), m.end(), key)
            for m in _LEXICON.finditer(text)
            if (key := m.group().lower()) in _LEXICON_OF
        ]
        spans = quotations(text)
        who = speakers(text, spans, [(a.start, a.end) for a in actors])
        state = _State(
            quoted=[
                (a, b, actors[k] if k is not None else _SOMEONE)
                for (a, b), k in zip(spans, who, strict=True)
                if k is not None or pronoun_spoken(text, b)
            ],
            plan_heads=[_Hit(m.start(), m.end(), "") for m in PLAN_HEAD.finditer(text)],
        )
        claims: list[ExtractedClaim] = []
        for start, end in _pieces(text, split_sentences(text)):
            found = _Sentence(
                text, start, end, _within(actors, start, end), _within(issues, start, end),
                _within(lexical, start, end), compiled, date, state,
            ).claims()  # fmt: skip
            claims.extend(_without_repeats(found))
        return claims


def _without_repeats(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """One claim per (actor, issue, stance, option) in a sentence; a claim without
    an option is dropped where the same sentence gives the same stance with one."""
    with_option = {(c.actor, c.issue, c.stance) for c in claims if c.option}
    seen: set[tuple] = set()
    out = []
    for claim in claims:
        key = (claim.actor, claim.issue, claim.stance, claim.option)
        if key in seen or (claim.option is None and key[:3] in with_option):
            continue
        seen.add(key)
        out.append(claim)
    return out


def _pieces(text: str, spans: list[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """The sentence spans, the rare overlong one (a list, a table) cut at spaces.

    The rules cost grows with the square of a sentence's length; real sentences
    stay far below the cut.
    """
    for start, end in spans:
        while end - start > _MAX_SENTENCE:
            cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
            cut = cut if cut > start else start + _MAX_SENTENCE
            yield start, _rstrip(text, start, cut)
            start = cut + 1 if text[cut : cut + 1] == " " else cut
        yield start, end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _within(hits: list[_Hit], start: int, end: int) -> list[_Hit]:
    lo = bisect_left(hits, start, key=lambda h: h.start)
    hi = bisect_left(hits, end, lo=lo, key=lambda h: h.start)
    return hits[lo:hi]


def _links(text: str, actors: list[_Hit]) -> list[bool]:
    """Whether each mention is coordinated with the next ("Russia and Ukraine").

    A bare comma joins only inside a list that ends in "and"/"or" ("Russia, Ukraine
    and the US"): in "In talks with the Kremlin, Kyiv rejected ..." it closes an
    introductory phrase, and Kyiv is the subject.
    """
    links = [False] * len(actors)
    for k in range(len(actors) - 2, -1, -1):
        a, b = actors[k], actors[k + 1]
        if not _COORDINATION.fullmatch(text, a.end, b.start):
            continue
        links[k] = bool(_CONJUNCTION.search(text, a.end, b.start)) or links[k + 1]
    return links


_SOMEONE = _Hit(-1, -1, "")  # the speaker of a quotation named by a pronoun ("he said")


@dataclass(slots=True)
class _State:
    """What carries from one sentence to the next: the subject and last issues."""

    subject: str | None = None
    issues: tuple[tuple[str, str | None, int, int], ...] = ()
    issues_age: int = 99
    subject_age: int = 99  # sentences since the subject was named
    plan_author: str | None = None  # the party whose plan the document last named
    plan_heads: list[_Hit] = field(default_factory=list)  # the document's plan nouns
    # quotations of the document whose speaker is named: (start, end, speaker)
    quoted: list[tuple[int, int, _Hit]] = field(default_factory=list)

    def speaker(self, at: int) -> tuple[int, _Hit] | None:
        """The start and the speaker of the quotation around ``at``, if one is named."""
        k = bisect_left(self.quoted, at, key=lambda q: q[0]) - 1
        if k >= 0 and self.quoted[k][0] < at < self.quoted[k][1]:
            return self.quoted[k][0], self.quoted[k][2]
        return None


def _clusters(hits: list[_Hit], text: str) -> list[list[_Hit]]:
    """Cue hits that overlap or touch grouped: they name one thing.

    "a ceasefire along the current front line" is one proposal even though two
    cues match in it ("ceasefire along", "current front line").
    """
    groups: list[list[_Hit]] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        end = max(h.end for h in groups[-1]) if groups else 0
        if groups and (hit.start < end or _TOUCHING.fullmatch(text, end, hit.start)):
            groups[-1].append(hit)
        else:
            groups.append([hit])
    return groups


class _Sentence:
    """One sentence with its hits; :meth:`claims` applies the rules."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        actors: list[_Hit],
        issues: list[_Hit],
        lexical: list[_Hit],
        compiled: _Compiled,
        date: str | None,
        state: _State,
    ) -> None:
        self.text, self.start, self.end = text, start, end
        asides = [m.span() for m in _PARENTHESES.finditer(text, start, end)]
        if asides:  # an aside in brackets states no one's position
            issues = [h for h in issues if not any(a <= h.start < b for a, b in asides)]
        self.actors, self.issues, self.compiled = actors, issues, compiled
        self.date, self.state = date, state
        self.markers = [
            (h, k)
            for h in lexical
            for k, _ in _LEXICON_OF[h.key]
            if k in ("neg", "retract", "cond", "hedge", "firm")
        ]
        # the plans the sentence names, and an "Under the plan," frame opening it
        self.plan_heads = [(h.start, h.end) for h in _within(state.plan_heads, start, end)]
        self.frame = frame_plan(text, start, end) if self.plan_heads else None
        self.cues = self._cues(lexical)
        self.linked = _links(text, actors)
        self.oblique: set[int] = set()
        for i, actor in enumerate(actors):  # "from both Ukrainian and European leaders"
            if self._is_oblique(actor) or (
                i and actors[i - 1].start in self.oblique and self.linked[i - 1]
            ):
                self.oblique.add(actor.start)
        self.bound: dict[int, _Hit] = {}  # noun cue start -> its possessor
        self.first_keys: list[tuple[str, str | None, int, int]] = []  # for "this" later
        self.first_is_demand = False

    # -- cues -------------------------------------------------------------
    def _cues(self, lexical: list[_Hit]) -> list[_Cue]:
        cues: list[_Cue] = []
        for hit in lexical:
            options = [(k, s) for k, s in _LEXICON_OF[hit.key] if k in _STANCE_KINDS]
            if not options:
                continue
            kind, stance = options[0]
            if len(options) > 1:  # "demands": a noun after a determiner or possessor
                before = self.text[max(self.start, hit.start - 30) : hit.start]
                after_cue = bool(cues) and bool(
                    _JOINER.fullmatch(self.text, cues[-1].end, hit.start)
                )
                noun = (
                    after_cue
                    or bool(_DETERMINER_BEFORE.search(before))
                    or any(
                        0 <= hit.start - a.end <= 1
                        and self.text[a.start : a.end] in self.compiled.adjectives
                        for a in self.actors
                    )
                )
                kind, stance = next(
                    ((k, s) for k, s in options if (k == "noun") == noun), options[0]
                )
            if cues and hit.start < cues[-1].end:  # overlapping phrases: keep the first
                continue
            if (
                kind == "verb"
                and hit.key.endswith("ed")
                and _ATTRIBUTIVE_BEFORE.search(self.text, max(self.start, hit.start - 8), hit.start)
                and _ATTRIBUTIVE_AFTER.match(self.text, hit.end)
            ):
                continue  # "the proposed plan": names the plan, states no new position
            if hit.key.endswith("considered") and _REGARDED_AS.match(self.text, hit.end):
                continue  # "troops would be considered legitimate targets": regarded as
            if hit.key.startswith("welcom") and any(
                _GREETED.fullmatch(self.text, hit.end, a.start)
                and not self.text.startswith(("'s", "’s"), a.end)  # "welcomed Trump's offer"
                for a in self.actors
            ):
                continue  # "Macron welcomes Ukrainian President Zelensky": a greeting
            cues.append(_Cue(hit.start, hit.end, kind, stance))
        either = _EITHER_OR.search(self.text, self.start, self.end)
        if either is not None and not cues:  # an ultimatum in no other words
            cues.append(_Cue(either.start(), either.start() + 6, "adj", "red_line"))
        frame = self.frame
        if frame is not None and not any(c.start < frame[1] for c in cues):
            # "Under the Kremlin's plan, Kyiv would leave ...": the frame proposes what follows
            cues.insert(0, _Cue(frame[1], frame[1], "verb", "proposes"))  # the plan is no object
        return cues

    def _clause_start(self, at: int, floor: int) -> int:
        last = max(floor, self.start)
        for match in _CLAUSE_BREAK.finditer(self.text, last, at):
            last = match.end()
        return last

    def _prepare(self) -> None:
        cues = self.cues
        for i, cue in enumerate(cues):
            floor = cues[i - 1].end if i else self.start
            window_start = max(self._clause_start(cue.start, floor), cue.start - 60)
            for joint in _AND.finditer(self.text, window_start, cue.start):
                window_start = joint.end()  # "had not been consulted and might not accept"
            for hit, kind in self.markers:
                if window_start <= hit.start and hit.end <= cue.start:
                    if kind == "neg" or (
                        # "dropping its demand", "moved away from a previous demand"
                        kind == "retract"
                        and cue.stance == "demands"
                        and cue.start - hit.end <= _RETRACT_GAP
                    ):
                        cue.negations += 1
                    elif kind == "cond":
                        cue.conditional = True
        for i, cue in enumerate(cues[:-1]):
            nxt = cues[i + 1]
            gap = self.text[cue.end : nxt.start]
            if cue.conditional and not _CLAUSE_BREAK.search(gap):
                nxt.conditional = True  # the rest of an "if" clause is hypothetical too
            if cue.kind in ("modal", "negmodal") and len(gap) <= _CHAIN_GAP and "," not in gap:
                cue.absorbed = True
                nxt.negations += cue.negations + (cue.kind == "negmodal")
                nxt.lead = min(cue.lead, cue.start) if cue.lead >= 0 else cue.start
                nxt.conditional = nxt.conditional or cue.conditional
            elif (
                nxt.kind == "noun" and (":" in gap or cue.listed) and not _SENTENCE_STOP.search(gap)
            ):
                nxt.absorbed = nxt.listed = True  # "red lines: X, limits on Y and a ban on Z"
            elif (
                cue.kind == "verb"
                and cue.stance == "proposes"
                and nxt.kind == "noun"
                and nxt.stance in ("demands", "red_line")
                and _JOINER.fullmatch(gap)
            ):  # "set out its conditions", "announced its demands": the noun says the stance
                cue.absorbed = True
                nxt.negations += cue.negations
                nxt.lead = cue.lead if cue.lead >= 0 else cue.start
            elif (
                cue.kind == "verb"
                and cue.stance == "demands"
                and self.text.startswith(("insist", "Insist"), cue.start)
                and (
                    _THAT_CLAUSE.fullmatch(gap)
                    or (nxt.kind in ("negmodal", "adj") and _BARE_CLAUSE.fullmatch(gap))
                )
            ):
                cue.absorbed = True  # "insisted (that) Ukraine will never ...": a verb of saying
            elif (
                (
                    (cue.kind == "noun" or cue.stance == "proposes")
                    and cue.stance in ("demands", "proposes", "red_line")
                    and _THAT_CLAUSE.fullmatch(gap)
                )
                or (
                    cue.kind == "verb"
                    and cue.stance == "demands"
                    and (_TO_CLAUSE.fullmatch(gap) or _THAT_CLAUSE.fullmatch(gap))
                )
                or (  # "it is important that America agrees to ...": what is demanded
                    cue.stance == "demands"
                    and self.text.endswith("that", cue.start, cue.end)
                    and len(gap) <= _CHAIN_GAP * 2
                    and not _CLAUSE_BREAK.search(gap)
                )
                or (  # "the plan would see Ukraine renounce ...": what the plan contains
                    cue.stance == "proposes"
                    and cue.kind == "verb"
                    and not _CLAUSE_BREAK.search(gap)
                    and self._provision(cue)
                )
                or (  # "rejected suggestions that Ukraine withdraw ...": what is refused
                    cue.kind == "verb"
                    and cue.stance in ("rejects", "accepts")
                    and _REFUSED_CLAUSE.fullmatch(gap)
                    and not re.search(r"\b(?:said|says|told)\b", gap)
                )
                or (  # "must be approved through a referendum": a condition, not an approval
                    cue.stance == "demands"
                    and _OBLIGATION.fullmatch(self.text, cue.start, cue.end)
                    and len(gap) <= 8
                    and self.text.endswith("ed", nxt.start, nxt.end)
                )
                or (cue.content and not _CLAUSE_BREAK.search(gap))
            ):
                nxt.absorbed = nxt.content = True  # what is demanded: "demand that Putin agree"
        live = [c for c in cues if not c.absorbed and not c.conditional]
        for i, cue in enumerate(live):
            stop = live[i + 1].start if i + 1 < len(live) else self.end
            breaker = _REGION_STOP.search(self.text, cue.end, stop)
            cue.region = (cue.start, breaker.start() if breaker else stop)
        for i, cue in enumerate(live[:-1]):  # "rejects Russian demands to ...": reach through
            nxt = live[i + 1]
            if (nxt.kind == "noun" and nxt.start - cue.end <= _CHAIN_GAP) or (
                # "welcomed Trump's willingness to contribute to ...": reaches through too
                0 <= (lead := nxt.lead if nxt.lead >= 0 else nxt.start) - cue.end <= _CHAIN_GAP
                and _NOMINAL_MODAL.match(self.text, lead)
            ):
                cue.region = (cue.start, nxt.region[1])
                nxt.object_of_verb = True

    # -- actors -----------------------------------------------------------
    def _is_oblique(self, actor: _Hit) -> bool:
        """Object of a preposition, or part of a compound ("US-led"): not a subject."""
        if self.text.startswith("-", actor.end) or self.text.startswith("-", actor.start - 1):
            return True
        before = self.text[max(self.start, actor.start - 25) : actor.start]
        if _OBJECT_BEFORE.search(before):
            return True
        match = _PREPOSITION_BEFORE.search(before)
        if match is None:
            return False
        # "For Kyiv, this remains unacceptable.": a topic, not an object
        return not (match.group(1).lower() == "for" and self.text.startswith(",", actor.end))

    def _possessor(self, cue: _Cue) -> _Hit | None:
        for actor in reversed(self.actors):
            if actor.end > cue.start:
                continue
            gap = self.text[actor.end : cue.start]
            # "Russia's (new) demands", "Russian demands", "U.S. proposals";
            # not "Ukraine rejects demands"
            if not gap.strip() or (
                _POSSESSOR_GAP.fullmatch(gap)
                and (
                    gap.startswith(("'s", "’s"))
                    or self.text[actor.start : actor.end] in self.compiled.adjectives
                )
            ):
                return actor
            break
        return None

    def _following_actor(self, cue: _Cue) -> _Hit | None:
        after = _AFTER_ADJECTIVE if cue.kind == "adj" else _AFTER_NOUN
        for actor in self.actors:
            if actor.start >= cue.end:
                if (
                    actor.start - cue.end <= 20
                    and after.search(self.text, cue.end, actor.start)
                    # "a demand for Ukraine to withdraw": the one asked, not the one asking
                    and not (cue.kind == "noun" and _ADDRESSEE_AFTER.match(self.text, actor.end))
                ):
                    return actor
                break
        return None

    def _agent(self, cue: _Cue) -> _Hit | None:
        """The agent of a passive: "rejected by Kyiv", "was confirmed by Ushakov"."""
        if not self.text[cue.start : cue.end].lower().endswith("ed"):
            return None
        for actor in self.actors:
            if actor.start >= cue.end:
                return actor if _PASSIVE_BY.fullmatch(self.text, cue.end, actor.start) else None
        return None

    def _coordinated(self, actor: _Hit) -> list[_Hit]:
        group = [actor]
        index = self.actors.index(actor)
        j = index
        while j + 1 < len(self.actors) and self.linked[j]:
            j += 1
            group.append(self.actors[j])
        j = index
        while j > 0 and self.linked[j - 1]:
            j -= 1
            group.append(self.actors[j])
        return group

    def _modifier(self, actor: _Hit) -> bool:
        """A possessor or an adjective of another noun ("Ukraine's membership", "European
        troops"): not the subject of a verb, unless the clause has no other mention."""
        after = self.text[actor.end : actor.end + 3]
        if after.startswith(("'s", "’s")):
            return True
        return self.text[actor.start : actor.end] in self.compiled.adjectives and bool(
            re.match(r" [a-z]", after)
        )

    def _actor(self, cue: _Cue) -> tuple[list[_Hit], float]:
        """The mentions of the party whose stance ``cue`` states, and a weight."""
        if cue.lead in self.bound:  # "Trump's willingness to contribute": Trump offers
            return [self.bound[cue.lead]], 1.0
        if cue.kind == "modal" and cue.start in self.bound:  # "Trump's willingness to join"
            return [self.bound[cue.start]], 1.0
        if cue.kind == "noun":
            own = self.bound.get(cue.start) or self._following_actor(cue)
            if own is not None:
                return [own], 1.0
            if cue.object_of_verb or _REFERENTIAL.search(
                self.text, max(self.start, cue.start - 12), cue.start
            ):
                return [], 0.0  # "rejected this proposal", "the proposals being discussed"
        if cue.kind == "adj":
            own = self._following_actor(cue)
            if own is not None:
                return [own], 1.0
        if cue.kind == "verb":
            agent = self._agent(cue)
            if agent is not None:
                return self._coordinated(agent), 1.0
        bound = {id(h) for h in self.bound.values()}
        limit = cue.start
        if _OBLIGATION.fullmatch(self.text, cue.start, cue.end):
            # "X insisted that Ukraine must leave": Ukraine is told, X demands; with no
            # reporting frame the one who demands is the speaker or the previous subject
            frames = list(_REPORT_FRAME.finditer(self.text, self.start, cue.start))
            limit = frames[-1].start() if frames else self.start
        left = [
            a
            for a in self.actors
            if a.end <= limit and a.start not in self.oblique and id(a) not in bound
        ]
        quoted = self.state.speaker(cue.start)
        if quoted is not None and not any(
            a.start > quoted[0] and not self._modifier(a) for a in left
        ):  # inside quoted speech that names no subject of its own: the speaker's
            if quoted[1] is not _SOMEONE:
                return [quoted[1]], 0.8
            if self.state.subject:  # "…,” he said: the subject carried from before
                return [_Hit(-1, -1, self.state.subject)], 0.7
        if left:
            chosen = ([a for a in left if not self._modifier(a)] or left)[-1]
            weight = 1.0 if cue.start - chosen.end <= 90 else 0.8
            return self._coordinated(chosen), weight
        for actor in self.actors:  # "...,” Zelensky said
            if (
                actor.start >= cue.end
                and actor.start not in self.oblique
                and (
                    _SPEECH_AFTER.match(self.text, actor.end, self.end)
                    or (
                        actor.end == self.end
                        and _DASH_SPEAKER.search(self.text, cue.end, actor.start)
                    )
                )
            ):
                return [actor], 0.8
        possessors = [a for a in self.bound.values() if a.end <= cue.start]
        if possessors:  # "U.S. proposals have suggested ..."
            return [possessors[-1]], 0.8
        clause = self._clause_start(cue.start, self.start)
        if self.state.subject and (
            _PRONOUN.search(self.text, clause, cue.start)
            or _DEMONSTRATIVE_START.match(self.text, self.start, cue.start)
            or _PLAN_SUBJECT.match(self.text, self.start, cue.start)  # "The proposal envisages"
            or _PRONOUN_START.match(self.text, self.start, cue.start)
        ):
            return [_Hit(-1, -1, self.state.subject)], 0.7
        if self.state.subject and not self.actors and self.state.subject_age <= 1:
            # a sentence naming no party right after one that did: the same subject
            return [_Hit(-1, -1, self.state.subject)], 0.5
        return [], 0.0

    def _provision(self, cue: _Cue) -> bool:
        """Whether ``cue`` states what a plan contains ("the draft calls for")."""
        frame = self.frame
        return (frame is not None and frame[0] <= cue.start) or governing_plan(
            self.text,
            self._clause_start(cue.start, self.start),
            cue.start,
            self.plan_heads,
        ) is not None

    def _note_plan_authors(self) -> None:
        """Remember who wrote the plan a sentence names ("Trump's plan", "his plan")."""
        for head in self.plan_heads:
            owner = self._owner(head)
            if owner is not None:
                self.state.plan_author = owner.key

    def _owner(self, head: tuple[int, int]) -> _Hit | None:
        """Who wrote the plan named at ``head``: the party named in its phrase, or the
        subject that made it ("X developed a counterproposal") or owns it ("his plan")."""
        k = author(self.text, head, [(a.start, a.end) for a in self.actors])
        if k is not None:
            return self.actors[k]
        verb = made_by_subject(self.text, head, self.start)
        if verb is None and not pronoun_owned(self.text, head):
            return None
        limit = head[0] if verb is None else verb
        subjects = [a for a in self.actors if a.end <= limit and a.start not in self.oblique]
        if subjects:
            return subjects[0] if verb is None else subjects[-1]
        return _Hit(-1, -1, self.state.subject) if self.state.subject else None

    def _plan_author(self, cue: _Cue) -> _Hit | None:
        """The author of a plan whose provision ``cue`` states: a plan is its subject
        ("the draft calls for"), or frames the sentence ("Under the plan, ...")."""
        if self._agent(cue):
            return None
        frame = self.frame
        if frame is not None and frame[0] <= cue.start:
            head = frame
        elif cue.stance in ("demands", "proposes", "offers") and not _NEED.match(
            self.text, cue.start, cue.end
        ):  # "the plan needs work": what the speaker wants of the plan
            head = governing_plan(
                self.text, self._clause_start(cue.start, self.start), cue.start, self.plan_heads
            )
        else:
            head = None
        if head is None:
            return None
        owner = self._owner(head)
        if owner is not None:
            self.state.plan_author = owner.key
            return owner
        known = self.state.plan_author or (self.state.subject if head is frame else None)
        return _Hit(-1, -1, known) if known else None

    # -- issues -----------------------------------------------------------
    def _issues(self, cue: _Cue, actors: list[_Hit]) -> tuple[list[_Hit], float]:
        lo, hi = cue.region
        if cue.kind == "adj" and _COPULA_BEFORE.search(
            self.text, max(self.start, cue.start - 12), cue.start
        ):  # "any foreign intervention is unacceptable": the subject is what is refused
            floor = self._clause_start(cue.start, self.start)
            subject = [h for h in self.issues if floor <= h.start and h.end <= cue.start]
            if subject:
                return subject, 1.0
        inside = [
            h
            for h in self.issues
            if (lo <= h.start < hi or h.start < lo < h.end)
            and not (h.start > cue.end and _SETTING_BEFORE.search(self.text, cue.end, h.start))
        ]
        if inside:
            return inside, 1.0
        floor = self._clause_start(cue.start, self.start)
        floor = max([floor, *(a.end for a in actors if a.end <= cue.start)])
        left = [h for h in self.issues if floor <= h.start and h.end <= cue.start]
        if left:
            return [left[-1]], 0.85
        return [], 0.0

    def _keys(self, hits: list[_Hit]) -> list[tuple[str, str | None, int, int]]:
        """(issue, option, start, end) of each cue hit.

        A phrase that names both a topic and an option of an issue ("free
        economic zone") counts for the issue when the same stretch also names the
        issue itself ("... in Donetsk"), else for the topic only.
        """
        named = {
            issue
            for h in hits
            for issue, option in self.compiled.issue_of[h.key]
            if option is None and issue not in self.compiled.topics
        }
        keys = []
        for cluster in _clusters(hits, self.text):
            meanings = tuple(
                dict.fromkeys(m for hit in cluster for m in self.compiled.issue_of[hit.key])
            )
            hit = _Hit(min(h.start for h in cluster), max(h.end for h in cluster), "")
            if any(i in self.compiled.topics for i, _ in meanings) and len(meanings) > 1:
                meanings = tuple(
                    (i, o) for i, o in meanings if i in self.compiled.topics or i in named
                )
            keys.extend((i, o, hit.start, hit.end) for i, o in meanings)
        return keys

    def _hedged(self) -> bool:
        return any(kind == "hedge" for _, kind in self.markers) or self.text.startswith(
            "Sources", self.start
        )

    # -- claims -----------------------------------------------------------
    def claims(self) -> list[ExtractedClaim]:
        state = self.state
        state.issues_age += 1
        state.subject_age += 1
        out: dict[tuple[str, str, str, str | None], ExtractedClaim] = {}
        self._note_plan_authors()
        if self.cues and (self.issues or state.issues_age <= 2):
            self._claims(out)
        claims = list(out.values())
        if self.actors:
            state.subject_age = 0
        if claims:
            state.subject = claims[0].actor
            state.issues = tuple(dict.fromkeys(self.first_keys))
            state.issues_age = 0
        else:
            subjects = [a for a in self.actors if a.start not in self.oblique]
            if subjects:
                state.subject = subjects[0].key
        return claims

    def _claims(self, out: dict[tuple[str, str, str, str | None], ExtractedClaim]) -> None:
        self._prepare()
        for cue in self.cues:
            if cue.kind == "noun" or (
                cue.kind == "modal" and _NOMINAL_MODAL.match(self.text, cue.start)
            ):
                possessor = self._possessor(cue)
                if possessor is not None:
                    self.bound[cue.start] = possessor
        hedged = self._hedged()
        # "rejects X, calling it a red line": a red line that names nothing of its own
        firm = any(kind == "firm" for _, kind in self.markers) or any(
            c.stance == "red_line"
            and c.kind == "noun"
            and not any(c.region[0] <= h.start < c.region[1] for h in self.issues)
            for c in self.cues
            if not c.absorbed
        )
        quote = self.text[self.start : self.end]
        for cue in self.cues:
            if cue.absorbed or cue.conditional:
                continue
            flipped = cue.negations % 2 == 1
            stance = FLIP[cue.stance] if flipped else cue.stance
            if stance is None:
                continue
            # "Either Kyiv leaves Donbas, or we take it by force": an ultimatum
            ultimatum = _EITHER_OR.search(self.text, self.start, self.end) is not None
            if (stance == "rejects" and firm) or (stance in ("demands", "rejects") and ultimatum):
                stance = "red_line"
            elif stance == "demands" and _PLAN_SUBJECT.match(self.text, self.start):
                stance = "proposes"  # "the plan calls for": a proposal, not a demand
            drafter = None if flipped else self._plan_author(cue)
            if drafter is not None:  # "the US draft requiring Kyiv to ...": the US proposes
                stance, (actors, actor_weight) = "proposes", ([drafter], 0.8)
            else:
                actors, actor_weight = self._actor(cue)
            if not actors:
                continue
            hits, issue_weight = self._issues(cue, actors)
            keys = self._keys(hits)
            if _MEETING.fullmatch(self.text, cue.start, cue.end):
                # an envoy who "will meet" officials states no position; a leaders' meeting
                # announced is a summit proposed
                keys = [k for k in keys if k[0] == "summit"]
            if not keys and (
                _ANAPHOR.search(self.text, self._clause_start(cue.start, self.start), cue.region[1])
                or _DEMONSTRATIVE_START.match(self.text, self.start, cue.start)
            ):  # "this proposal", "This ultimatum, ..., was rejected": the last issue named
                earlier = _clusters([h for h in self.issues if h.end <= cue.start], self.text)
                if earlier:
                    keys, issue_weight = self._keys(earlier[-1]), 0.7
                elif self.state.issues_age <= 2:
                    keys, issue_weight = list(self.state.issues), 0.6
            head = next((h for h in self.plan_heads if h[0] >= cue.end), None)
            if (
                stance == "proposes"
                and cue.kind == "verb"
                and head
                and head[1] <= cue.region[1]
                and PRESENTED.fullmatch(self.text, cue.end, head[0])
            ):  # "Witkoff presented a new plan": whose a later "the plan" is
                self.state.plan_author = actors[0].key
            if keys and (
                not self.first_keys
                or (stance in ("demands", "proposes") and not self.first_is_demand)
            ):
                # what a later "this" refers to: the first demand or proposal, else the first claim
                self.first_keys = [(i, o, -1, -1) for i, o, _, _ in keys]
                self.first_is_demand = stance in ("demands", "proposes")
            confidence = 0.85 * actor_weight * issue_weight * (0.75 if hedged else 1.0)
            date = resolve_date(quote, self.date, near=cue.start - self.start)
            for actor in dict.fromkeys(a.key for a in actors):
                for issue, named_option, istart, iend in keys:
                    # "no longer insisting on a ban": the ban is dropped, not offered
                    option = None if flipped and cue.stance == "demands" else named_option
                    first = cue.lead if cue.lead >= 0 else cue.start
                    a, b = (min(first, istart), max(cue.end, iend)) if istart >= 0 else (
                        first, cue.end)  # fmt: skip
                    claim = ExtractedClaim(
                        actor=actor,
                        issue=issue,
                        stance=stance,  # type: ignore[arg-type]
                        position=_SPACES.sub(" ", self.text[a:b])[:200],
                        option=option,
                        date=date,
                        quote=quote,
                        start=self.start,
                        end=self.end,
                        confidence=round(min(1.0, max(0.05, confidence)), 3),
                        hedged=hedged,
                        extractor=RulesExtractor.name,
                    )
                    key = (actor, issue, stance, option)
                    if key not in out or out[key].confidence < claim.confidence:
                        out[key] = claim
