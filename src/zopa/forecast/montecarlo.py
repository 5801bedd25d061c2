"""Monte Carlo over what the analyst is unsure of: forecast distributions and deal odds.

Every judgement with a ``range`` or a ``distribution`` is drawn independently in
each sample. A sample runs the expected-utility model on every issue (the
median-voter forecast and the compromise mean) and asks the agreement-space engine
whether any package meets every red line and reservation value
(:class:`~zopa.space.FeasibilityCheck`: red lines compiled once, only the utility
terms re-weighted).

Samples are cut into chunks of ``chunk_size``; chunk ``k`` draws from the ``k``-th
child of ``numpy.random.SeedSequence(seed)``. The chunks are the same whoever runs
them (this process, local worker processes, or a Dask cluster), so the numbers
depend only on the scenario, ``samples``, ``seed`` and ``chunk_size``.

Sensitivity is Spearman's rank correlation between each uncertain input and each
output (each issue's forecast position and, when it varies, whether a deal
exists) [1]_; inputs are ranked by their largest absolute correlation.

References
----------
.. [1] A. Saltelli, M. Ratto, T. Andres et al., *Global Sensitivity Analysis: The
   Primer*, Wiley, 2008, ch. 1 (rank correlation as a screening measure).
"""

from __future__ import annotations

import math
import os
import socket
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from zopa.errors import SchedulerError
from zopa.forecast.bdm import OfferChoice
from zopa.forecast.inputs import layout_of
from zopa.forecast.scenario import DEFAULT_ROUNDS, nearest_option, run_model
from zopa.model import Scenario
from zopa.space import FeasibilityCheck

__all__ = [
    "IssueDistribution",
    "MonteCarloForecast",
    "Sensitivity",
    "monte_carlo",
]

CHUNK_SIZE = 250
CONNECT_TIMEOUT_S = 5


@dataclass(frozen=True, slots=True)
class IssueDistribution:
    """One issue's forecast over the samples."""

    issue: str
    median_quantiles: dict[str, float]  # "p5", "p50", "p95" of the median-voter forecast
    median_mean: float
    mean_quantiles: dict[str, float]  # the same for the compromise mean
    median_options: dict[str, float]  # option -> share of samples where it is nearest
    mean_options: dict[str, float]
    settled_share: float  # share of samples whose positions settled within the rounds

    def to_dict(self) -> dict[str, Any]:
        return {
            "issue": self.issue,
            "median_quantiles": self.median_quantiles,
            "median_mean": self.median_mean,
            "mean_quantiles": self.mean_quantiles,
            "median_options": self.median_options,
            "mean_options": self.mean_options,
            "settled_share": self.settled_share,
        }


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """How strongly one uncertain input moves the outputs (Spearman's rho)."""

    input: str
    strongest: float  # the largest |rho| over the outputs
    output: str  # the output it moves most
    rho: dict[str, float]  # output -> rho

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "strongest": self.strongest,
            "output": self.output,
            "rho": self.rho,
        }


@dataclass(frozen=True, slots=True)
class MonteCarloForecast:
    """What many samples of a scenario say."""

    scenario: str
    samples: int
    seed: int
    rounds: int
    uncertain_inputs: tuple[str, ...]
    deal_probability: float
    deal_samples: int
    issues: tuple[IssueDistribution, ...]
    sensitivity: tuple[Sensitivity, ...]  # strongest first
    raw: dict[str, np.ndarray] = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "samples": self.samples,
            "seed": self.seed,
            "rounds": self.rounds,
            "uncertain_inputs": list(self.uncertain_inputs),
            "deal_probability": self.deal_probability,
            "deal_samples": self.deal_samples,
            "issues": [i.to_dict() for i in self.issues],
            "sensitivity": [s.to_dict() for s in self.sensitivity],
        }


def _chunks(samples: int, chunk_size: int, seed: int) -> list[tuple[int, Any]]:
    count = math.ceil(samples / chunk_size)
    children = np.random.SeedSequence(seed).spawn(count)
    sizes = [min(chunk_size, samples - k * chunk_size) for k in range(count)]
    return list(zip(sizes, children, strict=True))


def run_chunk(
    scenario: Scenario,
    size: int,
    seed: np.random.SeedSequence,
    rounds: int,
    q: float,
    offer_choice: OfferChoice,
) -> dict[str, np.ndarray]:
    """One chunk of samples: drawn inputs and every output (a pure function)."""
    layout = layout_of(scenario)
    theta = layout.sample(np.random.default_rng(seed), size)
    inputs = layout.inputs(theta)
    run = run_model(inputs, rounds=rounds, q=q, offer_choice=offer_choice)
    check = FeasibilityCheck(scenario)
    if check.never:
        deal = np.zeros(size, dtype=bool)
    else:
        deal = np.array(
            [check([t[k] for t in inputs.terms], inputs.reservation[k]) for k in range(size)],
            dtype=bool,
        )
    return {
        "theta": theta[:, layout.uncertain],
        "median": run.medians[-1],
        "mean": run.means[-1],
        "settled": run.settled_after >= 0,
        "deal": deal,
    }


def _run_local(tasks: list[tuple], workers: int | None) -> Iterator[tuple[int, dict]]:
    if workers is None:
        workers = min(len(tasks), os.cpu_count() or 1)
    if workers <= 1 or len(tasks) == 1:
        for k, task in enumerate(tasks):
            yield k, run_chunk(*task)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_chunk, *task): k for k, task in enumerate(tasks)}
        from concurrent.futures import as_completed

        for future in as_completed(futures):
            yield futures[future], future.result()


def _probe(address: str) -> None:
    """Fail at once on a refused TCP port, rather than after the client's retries."""
    scheme, _, rest = address.rpartition("://")
    if scheme not in ("", "tcp", "tls"):
        return  # inproc:// and other transports have no socket to try
    host, _, port = rest.rpartition(":")
    if not host or not port.isdigit():
        raise SchedulerError(f"scheduler {address}: expected tcp://HOST:PORT")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as error:
        raise SchedulerError(f"scheduler {address}: cannot connect: {error}") from None


def _run_dask(tasks: list[tuple], address: str) -> Iterator[tuple[int, dict]]:
    try:
        from dask.distributed import Client
    except ImportError as error:  # pragma: no cover - dask is a dependency
        raise SchedulerError(f"--scheduler needs dask.distributed: {error}") from None
    _probe(address)
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise SchedulerError(f"scheduler {address}: cannot connect: {error}") from None
    try:
        futures = [client.submit(run_chunk, *task, pure=False) for task in tasks]
        for k, future in enumerate(futures):  # in order: progress moves as chunks arrive
            yield k, future.result()
    except (OSError, TimeoutError) as error:
        raise SchedulerError(f"scheduler {address}: {error}") from None
    finally:
        client.close()


def monte_carlo(
    scenario: Scenario,
    *,
    samples: int = 1000,
    seed: int = 0,
    rounds: int = DEFAULT_ROUNDS,
    q: float = 1.0,
    offer_choice: OfferChoice = "scholz",
    scheduler: str | None = None,
    workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> MonteCarloForecast:
    """Forecast distributions, deal probability and sensitivity over ``samples`` draws.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:port``); without it the
        chunks run in local worker processes (``workers``, default one per CPU;
        ``workers=1`` runs them in this process).
    progress : callable, optional
        Called with (samples done, samples) as chunks finish.

    Examples
    --------
    >>> from zopa.model import load_builtin
    >>> result = monte_carlo(load_builtin("tiny"), samples=20, workers=1)
    >>> result.deal_probability
    1.0
    """
    if samples < 1:
        raise ValueError("samples must be at least 1")
    chunks = _chunks(samples, chunk_size, seed)
    tasks = [(scenario, size, child, rounds, q, offer_choice) for size, child in chunks]
    runner = _run_dask(tasks, scheduler) if scheduler else _run_local(tasks, workers)
    parts: dict[int, dict[str, np.ndarray]] = {}
    done = 0
    for k, part in runner:
        parts[k] = part
        done += chunks[k][0]
        if progress is not None:
            progress(done, samples)
    raw = {key: np.concatenate([parts[k][key] for k in range(len(chunks))]) for key in parts[0]}
    for array in raw.values():
        array.setflags(write=False)
    return _summarise(scenario, raw, samples=samples, seed=seed, rounds=rounds)


def _quantiles(values: np.ndarray) -> dict[str, float]:
    p5, p50, p95 = np.quantile(values, [0.05, 0.5, 0.95])
    return {"p5": float(p5), "p50": float(p50), "p95": float(p95)}


def _shares(names: list[str], picks: np.ndarray) -> dict[str, float]:
    counts = np.bincount(picks, minlength=len(names)) / len(picks)
    return {name: float(c) for name, c in zip(names, counts, strict=True) if c > 0}


def _ranks(values: np.ndarray) -> np.ndarray:
    """Average ranks along axis 0 (ties share the mean of their ranks)."""
    out = np.empty_like(values, dtype=np.float64)
    for j in range(values.shape[1]):
        _, inverse, counts = np.unique(values[:, j], return_inverse=True, return_counts=True)
        ends = np.cumsum(counts)
        out[:, j] = (ends - (counts - 1) / 2.0)[inverse]
    return out


def spearman(inputs: np.ndarray, outputs: np.ndarray) -> np.ndarray:
    """Spearman's rho of every input column with every output column (NaN if constant)."""
    a, b = _ranks(inputs), _ranks(outputs)
    a -= a.mean(axis=0)
    b -= b.mean(axis=0)
    norm = np.sqrt((a**2).sum(axis=0))[:, None] * np.sqrt((b**2).sum(axis=0))[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(norm > 0, (a.T @ b) / np.where(norm > 0, norm, 1.0), np.nan)


def _summarise(scenario, raw, *, samples, seed, rounds) -> MonteCarloForecast:
    layout = layout_of(scenario)
    names = [layout.names[c] for c in layout.uncertain]
    issues = []
    for i, issue in enumerate(scenario.issues):
        options = [o.name for o in issue.options]
        places = layout.option_positions[i]
        median, mean = raw["median"][:, i], raw["mean"][:, i]
        issues.append(
            IssueDistribution(
                issue=issue.name,
                median_quantiles=_quantiles(median),
                median_mean=float(median.mean()),
                mean_quantiles=_quantiles(mean),
                median_options=_shares(options, nearest_option(places, median)),
                mean_options=_shares(options, nearest_option(places, mean)),
                settled_share=float(raw["settled"][:, i].mean()),
            )
        )
    outputs = [f"{issue.name}.median" for issue in scenario.issues]
    columns = [raw["median"]]
    outputs += [f"{issue.name}.mean" for issue in scenario.issues]
    columns.append(raw["mean"])
    outputs.append("deal")
    columns.append(raw["deal"][:, None].astype(np.float64))
    sensitivity: list[Sensitivity] = []
    if names and samples > 2:
        rho = spearman(raw["theta"], np.concatenate(columns, axis=1))
        for k, name in enumerate(names):
            row = {o: float(r) for o, r in zip(outputs, rho[k], strict=True) if np.isfinite(r)}
            if not row:
                continue
            top = max(row, key=lambda o: abs(row[o]))
            sensitivity.append(Sensitivity(name, abs(row[top]), top, row))
        sensitivity.sort(key=lambda s: (-s.strongest, s.input))
    deals = int(raw["deal"].sum())
    return MonteCarloForecast(
        scenario=scenario.name,
        samples=samples,
        seed=seed,
        rounds=rounds,
        uncertain_inputs=tuple(names),
        deal_probability=deals / samples,
        deal_samples=deals,
        issues=tuple(issues),
        sensitivity=tuple(sensitivity),
        raw=raw,
    )
