"""The general English lexicon of the rule extractor: stance cues and markers.

Every entry is a plain phrase (verbs are expanded to their inflected forms), so
that the whole lexicon compiles into one trie-shaped regular expression and a
document is scanned once. Scenario vocabulary (party aliases, issue, option and
topic cues) is not here: it comes from the scenario (see ``vocabulary.py``).

Kinds of stance cue:

- ``verb``: a finite or non-finite verb ("rejects", "has proposed"); its actor is
  the nearest subject to the left.
- ``noun``: a stance noun ("demands", "red line", "refusal"); its actor may be a
  possessor ("Russia's demands", "Russian demands") or follow ("a red line for
  the Kremlin").
- ``adj``: a predicate ("unacceptable", "non-negotiable"); its actor may follow
  "for"/"to" ("unacceptable to Kyiv").
- ``modal``: readiness ("ready to", "prepared to"); when another stance cue
  follows at once, the modal only passes its negation on ("no sign he is willing
  to roll back on demands" = still demands).
- ``negmodal``: refusal ("will not", "would not", "refused to"); alone it rejects
  ("Kyiv would not hold elections"), before another stance cue it negates that cue
  ("would not accept"). Finality ("will never", "under no circumstances") is a
  ``negmodal`` red line: alone a red line, before another cue a final refusal of it
  ("will never accept" draws a red line).

Markers: ``neg`` (negation), ``retract`` (dropping a demand: flips a following
demand to an offer), ``firm`` ("made it clear", "in no case": a rejection
becomes a red line), ``cond`` (an "if"/"until" clause or a doubt: a
hypothetical, no claim), ``hedge`` (unnamed sourcing), ``speech`` (verbs of saying) and ``skip``
(idioms that contain a cue but state no position: "declined to comment").
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["BASE_VERBS", "ENTRIES", "FLIP", "KINDS", "Entry", "verb_forms"]

Entry = tuple[str, str, str]  # (kind, stance or marker, phrase)

KINDS = (
    "verb",
    "noun",
    "adj",
    "modal",
    "negmodal",
    "neg",
    "retract",
    "firm",
    "cond",
    "hedge",
    "speech",
    "skip",
)

# What an odd number of negations makes of a stance (None: no claim).
FLIP: dict[str, str | None] = {
    "demands": "offers",  # "not insisting on", "dropping its demand"
    "accepts": "rejects",  # "does not accept", "won't agree to"
    "offers": "rejects",  # "not ready to"
    "rejects": None,  # "has not rejected" says too little
    "proposes": None,
    "red_line": None,
}

_IRREGULAR = {
    "signal": ("signal", "signals", "signaled", "signalled", "signaling", "signalling"),
    "withdraw": ("withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"),
    "forbid": ("forbid", "forbids", "forbade", "forbidden", "forbidding"),
    "seek": ("seek", "seeks", "sought", "seeking"),
    "speak out against": ("speak out against", "speaks out against", "spoke out against"),
    "seek to": ("seek to", "seeks to", "sought to", "seeking to"),
    "lay out": ("lay out", "lays out", "laid out", "laying out"),
    "foresee": ("foresee", "foresees", "foresaw", "foreseeing"),
    "put forward": ("put forward", "puts forward", "putting forward"),
    "set out": ("set out", "sets out", "setting out"),
    "rule out": ("rule out", "rules out", "ruled out", "ruling out"),
    "turn down": ("turn down", "turns down", "turned down", "turning down"),
    "shoot down": ("shoot down", "shoots down", "shot down", "shooting down"),
    "roll back": ("roll back", "rolls back", "rolled back", "rolling back"),
    "give up": ("give up", "gives up", "gave up", "giving up", "given up"),
    "cancel": ("cancel", "cancels", "cancelled", "canceled", "cancelling", "canceling"),
    "back down": ("back down", "backs down", "backed down", "backing down"),
    "move away from": ("move away from", "moves away from", "moved away from", "moving away from"),
    "stand by": ("stand by", "stands by", "stood by", "standing by"),
    "hold firm": ("hold firm", "holds firm", "held firm", "holding firm"),
    "sign off on": ("sign off on", "signs off on", "signed off on"),
    "forgo": ("forgo", "forgoes", "forwent", "forgone", "forgoing"),
    "forego": ("forego", "foregoes", "forewent", "foregone", "foregoing"),
}


_AUXILIARIES = ("do", "does", "did", "would", "could", "will")


def _negated(auxiliaries: Sequence[str]) -> list[str]:
    """Each auxiliary negated as news write it: "did not", "didn't" ("won't"); a curly
    apostrophe is folded to a straight one before matching."""
    out = []
    for aux in auxiliaries:
        short = "wo" if aux == "will" else aux
        out += [f"{aux} not", f"{short}n't"]
    return out


def verb_forms(base: str) -> tuple[str, ...]:
    """The usual inflections of a regular verb phrase (first word inflected)."""
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    head, _, tail = base.partition(" ")
    tail = f" {tail}" if tail else ""
    if head.endswith("ee"):
        forms = (head, head + "s", head + "d", head + "ing")
    elif head.endswith("e"):
        forms = (head, head + "s", head + "d", head[:-1] + "ing")
    elif head.endswith(("sh", "ch", "ss", "x")):
        forms = (head, head + "es", head + "ed", head + "ing")
    elif head.endswith("y") and head[-2] not in "aeiou":
        forms = (head, head[:-1] + "ies", head[:-1] + "ied", head + "ing")
    elif head in {"drop", "plan", "ban", "bar", "stop", "scrap", "commit"}:
        forms = (head, head + "s", head + head[-1] + "ed", head + head[-1] + "ing")
    else:
        forms = (head, head + "s", head + "ed", head + "ing")
    return tuple(f + tail for f in forms)


def _entries(bases: set[str]) -> list[Entry]:
    out: list[Entry] = []

    def verbs(stance: str, *base_forms: str) -> None:
        for base in base_forms:
            bases.add(base)
            out.extend(("verb", stance, form) for form in verb_forms(base))

    def phrases(kind: str, stance: str, *items: str) -> None:
        out.extend((kind, stance, item) for item in items)

    verbs(
        "demands", "demand", "insist", "insist on", "require", "want", "seek", "push for",
        "press for", "call for", "ask for", "urge", "press", "push", "pressure", "lobby for",
        "request",
    )  # fmt: skip
    phrases("verb", "demands", "hold out for", "holds out for", "held out for", "holding out for")
    verbs(  # "will accept nothing less than a full withdrawal"
        "demands", "accept nothing less than", "accept no less than", "accept nothing short of",
        "settle for nothing less than", "settle for no less than",
    )  # fmt: skip
    phrases(
        "noun", "demands", "demand", "demands", "requirement", "requirements",
        "precondition", "preconditions", "condition", "conditions", "insistence", "claims to",
        "request", "requests",
        "claim to", "call for", "calls for",
    )  # fmt: skip
    phrases(
        "verb", "demands", "on the condition that", "on condition that", "provided that",
        "provided there", "as a precondition", "as precondition", "as a condition", "must be",
        "must remain", "must fully", "would require", "must", "it is important that",
        "it is crucial that", "necessity for", "necessity of", "is needed", "are needed",
        # accepting only on a condition demands it: "will only accept a deal if Kyiv leaves"
        "only accept", "only agree to", "only sign",
    )  # fmt: skip
    verbs("demands", "need")
    phrases("verb", "proposes", "drafted", "drafting")  # "a draft plan" names the plan
    # A condition stated as the only way: "only after a ceasefire", "impossible without".
    phrases(
        "verb", "demands", "only after", "only if", "only when", "only once", "only with", "unless",
        "impossible without", "unlikely without", "unthinkable without", "insufficient without",
        "meaningless without", "set a deadline",
        # "peace would only be possible if ...", "talks can only begin after a ceasefire"
        *(f"only {v} {c}" for v in ("possible", "be possible", "happen", "begin", "start",
          "proceed", "take place", "go ahead", "occur")
          for c in ("if", "after", "once", "when", "with")),
        "sets a deadline", "setting a deadline", "imposed a deadline",
    )  # fmt: skip
    # What a party puts on the agenda it proposes.
    phrases(
        "verb", "proposes", "on the agenda", "agenda would", "agenda will", "agenda includes",
        "agenda included", "top of the agenda",
    )  # fmt: skip
    verbs(
        "proposes", "propose", "suggest", "put forward", "pitch", "float", "table",
        "set out", "envisage", "recommend", "unveil", "announce", "promise", "pledge", "invite",
        "call on", "hint", "signal",
    )  # fmt: skip
    # Weighing or aiming at a step is putting it forward ("is considering a ceasefire",
    # "seeks to postpone the talks"); seeking a thing is still a demand ("seeks guarantees").
    phrases(
        "modal", "proposes", "is considering", "are considering", "was considering",
        "were considering", "has been considering", "have been considering", "is weighing",
        "are weighing", "was weighing", "were weighing", "mulled", "mulling", "mulls",
        *verb_forms("seek to"),
    )  # fmt: skip
    # What a plan or deal contains is proposed by its author.
    verbs(
        "proposes", "provide for", "envision", "foresee", "stipulate", "lay out", "outline",
    )  # fmt: skip
    phrases(
        "verb", "proposes", "would see", "would involve", "would include", "would entail",
        "would allow",
    )  # fmt: skip
    phrases(
        "noun", "proposes", "concessions on both sides", "concessions from both sides",
        "mutual concessions",
    )  # fmt: skip
    phrases(
        "verb", "proposes", "should", "will be held", "will take place", "would take place",
        "could take place", "to take place", "planned to",
    )  # fmt: skip
    phrases(
        "noun", "proposes", "proposal", "proposals", "counterproposal", "counter-proposal",
        "plan calls for", "plan envisages", "initiative", "formula", "offer", "offers", "idea of",
        "idea that", "possibility of",
    )  # fmt: skip
    phrases(
        "modal", "offers", "prepared to", "ready to", "ready for", "open for", "willing to",
        "open to", "readiness to", "prepared only to", "ready only to", "willing only to",
        "expressed readiness", "willingness to", "would be free to", "is free to",
        "would consider", "could consider", "would be considered", "could be considered",
        "is considering", "are considering", "was considering", "open to discussing",
        "could accept", "could agree to", "would agree to", "openness to", "expressed openness",
    )  # fmt: skip
    # Not ruling a thing out is being open to it: "would not rule out deploying US troops".
    not_ = _negated(_AUXILIARIES)  # "will not", "won't", "did not", ...
    present = [f"{n} {v}" for n in not_ for v in ("rule out", "exclude")]
    perfect = [f"{n} {v}" for n in _negated(("has", "have")) for v in ("ruled out", "excluded")]
    phrases(
        "modal", "offers", *present, *perfect, "not ruling out", "not ruled out",
        *(f"{v} to rule out" for v in ("refused", "refuses", "declined", "declines")),
    )  # fmt: skip
    # Leaving a door open is not ruling a step out: "allowed for the possibility that ...".
    phrases(
        "modal", "offers", "door open to", "door open for", "left open the possibility",
        "leaves open the possibility", "leave open the possibility", "allowed for the possibility",
        "allow for the possibility", "allows for the possibility",
        *(f"{n} {v}" for n in not_
          for v in ("close the door", "shut down", "immediately shut down")),
    )  # fmt: skip
    verbs(
        "offers",
        "offer",
        "concede",
        "agree to freeze",
        "renounce",
        "forgo",  # giving a thing up offers it, like renouncing it
        "forego",
        "finalize",
        "finalise",
        "contribute to",
    )
    phrases("verb", "demands", "in exchange for", "in return for")
    phrases(
        "adj", "demands", "critical part of", "essential part of", "key condition",
        "must include", "non-negotiable condition",
    )  # fmt: skip
    phrases(
        "adj", "proposes", "interest in", "interested in", "in favour of", "in favor of",
        "keen on",
    )  # fmt: skip
    phrases("noun", "offers", "concession", "concessions", "compromise", "compromises")
    phrases("noun", "offers", "flexibility on", "flexibility over", "flexibility regarding")
    verbs("offers", "commit to")  # "committed to deploying troops"
    phrases("verb", "offers", "volunteered to", "volunteering to")  # not "volunteers to" (noun)
    phrases(  # "sweetened its bid", "raised its offer": a better offer
        "verb", "offers",
        *(f"{v} {o} {n}" for v in ("sweetened", "sweetens", "raised", "raises", "improved",
          "improves") for o in ("its", "their", "the") for n in ("offer", "bid")),
    )  # fmt: skip
    # "set a June deadline": the month between (a day, "a Nov. 27 deadline", is not read)
    phrases(
        "verb", "demands",
        *(f"{v} a {m} deadline" for v in ("set", "sets", "setting", "gave", "given", "gives")
          for m in ("january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december", "year-end", "new")),
    )  # fmt: skip
    phrases("noun", "demands", "priority", "priorities")  # "the top priority was a ceasefire"
    # softening one's stance is moving toward the other side
    phrases(
        "verb", "offers", *(f"{v} {o} {n}" for v in verb_forms("soften") for o in ("its", "their",
        "his", "her") for n in ("stance on", "position on", "stance over", "position over")),
    )  # fmt: skip
    verbs(
        "accepts", "accept", "agree", "agree to", "endorse", "approve", "welcome", "sign off on",
        "confirm", "prepare for", "vote for", "vote in favour of", "vote in favor of",
        "sign up to", "sign up for", "warm to",
    )  # fmt: skip
    phrases("verb", "accepts", "hailed", "hails", "hailing")
    phrases(
        "verb", "accepts", "weight behind", "no objection to", "no objections to",
        "green light to", "green light for", "green-lit", "greenlit",
        *(f"{n} {v}" for n in not_ for v in ("stand in the way of", "object to")),
        "could live with", "can live with", "would live with",
    )  # fmt: skip
    phrases(
        "adj", "accepts", "acceptable", "ready for signing", "agreed", "agreed upon",
        "significant progress", "meaningful progress", "well worked out",
    )  # fmt: skip
    phrases("noun", "accepts", "acceptance", "approval", "agreement on", "support for")
    phrases("verb", "accepts", "supported", "supports")
    # Criticism and warnings against a term refuse it (docs/annotation.md).
    verbs(
        "rejects", "criticize", "criticise", "condemn", "denounce", "warn against",
        "caution against", "speak out against",
    )  # fmt: skip
    phrases("noun", "rejects", "criticism of", "criticisms of")
    # A reaction from a party is that party's: "drew sharp pushback from Zelensky".
    phrases(
        "noun", "rejects", "pushback from", "criticism from", "opposition from",
        "objections from", "resistance from", "rejection from",
    )  # fmt: skip
    phrases("noun", "accepts", "support from", "backing from", "endorsement from")
    phrases("noun", "demands", "need for", "the need to", "necessity to")  # a need is a demand
    # A meeting announced is a meeting proposed (docs/annotation.md, "Meetings").
    phrases(
        "verb", "proposes", "will meet", "would meet", "is to meet", "are to meet",
        "plans to meet", "planning to meet", "will hold talks", "would hold talks", "will host",
        "would host", "offered to host", "to be held",
    )  # fmt: skip
    # A plan called a basis or a step forward is taken up; one called a capitulation refused.
    phrases(
        "adj", "accepts", "starting point", "a basis for", "good basis", "solid basis",
        "step forward", "step in the right direction", "positive step", "in principle",
        "broadly agreed", "on board with",
    )  # fmt: skip
    phrases(
        "adj", "rejects", "one-sided", "tilted toward", "tilted towards",
        "wish list", "dead on arrival", "not acceptable",
    )  # fmt: skip
    verbs(
        "rejects", "reject", "refuse", "dismiss", "rule out", "oppose", "turn down", "shoot down",
        "decline", "resist", "veto", "hold firm", "balk at", "prohibit", "forbid",
        "push back against", "push back on", "cancel", "call off", "scrap", "vote against",
        "vote down",
    )  # fmt: skip
    phrases(
        "verb", "rejects", "cold water on", "off the table", "said no to", "say no to",
        "says no to", "saying no to",
        # verbs whose base form is also a noun of another sense ("a blast")
        "slammed", "slams", "slamming", "blasted", "blasting",
    )  # fmt: skip
    verbs("rejects", "object to", "rebuff", "spurn")
    phrases(
        "adj", "rejects", "is against", "are against", "was against", "were against",
        "remains against", "remain against",
    )  # fmt: skip
    phrases("adj", "demands", "adamant that", "adamant on")
    # Not budging on a demand makes it final (docs/annotation.md): "has not budged on its
    # demand for Donetsk", "refuses to budge on territory".
    phrases(
        "adj", "red_line", *(f"{n} {p}" for n in ("not budged", "not budge", "not budging",
        "refused to budge", "refuses to budge", "refusing to budge", "won't budge",
        "unwilling to budge", "unwillingness to budge") for p in ("on", "from", "over")),
    )  # fmt: skip
    # "rejected the plan for lacking guarantees": what is missing is asked for
    phrases("verb", "demands", "for lacking", "for its lack of", "for the lack of")
    # "conditioned a ceasefire on Ukraine's withdrawal": what it depends on is demanded
    phrases("verb", "demands", *verb_forms("condition"))
    # what a step is made to depend on is demanded: "support conditional on elections"
    phrases(
        "adj", "demands", "conditional on", "conditional upon", "contingent on", "contingent upon",
        "conditioned on",
    )  # fmt: skip
    phrases(
        "noun", "rejects", "rejection", "refusal", "opposition to", "resistance to", "objection to",
        "objections to", "opponent of", "opponents of", "critic of", "critics of",
    )  # fmt: skip
    phrases("noun", "accepts", "supporter of", "supporters of")
    phrases(  # giving up on a goal concedes it
        "verb", "offers", "give up on", "gives up on", "gave up on", "given up on", "giving up on",
    )  # fmt: skip
    phrases("noun", "demands", "bid for", "bid to join")  # "dropped its bid for NATO membership"
    phrases(
        "noun", "demands", "advocate of", "advocates of", "proponent of", "proponents of",
        "champion of", "champions of",
    )  # fmt: skip
    phrases("negmodal", "rejects", "will not", "would not", "won't", "will no longer")
    # Not wanting a thing refuses it; not insisting on it (FLIP) only drops a demand.
    phrases("verb", "rejects", "not want", "not wanting", "don't want", "doesn't want",
            "didn't want")  # fmt: skip
    # A refusal to act ("refused to agree to a ceasefire") negates the act it governs.
    for base in ("refuse to", "decline to"):
        phrases("negmodal", "rejects", *verb_forms(base))
    # the same as nouns: "Russia's refusal to agree to a ceasefire"
    phrases("negmodal", "rejects", "refusal to", "unwillingness to", "reluctance to")
    # Finality before a verb ("will never accept", "would under no circumstances allow"):
    # alone a red line, before another cue it negates that cue and makes it final.
    phrases(
        "negmodal", "red_line", "will never", "would never", "under no circumstances",
        "shall never",
    )  # fmt: skip
    phrases(
        "adj",
        "rejects",
        "there will be no",
        "there would be no",
        "no plans to",
        "no plan to",
        "unfair",
        "unacceptable",
        "opposed to",
        "out of the question",
        "a non-starter",
        # idioms of dismissal: "discussing guarantees without Moscow is a road to nowhere"
        "road to nowhere",
        "path to nowhere",
        "a dead end",
        "utopia",
        "pipe dream",
        "nonsense",
    )
    phrases(
        "noun", "red_line", "red line", "red lines", "red-line", "no hope of", "ultimatum",
        "ultimatums", "legitimate target", "legitimate targets", "legitimate military targets",
        "dealbreaker", "deal-breaker",
    )  # fmt: skip
    phrases(
        "adj", "red_line", "excluded", "completely excluded", "non-negotiable", "pointless until",
        "not negotiable", "not up for discussion", "not up for negotiation", "not up for debate",
        "never give up", "never cede", "never surrender", "never recognize", "never recognise",
        "never accept", "never agree", "never withdraw",
    )  # fmt: skip
    phrases(
        "neg", "neg", "not", "n't", "no", "never", "no longer", "nor", "neither", "without",
        "fails to", "failed to", "no sign", "no signs", "no indication", "little sign", "cannot",
        "unwilling to", "reluctant to", "yet to", "stopped short of", "stops short of",
        "stop short of", "unlikely to",
    )  # fmt: skip
    for base in (
        "drop",
        "abandon",
        "roll back",
        "give up",
        "back down",
        "move away from",
        "back away from",
        "walk back",
        "step back from",
        "retreat from",
        "withdraw",
    ):
        out.extend(("retract", "retract", form) for form in verb_forms(base))
    out.extend(("retract", "retract", f"{form} on") for form in verb_forms("roll back"))
    # Phrases that look like stance cues but state no position.
    phrases(
        "skip", "skip", "declined to comment", "declined to elaborate", "refused to comment",
        "request for comment", "requests for comment",
        "did not respond", "declines to comment", "no comment", "want to know", "wants to know",
        # "once again" is no condition; a negotiating table is not a verb of proposing
        "once again", "once more", "negotiating table", "to the table", "at the table",
        "on the table",
    )  # fmt: skip
    # Finality: a rejection stated this way is a red line. A manner adverb ("firmly",
    # "flatly", "categorically") only says how it was said (docs/annotation.md).
    phrases(
        "firm", "firm", "made it clear", "make it clear", "makes it clear", "remains unchanged",
        "under any circumstances", "in no case",
    )  # fmt: skip
    phrases(
        "cond", "cond", "if", "unless", "until", "whether", "in case", "once", "before agreeing",
        "before accepting", "before signing",
    )  # fmt: skip
    # What someone doubts a party will do is no position of that party: "doubt Putin will
    # accept the guarantees".
    phrases("cond", "cond", "doubt", "doubts", "doubted", "doubtful", "skeptical", "sceptical")
    # What others predict a party will do is no position of that party: "Russia is
    # expected to reject the ceasefire".
    phrases(
        "cond",
        "cond",
        *(f"{b} {w} to" for b in ("is", "are", "was", "were") for w in ("expected", "likely")),
    )
    # What a party denies happened states no position: "Peskov denied that Russia had
    # accepted a ceasefire".
    phrases(
        "cond",
        "cond",
        *(
            f"{v} {t}"
            for v in ("deny", "denies", "denied", "denying")
            for t in ("that", "reports that", "claims that")
        ),
    )
    # What a party would be made to do is not what it wants: "could be forced to accept".
    phrases(
        "cond", "cond", *(f"{m} be {v}" for m in ("could", "may", "might", "would")
        for v in ("forced to", "pressured into", "compelled to")),
        "was forced to", "were forced to", "was pressured into", "were pressured into",
    )  # fmt: skip
    phrases(
        "hedge", "hedge", "according to sources", "according to several sources",
        "according to four sources", "according to people", "sources said", "sources say",
        "sources state", "sources indicate", "sources suggest", "sources close to",
        "sources familiar", "people familiar", "reportedly", "allegedly", "is said to",
        "are said to", "asked not to be identified", "asking not to be identified",
        "on condition of anonymity", "familiar with the discussions", "familiar with the matter",
        "according to a person", "according to a source", "a source close to", "sources told",
        "unnamed officials", "familiar with the talks",
    )  # fmt: skip
    phrases(
        "speech", "speech", "said", "says", "told", "added", "stated", "stating", "warned",
        "noted", "wrote", "according to",
    )  # fmt: skip
    return out


_BASES: set[str] = set()
ENTRIES: tuple[Entry, ...] = tuple(_entries(_BASES))
# The uninflected verb cues: the verbs an infinitive list coordinates ("to cede X, accept Y").
BASE_VERBS: frozenset[str] = frozenset(_BASES)
