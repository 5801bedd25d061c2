"""What ``space_vs_negmas.py`` and ``points_vs_negmas.py`` share.

The random scenario of a case and its JSON for ``_negmas_peer.py``, the peer
venv (NegMAS from PyPI, never a dependency of zopa), running a worker
subprocess with JSON in and out, distinct frontier vectors, and writing one
section of ``benchmarks/README.md``. The scripts import it as ``_common`` (their
folder is first on ``sys.path`` when they run).
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
PEER_VENV = HERE / ".peer-venv"
PEER_SCRIPT = HERE / "_negmas_peer.py"
README = HERE / "README.md"
OPTIONS = 10
TOLERANCE = 1e-9


def scenario(parties: int, issues: int, seed: int, decimals: int = 3):
    """The random linear-additive scenario of a case: 10 options per issue, no red
    lines or reservation values."""
    from zopa.model import random_scenario

    return random_scenario(parties, issues, OPTIONS, decimals=decimals, seed=seed)


def peer_payload(scenario) -> dict[str, Any]:
    """A scenario as ``_negmas_peer.py`` reads it: normalised weights and values."""
    return {
        "issues": {issue.name: [o.name for o in issue.options] for issue in scenario.issues},
        "parties": [
            {
                "weights": party.normalised_weights(),
                "values": {
                    issue: {option: j.value for option, j in table.items()}
                    for issue, table in party.values.items()
                },
            }
            for party in scenario.parties
        ],
    }


def run_json(command: list[str], payload: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run ``command`` with ``payload`` as JSON on stdin; its JSON answer with
    ``status`` "ok", or ``status`` "timeout" / "failed" and a ``detail``."""
    try:
        done = subprocess.run(
            command,
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "detail": f"over {timeout:g} s"}
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        return {"status": "failed", "detail": tail[0]}
    return {"status": "ok", **json.loads(done.stdout)}


def ensure_peer(venv_dir: Path = PEER_VENV) -> tuple[Path, str]:
    """The peer venv's python and NegMAS version, installing NegMAS on first use."""
    python = venv_dir / "bin" / "python"
    probe = [
        str(python),
        "-c",
        "import negmas, numpy; print(negmas.__version__, numpy.__version__)",
    ]
    if python.exists():
        done = subprocess.run(probe, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            return python, done.stdout.split()[0]
    print(f"installing NegMAS from PyPI into {venv_dir} ...", flush=True)
    venv.create(venv_dir, with_pip=True, clear=True)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "negmas"],
        capture_output=True,
        text=True,
        check=False,
    )
    if install.returncode != 0:
        sys.exit(f"benchmarks: pip install negmas failed:\n{install.stderr[-2000:]}")
    done = subprocess.run(probe, capture_output=True, text=True, check=True)
    return python, done.stdout.split()[0]


def distinct(rows: Any, counts: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows (equal within rounding to 1e-9), sorted, with their summed
    ``counts`` (each row counts 1 when ``counts`` is None)."""
    points = np.asarray(rows, dtype=np.float64)
    if len(points) == 0:
        return points.reshape(0, points.shape[1] if points.ndim == 2 else 0), np.zeros(
            0, dtype=np.int64
        )
    weights = np.ones(len(points)) if counts is None else np.asarray(counts, dtype=np.float64)
    _, first, inverse = np.unique(
        np.round(points, 9), axis=0, return_index=True, return_inverse=True
    )
    totals = np.bincount(inverse.reshape(-1), weights=weights, minlength=len(first))
    return points[first], totals.astype(np.int64)


def ratio(x: float) -> str:
    """A speed ratio as the tables print it."""
    return f"{x:.2g}×" if x < 10 else f"{x:,.0f}×"


def markdown_table(header: list[str], rows: list[list[str]], right: set[int]) -> str:
    """A markdown table; the columns in ``right`` (indices) are right-aligned."""
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def write_section(section: str, body: str, path: Path = README) -> None:
    """Replace (or add) the ``section`` heading's part of ``path``, nothing else."""
    text = path.read_text() if path.exists() else "# Benchmarks\n\nScripts that measure zopa.\n"
    start = text.find(section + "\n")
    part = f"{section}\n\n{body.strip()}\n"
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + part
    else:
        end = text.find("\n## ", start + len(section))
        text = text[:start] + part + ("" if end < 0 else "\n" + text[end + 1 :])
    path.write_text(text)
