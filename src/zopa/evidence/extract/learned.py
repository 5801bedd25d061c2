"""The learned claim extractor: rules, sentence embeddings and three small classifiers.

For each sentence of a document it proposes candidate claims (actor, issue,
stance) and keeps the rules' claims a logistic model scores above one threshold
and, in a sentence where the rules found none, its best candidate if a second
logistic model scores it above another (:func:`kept`):

1. **Candidates.** Actors: the parties the sentence names (through the
   scenario's aliases), those the rules attribute a claim to there, and, when
   the sentence names none, the subject carried from the sentence before (a
   pronoun, "the proposal"), also when it names others. Issues: those the
   sentence cues, those of the rules' claims, and the four the issue model ranks
   highest. Stances: all six.
   Only sentences with a candidate actor and a stance (a stance cue of the
   lexicon or a rule claim) are embedded and scored: a position needs a stance,
   and sentences with an issue cue alone, 30% of the encoder's work, gave no right
   claim under cross-validation (F1 0.560 with them, 0.561 without).
2. **Sentence models.** MiniLM embeddings (:mod:`~zopa.evidence.extract.encoder`)
   plus counts of the lexicon's cues feed two multinomial logistic regressions:
   the issue a claim in the sentence is about, and its stance (or none) [1]_.
   They route paraphrases the cue lists miss ("the fortress belt", "boots on the
   ground") and stances carried by nouns and frames.
3. **Scorers.** Two binary logistic regressions (sentences with a rule claim, and
   those without) over features of each candidate: the rules' verdict on it and
   on its parts, whether the actor is named, first, alone or carried, whether
   the issue is cued, and the two models' probabilities. The sentence models are
   fitted on folds of the training articles so the scorers learn from
   out-of-fold probabilities (stacking [2]_), and the two thresholds are chosen
   on scores of articles the scorers were not fitted on (the same folds).

A claim keeps the rules' option, position and date where the rules found the
same claim in the sentence; otherwise its position is the sentence and its date
the one the sentence states nearest its start.

Weights are a small NumPy ``.npz`` file; the default ships with zopa and is
rebuilt from gold annotations by ``zopa train-extractor`` (deterministic:
full-batch Newton and gradient steps from zero, no sampling).

References
----------
.. [1] D. Jurafsky and J. H. Martin, *Speech and Language Processing*, 3rd ed.
   draft, ch. 5 "Logistic Regression", 2024.
.. [2] D. H. Wolpert, "Stacked generalization", *Neural Networks* 5(2), 241-259,
   1992. https://doi.org/10.1016/S0893-6080(05)80023-1
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from zopa.errors import EvidenceError
from zopa.evidence.extract.dates import resolve_date
from zopa.evidence.extract.rules import RulesExtractor
from zopa.evidence.extract.sentences import pieces, split_sentences
from zopa.evidence.extract.vocabulary import FOLDED_LEXICON, LEXICON_OF, fold
from zopa.evidence.types import STANCES, ExtractedClaim
from zopa.model.types import Scenario

__all__ = [
    "DEFAULT_WEIGHTS",
    "Candidate",
    "DocumentCandidates",
    "LearnedExtractor",
    "LearnedModel",
    "candidates",
    "fit_logistic",
    "fit_softmax",
    "kept",
]

DEFAULT_WEIGHTS = Path(__file__).parent / "data" / "learned.npz"
_LEXICAL_KINDS = (*STANCES, "neg", "firm", "cond", "hedge", "speech", "retract")
_STANCE_KINDS = frozenset({"verb", "noun", "adj", "modal", "negmodal"})
_TOP_ISSUES = 4
_TOP_SIMILAR = 2
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible claim of one sentence, with the features the scorer reads."""

    sentence: int  # index into DocumentCandidates.spans
    actor: str
    issue: str
    stance: str


@dataclass(slots=True)
class DocumentCandidates:
    """A document's scored sentences, their candidates and what the rules said."""

    spans: list[tuple[int, int]]
    lexical: np.ndarray  # (n_sentences, len(_LEXICAL_KINDS)) cue counts
    cued: list[frozenset[str]]  # issues cued per sentence
    named: list[tuple[str, ...]]  # parties named per sentence, in order
    carried: list[str | None]  # the subject of the sentence before
    rules: list[dict[tuple[str, str, str], ExtractedClaim]]  # rule claims per sentence
    gated: list[int] = field(default_factory=list)  # sentences worth scoring


def candidates(
    text: str, scenario: Scenario, rules: RulesExtractor, date: str | None
) -> DocumentCandidates:
    """The sentences of ``text`` with the evidence the learned extractor uses."""
    compiled = rules.compiled(scenario)
    spans = list(pieces(text, split_sentences(text)))
    starts = {s: k for k, (s, _) in enumerate(spans)}
    by_sentence: list[dict[tuple[str, str, str], ExtractedClaim]] = [{} for _ in spans]
    for claim in rules.extract(text, scenario=scenario, date=date):
        k = starts.get(claim.start)
        if k is not None:
            key = (claim.actor, claim.issue, claim.stance)
            kept = by_sentence[k].get(key)
            if kept is None or kept.confidence < claim.confidence:
                by_sentence[k][key] = claim
    lexical = np.zeros((len(spans), len(_LEXICAL_KINDS)), dtype=np.float32)
    column = {kind: i for i, kind in enumerate(_LEXICAL_KINDS)}
    cued: list[set[str]] = [set() for _ in spans]
    named: list[list[str]] = [[] for _ in spans]
    ends = [s for s, _ in spans]

    def sentence_of(offset: int) -> int:
        import bisect

        return bisect.bisect_right(ends, offset) - 1

    folded = fold(text)  # as the rules scan it: lower case, straight apostrophes
    for match in FOLDED_LEXICON.finditer(folded):
        key = match.group()
        k = sentence_of(match.start())
        if k < 0 or key not in LEXICON_OF:
            continue
        for kind, stance in LEXICON_OF[key]:
            name = stance if kind in _STANCE_KINDS else kind
            if name in column:
                lexical[k, column[name]] += 1
    if compiled.folded_issues is not None:
        for match in compiled.folded_issues.finditer(folded):
            k = sentence_of(match.start())
            for issue, _ in compiled.issue_of.get(match.group("cue"), ()):
                if k >= 0:
                    cued[k].add(issue)
    for match in compiled.actors.finditer(text):
        k = sentence_of(match.start())
        party = compiled.actor_of[match.group()]
        if k >= 0 and party not in named[k]:
            named[k].append(party)
    carried: list[str | None] = []
    subject: str | None = None
    for k in range(len(spans)):
        carried.append(subject)
        firsts = [key[0] for key in by_sentence[k]]
        subject = (firsts or named[k] or [subject])[0]
    doc = DocumentCandidates(
        spans, lexical, [frozenset(c) for c in cued], [tuple(n) for n in named], carried,
        by_sentence,
    )  # fmt: skip
    stance_cues = lexical[:, : len(STANCES)].sum(axis=1)
    doc.gated = [
        k
        for k in range(len(spans))
        if (named[k] or carried[k]) and (by_sentence[k] or stance_cues[k] > 0)
    ]
    return doc


# -- logistic regressions, in NumPy --------------------------------------------------


def fit_softmax(
    x: np.ndarray, y: np.ndarray, n_classes: int, *, l2: float = 1.0, steps: int = 300
) -> np.ndarray:
    """Multinomial logistic regression by full-batch gradient descent from zero.

    ``x`` is ``(n, d)`` (a bias column is added), ``y`` integer labels. Returns
    ``(d + 1, n_classes)`` weights. Deterministic: no sampling, a fixed step.
    """
    xb = np.hstack([x, np.ones((len(x), 1), dtype=x.dtype)]).astype(np.float64)
    w = np.zeros((xb.shape[1], n_classes))
    onehot = np.eye(n_classes)[y]
    n = max(len(xb), 1)
    lipschitz = 0.5 * float(np.linalg.norm(xb, ord=2) ** 2) / n + l2 / n
    rate = 1.0 / max(lipschitz, 1e-9)
    velocity = np.zeros_like(w)
    for _ in range(steps):  # Nesterov-accelerated gradient, a fixed number of steps
        look = w + 0.9 * velocity
        p = _softmax(xb @ look)
        grad = xb.T @ (p - onehot) / n + l2 * np.vstack([look[:-1], 0 * look[-1:]]) / n
        velocity = 0.9 * velocity - rate * grad
        w = w + velocity
    return w


def fit_logistic(
    x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, iterations: int = 25
) -> np.ndarray:
    """Binary logistic regression by Newton's method (IRLS) from zero; ``(d + 1,)`` weights."""
    xb = np.hstack([x, np.ones((len(x), 1))]).astype(np.float64)
    w = np.zeros(xb.shape[1])
    penalty = l2 * np.eye(xb.shape[1])
    penalty[-1, -1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + penalty @ w
        hessian = (xb * (p * (1 - p))[:, None]).T @ xb + penalty + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, grad)
        w = w - step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _with_bias(x: np.ndarray) -> np.ndarray:
    return np.hstack([x, np.ones((len(x), 1), dtype=x.dtype)])


# -- the model -------------------------------------------------------------------------


FEATURES = (
    "rules_exact", "rules_confidence", "rules_actor_issue", "rules_actor_stance",
    "rules_issue_stance", "rules_any", "actor_named", "actor_first", "actor_alone",
    "actor_carried", "actor_in_rules", "issue_cued", "issue_in_rules", "p_issue",
    "issue_top", "log_p_issue", "p_stance", "p_none", "log_p_stance", "p_issue_x_p_stance",
    "rules_exact_x_p_stance", "similarity", "similarity_top", "similarity_gap",
    "actor_share", "actor_most_named", "p_stance_x_actor_first", "p_issue_x_actor_first",
    *(f"stance_{s}" for s in STANCES),
)  # fmt: skip
_EXACT, _ANY_RULE = FEATURES.index("rules_exact"), FEATURES.index("rules_any")


def issue_descriptions(scenario: Scenario, issues: Sequence[str]) -> list[str]:
    """A short text per issue or topic (its name, description and first cues) to embed."""
    by_name = {i.name: i for i in scenario.issues} | {t.name: t for t in scenario.topics}
    texts = []
    for name in issues:
        item = by_name.get(name)
        words = name.replace("_", " ")
        if item is None:
            texts.append(words)
            continue
        cues = ", ".join(item.cues[:12])
        texts.append(_SPACES.sub(" ", f"{words}: {item.description} {cues}").strip())
    return texts


@dataclass(frozen=True)
class LearnedModel:
    """Weights of the two sentence models and the scorer (see the module notes)."""

    issues: tuple[str, ...]  # classes of the issue model
    issue_weights: np.ndarray  # (384 + len(issues) + lexical + 1, len(issues))
    stance_weights: np.ndarray  # (384 + lexical + 1, len(STANCES) + 1): last class is none
    scorer_weights: np.ndarray  # (2, len(FEATURES) + 1): rule sentences, the others
    threshold: float  # the score a claim the rules did not find needs
    rule_threshold: float = 0.0  # the score a claim the rules found needs to stay
    trained_on: tuple[str, ...] = ()  # article names

    def save(self, path: str | Path) -> None:
        """Write the weights to a ``.npz`` file."""
        np.savez_compressed(
            Path(path),
            issues=np.array(self.issues),
            issue_weights=self.issue_weights,
            stance_weights=self.stance_weights,
            scorer_weights=self.scorer_weights,
            threshold=np.array(self.threshold),
            rule_threshold=np.array(self.rule_threshold),
            trained_on=np.array(self.trained_on),
            features=np.array(FEATURES),
        )

    @classmethod
    def load(cls, path: str | Path) -> LearnedModel:
        """Read weights written by :meth:`save`.

        Raises
        ------
        EvidenceError
            When the file is missing or is not a weights file of this version.
        """
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as data:
                if tuple(str(f) for f in data["features"]) != FEATURES:
                    raise EvidenceError(
                        f"{path}: weights of another version of the learned extractor; "
                        "retrain with zopa train-extractor"
                    )
                if data["scorer_weights"].ndim != 2:
                    raise EvidenceError(
                        f"{path}: weights of another version of the learned extractor "
                        "(one scorer, not two); retrain with zopa train-extractor"
                    )
                return cls(
                    issues=tuple(str(i) for i in data["issues"]),
                    issue_weights=data["issue_weights"],
                    stance_weights=data["stance_weights"],
                    scorer_weights=data["scorer_weights"],
                    threshold=float(data["threshold"]),
                    rule_threshold=float(data["rule_threshold"]),
                    trained_on=tuple(str(a) for a in data["trained_on"]),
                )
        except FileNotFoundError:
            raise EvidenceError(f"{path}: no such weights file") from None
        except (OSError, KeyError, ValueError) as error:
            raise EvidenceError(f"{path}: not a learned-extractor weights file: {error}") from None

    def issue_inputs(self, embeddings: np.ndarray, doc: DocumentCandidates) -> np.ndarray:
        cue = np.array(
            [[issue in doc.cued[k] for issue in self.issues] for k in doc.gated], dtype=np.float32
        ).reshape(len(doc.gated), len(self.issues))
        return np.hstack([embeddings, cue, np.log1p(doc.lexical[doc.gated])])

    @staticmethod
    def stance_inputs(embeddings: np.ndarray, doc: DocumentCandidates) -> np.ndarray:
        return np.hstack([embeddings, np.log1p(doc.lexical[doc.gated])])

    def sentence_probabilities(
        self, embeddings: np.ndarray, doc: DocumentCandidates
    ) -> tuple[np.ndarray, np.ndarray]:
        """P(issue) and P(stance or none) for each gated sentence."""
        p_issue = _softmax(_with_bias(self.issue_inputs(embeddings, doc)) @ self.issue_weights)
        p_stance = _softmax(_with_bias(self.stance_inputs(embeddings, doc)) @ self.stance_weights)
        return p_issue, p_stance

    def scores(self, features: np.ndarray) -> np.ndarray:
        """P(a candidate is a gold claim): one logistic model for sentences where the
        rules found a claim, another for those where they found none."""
        z = _with_bias(features) @ self.scorer_weights.T
        z = np.where(features[:, _ANY_RULE] > 0, z[:, 0], z[:, 1])
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def candidate_features(
    doc: DocumentCandidates,
    p_issue: np.ndarray,
    p_stance: np.ndarray,
    issues: Sequence[str],
    similarity: np.ndarray,
) -> tuple[list[Candidate], np.ndarray]:
    """Every candidate of every gated sentence and its feature row (see :data:`FEATURES`).

    ``similarity[g, j]`` is the cosine between gated sentence ``g`` and issue ``j``'s
    description (zero-shot routing, independent of the training data).
    """
    column = {name: i for i, name in enumerate(issues)}
    out: list[Candidate] = []
    mentions: dict[str, int] = {}
    for named in doc.named:
        for party in named:
            mentions[party] = mentions.get(party, 0) + 1
    total = max(sum(mentions.values()), 1)
    most = max(mentions, key=lambda p: (mentions[p], p)) if mentions else None
    # One row per (actor, issue) pair of a sentence holds what does not depend on the
    # stance; the six stances of the pair are then filled in as columns at once.
    pair_rows: list[list[float]] = []
    stance_rows: list[list[float]] = []  # per pair: exact, confidence, (a, s), (i, s) x 6
    pair_sentence: list[int] = []
    n = len(STANCES)
    for g, k in enumerate(doc.gated):
        rules = doc.rules[k]
        named = doc.named[k]
        actors = list(dict.fromkeys([*named, *(a for a, _, _ in rules)]))
        carried = doc.carried[k]
        if carried is not None and carried not in actors:
            actors.append(carried)
        ranked = [issues[j] for j in np.argsort(-p_issue[g], kind="stable")[:_TOP_ISSUES]]
        close = [issues[j] for j in np.argsort(-similarity[g], kind="stable")[:_TOP_SIMILAR]]
        best_similarity = float(similarity[g].max()) if len(issues) else 0.0
        top_similar = close[0] if close else None
        top = issues[int(np.argmax(p_issue[g]))] if len(issues) else None
        rule_issues = {i for _, i, _ in rules}
        pool = list(dict.fromkeys([*sorted(doc.cued[k]), *sorted(rule_issues), *ranked, *close]))
        pairs = {(a, i) for a, i, _ in rules}
        actor_stance = {(a, s) for a, _, s in rules}
        issue_stance = {(i, s) for _, i, s in rules}
        rule_actors = {a for a, _, _ in rules}
        for actor in actors:
            first = float(bool(named) and named[0] == actor)
            for issue in pool:
                pi = float(p_issue[g, column[issue]]) if issue in column else 0.0
                sim = float(similarity[g, column[issue]]) if issue in column else 0.0
                exact = [rules.get((actor, issue, stance)) for stance in STANCES]
                stance_rows.append(
                    [float(e is not None) for e in exact]
                    + [e.confidence if e is not None else 0.0 for e in exact]
                    + [float((actor, stance) in actor_stance) for stance in STANCES]
                    + [float((issue, stance) in issue_stance) for stance in STANCES]
                )
                pair_rows.append(
                    [
                        float((actor, issue) in pairs),
                        float(bool(rules)),
                        float(actor in named),
                        first,
                        float(named == (actor,)),
                        float(actor == carried and actor not in named),
                        float(actor in rule_actors),
                        float(issue in doc.cued[k]),
                        float(issue in rule_issues),
                        pi,
                        float(issue == top),
                        math.log(pi + 1e-4),
                        sim,
                        float(issue == top_similar),
                        sim - best_similarity,
                        mentions.get(actor, 0) / total,
                        float(actor == most),
                    ]
                )
                pair_sentence.append(g)
                out.extend(Candidate(k, actor, issue, stance) for stance in STANCES)
    if not pair_rows:
        return out, np.zeros((0, len(FEATURES)))
    base = np.repeat(np.array(pair_rows), n, axis=0)
    by_stance = np.array(stance_rows).reshape(len(pair_rows), 4, n).transpose(0, 2, 1)
    by_stance = by_stance.reshape(-1, 4)  # rows in (pair, stance) order
    sentence = np.repeat(np.array(pair_sentence), n)
    ps = p_stance[sentence, np.tile(np.arange(n), len(pair_rows))].astype(np.float64)
    p_none = p_stance[sentence, -1].astype(np.float64)
    pi, first = base[:, 9], base[:, 3]
    rows = np.column_stack(
        [
            by_stance[:, 0], by_stance[:, 1], base[:, 0], by_stance[:, 2], by_stance[:, 3],
            base[:, 1:12], ps, p_none, np.log(ps + 1e-4), pi * ps, by_stance[:, 0] * ps,
            base[:, 12:17], ps * first, pi * first,
            np.tile(np.eye(n), (len(pair_rows), 1)),
        ]
    )  # fmt: skip
    return out, rows


class LearnedExtractor:
    """Rules plus embeddings and logistic models (see the module notes).

    Parameters
    ----------
    model
        Trained weights; by default those shipped with zopa.
    encoder
        What embeds sentences (anything with ``encode(list[str]) -> array``); by
        default a new :class:`~zopa.evidence.extract.encoder.SentenceEncoder`.
    """

    name = "learned"

    def __init__(self, model: LearnedModel | None = None, *, encoder: Any = None) -> None:
        if encoder is None:
            from zopa.evidence.extract.encoder import SentenceEncoder

            encoder = SentenceEncoder()
        self.encoder = encoder
        self.model = model if model is not None else LearnedModel.load(DEFAULT_WEIGHTS)
        self.rules = RulesExtractor()
        self._prototypes: dict[int, tuple[Scenario, np.ndarray]] = {}

    def prototypes(self, scenario: Scenario) -> np.ndarray:
        """Embeddings of the model's issues as ``scenario`` describes them (cached)."""
        cached = self._prototypes.get(id(scenario))
        if cached is None or cached[0] is not scenario:
            texts = issue_descriptions(scenario, self.model.issues)
            cached = (scenario, self.encoder.encode(texts))
            self._prototypes[id(scenario)] = cached
        return cached[1]

    def embed(self, text: str, doc: DocumentCandidates) -> np.ndarray:
        """Embeddings of the gated sentences of ``doc``."""
        return self.encoder.encode([text[doc.spans[k][0] : doc.spans[k][1]] for k in doc.gated])

    def extract(
        self, text: str, *, scenario: Scenario, date: str | None = None
    ) -> list[ExtractedClaim]:
        """Claims of ``text`` (see :class:`~zopa.evidence.extract.Extractor`)."""
        doc = candidates(text, scenario, self.rules, date)
        if not doc.gated:
            return []
        embeddings = self.embed(text, doc)
        p_issue, p_stance = self.model.sentence_probabilities(embeddings, doc)
        similarity = embeddings @ self.prototypes(scenario).T
        known = {i.name for i in scenario.issues} | {t.name for t in scenario.topics}
        found, rows = candidate_features(doc, p_issue, p_stance, self.model.issues, similarity)
        scores = self.model.scores(rows)
        keep = kept(
            [c.sentence for c in found], scores, rows, self.model.threshold,
            self.model.rule_threshold,
        )  # fmt: skip
        return [
            _claim(text, doc, candidate, float(score), date)
            for candidate, score, chosen in zip(found, scores, keep, strict=True)
            if chosen and candidate.issue in known
        ]


def kept(
    sentences: Sequence[int],
    scores: np.ndarray,
    rows: np.ndarray,
    threshold: float,
    rule_threshold: float,
) -> np.ndarray:
    """Which candidates become claims: a claim of the rules scoring at least
    ``rule_threshold``, and in a sentence where the rules found nothing, its one
    best-scoring candidate if it reaches ``threshold``. One claim per such sentence:
    their candidates differ only in actor, issue or stance, of which one is right
    at best, and they are where the rules' vocabulary failed."""
    keep = (rows[:, _EXACT] > 0) & (scores >= rule_threshold)
    best: dict[int, int] = {}
    for index in np.flatnonzero(rows[:, _ANY_RULE] == 0).tolist():
        k = sentences[index]
        if k not in best or scores[index] > scores[best[k]]:
            best[k] = index
    chosen = [i for i in best.values() if scores[i] >= threshold]
    keep[chosen] = True
    return keep


def _claim(
    text: str, doc: DocumentCandidates, candidate: Candidate, score: float, date: str | None
) -> ExtractedClaim:
    start, end = doc.spans[candidate.sentence]
    quote = text[start:end]
    rule = doc.rules[candidate.sentence].get((candidate.actor, candidate.issue, candidate.stance))
    hedge = doc.lexical[candidate.sentence, _LEXICAL_KINDS.index("hedge")] > 0
    return ExtractedClaim(
        actor=candidate.actor,
        issue=candidate.issue,
        stance=candidate.stance,  # type: ignore[arg-type]
        position=rule.position if rule else _SPACES.sub(" ", quote)[:200],
        option=rule.option if rule else None,
        date=rule.date if rule else resolve_date(quote, date, near=0),
        quote=quote,
        start=start,
        end=end,
        confidence=round(min(1.0, max(0.05, score)), 3),
        hedged=rule.hedged if rule else bool(hedge),
        extractor=LearnedExtractor.name,
    )


def model_summary(model: LearnedModel) -> dict[str, Any]:
    """What a weights file holds, for messages and ``--json`` output."""
    return {
        "issues": len(model.issues),
        "features": len(FEATURES),
        "threshold": round(model.threshold, 4),
        "rule_threshold": round(model.rule_threshold, 4),
        "trained_on": len(model.trained_on),
    }
