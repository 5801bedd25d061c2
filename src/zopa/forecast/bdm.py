r"""Bueno de Mesquita's expected-utility model of collective decisions, vectorised.

One issue is a line (a 0-100 scale in a scenario, years of delay in the published
example). Each actor :math:`i` has a capability :math:`c_i`, a position :math:`x_i`
and a salience :math:`s_i \in [0, 1]`. Each round every actor works out whom it
would challenge and who would challenge it, and moves to the offer it accepts;
after the rounds the forecast is the median-voter position. The equations are those
written out by Scholz, Calbert and Smith [1]_ from Bueno de Mesquita [2]_, [3]_.

Notation: :math:`D` is the spread of the actors' initial positions (largest minus
smallest; 1 where all agree), :math:`d_{ij} = |x_i - x_j| / D`, :math:`w_i = c_i s_i`.

**Votes and the win probability.** Actor :math:`k` casts for :math:`i` against
:math:`j`

.. math:: v^k_{ij} = w_k \left(d_{kj}^{\,r_k} - d_{ki}^{\,r_k}\right),

and the probability that :math:`i` beats :math:`j` is the votes for :math:`i`
over every vote cast in every pairing of the round,

.. math:: P_{ij} = \frac{\sum_k \max(0, v^k_{ij})}{\sum_k \sum_{a,b} |v^k_{ab}|},

with :math:`P_{ij} = 0` when :math:`x_i = x_j`.

**Utilities and the expected utility of a challenge.** With exponent :math:`r`,

.. math::

   U_s = 2 - 4\,(0.5 - 0.5\,d_{ij})^{r}, \quad
   U_f = 2 - 4\,(0.5 + 0.5\,d_{ij})^{r}, \quad
   U_{sq} = 2 - 4\,(0.5)^{r},

   U_b = 2 - 4\,\bigl(0.5 - 0.25\,(|x_i - \mu| + |x_i - x_j|)/D\bigr)^{r}, \quad
   U_w = 2 - 4\,\bigl(0.5 + 0.25\,(|x_i - \mu| + |x_i - x_j|)/D\bigr)^{r},

   E_{ij} = s_j \bigl(P_{ij} U_s + (1 - P_{ij}) U_f\bigr) + (1 - s_j) U_s
            - Q\,U_{sq} - (1 - Q)\bigl(T U_b + (1 - T) U_w\bigr),

where :math:`s_j` is the chance that :math:`j` resists, :math:`\mu` the
capability×salience weighted mean position, :math:`Q` the chance that nothing
changes without a challenge and :math:`T` the chance that a change favours
:math:`i`.

**Risk.** With every exponent 1, actor :math:`i`'s exposure is
:math:`e_i = \sum_{j \ne i} E_{ji}` (what the others expect from challenging it).
Its risk acceptance and exponent are

.. math:: R_i = \frac{2 e_i - \max_k e_k - \min_k e_k}{\max_k e_k - \min_k e_k}, \qquad
          r_i = \frac{1 - R_i / 3}{1 + R_i / 3},

(:math:`r_i = 1` when every exposure is equal) and the round's probabilities and
expected utilities are computed again with these exponents.

**Offers.** Actor :math:`i` weighs what :math:`j` may do to it by
:math:`a = E_{ij}` (its own challenge of :math:`j`) and :math:`b = E_{ji}` (the
challenge of :math:`j`), both scored with :math:`r_i`:

* confrontation, :math:`b > a > 0`: :math:`i` expects to lose and moves to :math:`x_j`;
* compromise, :math:`b > 0 > a` and :math:`b > |a|`: :math:`i` moves
  :math:`|a / b|` of the way to :math:`x_j`;
* capitulation, :math:`b > 0 > a` and :math:`|a| \ge b`: :math:`i` moves to :math:`x_j`.

Every actor answers the offers it receives at once, from the positions at the start
of the round. The median-voter position is the Condorcet winner of linear votes
(:math:`r = 1`), which on a line is the :math:`w`-weighted median of the positions
[4]_; the compromise model is the :math:`w`-weighted mean. A run settles in the
first round in which no position moves (the model's step depends only on the
positions, so a settled run stays settled).

Readings taken where the sources are ambiguous
----------------------------------------------
* **Risk exponent for each side.** Both sides of a pair are scored with the
  receiver's exponent :math:`r_i` (the offer is judged from :math:`i`'s point of
  view); the votes that make up :math:`P` use each voter's own :math:`r_k`, and the
  exposures behind :math:`R_i` are computed with every exponent 1.
* **Win-probability denominator.** The sum of the absolute votes over every pairing
  of the round, not only over the pairing :math:`(i, j)`, and the numerator counts
  only positive votes. The per-pair denominator (which makes
  :math:`P_{ij} + P_{ji} = 1`) makes nearly every pair confront and reproduces
  fewer of the published rounds.
* **Choosing among several offers** (``offer_choice="scholz"``, the default): a
  confrontation first (the one nearest the actor's position), else a compromise
  (the one whose EU-weighted midpoint
  :math:`(|a| x_i + |b| x_j) / (|a| + |b|)` is lowest on the scale), else a
  capitulation (the nearest). This is what reproduces Scholz et al.'s Table 2; it is
  not symmetric in the direction of the scale. ``offer_choice="nearest"`` takes the
  paper's words instead: the offer that moves the actor least, whatever its kind.
  Remaining ties go to the actor listed first.
* **Q and T.** ``q=1.0`` by default, the value Scholz et al. chose; :math:`U_b`,
  :math:`U_w` and ``t`` then drop out. ``t`` is one number for all actors.
* **Normalising distances** by the spread of the initial positions, fixed for the
  run (positions never leave that spread: every move is toward another actor).
* **Salience** enters as a probability, so it is in :math:`[0, 1]` (the published
  0-100 saliences divided by 100).

References
----------
.. [1] J. B. Scholz, G. J. Calbert and G. A. Smith, "Unravelling Bueno de Mesquita's
   group decision model", *Journal of Theoretical Politics* 23(4), 510-531, 2011,
   doi:10.1177/0951629811418142 (also ICAART 2011, pp. 18-30).
.. [2] B. Bueno de Mesquita, "Political forecasting: an expected utility method", in
   *European Community Decision Making*, Yale University Press, 1994, pp. 71-104.
.. [3] B. Bueno de Mesquita, "A decision making model: its structure and form",
   *International Interactions* 23(3-4), 235-266, 1997.
.. [4] D. Black, "On the rationale of group decision-making", *Journal of Political
   Economy* 56(1), 23-34, 1948.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = [
    "EXCHANGES",
    "OFFER_CHOICES",
    "ExpectedUtilityRun",
    "ExpectedUtilityTrace",
    "expected_utility_model",
    "weighted_median",
]

OFFER_CHOICES = ("scholz", "nearest")
OfferChoice = Literal["scholz", "nearest"]
# What an actor did in a round, by code: 0 kept its position (no offer it accepts).
EXCHANGES = ("none", "confrontation", "compromise", "capitulation")


@dataclass(frozen=True, slots=True)
class ExpectedUtilityTrace:
    """Why each position moved, round by round (``expected_utility_model(explain=True)``).

    Arrays have shape ``(rounds, *B, n)``: entry ``[k, ..., i]`` is about actor ``i``
    in round ``k + 1``. Rounds after a run settled hold no offer (``exchange`` 0).

    Attributes
    ----------
    positions : ndarray, shape ``(rounds + 1, *B, n)``
        Every actor's position before the first round and after each round.
    exchange : ndarray of int8
        Index into :data:`EXCHANGES` of the offer the actor accepted.
    offerer : ndarray of int
        The actor whose offer it accepted (whose position it moved to or toward);
        -1 where it accepted none.
    own_value, offer_value : ndarray of float
        The two expected utilities behind the accepted offer, both scored with the
        actor's own risk exponent: :math:`E_{ij}` (``a``, the actor challenging the
        offerer) and :math:`E_{ji}` (``b``, the offerer challenging the actor); 0
        where no offer was accepted.
    """

    positions: np.ndarray
    exchange: np.ndarray
    offerer: np.ndarray
    own_value: np.ndarray
    offer_value: np.ndarray


@dataclass(frozen=True, slots=True)
class ExpectedUtilityRun:
    """The rounds of one batch of runs of the model (arrays are read-only).

    A batch has any leading shape ``B``; actors are the last axis.

    Attributes
    ----------
    positions : ndarray, shape ``(*B, n)``
        Positions after the last round.
    medians, means : ndarray, shape ``(rounds + 1, *B)``
        Median-voter position and capability×salience weighted mean before the
        first round (row 0) and after each round.
    settled_after : ndarray of int, shape ``B``
        The number of rounds after which no position moved again, or -1 when
        positions were still moving in the last round.
    trace : ExpectedUtilityTrace or None
        Why each position moved; only when the run was asked to explain.
    """

    positions: np.ndarray
    medians: np.ndarray
    means: np.ndarray
    settled_after: np.ndarray
    trace: ExpectedUtilityTrace | None = None

    @property
    def median(self) -> np.ndarray:
        """The forecast: the median-voter position after the last round."""
        return self.medians[-1]

    @property
    def mean(self) -> np.ndarray:
        """The compromise model after the last round."""
        return self.means[-1]


def weighted_median(positions: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The weighted median along the last axis: the lowest position holding half the weight.

    Examples
    --------
    >>> float(weighted_median(np.array([4.0, 7.0, 10.0]), np.array([1.0, 1.0, 3.0])))
    10.0
    """
    order = np.argsort(positions, axis=-1, kind="stable")
    x = np.take_along_axis(positions, order, axis=-1)
    cum = np.cumsum(np.take_along_axis(weights, order, axis=-1), axis=-1)
    half = cum[..., -1:] * (0.5 - 1e-12)
    index = np.argmax(cum >= half, axis=-1)
    return np.take_along_axis(x, index[..., None], axis=-1)[..., 0]


def _weighted_mean(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    total = w.sum(axis=-1)
    return (w * x).sum(axis=-1) / np.where(total > 0, total, 1.0)


def expected_utility_model(
    capability: np.ndarray,
    position: np.ndarray,
    salience: np.ndarray,
    *,
    rounds: int = 8,
    q: float = 1.0,
    t: float = 1.0,
    offer_choice: OfferChoice = "scholz",
    active: np.ndarray | None = None,
    explain: bool = False,
) -> ExpectedUtilityRun:
    """Run the expected-utility model for ``rounds`` rounds on a batch of issues.

    Parameters
    ----------
    capability, position, salience : array_like, shape ``(*B, n)``
        Per actor (last axis); salience in [0, 1]. ``B`` is any batch shape: the
        runs are independent and computed together.
    rounds : int
        Rounds to run (the published example shows eight).
    q, t : float
        Probability of no change without a challenge, and that a change favours
        the challenger (see the module notes).
    offer_choice : {"scholz", "nearest"}
        How an actor picks among several offers (module notes).
    active : array_like of bool, shape ``(*B, n)``, optional
        Actors taking part; the others neither vote nor make or receive offers.
    explain : bool
        Also record which offer each actor accepted in each round and why
        (:class:`ExpectedUtilityTrace`); off by default, since Monte Carlo runs
        need only the positions.

    Returns
    -------
    ExpectedUtilityRun

    Examples
    --------
    >>> run = expected_utility_model([1.0, 1.0, 1.0], [0.0, 40.0, 100.0], [0.5, 0.5, 0.5])
    >>> float(run.medians[0]), float(run.means[0]).__round__(2)
    (40.0, 46.67)
    """
    c = np.asarray(capability, dtype=np.float64)
    x = np.asarray(position, dtype=np.float64)
    s = np.asarray(salience, dtype=np.float64)
    shape = np.broadcast_shapes(c.shape, x.shape, s.shape)
    if len(shape) == 0 or shape[-1] == 0:
        raise ValueError("need at least one actor")
    if offer_choice not in OFFER_CHOICES:
        raise ValueError(f"offer_choice must be one of {OFFER_CHOICES}, got {offer_choice!r}")
    n = shape[-1]
    flat = (-1, n)
    c, x, s = (np.broadcast_to(a, shape).reshape(flat).copy() for a in (c, x, s))
    on = np.ones(x.shape, dtype=bool) if active is None else np.asarray(active, dtype=bool)
    on = np.broadcast_to(on, shape).reshape(flat) if active is not None else on
    w = np.where(on, c * s, 0.0)
    lo = np.where(on, x, np.inf).min(axis=1)
    hi = np.where(on, x, -np.inf).max(axis=1)
    spread = np.where(np.isfinite(hi - lo) & (hi > lo), hi - lo, 1.0)[:, None]
    pair = on[:, :, None] & on[:, None, :] & ~np.eye(n, dtype=bool)
    given = x
    x = np.where(on, x, np.where(np.isfinite(lo), lo, 0.0)[:, None])  # absent: inside, masked

    medians = [weighted_median(x, w)]
    means = [_weighted_mean(x, w)]
    settled = np.full(x.shape[0], -1)
    steps = [np.where(on, x, given)]
    # exchange, offerer, own value, offer value per round: only when asked (memory)
    reasons = np.zeros((4, rounds, *x.shape) if explain else (4, 0))
    reasons[1] = -1
    for k in range(1, rounds + 1):
        # A round depends only on the positions, so a settled run stays put: skip it.
        live = np.flatnonzero(settled < 0)
        if len(live):
            part = (a[live] for a in (x, s, w, on, pair, spread))
            new, why = _round(*part, q, t, offer_choice, explain)
            if explain:
                reasons[:, k - 1, live] = why
            moved = (np.abs(new - x[live]) > 1e-12 * spread[live]).any(axis=1)
            settled[live[~moved]] = k - 1
            x = x.copy()
            x[live] = new
        medians.append(weighted_median(x, w))
        means.append(_weighted_mean(x, w))
        if explain:
            steps.append(np.where(on, x, given))
    batch = shape[:-1]
    trace = None
    if explain:
        trace = ExpectedUtilityTrace(
            positions=np.stack(steps).reshape((rounds + 1, *shape)),
            exchange=reasons[0].astype(np.int8).reshape((rounds, *shape)),
            offerer=reasons[1].astype(np.int64).reshape((rounds, *shape)),
            own_value=reasons[2].reshape((rounds, *shape)),
            offer_value=reasons[3].reshape((rounds, *shape)),
        )
        for array in (trace.positions, trace.exchange, trace.offerer, trace.own_value,
                      trace.offer_value):  # fmt: skip
            array.setflags(write=False)
    out = ExpectedUtilityRun(
        positions=np.where(on, x, given).reshape(shape),
        medians=np.stack(medians).reshape((rounds + 1, *batch)),
        means=np.stack(means).reshape((rounds + 1, *batch)),
        settled_after=settled.reshape(batch),
        trace=trace,
    )
    for array in (out.positions, out.medians, out.means, out.settled_after):
        array.setflags(write=False)
    return out


def _win_probability(x, w, r, spread, pair):
    """P[b, i, j]: probability that i beats j, votes cast with each voter's exponent."""
    dist = np.abs(x[:, :, None] - x[:, None, :]) / spread[:, :, None]
    scored = dist ** r[:, :, None]  # scored[b, k, j]: voter k's loss at j's position
    votes = w[:, :, None, None] * (scored[:, :, None, :] - scored[:, :, :, None])
    votes = np.where(pair[:, None, :, :], votes, 0.0)  # only pairings of actors taking part
    support = np.clip(votes, 0.0, None).sum(axis=1)
    total = np.abs(votes).sum(axis=(1, 2, 3))[:, None, None]
    p = np.where(total > 0, support / np.where(total > 0, total, 1.0), 0.0)
    return np.where(pair & (dist > 0), p, 0.0)


def _challenge_value(d, p, resist, r, better, q, t):
    """Expected utility of a challenge at normalised distance d, win probability p."""
    u_s = 2 - 4 * (0.5 - 0.5 * d) ** r
    u_f = 2 - 4 * (0.5 + 0.5 * d) ** r
    value = resist * (p * u_s + (1 - p) * u_f) + (1 - resist) * u_s - q * (2 - 4 * 0.5**r)
    if q < 1:
        u_b = 2 - 4 * np.clip(0.5 - 0.25 * better, 0.0, None) ** r
        u_w = 2 - 4 * (0.5 + 0.25 * better) ** r
        value = value - (1 - q) * (t * u_b + (1 - t) * u_w)
    return value


def _round(x, s, w, on, pair, spread, q, t, offer_choice, explain=False):
    """The positions after one round and, with ``explain``, the offer each accepted.

    The reasons are ``(4, batch, n)``: exchange code, offerer, ``a`` and ``b`` of the
    accepted offer (see :class:`ExpectedUtilityTrace`); ``None`` without ``explain``.
    """
    d = np.abs(x[:, :, None] - x[:, None, :]) / spread[:, :, None]
    mu = _weighted_mean(x, w)[:, None, None]
    better = (np.abs(x[:, :, None] - mu) / spread[:, :, None]) + d  # for U_b, U_w of i vs j

    ones = np.ones_like(x)
    p1 = _win_probability(x, w, ones, spread, pair)
    e1 = np.where(pair, _challenge_value(d, p1, s[:, None, :], 1.0, better, q, t), 0.0)
    exposure = e1.sum(axis=1)  # exposure[b, i] = sum_j E[b, j, i]
    hi = np.where(on, exposure, -np.inf).max(axis=1, keepdims=True)
    lo = np.where(on, exposure, np.inf).min(axis=1, keepdims=True)
    width = hi - lo
    ok = np.isfinite(width) & (width > 0)
    risk = np.where(ok, (2 * exposure - hi - lo) / np.where(ok, width, 1.0), 0.0)
    r = np.where(on, (1 - risk / 3) / (1 + risk / 3), 1.0)  # absent actors: any finite value

    p = _win_probability(x, w, r, spread, pair)
    ri = r[:, :, None]
    better_t = np.swapaxes(better, 1, 2)
    a = _challenge_value(d, p, s[:, None, :], ri, better, q, t)  # i challenges j
    b = _challenge_value(d, np.swapaxes(p, 1, 2), s[:, :, None], ri, better_t, q, t)
    valid = pair & (d > 0)
    xi, xj = x[:, :, None], x[:, None, :]
    conf = valid & (b > a) & (a > 0)
    comp = valid & (b > 0) & (a < 0) & (b > -a)
    cap = valid & (b > 0) & (a < 0) & (-a >= b)
    target = np.where(comp, xi + (xj - xi) * np.abs(a) / np.where(comp, b, 1.0), xj)
    move = np.abs(target - xi)

    if offer_choice == "nearest":
        key = np.where(conf | comp | cap, move, np.inf)
        pick = np.argmin(key, axis=2)
        has = np.isfinite(np.take_along_axis(key, pick[:, :, None], axis=2)[..., 0])
        kind = np.take_along_axis(np.select([conf, comp, cap], [1, 2, 3], 0), pick[..., None], 2)
        return _chosen(x, target, pick, has, kind[..., 0], a, b, explain)

    midpoint = (np.abs(a) * xi + np.abs(b) * xj) / np.where(comp, np.abs(a) + np.abs(b), 1.0)
    pick = np.zeros(x.shape, dtype=np.int64)
    done = np.zeros_like(on)
    kind = np.zeros(x.shape, dtype=np.int64)
    for code, (offers, key) in enumerate(((conf, move), (comp, midpoint), (cap, move)), 1):
        key = np.where(offers, key, np.inf)
        has = offers.any(axis=2) & ~done
        pick = np.where(has, np.argmin(key, axis=2), pick)
        kind = np.where(has, code, kind)
        done |= has
    return _chosen(x, target, pick, done, kind, a, b, explain)


def _chosen(x, target, pick, has, kind, a, b, explain):
    """New positions from each actor's picked offer (``kind``: its exchange code)."""
    at = pick[:, :, None]
    new = np.where(has, np.take_along_axis(target, at, axis=2)[..., 0], x)
    if not explain:
        return new, None
    code = np.where(has, kind, 0)
    offerer = np.where(has, pick, -1)
    own = np.where(has, np.take_along_axis(a, at, axis=2)[..., 0], 0.0)
    offer = np.where(has, np.take_along_axis(b, at, axis=2)[..., 0], 0.0)
    return new, np.stack([code, offerer, own, offer]).astype(np.float64)
