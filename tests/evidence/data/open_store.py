"""A script the store-opening tests run in child processes: open a store, maybe die.

``python open_store.py URL [--ready FILE] [--go FILE] [--kill-at create_table:N|create_index:N]
[--add TEXT]``

- ``--ready FILE``: make FILE once everything is imported;
- ``--go FILE``: then wait until FILE exists, so that several children open the
  store at the same moment;
- ``--kill-at OP:N``: send this process SIGKILL at the N-th call (from 1) of the
  migration operation OP, the worst moment for a crash during first use;
- ``--add TEXT``: store one document with that text once the store is open.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path


def _kill_at(spec: str) -> None:
    from alembic.operations import Operations

    name, _, count = spec.partition(":")
    original = getattr(Operations, name)
    calls = {"n": 0}

    def dying(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] >= int(count):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(self, *args, **kwargs)

    setattr(Operations, name, dying)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--go")
    parser.add_argument("--ready")
    parser.add_argument("--kill-at")
    parser.add_argument("--add")
    args = parser.parse_args()

    from zopa.errors import ZopaError
    from zopa.evidence.store import Store

    if args.kill_at:
        _kill_at(args.kill_at)
    if args.ready:
        Path(args.ready).touch()
    if args.go:
        deadline = time.monotonic() + 30
        while not Path(args.go).exists() and time.monotonic() < deadline:
            time.sleep(0.001)
    try:
        with Store(args.url) as store:
            if args.add:
                store.add(args.add)
    except ZopaError as error:
        print(f"zopa: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
