"""Training the learned extractor on gold annotations, and scoring it honestly.

:func:`train_extractor` fits :class:`~zopa.evidence.extract.learned.LearnedModel`
on gold folders (the format of :mod:`zopa.evidence.evaluate`); the same input
gives the same weights, bit for bit (no sampling; folds by a fixed seed).
:func:`cross_validate` leaves whole articles out: the articles are dealt into K
folds, a model is trained on K - 1 of them and scores the articles of the last,
and the per-article scores of all folds are summed, so no article is ever scored
by a model that saw it [1]_.

References
----------
.. [1] T. Hastie, R. Tibshirani and J. Friedman, *The Elements of Statistical
   Learning*, 2nd ed., Springer 2009, section 7.10 "Cross-Validation".
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from zopa.errors import EvidenceError
from zopa.evidence.evaluate import (
    ArticleScore,
    EvalReport,
    GoldArticle,
    _total,
    gold_triples,
    load_gold_articles,
    score_article,
)
from zopa.evidence.extract.learned import (
    FEATURES,
    DocumentCandidates,
    LearnedExtractor,
    LearnedModel,
    candidate_features,
    candidates,
    fit_logistic,
    fit_softmax,
    issue_descriptions,
    kept,
)
from zopa.evidence.extract.rules import RulesExtractor
from zopa.evidence.types import STANCES
from zopa.model.types import Scenario

__all__ = ["CachedEncoder", "cross_validate", "train_extractor", "train_model"]

SEED = 20260306
_INNER_FOLDS = 3
_L2_SENTENCE = 5.0
_L2_SCORER = 1.0


class CachedEncoder:
    """An encoder that embeds each distinct sentence once (embeddings are not trained)."""

    def __init__(self, encoder) -> None:
        self.encoder = encoder
        self.cache: dict[str, np.ndarray] = {}

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        new = [s for s in dict.fromkeys(sentences) if s not in self.cache]
        if new:
            for sentence, vector in zip(new, self.encoder.encode(new), strict=True):
                self.cache[sentence] = vector
        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.cache[s] for s in sentences])


@dataclass(slots=True)
class _Prepared:
    article: GoldArticle
    doc: DocumentCandidates
    embeddings: np.ndarray
    positives: list[set[tuple[str, str, str]]]  # per gated sentence
    gold: set[tuple[str, str, str]]


def _quote_span(text: str, quote: str) -> tuple[int, int] | None:
    words = quote.split()
    if not words:
        return None
    match = re.search(r"\s+".join(map(re.escape, words)), text)
    return match.span() if match else None


def _prepare(
    article: GoldArticle, scenario: Scenario, encoder: CachedEncoder, rules: RulesExtractor
) -> _Prepared:
    doc = candidates(article.text, scenario, rules, article.date)
    text = article.text
    embeddings = encoder.encode([text[doc.spans[k][0] : doc.spans[k][1]] for k in doc.gated])
    where = {k: g for g, k in enumerate(doc.gated)}
    positives: list[set[tuple[str, str, str]]] = [set() for _ in doc.gated]
    triples = gold_triples(article, scenario)
    for claim, triple in zip(article.claims, triples, strict=True):
        span = _quote_span(text, str(claim.get("quote", "")))
        if span is None:
            continue
        for k, (start, end) in enumerate(doc.spans):
            if start < span[1] and span[0] < end and k in where:
                positives[where[k]].add(triple)
    return _Prepared(article, doc, embeddings, positives, set(triples))


def _issue_names(scenario: Scenario) -> tuple[str, ...]:
    return tuple(i.name for i in scenario.issues) + tuple(t.name for t in scenario.topics)


def _sentence_models(
    prepared: Sequence[_Prepared], issues: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray]:
    column = {name: i for i, name in enumerate(issues)}
    shell = LearnedModel(issues, np.zeros(0), np.zeros(0), np.zeros(0), 0.5)
    issue_x, issue_y, stance_x, stance_y = [], [], [], []
    for item in prepared:
        if not item.doc.gated:
            continue
        ix = shell.issue_inputs(item.embeddings, item.doc)
        sx = LearnedModel.stance_inputs(item.embeddings, item.doc)
        for g, found in enumerate(item.positives):
            for issue in sorted({i for _, i, _ in found}):
                if issue in column:
                    issue_x.append(ix[g])
                    issue_y.append(column[issue])
            labels = sorted({STANCES.index(s) for _, _, s in found}) or [len(STANCES)]
            for label in labels:
                stance_x.append(sx[g])
                stance_y.append(label)
    if not issue_x or not stance_x:
        raise EvidenceError("no gold claim could be placed in a sentence: nothing to train on")
    issue_w = fit_softmax(
        np.array(issue_x), np.array(issue_y), len(issues), l2=_L2_SENTENCE, steps=300
    )
    stance_w = fit_softmax(
        np.array(stance_x), np.array(stance_y), len(STANCES) + 1, l2=_L2_SENTENCE, steps=300
    )
    return issue_w, stance_w


def _scorer_rows(
    item: _Prepared, model: LearnedModel, prototypes: np.ndarray
) -> tuple[list[tuple[int, str, str, str]], np.ndarray, np.ndarray]:
    if not item.doc.gated:
        return [], np.zeros((0, len(FEATURES))), np.zeros(0)
    p_issue, p_stance = model.sentence_probabilities(item.embeddings, item.doc)
    similarity = item.embeddings @ prototypes.T
    found, rows = candidate_features(item.doc, p_issue, p_stance, model.issues, similarity)
    where = {k: g for g, k in enumerate(item.doc.gated)}
    labels = np.array(
        [(c.actor, c.issue, c.stance) in item.positives[where[c.sentence]] for c in found],
        dtype=np.float64,
    )
    keys = [(c.sentence, c.actor, c.issue, c.stance) for c in found]
    return keys, rows, labels


def _best_thresholds(
    items: Sequence[_Prepared], scored: Sequence[tuple[list, np.ndarray, np.ndarray]]
) -> tuple[float, float]:
    """The cuts (new claims, the rules' claims) that maximise micro F1 over article-level
    sets of triples, with the selection of :func:`kept`. A cut above 1 for new claims
    and 0 for the rules' gives the rules back, so the search never ends below them on
    the scores it is given."""
    best, best_f1 = (1.01, 0.0), -1.0
    for new_cut in (*np.round(np.arange(0.05, 0.96, 0.025), 3), 1.01):
        for rule_cut in (0.0, 0.05, 0.1, 0.15, 0.2, 0.3):
            tp = fp = fn = 0
            for item, (keys, scores, rows) in zip(items, scored, strict=True):
                keep = kept([k[0] for k in keys], scores, rows, new_cut, rule_cut)
                found = {keys[i][1:] for i in np.flatnonzero(keep).tolist()}
                tp += len(found & item.gold)
                fp += len(found - item.gold)
                fn += len(item.gold - found)
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if f1 > best_f1 + 1e-12:
                best, best_f1 = (float(new_cut), float(rule_cut)), f1
    return best


def fit_scorer(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The two scorers' weights (see :meth:`LearnedModel.scores`), each fitted on the
    feature rows of its kind of sentence."""
    ruled = x[:, FEATURES.index("rules_any")] > 0
    return np.stack(
        [
            fit_logistic(x[part], y[part], l2=_L2_SCORER)
            if part.any()
            else np.zeros(x.shape[1] + 1)
            for part in (ruled, ~ruled)
        ]
    )


def _folds(n: int, k: int, seed: int) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [order[i::k] for i in range(k)]


def train_model(
    articles: Sequence[GoldArticle],
    *,
    scenario: Scenario,
    encoder: CachedEncoder,
    rules: RulesExtractor | None = None,
    seed: int = SEED,
) -> LearnedModel:
    """Fit the learned extractor's three models on ``articles`` (see the module notes)."""
    if not articles:
        raise EvidenceError("no gold articles to train on")
    rules = rules or RulesExtractor()
    issues = _issue_names(scenario)
    prepared = [_prepare(a, scenario, encoder, rules) for a in articles]
    prototypes = encoder.encode(issue_descriptions(scenario, issues))
    shell = LearnedModel(issues, np.zeros(0), np.zeros(0), np.zeros(0), 0.5)
    inner = _folds(len(prepared), min(_INNER_FOLDS, len(prepared)), seed)
    by_article: dict[int, tuple[list, np.ndarray, np.ndarray]] = {}
    for held in inner:
        rest = [p for i, p in enumerate(prepared) if i not in set(held.tolist())]
        issue_w, stance_w = _sentence_models(rest or prepared, issues)
        fold_model = LearnedModel(issues, issue_w, stance_w, shell.scorer_weights, 0.5)
        for i in held.tolist():
            by_article[i] = _scorer_rows(prepared[i], fold_model, prototypes)

    def stacked(which: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        x = [by_article[i][1] for i in which]
        y = [by_article[i][2] for i in which]
        return (
            (np.vstack(x), np.concatenate(y)) if x else (np.zeros((0, len(FEATURES))), np.zeros(0))
        )

    x_all, y_all = stacked(range(len(prepared)))
    if not y_all.any():
        raise EvidenceError("no gold claim matches a candidate: nothing to train the scorer on")
    scorer = fit_scorer(x_all, y_all)
    # The thresholds are chosen on scores of articles the scorer did not see (the same
    # inner folds), so they do not reward the scorer's fit to its own training rows.
    scored: list[tuple[list, np.ndarray, np.ndarray]] = [([], np.zeros(0), np.zeros(0))] * len(
        prepared
    )
    for held in inner:
        out = set(held.tolist())
        rest = [i for i in range(len(prepared)) if i not in out]
        weights = fit_scorer(*stacked(rest)) if rest else scorer
        probe = LearnedModel(issues, np.zeros(0), np.zeros(0), weights, 0.5)
        for i in sorted(out):
            keys, x, _ = by_article[i]
            scored[i] = (keys, probe.scores(x) if len(x) else np.zeros(0), x)
    threshold, rule_threshold = _best_thresholds(prepared, scored)
    issue_w, stance_w = _sentence_models(prepared, issues)
    return LearnedModel(
        issues, issue_w, stance_w, scorer, threshold, rule_threshold,
        tuple(a.name for a in articles),
    )  # fmt: skip


def _default_encoder() -> CachedEncoder:
    from zopa.evidence.extract.encoder import SentenceEncoder

    return CachedEncoder(SentenceEncoder())


def train_extractor(
    gold_dirs: Sequence[str | Path], *, scenario: Scenario, seed: int = SEED
) -> LearnedModel:
    """Train the learned extractor on every gold article of ``gold_dirs``.

    Raises
    ------
    EvidenceError
        For malformed gold (see :func:`~zopa.evidence.evaluate.load_gold`), or when
        the optional packages of ``zopa[learned]`` are missing.
    """
    articles = load_gold_articles(gold_dirs, scenario=scenario)
    return train_model(articles, scenario=scenario, encoder=_default_encoder(), seed=seed)


def cross_validate(
    gold_dirs: Sequence[str | Path],
    *,
    scenario: Scenario,
    folds: int,
    extractor: str = "learned",
    seed: int = SEED,
    progress: Callable[[], None] | None = None,
) -> EvalReport:
    """Score ``extractor`` on each article with a model trained without it (K folds).

    The rule extractor learns nothing, so for it every fold is the same
    extractor and the result equals a plain evaluation.

    Raises
    ------
    EvidenceError
        When ``folds`` is below 2 or above the number of articles, or the gold is
        malformed.
    """
    from zopa.evidence.extract import get_extractor

    articles = load_gold_articles(gold_dirs, scenario=scenario)
    if not 2 <= folds <= len(articles):
        raise EvidenceError(
            f"--cross-validate: {folds} folds for {len(articles)} articles "
            "(use 2 to the number of articles)"
        )
    scores: list[ArticleScore | None] = [None] * len(articles)
    seconds = 0.0
    encoder = _default_encoder() if extractor == "learned" else None
    for held in _folds(len(articles), folds, seed):
        held_out = set(held.tolist())
        if extractor == "learned":
            assert encoder is not None
            train = [a for i, a in enumerate(articles) if i not in held_out]
            model = train_model(train, scenario=scenario, encoder=encoder, seed=seed)
            chosen = LearnedExtractor(model, encoder=encoder)
        else:
            chosen = get_extractor(extractor)
        for i in sorted(held_out):
            article = articles[i]
            clock = time.perf_counter()
            claims = chosen.extract(article.text, scenario=scenario, date=article.date)
            seconds += time.perf_counter() - clock
            scores[i] = score_article(article, claims, scenario)
        if progress is not None:
            progress()
    done = [s for s in scores if s is not None]
    return EvalReport(
        extractor=extractor,
        articles=tuple(done),
        overall=_total(done),
        seconds=seconds,
        words=sum(len(a.text.split()) for a in articles),
        folds=folds,
    )
