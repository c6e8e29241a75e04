"""Kill a saving process mid-save, many times, and count what survives (issue 14).

A child process (forked, so each round costs milliseconds) saves one entry as fast as it
can; it is SIGKILLed at a random moment; the entry and every earlier version are then
read back. Prints the kills, torn entries (must be 0), earlier versions checked and the
temporary files left (tidied when the journal next opens, once an hour old).

    python bench/kills.py --kills 1000

The same loop runs in the test suite as `tests/test_journal.py::
test_a_thousand_kills_mid_save_tear_nothing` (marked `slow`).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import tempfile
import time
from pathlib import Path

from praxislab.journal import Entry, Journal

BODY = "words " * 400


def writer(folder: Path) -> None:  # pragma: no cover - runs in the child
    try:
        journal = Journal(folder)
        i = 0
        while True:
            i += 1
            journal.save(Entry("nb", "p", f"version {i} {BODY}"))
    finally:
        os._exit(0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="praxislab-kills-")) / "journal"
    first = Journal(folder)
    first.save(Entry("nb", "p", f"version 0 {BODY}"))
    first.settle()  # no thread running when forking
    rng = random.Random(args.seed)
    torn = 0
    start = time.time()
    for _ in range(args.kills):
        pid = os.fork()
        if pid == 0:
            writer(folder)
        time.sleep(rng.uniform(0.0005, 0.015))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        entry = Journal(folder).load("nb", "p")
        if entry is None or not (entry.text.startswith("version ") and entry.text.endswith(BODY)):
            torn += 1
    elapsed = time.time() - start
    journal = Journal(folder)
    versions = journal.revisions("nb", "p")
    bad_versions = sum(1 for v in versions if not v.text.endswith(BODY))
    leftovers = len(list(folder.glob("**/*.tmp-*")))
    latest = journal.load("nb", "p")
    print(f"kills: {args.kills} in {elapsed:.1f} s; saves reached revision "
          f"{latest.revision if latest else 0}")
    print(f"torn entries: {torn}; problems: {len(journal.problems())}; earlier versions "
          f"kept: {len(versions)} ({bad_versions} torn); temporary files left: {leftovers}")
    return 1 if torn or bad_versions or journal.problems() else 0


if __name__ == "__main__":
    raise SystemExit(main())
