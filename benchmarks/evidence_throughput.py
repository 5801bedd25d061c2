"""Throughput of ingestion plus claim extraction on one core.

Builds N synthetic articles of about 1,000 words by recombining sentences of the
seed articles (shuffled, with names, numbers and weekdays varied so that every
article is a new document) and neutral filler, writes them as text files,
ingests them into an in-memory store with the ``rules`` extractor against the
built-in ``ukraine-2026`` scenario, and reports articles and words per second,
with the time split between reading (decode, normalise, metadata, hash),
extraction and storing. The process is pinned to one core.

Run: ``python benchmarks/evidence_throughput.py [--articles N] [--seed S]
[--extractor rules|learned] [--no-write]``; it prints a table and writes it into
``benchmarks/README.md`` under ``## Evidence throughput`` (``## Evidence throughput
(learned)`` for the learned extractor, which batches each article's sentences through
MiniLM on one ONNX thread). Targets: 100 articles of 1,000 words per second with the
rules, 10 with the learned extractor.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from zopa.evidence.extract import get_extractor
from zopa.evidence.ingest import ingest
from zopa.evidence.store import Store
from zopa.model import load_builtin

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "corpus" / "seeds"
README = HERE / "README.md"
HEADING = "## Evidence throughput"
TARGET_WORDS = 1000
TARGETS = {"rules": 100, "learned": 10}
FILLER = [
    "Analysts said the outcome would depend on the coming weeks.",
    "Officials gave no further details on the timetable.",
    "The statement was released late in the evening.",
    "Markets showed little reaction to the news.",
    "Several diplomats declined to comment on the record.",
    "The discussions were described as businesslike.",
]
_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_VARY = {
    "Monday": "Tuesday",
    "Friday": "Thursday",
    "Geneva": "Vienna",
    "Abu Dhabi": "Istanbul",
    "four": "five",
}


def _sentences() -> list[str]:
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            found.extend(s.strip() for s in _SENTENCE.split(paragraph) if len(s.split()) >= 6)
    if not found:
        raise SystemExit(f"no seed articles in {SEEDS}")
    return found


def _article(rng: random.Random, sentences: list[str], number: int) -> str:
    month = rng.choice(["January", "February", "March", "November", "December"])
    header = f"Wire report {number}\n{month} {rng.randint(1, 28)}, 2026\n\n"
    body: list[str] = []
    words = 0
    while words < TARGET_WORDS:
        if rng.random() < 0.25:
            sentence = rng.choice(FILLER)
        else:
            sentence = rng.choice(sentences)
            for old, new in _VARY.items():
                if rng.random() < 0.3:
                    sentence = sentence.replace(old, new)
        body.append(sentence)
        words += len(sentence.split())
        if rng.random() < 0.2:
            body.append("\n\n")
    body.append(f"(Report number {number}, reference {rng.getrandbits(64):x}.)")
    return header + " ".join(body).replace(" \n\n ", "\n\n")


def run(
    n_articles: int, seed: int, db: str = "sqlite://", extractor_name: str = "rules"
) -> dict[str, float]:
    """Ingest ``n_articles`` synthetic articles; return the measured numbers."""
    rng = random.Random(seed)
    sentences = _sentences()
    scenario = load_builtin("ukraine-2026")
    extractor = get_extractor(extractor_name)
    with tempfile.TemporaryDirectory() as folder:
        total_words = 0
        for number in range(n_articles):
            text = _article(rng, sentences, number)
            total_words += len(text.split())
            Path(folder, f"{number:05d}.txt").write_text(text, encoding="utf-8")
        # warm up: the first call builds the extractor's lexicons from the scenario
        extractor.extract(sentences[0], scenario=scenario, date="2026-01-01")
        with Store(db) as store:
            start, cpu_start = time.perf_counter(), time.process_time()
            report = ingest(store, [folder], scenario=scenario, extractor=extractor)
            seconds = time.perf_counter() - start
            cpu_seconds = time.process_time() - cpu_start
            n_claims = len(store.claims())
    if report.failed or len(report.added) != n_articles:
        raise SystemExit(f"ingestion failed: {report.failed[:3]}")
    return {
        "articles": n_articles,
        "words": total_words,
        "claims": n_claims,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "read": report.read_seconds,
        "extract": report.extract_seconds,
        "store": report.store_seconds,
    }


def table(result: dict[str, float]) -> str:
    """The result as a Markdown table."""
    seconds = result["seconds"]

    def share(part: str) -> str:
        return f"{result[part]:.2f} ({result[part] / seconds:.0%})"

    mean = result["words"] / result["articles"]
    rows = [
        ("articles", f"{result['articles']:,}"),
        ("words (mean per article)", f"{result['words']:,} ({mean:,.0f})"),
        ("claims stored", f"{result['claims']:,}"),
        ("seconds, total", f"{seconds:.2f}"),
        ("articles / s", f"**{result['articles'] / seconds:,.1f}**"),
        ("words / s", f"{result['words'] / seconds:,.0f}"),
        # CPU time counts only this process, so it varies less than the wall clock
        # when other work shares the core.
        ("articles / CPU s", f"{result['articles'] / result['cpu_seconds']:,.1f}"),
        ("reading, normalising, hashing (s)", share("read")),
        ("extraction (s)", share("extract")),
        ("storing (s)", share("store")),
    ]
    lines = ["| measure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]
    return "\n".join(lines)


def _heading(extractor: str) -> str:
    return HEADING if extractor == "rules" else f"{HEADING} ({extractor})"


def _section(result: dict[str, float], body: str, db: str, extractor: str) -> str:
    cpu = platform.processor() or platform.machine()
    flag = "" if extractor == "rules" else f" --extractor {extractor}"
    return (
        f"{_heading(extractor)}\n\n"
        "Ingestion plus extraction of synthetic ~1,000-word articles (seed sentences "
        f"recombined with filler), `{extractor}` extractor, `ukraine-2026` scenario, "
        f"store `{db}`, one core (`os.sched_setaffinity`). "
        f"Target: {TARGETS.get(extractor, 0)} articles/s.\n"
        f"Run with `python benchmarks/evidence_throughput.py --articles {result['articles']}"
        f"{flag}` on Python {platform.python_version()}, {cpu}, load average "
        f"{os.getloadavg()[0]:.1f} at the end (other work on the machine slows the wall "
        "clock; CPU seconds vary less).\n\n"
        f"{body}\n"
    )


def write_readme(section: str, heading: str = HEADING) -> None:
    """Put ``section`` under its heading in ``benchmarks/README.md``, leaving others alone."""
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    README.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-write", action="store_true", help="do not update README.md")
    parser.add_argument("--db", default="sqlite://", help="store URL (default: in memory)")
    parser.add_argument("--extractor", default="rules", choices=sorted(TARGETS))
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    result = run(args.articles, args.seed, args.db, args.extractor)
    body = table(result)
    print(body)
    if not args.no_write:
        write_readme(_section(result, body, args.db, args.extractor), _heading(args.extractor))
        print(f"written to {README}", file=sys.stderr)


if __name__ == "__main__":
    main()
