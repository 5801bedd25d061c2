"""The negotiation protocols, each run on a batch of negotiations at once.

Both protocols work on arrays: one row per negotiation of the batch, one column
per party. An offer is an index into the candidate packages
(:mod:`zopa.simulate.candidates`); a party accepts an offer when it gives the
party at least its current target (and, for a hard-liner, crosses none of its
red lines). A package is agreed when the parties that accept it pass the
scenario's decision rule (at least ``k`` of them, the required ones among them).

* **Stacked alternating offers** (Aydoğan et al. 2017): the parties propose in
  turn, in the scenario's order; ``rounds`` rounds give every party ``rounds``
  offers. Offer ``j`` of ``T = rounds * n`` is made at time ``t = (j + 1) / T``.
  The proposer offers a package worth its target to itself (a random one among
  those within ``band`` of it), every other party answers, and the proposer
  accepts its own offer.
* **Single negotiating text** (Raiffa 1982): in each round ``r`` (time
  ``t = (r + 1) / rounds``) a mediator proposes one package, the one that
  maximises a weighted sum of the parties' utilities. The first weights are
  random; after each round the weight of every party that rejected the text is
  raised by half, so the text moves toward the parties that reject it. Talks stop
  when the text passes the rule or the deadline passes.

References
----------
.. [1] Aydoğan, R., Festen, D., Hindriks, K. V. & Jonker, C. M. (2017). Alternating offers
   protocols for multilateral negotiation. In Modern Approaches to Agent-based Complex
   Automated Negotiation, Studies in Computational Intelligence 674, 153-167.
   doi:10.1007/978-3-319-51563-2_10
.. [2] Raiffa, H. (1982). The Art and Science of Negotiation. Harvard University Press
   (the single negotiating text, ch. 14).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zopa.simulate.strategies import StrategyPlan, time_target

__all__ = ["Trace"]

TOLERANCE = 1e-9  # utilities are sums of floats: equal targets must compare equal
RAISE = 1.5  # the mediator's weight multiplier for a party that rejects


@dataclass(frozen=True, slots=True)
class Table:
    """What the protocols need: utilities, red-line flags, strategies and the rule."""

    utilities: np.ndarray  # (m, n)
    respects: np.ndarray  # (m, n)
    plan: StrategyPlan
    needed: int
    required: tuple[int, ...]
    reservation: np.ndarray  # (n,) nan where none
    band: float

    @property
    def n(self) -> int:
        return self.utilities.shape[1]


@dataclass(slots=True)
class Outcome:
    """A batch's results (arrays, one row per negotiation)."""

    agreed: np.ndarray
    step: np.ndarray  # offer (alternating) or round (mediator) of the agreement, -1 if none
    package: np.ndarray  # candidate index, -1 if none
    accepted: np.ndarray  # (B, n) who accepted the agreed package


class _Parties:
    """Each party's sorted offers, best utility, floor and target state for a batch."""

    def __init__(self, table: Table, batch: int, rounds: int) -> None:
        self.table = table
        u, n = table.utilities, table.n
        hard = table.plan.hardliners
        self.order, self.sorted = [], []
        best, floor = np.zeros(n), np.zeros(n)
        for p in range(n):
            allowed = np.flatnonzero(table.respects[:, p]) if hard[p] else np.arange(len(u))
            order = allowed[np.argsort(u[allowed, p], kind="stable")]
            self.order.append(order)
            self.sorted.append(u[order, p])
            best[p] = u[order, p].max() if len(order) else 0.0
            worst = u[order, p].min() if len(order) else 0.0
            r = table.reservation[p]
            floor[p] = worst if np.isnan(r) else r
        self.best, self.floor = best, floor
        self.tft = table.plan.tit_for_tat
        # Tit-for-tat opens with one round's worth of linear concession.
        self.tft_target = np.tile(best - (best - floor) / rounds, (batch, 1))

    def targets(self, t: float) -> np.ndarray:
        base = time_target(t, self.best, self.floor, self.table.plan.exponents)
        out = np.broadcast_to(base, self.tft_target.shape).copy()
        out[:, self.tft] = self.tft_target[:, self.tft]
        return out

    def reciprocate(self, gain: np.ndarray, movers: int) -> None:
        """Lower tit-for-tat targets by the others' concessions ``gain`` (B, n)."""
        if self.tft.any():
            step = np.maximum(gain, 0.0) / max(1, movers)
            lowered = np.maximum(self.tft_target - step, self.floor)
            self.tft_target[:, self.tft] = lowered[:, self.tft]

    def offer(self, p: int, target: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """For each row, a package worth about ``target`` to party ``p`` (candidate index)."""
        values, order = self.sorted[p], self.order[p]
        if len(order) == 0:
            return np.full(len(target), -1)
        last = len(values) - 1
        low = np.minimum(np.searchsorted(values, target - TOLERANCE, side="left"), last)
        span = self.table.band * (self.best[p] - self.floor[p])
        top = np.searchsorted(values, np.maximum(target, values[low]) + span, side="right")
        width = np.maximum(top - low, 1)
        pick = np.minimum(low + (rng.random(len(target)) * width).astype(np.int64), last)
        return order[pick]

    def accepts(self, offers: np.ndarray, target: np.ndarray) -> np.ndarray:
        table = self.table
        valid = offers >= 0
        safe = np.where(valid, offers, 0)
        ok = table.utilities[safe] >= target - TOLERANCE
        ok &= ~table.plan.hardliners | table.respects[safe]
        return ok & valid[:, None]


class Trace:
    """Optional per-step sums over the runs still negotiating: targets and offers' utilities.

    Step ``j`` is an offer (alternating) or a round (mediator); only runs that had not
    agreed before the step count. Sums and counts add up over batches, so the means
    (:meth:`means`) cover every run. Not recording costs nothing: protocols skip it.
    """

    def __init__(self, steps: int, n: int) -> None:
        self.open = np.zeros(steps, dtype=np.int64)
        self.offered = np.zeros((steps, n), dtype=np.int64)
        self.target = np.zeros((steps, n))
        self.offer = np.zeros((steps, n))

    def add(self, step: int, table: Table, open_: np.ndarray, target, offers) -> None:
        self.open[step] += int(open_.sum())
        self.target[step] += target[open_].sum(axis=0)
        valid = open_ & (offers >= 0)
        self.offered[step] += int(valid.sum())
        self.offer[step] += table.utilities[offers[valid]].sum(axis=0)

    def means(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Runs open per step, and mean targets and offer utilities (``nan`` where none)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            target = self.target / self.open[:, None]
            offer = self.offer / self.offered
        return self.open.copy(), target, offer


def _passes(table: Table, accepted: np.ndarray) -> np.ndarray:
    ok = accepted.sum(axis=1) >= table.needed
    for p in table.required:
        ok &= accepted[:, p]
    return ok


def _record(out: Outcome, ok: np.ndarray, step: int, offers, accepted) -> None:
    out.agreed |= ok
    out.step[ok] = step
    out.package[ok] = offers[ok]
    out.accepted[ok] = accepted[ok]


def _empty(batch: int, n: int) -> Outcome:
    return Outcome(
        np.zeros(batch, bool),
        np.full(batch, -1),
        np.full(batch, -1),
        np.zeros((batch, n), bool),
    )


def alternating(
    table: Table, rounds: int, batch: int, rng: np.random.Generator, trace: Trace | None = None
) -> Outcome:
    """Stacked alternating offers for ``batch`` negotiations (see the module notes)."""
    n = table.n
    parties = _Parties(table, batch, rounds)
    out = _empty(batch, n)
    total = rounds * n
    last_offer = np.full((batch, n), -1)
    for j in range(total):
        p = j % n
        target = parties.targets((j + 1) / total)
        offers = parties.offer(p, target[:, p], rng)
        accepted = parties.accepts(offers, target)
        if trace is not None:
            trace.add(j, table, ~out.agreed, target, offers)
        ok = _passes(table, accepted) & ~out.agreed
        _record(out, ok, j, offers, accepted)
        if out.agreed.all():
            break
        previous = last_offer[:, p]
        had = (previous >= 0) & (offers >= 0)
        gain = np.zeros((batch, n))
        gain[had] = table.utilities[offers[had]] - table.utilities[previous[had]]
        gain[:, p] = 0.0  # a party does not reciprocate its own move
        parties.reciprocate(gain, n - 1)
        last_offer[:, p] = offers
    return out


def mediator(
    table: Table, rounds: int, batch: int, rng: np.random.Generator, trace: Trace | None = None
) -> Outcome:
    """A mediator's single negotiating text for ``batch`` negotiations."""
    n = table.n
    parties = _Parties(table, batch, rounds)
    out = _empty(batch, n)
    weights = rng.dirichlet(np.ones(n), size=batch)
    previous = None
    for r in range(rounds):
        target = parties.targets((r + 1) / rounds)
        offers = np.argmax(weights @ table.utilities.T, axis=1)
        accepted = parties.accepts(offers, target)
        if trace is not None:
            trace.add(r, table, ~out.agreed, target, offers)
        ok = _passes(table, accepted) & ~out.agreed
        _record(out, ok, r, offers, accepted)
        if out.agreed.all():
            break
        weights = np.where(accepted, weights, weights * RAISE)
        weights /= weights.sum(axis=1, keepdims=True)
        if previous is not None:
            parties.reciprocate(table.utilities[offers] - table.utilities[previous], 1)
        previous = offers
    return out


PROTOCOLS = {"mediator": mediator, "alternating": alternating}
