"""A scenario's judgements as one vector of numbers, and the arrays the engines need.

Every number the forecast or the deal check reads (capabilities, saliences, issue
weights, option values, reservation values) gets a column of a parameter vector
``theta``; a batch of samples is a matrix with one row per sample. The uncertain
columns (a judgement with a ``range`` or a ``distribution``) are the ones Monte Carlo
draws. From ``theta`` the model's inputs follow by indexing, for the whole batch:

* **capability**: the party's ``capability``, 1 for every party when it has none;
* **position** of a party on an issue: the place of the option it values most
  (options without a ``position`` are spread evenly over 0-100 in their order; ties
  between best options take the mean of their places);
* **salience**: the party's ``salience`` for the issue, else its weight on the issue
  divided by its largest weight (the issue it cares most about has salience 1);
* a party takes part in an issue when it gives the issue a positive weight.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zopa.model import Distribution, Judgement, Scenario

__all__ = ["ForecastInputs", "Layout", "layout_of"]


@dataclass(frozen=True, slots=True)
class ForecastInputs:
    """The model's arrays for a batch of ``S`` samples, ``I`` issues, ``P`` parties."""

    capability: np.ndarray  # (S, P)
    position: np.ndarray  # (S, I, P) on 0-100
    salience: np.ndarray  # (S, I, P) in [0, 1]
    active: np.ndarray  # (S, I, P) bool
    terms: tuple[np.ndarray, ...]  # per issue (S, options, P): normalised weight x value
    reservation: np.ndarray  # (S, P), NaN where none


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each judgement of a scenario sits in ``theta``."""

    names: tuple[str, ...]  # a path per column, e.g. "Russia.salience.donetsk_control"
    point: np.ndarray  # (K,) the judged values
    spreads: tuple[Distribution | None, ...]  # (K,) None for a certain judgement
    capability: np.ndarray  # (P,) column or -1
    salience: np.ndarray  # (I, P) column or -1
    weight: np.ndarray  # (P, I) column or -1
    value: tuple[np.ndarray, ...]  # per issue (options, P) column or -1
    reservation: np.ndarray  # (P,) column or -1
    option_positions: tuple[np.ndarray, ...]  # per issue (options,)

    @property
    def uncertain(self) -> np.ndarray:
        """Columns with a range or a distribution."""
        return np.array([i for i, s in enumerate(self.spreads) if s is not None], dtype=int)

    def inputs(self, theta: np.ndarray) -> ForecastInputs:
        """The model's arrays for the samples in the rows of ``theta`` (S, K)."""
        theta = np.atleast_2d(theta)
        s = theta.shape[0]
        padded = np.concatenate([theta, np.zeros((s, 1))], axis=1)  # column -1 reads 0

        def take(index: np.ndarray) -> np.ndarray:
            return padded[:, index]

        capability = np.where(self.capability >= 0, take(self.capability), 1.0)
        weight = np.clip(take(self.weight), 0.0, None)  # (S, P, I)
        total = weight.sum(axis=2, keepdims=True)
        normalised = weight / np.where(total > 0, total, 1.0)
        largest = weight.max(axis=2, keepdims=True)
        fallback = np.swapaxes(weight / np.where(largest > 0, largest, 1.0), 1, 2)  # (S, I, P)
        salience = np.where(self.salience >= 0, take(self.salience), fallback)
        active = np.swapaxes(weight > 0, 1, 2)

        positions, terms = [], []
        for i, (index, places) in enumerate(zip(self.value, self.option_positions, strict=True)):
            values = take(index)  # (S, options, P)
            best = values.max(axis=1, keepdims=True)
            ties = values >= best - 1e-12
            place = (ties * places[None, :, None]).sum(axis=1) / ties.sum(axis=1)
            positions.append(place)
            terms.append(normalised[:, None, :, i] * values)
        reservation = np.where(self.reservation >= 0, take(self.reservation), np.nan)
        return ForecastInputs(
            capability=capability,
            position=np.stack(positions, axis=1),
            salience=np.clip(salience, 0.0, 1.0),
            active=active,
            terms=tuple(terms),
            reservation=reservation,
        )

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` rows of ``theta``: the uncertain columns drawn, the others as judged."""
        theta = np.tile(self.point, (size, 1))
        for column in self.uncertain:
            theta[:, column] = _draw(self.spreads[column], rng, size)
        return theta


def _draw(spread: Distribution | None, rng: np.random.Generator, size: int) -> np.ndarray:
    u = rng.random(size)
    if spread is None:
        raise ValueError("a certain judgement has nothing to draw")
    if spread.uniform is not None:
        low, high = spread.uniform
        return low + u * (high - low)
    assert spread.triangular is not None
    low, mode, high = spread.triangular
    if high == low:
        return np.full(size, low)
    # Inverse of the triangular CDF: one uniform number per draw, whatever the shape.
    cut = (mode - low) / (high - low)
    left = low + np.sqrt(u * (high - low) * (mode - low))
    right = high - np.sqrt((1 - u) * (high - low) * (high - mode))
    return np.where(u < cut, left, right)


def _option_positions(scenario: Scenario) -> tuple[np.ndarray, ...]:
    out = []
    for issue in scenario.issues:
        k = len(issue.options)
        even = [50.0] if k == 1 else [100.0 * o / (k - 1) for o in range(k)]
        out.append(
            np.array(
                [
                    o.position if o.position is not None else even[i]
                    for i, o in enumerate(issue.options)
                ]
            )
        )
    return tuple(out)


def layout_of(scenario: Scenario) -> Layout:
    """Lay out every judgement of ``scenario`` the forecast and the deal check read."""
    names: list[str] = []
    point: list[float] = []
    spreads: list[Distribution | None] = []

    def column(name: str, judgement: Judgement | None) -> int:
        if judgement is None:
            return -1
        names.append(name)
        point.append(judgement.value)
        spreads.append(judgement.spread)
        return len(names) - 1

    n_issues, n_parties = len(scenario.issues), len(scenario.parties)
    capability = np.full(n_parties, -1)
    salience = np.full((n_issues, n_parties), -1)
    weight = np.full((n_parties, n_issues), -1)
    reservation = np.full(n_parties, -1)
    value = [np.full((len(i.options), n_parties), -1) for i in scenario.issues]
    for p, party in enumerate(scenario.parties):
        capability[p] = column(f"{party.name}.capability", party.capability)
        reservation[p] = column(f"{party.name}.reservation", party.reservation)
        for i, issue in enumerate(scenario.issues):
            key = issue.name
            weight[p, i] = column(f"{party.name}.weights.{key}", party.weights.get(key))
            salience[i, p] = column(f"{party.name}.salience.{key}", party.salience.get(key))
            values = party.values.get(key, {})
            for o, option in enumerate(issue.options):
                value[i][o, p] = column(
                    f"{party.name}.values.{key}.{option.name}", values.get(option.name)
                )
    return Layout(
        names=tuple(names),
        point=np.array(point, dtype=np.float64),
        spreads=tuple(spreads),
        capability=capability,
        salience=salience,
        weight=weight,
        value=tuple(value),
        reservation=reservation,
        option_positions=_option_positions(scenario),
    )
