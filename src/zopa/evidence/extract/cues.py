"""Stance cues of a sentence, and how neighbouring cues read together.

:func:`find_cues` picks the stance cues among the lexicon's hits (a noun or a verb
where a phrase is both, skipping attributive participles, "regarded as" and
greetings); :func:`chain_cues` applies negation, conditions and chaining (a readiness
passing its negation on, what a demand contains, lists after a colon) and sets the
region of text each live cue is about (see :mod:`~zopa.evidence.extract.rules`).
"""

from __future__ import annotations

import re

from zopa.evidence.extract.context import (
    CLAUSE_BREAK,
    COPULA_BEFORE,
    MODIFIER_WORD,
    RELATIVE_ASIDE,
    Cue,
    Sentence,
)
from zopa.evidence.extract.lexicon import BASE_VERBS
from zopa.evidence.extract.plans import governing_plan, provision_verb
from zopa.evidence.extract.vocabulary import LEXICON_OF, Hit

__all__ = ["EITHER_OR", "NOMINAL_MODAL", "OBLIGATION", "chain_cues", "find_cues"]

STANCE_KINDS = frozenset({"verb", "noun", "adj", "modal", "negmodal"})
_CHAIN_GAP = 30  # characters between two cues read as one phrase
_RETRACT_GAP = 15  # characters between "dropping" and the demand it drops
_RETRACTED_OBJECT = re.compile(r"\s+(?:its|their|his|her|the|a|an)\s+(?:[a-z-]+\s+)?")
# Modal obligations: the subject is the one obliged, the actor the one who says so.
EITHER_OR = re.compile(r"\bEither\b[^.;:]{3,200}?,?\s+or\b")
OBLIGATION = re.compile(r"(?i:must|should)(?:\s+\w+)?")
# "borders must not be changed by force": what must not happen is refused
_MUST_NOT = re.compile(r"(?i:must)(?:\s+not\b|\s+never\b|n[’']t\b)")
_REGARDED_AS = re.compile(r"\s+(?!(?:by|if|when|once|at|in|for|after|before|during)\b)[a-z“\"]")
_ATTRIBUTIVE_BEFORE = re.compile(  # "the proposed plan", "a nearly finalized plan"
    r"\b(?:the|a|an|its|their|his|her|this|these|those)\s+(?:[a-z]+ly\s+)?$", re.I
)
_ATTRIBUTIVE_AFTER = re.compile(r"\s+(?!by\b|to\b|that\b|on\b|in\b)[\w-]")
# A readiness stated as a noun takes its possessor: "Trump's willingness to".
NOMINAL_MODAL = re.compile(r"(?i:willingness|readiness|openness)")
_BARE_CLAUSE = re.compile(r"\s+(?:[\w’'.-]+\s+){1,3}[“\"]?")  # "insists Ukraine will never"
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|its|his|her|their|our|a|an|any|these|those|this|that|previous|"
    r"specific|key|main|central|maximalist|territorial|new|own|such|of|initial|final|latest|"
    r"first|second|last|earlier|fresh|revised|improved|formal|official|concrete|tentative|"
    r"opening|original|joint|written|public|generous|modest|serious|sweetened|best|higher|"
    r"lower|larger|bigger|['’]s)|['’]s)\s+$",
    re.IGNORECASE,
)
# a possessive with its modifiers: "Putin's renewed demands", "Kyiv's long-standing request"
_POSSESSED_BEFORE = re.compile(rf"['’]s(?:\s+{MODIFIER_WORD}){{1,2}}\s+$")
_ARTICLE_GAP = re.compile(r"\s+(?:a|an|the|its|their|his|her)\s+")  # "rejected a key condition"
# a verb whose object is a stance noun: a negation before it leaves the stance standing
_MET_BEFORE = re.compile(
    r"\b(?:meet|meets|met|satisf(?:y|ies|ied)|fulfil(?:l|ls|led|s)?|address(?:es|ed)?|"
    r"answer(?:s|ed)?|accommodat(?:e|es|ed)|(?:fall|falls|fell)\s+short\s+of)"
    r"\s+(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)
_ADVERB_GAP = re.compile(r"\s+(?:(?:also|now|first|still|[a-z]+ly)\s+)?")
# a verb whose object is negated refuses it ("accept no less than" still demands)
_OBJECT_NEGATION = re.compile(r"\s+(?P<word>no|neither)\s+(?!less\b|fewer\b|longer\b|more\b|one\b)")
# a threat on a condition: what must (not) happen is a red line (docs/annotation.md)
_THREAT_IF = re.compile(
    r"\bthreat(?:en|ened|ening|ens)?\b[^.;]{0,80}?\b"
    r"(?:walk(?:ed|ing|s)?\s+(?:away|out)|leav(?:e|es|ing)\s+the\s+talks|pull(?:ed)?\s+out|"
    r"quit|end(?:ing)?\s+the\s+talks|us(?:e|ing)\s+(?:military\s+)?force|take\s+it\s+by\s+force)"
    r"\b[^.;]{0,40}?\s(?<!as )(?<!even )(?P<joint>unless|if)\b"
)
# a stance noun named as what someone spoke of is no stance of its own
_SPOKEN_OF = re.compile(
    r"\b(?:said|says|spoke|speaking|asked|told\s+\w+)\s+(?:of|about|regarding)\s+"
    r"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,2}$"
)
# a bare "no" to a question: what was asked about is refused
_NO = r"[\"“](?:No|Never|Absolutely not|Certainly not|Of course not)[.,!]*[\"”]"
_NO_THEN_ASKED = re.compile(
    rf"{_NO},?\s+[^.;]{{0,60}}?\bwhen\s+(?P<asked>asked\s+(?:whether|if|about)\b[^.;]+)"
)
_ASKED_THEN_NO = re.compile(
    rf"\s*(?P<asked>Asked\s+(?:whether|if|about)\b[^.;]+?),\s+[^.;]{{0,60}}?:\s*{_NO}"
)
_SUBORDINATE_OPENING = re.compile(r"[\"“]?(?:While|Whereas|Although|Though)\b[^,;]{3,200}?,")
_REFUSALS = ("reject", "refus", "oppos", "resist")
# between a demand noun and its infinitive: "demand (by Putin | for Kyiv) to"
_NOUN_TO = re.compile(r"\s+(?:(?:by|from|of|for)\s+(?:[\w.'’-]+\s+){1,5})?to\s+")
_JOINER = re.compile(r"(?:\s+[a-z][\w-]*){0,3}\s+")  # "rejects (Russian) demands"
# a that-clause after a cue: "demand that Putin agree", "promised (the Russian side) that the
# U.S. would push"
_THAT_CLAUSE = re.compile(r"(?:\s[^,;:]{0,80}?)?\s+that\s+(?:[\w’'.-]+\s+){0,3}")
_REFUSED_CLAUSE = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}that\s[^,;:]{0,80}")  # "suggestions that"
# "conditions including Ukraine agreeing to ...": what a list of demands holds
_INCLUDING = re.compile(r"\b(?:including|include|includes|included|such as)\b")
# a demand that opens the clause of what must happen first
_CONDITION_HEAD = re.compile(
    r"(?i:unless|only\b.*\b(?:if|after|once|when)|(?:on\s+(?:the\s+)?condition|provided)\s+that)"
)
_AS_CONDITION = re.compile(r"(?i:as\s+(?:an?\s+)?(?:pre)?condition)")
_FOR_GAP = re.compile(r"\s+(?:for|of)\s+(?:[\w-]+\s+){0,5}")  # "demands for sweeping ..."
_SAID = re.compile(r"\b(?:said|says|told)\b")
_SENTENCE_STOP = re.compile(r"[;.!?]")
_TO_CLAUSE = re.compile(
    r"\s+(?:[\w’'.-]+\s+){1,3}(?:to|into)\s+"
)  # "pressing Kyiv to accept", "into accepting"
# A later verb of the same infinitive list: "called for Ukraine to cede territory, accept
# limits on its army and abandon NATO" (the cue after the joint is an uninflected verb).
_TO_LIST = re.compile(
    r"\s+(?:[\w’'.-]+\s+){1,3}to\s+[^;:—.!?]{0,100}?(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
)
_LIST_JOINT = re.compile(r"[^;:—.!?]{0,100}?(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")
_CONTRAST = re.compile(r"\b(?:but|while|whereas|though|although)\b")
# Where the object of a stance ends: a new clause, or an attribution tail.
_REGION_STOP = re.compile(
    r";|\b(?:while|whereas|though|although|once|unless|until)\b"  # a condition is no object
    r"|,\s*but\b(?!\s+also)"  # a contrast opens a clause of its own
    r"|,\s*(?:according to|the \w+ said|said|\w+ said)\b"
    r"|\band\s+(?:has|have|had|is|are|was|were|will|would)\b"  # a second predicate
)
_AND = re.compile(r"\s(?:and|but)\s")
_THAT_PARTY = re.compile(r"(?:\s|,\s*which\s)that\s+(?:the\s+)?|,\s*which\s+(?:the\s+)?")
_OWN_CONDITION = re.compile(r"\b(?:if|as long as|provided|so long as)\b")
# "... and Kyiv voted": a party after "and" with a finite verb of its own
_AND_BEFORE_SUBJECT = re.compile(r",?\s+and\s+(?:the\s+)?$")
_FINITE_AFTER = re.compile(
    r"\s+(?:[a-z]+ed|has|have|had|is|are|was|were|will|would|could|can|may|might|must|"
    r"should|said|says|wants|insists|rejects|accepts|demands|proposes|offers)\b"
)
_BETWEEN = re.compile(r"\b(?:between|both)\b")
# a named possessor between a verb and its object noun, however long its titles:
# "rejected Russian President Vladimir Putin's proposal"
_POSSESSOR_GAP = re.compile(
    rf"\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){{0,5}}[A-Z][\w.-]*['’]s(?:\s+{MODIFIER_WORD}){{0,2}}\s+"
)
# What a party says it would do itself is an offer: "suggested it could deploy troops",
# "proposed that he would meet"; a promise or pledge to act ("pledged to provide
# guarantees"). "Proposed to establish a zone" stays a proposal: news write it of steps
# for all sides.
_MODAL_ACT = r"\s+(?:could|would|might|will|can|may)\s+(?!be\b|not\b|have\b)[a-z]"
_OWN_CLAUSE = re.compile(rf"\s+(?:that\s+)?(?:it|he|she|we){_MODAL_ACT}")
_CLAUSE_OPENING = re.compile(r"\s+(?:that\s+)?(?:the\s+)?")
_MODAL_AFTER = re.compile(_MODAL_ACT)
_OWN_INFINITIVE = re.compile(
    r"\s+to\s+(?!(?:the|a|an|his|her|its|their|this|that|these|those|them|him|us|me|all|"
    r"both|each|be)\b)[a-z]{3,}"
)
_PROPOSING_VERBS = ("propos", "suggest", "float", "pitch", "put forward")
_PROMISING_VERBS = ("pledg", "promis")
_SIGNALLING_VERBS = ("hint", "signal")
# what is hinted at is put forward: "hinted that a deal could include", "hinted at a swap"
_SIGNALLED_CONTENT = re.compile(
    r"\s+(?:at\b|that\s+(?:[\w'’-]+\s+){1,5}(?:could|would|might|may)\b)"
)
_TAKEN = re.compile(r"\b(?:take|takes|took|taken|taking)\b")  # "took X off the table"
_GERUND = re.compile(r"\s+[a-z]+ing\b")  # "committed to deploying troops"
# "reports suggested (that) ...": evidence that indicates, not a party that proposes
_INDICATED_BY = re.compile(
    r"\b(?:reports?|sources|signs|signals|evidence|data|polls?|comments|remarks|statements?|"
    r"documents?|images|footage|leaks?|findings|analysis|assessments?)\s+"
    r"(?:(?:also|have|has|had|now|seemed\s+to|appear\s+to)\s+)?$",
    re.IGNORECASE,
)
_GREETED = re.compile(r"\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,3}")
# a name followed by a noun it qualifies ("welcomed the US proposal") is no one greeted
_QUALIFIES = re.compile(
    r"['’]s\b|\s+(?!(?:to|in|at|on|as|and|or|for|with|from|after|before|during|who|which|"
    r"that|the|a|an|was|is|had|has|have|were|are|said|says|told|but|when|while)\b)[a-z]"
)


def find_cues(s: Sentence, lexical: list[Hit]) -> list[Cue]:
    cues: list[Cue] = []
    for hit in lexical:
        options = [(k, s) for k, s in LEXICON_OF[hit.key] if k in STANCE_KINDS]
        if not options:
            continue
        kind, stance = options[0]
        if len(options) > 1:  # "demands": a noun after a determiner or possessor
            before = s.text[max(s.start, hit.start - 30) : hit.start]
            after_cue = bool(cues) and bool(_JOINER.fullmatch(s.text, cues[-1].end, hit.start))
            noun = (
                after_cue
                or bool(_DETERMINER_BEFORE.search(before))
                or bool(_POSSESSED_BEFORE.search(before))
                or any(
                    0 <= hit.start - a.end <= 1 and s.text[a.start : a.end] in s.compiled.adjectives
                    for a in s.actors
                )
            )
            kind, stance = next(((k, st) for k, st in options if (k == "noun") == noun), options[0])
        if cues and hit.start < cues[-1].end:  # overlapping phrases: keep the first
            continue
        if (
            kind == "verb"
            and hit.key.endswith("ed")
            and _ATTRIBUTIVE_BEFORE.search(s.text, max(s.start, hit.start - 20), hit.start)
            and _ATTRIBUTIVE_AFTER.match(s.text, hit.end)
        ):
            continue  # "the proposed plan": names the plan, states no new position
        if hit.key.startswith("suggest") and _INDICATED_BY.search(
            s.text, max(s.start, hit.start - 40), hit.start
        ):
            continue  # "later reports suggested Russia had accepted": what is reported
        if hit.key.endswith("considered") and _REGARDED_AS.match(s.text, hit.end):
            continue  # "troops would be considered legitimate targets": regarded as
        if hit.key.startswith("welcom") and any(
            _GREETED.fullmatch(s.text, hit.end, a.start)
            and not _QUALIFIES.match(s.text, a.end)  # "welcomed Trump's offer", "the US plan"
            for a in s.actors
        ):
            continue  # "Macron welcomes Ukrainian President Zelensky": a greeting
        if kind == "noun" and _SPOKEN_OF.search(s.text, max(s.start, hit.start - 40), hit.start):
            continue  # "the Kremlin said of the ceasefire proposal": what is spoken of
        if (
            hit.key.endswith(" against")
            and kind == "adj"
            and not any(_ADVERB_GAP.fullmatch(s.text, a.end, hit.start) for a in s.actors)
        ):
            continue  # "Moscow is against ..." names its party; "sanctions are against the law"
        if hit.key == "off the table" and not _TAKEN.search(
            s.text, max(s.start, hit.start - 50), hit.start
        ):
            continue  # "nothing is off the table": no refusal
        if hit.key.startswith("commit") and not _GERUND.match(s.text, hit.end):
            continue  # "committed to peace", "to the principle": a creed, not a step offered
        if hit.key.startswith(_SIGNALLING_VERBS):
            if _OWN_CLAUSE.match(s.text, hit.end):
                stance = "offers"  # "hinted he might lower tariffs"
            elif not _SIGNALLED_CONTENT.match(s.text, hit.end):
                continue  # "signalling dissatisfaction": a signal of a mood is no stance
        if (
            kind == "verb"
            and stance == "proposes"
            and (
                (
                    hit.key.startswith(_PROPOSING_VERBS)
                    and (_OWN_CLAUSE.match(s.text, hit.end) or _names_itself(s, hit))
                )
                or (hit.key.startswith(_PROMISING_VERBS) and _OWN_INFINITIVE.match(s.text, hit.end))
            )
        ):
            stance = "offers"
        prohibition = _MUST_NOT.match(s.text, hit.start) if stance == "demands" else None
        if prohibition is not None:
            final = prohibition.group().lower().endswith("never")
            cues.append(Cue(hit.start, prohibition.end(), kind, "rejects", final=final))
            continue
        cues.append(Cue(hit.start, hit.end, kind, stance))
    threat = _THREAT_IF.search(s.text, s.start, s.end)
    if threat is not None:  # "threatened to walk away unless Kyiv withdraws": an ultimatum
        joint = threat.start("joint")
        close = CLAUSE_BREAK.search(s.text, threat.end("joint"), s.end)
        end = close.start() if close else s.end  # what follows is the condition, in its clause
        cues = _replacing(cues, joint, end, Cue(joint, threat.end("joint"), "verb", "red_line"))
    asked = _declined_question(s)
    if asked is not None and not any(
        asked[0] <= c.start < asked[1] and c.stance == "rejects" for c in cues
    ):  # '"No," Zelensky replied when asked whether Kyiv would cede ...' (a "no" to
        # "whether Kyiv would reject ..." is no refusal)
        refusal = Cue(asked[0], asked[0] + len("asked"), "verb", "rejects", answered=True)
        cues = _replacing(cues, *asked, refusal)
    either = EITHER_OR.search(s.text, s.start, s.end)
    if either is not None and not cues:  # an ultimatum in no other words
        cues.append(Cue(either.start(), either.start() + 6, "adj", "red_line"))
    frame = s.frame
    if frame is not None and not any(c.start < frame[1] for c in cues):
        # "Under the Kremlin's plan, Kyiv would leave ...": the frame proposes what follows
        cues.insert(0, Cue(frame[1], frame[1], "verb", "proposes"))  # the plan is no object
    for head in s.plan_heads:  # "the draft includes ...": the plan proposes what it holds
        verb = provision_verb(s.text, head, s.end)
        if verb is not None and not any(c.end > head[1] and c.start < verb[1] for c in cues):
            cues.append(Cue(verb[0], verb[1], "verb", "proposes"))
            cues.sort(key=lambda c: c.start)
    return cues


def _open_to_an_idea(s: Sentence, cue: Cue, nxt: Cue) -> bool:
    """Whether a readiness is followed by an idea of no other party's that it is ready
    for ("did not rule out the idea of sending troops"; "open to the US proposal" keeps
    the proposal the US's)."""
    return (
        cue.kind == "modal"
        and cue.stance == "offers"
        and nxt.kind == "noun"
        and nxt.stance == "proposes"
        and not any(cue.end <= a.start < nxt.start for a in s.actors)
        and not _POSSESSED_BEFORE.search(s.text, max(s.start, nxt.start - 30), nxt.start)
    )


def _replacing(cues: list[Cue], lo: int, hi: int, cue: Cue) -> list[Cue]:
    """``cues`` with those starting in ``[lo, hi)`` replaced by ``cue``, in text order: a
    frame (a threat's condition, a question answered "no") read as one stance."""
    return sorted([c for c in cues if not lo <= c.start < hi] + [cue], key=lambda c: c.start)


def _declined_question(s: Sentence) -> tuple[int, int] | None:
    """The span of a question a bare "no" answers, when the sentence reports one:
    '"No," he replied when asked whether ...' or 'Asked whether ..., he said: "No."'."""
    if s.text.find("sked ", s.start, s.end) < 0:  # most sentences ask nothing
        return None
    after = _NO_THEN_ASKED.search(s.text, s.start, s.end)
    if after is not None:
        return after.span("asked")
    before = _ASKED_THEN_NO.match(s.text, s.start, s.end)
    return before.span("asked") if before is not None else None


def _names_itself(s: Sentence, hit: Hit) -> bool:
    """Whether a proposing verb's clause has its own subject's party do something:
    "Trump suggested that the United States might provide guarantees" offers them."""
    before = [a for a in s.actors if a.end <= hit.start]
    if not before:
        return False
    for actor in s.actors:
        if actor.start >= hit.end:
            return (
                actor.key == before[-1].key
                and _CLAUSE_OPENING.fullmatch(s.text, hit.end, actor.start) is not None
                and _MODAL_AFTER.match(s.text, actor.end) is not None
            )
    return False


def _read_object(s: Sentence, cue: Cue) -> None:
    """What a verb's object says of its stance: "wants neither a ceasefire nor elections"
    refuses them (not where "no" begins the option's cue, "no foreign troops"); "agreed to
    give up its NATO bid" concedes it."""
    negated = _OBJECT_NEGATION.match(s.text, cue.end)
    if (
        cue.kind == "verb"
        and cue.stance in ("demands", "accepts", "offers", "proposes")
        and negated
        and not any(h.start == negated.start("word") for h in s.issues)
    ):
        cue.stance = "rejects"
    if (
        cue.stance == "accepts"
        and s.text.startswith(("agree", "Agree"), cue.start)
        and any(kind == "retract" and 0 <= hit.start - cue.end <= 1 for hit, kind in s.markers)
    ):
        cue.stance = "offers"


def _apply_markers(s: Sentence, cue: Cue, window_start: int) -> None:
    """Negations, retractions and conditions in the cue's clause before it."""
    paired = False  # "Neither Moscow nor Kyiv accepts": one negation, not two
    for hit, kind in s.markers:
        if not (window_start <= hit.start and hit.end <= cue.start):
            continue
        word = s.text[hit.start : hit.end].lower()
        if kind == "neg" and word == "nor" and paired:
            continue
        paired = paired or word == "neither"
        if kind == "retract":
            if not _retracts(s, hit, cue):
                continue
            if cue.stance == "rejects":
                cue.stance = "accepts"  # "dropped its objection to elections"
            else:  # "dropping its demand", "withdrew its offer", "dropped its support for"
                cue.negations += 1
        elif kind == "neg":
            cue.negations += 1
        elif kind == "cond":
            cue.conditional = True


def _retracts(s: Sentence, hit: Hit, cue: Cue) -> bool:
    """Whether a retraction ("dropped", "withdrew") takes back the cue right after it: a
    demand near it, or a stance noun it governs through a determiner ("withdrew its offer",
    not "withdrew troops as a concession")."""
    if cue.start - hit.end > _RETRACT_GAP:
        return False
    if cue.stance == "demands":
        return True
    return (
        cue.kind == "noun" and _RETRACTED_OBJECT.fullmatch(s.text, hit.end, cue.start) is not None
    )


def chain_cues(s: Sentence) -> None:
    cues = s.cues
    for i, cue in enumerate(cues):
        floor = cues[i - 1].end if i else s.start
        window_start = max(s.clause_start(cue.start, floor), cue.start - 60)
        for joint in _AND.finditer(s.text, window_start, cue.start):
            window_start = joint.end()  # "had not been consulted and might not accept"
        if cue.kind == "adj" and (
            copula := COPULA_BEFORE.search(s.text, max(window_start, cue.start - 16), cue.start)
        ):  # "talks without Moscow are a road to nowhere": the subject's "without" negates
            window_start = copula.start()  # nothing; "is not acceptable" still does
        if cue.kind == "noun" and (
            met := _MET_BEFORE.search(s.text, max(window_start, cue.start - 60), cue.start)
        ):  # "did not meet the demands of Hamas": the negation is of the meeting
            window_start = met.end()
        _read_object(s, cue)
        if not cue.answered:  # a bare "no" answering a question negates nothing of it
            _apply_markers(s, cue, window_start)
    for i, cue in enumerate(cues[:-1]):
        nxt = cues[i + 1]
        gap = s.text[cue.end : nxt.start]
        if cue.conditional and not CLAUSE_BREAK.search(gap):
            nxt.conditional = True  # the rest of an "if" clause is hypothetical too
        if _relative_that(s, cue.end, nxt.start):
            continue  # "proposed a ceasefire that Ukraine rejected": Ukraine's own stance
        if (
            cue.kind in ("modal", "negmodal")
            and len(gap) <= _CHAIN_GAP
            and "," not in gap
            and not s.text.startswith(("unless", "Unless"), nxt.start)  # "will not sign unless"
            # "ready to release prisoners in exchange for Donetsk": the readiness is its own
            and not s.text.startswith(("in exchange", "in return"), nxt.start)
            and not _open_to_an_idea(s, cue, nxt)
        ):
            cue.absorbed = True
            if nxt.stance == "demands" and s.text.startswith(_REFUSALS, cue.start):
                # "refused to call for a ceasefire" refuses it ("not insisting" drops it)
                nxt.stance, nxt.negations = "rejects", nxt.negations - 1
            nxt.negations += cue.negations + (cue.kind == "negmodal")
            nxt.lead = min(cue.lead, cue.start) if cue.lead >= 0 else cue.start
            nxt.conditional = nxt.conditional or cue.conditional
            nxt.final = nxt.final or cue.final or cue.stance == "red_line"
        elif nxt.kind == "noun" and (":" in gap or cue.listed) and not _SENTENCE_STOP.search(gap):
            nxt.absorbed = nxt.listed = True  # "red lines: X, limits on Y and a ban on Z"
        elif (
            cue.stance == "demands"
            and nxt.stance == "demands"
            and _AS_CONDITION.match(s.text, nxt.start)
            and not CLAUSE_BREAK.search(gap)
        ):  # "demand Kyiv cede Donbas as a precondition": the same demand, restated
            nxt.absorbed = True
        elif (
            cue.stance == "demands"
            and nxt.kind == "noun"
            and nxt.stance == "offers"
            and (_FOR_GAP.fullmatch(gap) or _JOINER.fullmatch(gap))
        ):  # "its demands for territorial concessions", "calls for major concessions from
            # Ukraine": the concession is what is demanded
            nxt.absorbed = True
        elif (
            cue.kind == "verb"
            and cue.stance == "proposes"
            and nxt.kind == "noun"
            and nxt.stance in ("demands", "red_line")
            and _JOINER.fullmatch(gap)
        ):  # "set out its conditions", "announced its demands": the noun says the stance
            cue.absorbed = True
            nxt.negations += cue.negations
            nxt.lead = cue.first
        elif (
            cue.kind == "verb"
            and cue.stance == "demands"
            and s.text.startswith(("insist", "Insist"), cue.start)
            and (
                _THAT_CLAUSE.fullmatch(gap)
                or (nxt.kind in ("negmodal", "adj") and _BARE_CLAUSE.fullmatch(gap))
            )
        ):
            cue.absorbed = True  # "insisted (that) Ukraine will never ...": a verb of saying
        elif (
            cue.kind == "verb"
            and s.text.startswith(("announc", "Announc"), cue.start)
            and _THAT_CLAUSE.fullmatch(gap)
        ):
            cue.absorbed = True  # "announced that he had cancelled ...": what is announced
        elif (
            (
                (cue.kind == "noun" or cue.stance == "proposes")
                and cue.stance in ("demands", "proposes", "red_line")
                and _THAT_CLAUSE.fullmatch(gap)
            )
            or (
                cue.kind == "verb"
                and (
                    cue.stance == "demands"
                    # "called on Putin to accept a ceasefire": what is called for
                    or s.text.startswith(("call", "Call"), cue.start)
                )
                and (
                    _TO_CLAUSE.fullmatch(gap)
                    or _THAT_CLAUSE.fullmatch(gap)
                    or (_TO_LIST.fullmatch(gap) and _listed_infinitive(s, gap, nxt))
                )
            )
            or (  # "it is important that America agrees to ...": what is demanded
                cue.stance == "demands"
                and s.text.endswith("that", cue.start, cue.end)
                and len(gap) <= _CHAIN_GAP * 2
                and not CLAUSE_BREAK.search(gap)
            )
            or (  # "the plan would see Ukraine renounce ...": what the plan contains
                cue.stance == "proposes"
                and cue.kind == "verb"
                and not CLAUSE_BREAK.search(gap)
                and _provision(s, cue)
            )
            or (  # "a condition (set by Putin) requiring Ukraine to withdraw", "conditions
                # including Ukraine agreeing to neutrality": its content
                cue.kind in ("noun", "adj")
                and cue.stance in ("demands", "red_line")
                and nxt.kind == "verb"
                and (nxt.stance == "demands" or _INCLUDING.search(gap))
                and s.text[nxt.start : nxt.end].split()[0].endswith("ing")
                and len(gap) <= _CHAIN_GAP
                and not CLAUSE_BREAK.search(gap)
            )
            or (  # "rejected suggestions that Ukraine withdraw ...": what is refused
                cue.kind == "verb"
                and cue.stance in ("rejects", "accepts")
                and _REFUSED_CLAUSE.fullmatch(gap)
                and not _SAID.search(gap)
            )
            or (  # "Russia must cancel its claims": the speaker asks it, Russia states nothing
                cue.stance in ("demands", "rejects")  # "must", "must not"
                and OBLIGATION.fullmatch(s.text, cue.start, cue.end)
                and nxt.kind == "verb"
                and _ADVERB_GAP.fullmatch(gap)
            )
            or (  # "did not rule out the idea of sending troops": the idea is what is offered
                _open_to_an_idea(s, cue, nxt) and len(gap) <= _CHAIN_GAP
            )
            or (  # "will not sign unless Moscow accepts elections", "talks can begin only
                # if Russia agrees to a ceasefire": what must happen
                _CONDITION_HEAD.fullmatch(s.text, cue.start, cue.end)
                and not CLAUSE_BREAK.search(gap)
            )
            or (  # "Moscow's demand (for Kyiv) to accept the plan": what is demanded
                cue.kind == "noun"
                and cue.stance == "demands"
                and nxt.kind in ("verb", "modal", "negmodal")
                and _NOUN_TO.fullmatch(gap)
            )
            or (  # "must be approved through a referendum": a condition, not an approval
                cue.stance == "demands"
                and OBLIGATION.fullmatch(s.text, cue.start, cue.end)
                and len(gap) <= 8
                and s.text.endswith("ed", nxt.start, nxt.end)
            )
            or (
                cue.content
                and (
                    not CLAUSE_BREAK.search(gap)
                    or (_LIST_JOINT.fullmatch(gap) and _listed_infinitive(s, gap, nxt))
                )
            )
        ):
            nxt.absorbed = nxt.content = True  # what is demanded: "demand that Putin agree"
            if (
                cue.stance == "demands"
                and (cue.kind == "noun" or OBLIGATION.fullmatch(s.text, cue.start, cue.end))
                and s.text.startswith(_REFUSALS, nxt.start)
            ):
                cue.stance = "rejects"  # "Europe must reject any deal", "a demand to reject"
    live = [c for c in cues if not c.absorbed and not c.conditional]
    # "While 100 countries wanted caps, oil producers ...": the opening clause ends at its comma
    opening = _SUBORDINATE_OPENING.match(s.text, s.start)
    for i, cue in enumerate(live):
        stop = live[i + 1].start if i + 1 < len(live) else s.end
        if opening and cue.start < opening.end():
            stop = min(stop, opening.end() - 1)
        stop = _second_subject(s, cue.end, stop)
        for aside in RELATIVE_ASIDE.finditer(s.text, max(s.start, cue.start - 90), stop):
            if aside.start() < cue.start < aside.end():  # "Moscow, which opposes a
                stop = min(stop, aside.end() - 1)  # ceasefire, sent ...": ends at the comma
        breaker = _REGION_STOP.search(s.text, cue.end, stop)
        if breaker and cue.stance == "red_line" and breaker.group() == "until":
            # "no hope of a settlement until Russia's demands for territory are accepted":
            # what must happen first is the object of the ultimatum
            breaker = _REGION_STOP.search(s.text, breaker.end(), stop)
        cue.region = (cue.start, breaker.start() if breaker else stop)
    for i, cue in enumerate(live[:-1]):  # "rejects Russian demands to ...": reach through
        nxt = live[i + 1]
        if (
            (
                nxt.kind == "noun"
                or (nxt.kind == "adj" and _ARTICLE_GAP.fullmatch(s.text, cue.end, nxt.start))
            )
            and (
                nxt.start - cue.end <= _CHAIN_GAP
                or _POSSESSOR_GAP.fullmatch(s.text, cue.end, nxt.start)
            )
        ) or (
            # "welcomed Trump's willingness to contribute to ...": reaches through too
            0 <= (lead := nxt.first) - cue.end <= _CHAIN_GAP and NOMINAL_MODAL.match(s.text, lead)
        ):
            cue.region = (cue.start, nxt.region[1])
            nxt.object_of_verb = True
    for cue in live:
        _split_condition(s, cue)


def _relative_that(s: Sentence, lo: int, hi: int) -> bool:
    """Whether a "that" between ``lo`` and ``hi`` opens a relative clause on an issue with
    a party as its subject ("a ceasefire that Ukraine rejected"), not a complement."""
    joints = list(_THAT_PARTY.finditer(s.text, lo, hi))
    if not joints:
        return False
    that = joints[-1]  # "that" or ", which", the party just after it ("that the Kremlin")
    right_after_issue = any(0 <= that.start() - h.end <= 1 for h in s.issues)
    return right_after_issue and any(that.start() < a.start <= that.end() for a in s.actors)


def _split_condition(s: Sentence, cue: Cue) -> None:
    """An offer on a condition of the party's own: "Kyiv is ready to hold elections if it
    gets security guarantees" offers the elections and demands the guarantees. The
    condition becomes a demand cue of its own where it names an issue."""
    if cue.stance not in ("offers", "accepts"):
        return
    lo, hi = cue.region
    condition = _OWN_CONDITION.search(s.text, cue.end, hi)
    if condition is None:
        return

    def named(a: int, b: int) -> set[str]:
        return {i for h in s.issues if a <= h.start < b for i, _ in s.compiled.issue_of[h.key]}

    if not named(condition.end(), hi) - named(lo, condition.start()):
        return  # "ready to hold elections if the vote can be held safely": the same issue
    cue.region = (lo, condition.start())
    demand = Cue(condition.start(), condition.end(), "verb", "demands")
    demand.region = (condition.start(), hi)
    s.cues.insert(s.cues.index(cue) + 1, demand)


def _second_subject(s: Sentence, lo: int, hi: int) -> int:
    """Where a clause with a subject of its own begins between ``lo`` and ``hi``: in
    "Moscow rejected the plan and Kyiv voted to ...", the "and" before Kyiv."""
    for actor in s.actors:
        if not lo < actor.start < hi:
            continue
        joint = _AND_BEFORE_SUBJECT.search(s.text, max(lo, actor.start - 12), actor.start)
        if (
            joint
            and _FINITE_AFTER.match(s.text, actor.end)
            and not _BETWEEN.search(s.text, max(lo, joint.start() - 40), joint.start())
        ):
            return joint.start()
    return hi


def _listed_infinitive(s: Sentence, gap: str, cue: Cue) -> bool:
    """Whether ``cue`` is an uninflected verb after a list joint, no contrast between."""
    return s.text[cue.start : cue.end].lower() in BASE_VERBS and not _CONTRAST.search(gap)


def _provision(s: Sentence, cue: Cue) -> bool:
    """Whether ``cue`` states what a plan contains ("the draft calls for")."""
    frame = s.frame
    return (frame is not None and frame[0] <= cue.start) or governing_plan(
        s.text,
        s.clause_start(cue.start, s.start),
        cue.start,
        s.plan_heads,
    ) is not None
