"""Benchmarks that print figures (not timed tests): `make bench`.

Measures, in this process (which is what a kernel is):
- the journal's save latency (atomic write + fsync + rename), goal: median and p95 < 10 ms;
- widget callback latency, from a value arriving from the browser to the kernel having
  saved it and set the reply (status, feedback or chart), goal: p95 < 50 ms.

Run with `--json FILE` to also write the figures for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from praxislab import Lesson
from praxislab.activities import Option, RatingItem, RatingScale, Sorter, SortItem
from praxislab.journal import Entry, Journal
from praxislab.vignettes import load_casebook


def measure(action: Callable[[int], None], runs: int, warmup: int = 5) -> list[float]:
    for i in range(warmup):
        action(-1 - i)
    times = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(name: str, times: list[float], goal_ms: float) -> dict:
    ordered = sorted(times)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return {"name": name, "runs": len(times), "median_ms": statistics.median(times),
            "p95_ms": p95, "goal_ms": goal_ms, "met": p95 < goal_ms}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="praxislab-bench-"))
    journal = Journal(folder / "journal")
    paragraph = "A reflection of a realistic length, about three hundred words. " * 40
    results = []

    results.append(summary("journal save, 300-word entry",
                           measure(lambda i: journal.save(Entry("bench", "p", f"{i} {paragraph}")),
                                   args.runs), 10))
    results.append(summary("journal load, 300-word entry",
                           measure(lambda i: journal.load("bench", "p"), args.runs), 10))

    lesson = Lesson("bench", journal)
    box = lesson.reflect("typing", "Prompt")
    results.append(summary("reflection box: text arrives -> saved, status set",
                           measure(lambda i: setattr(box, "value", f"{paragraph} {i}"),
                                   args.runs), 50))

    sorter = Sorter("s", "Sort", "", (Option("a", "A"), Option("b", "B")), tuple(
        SortItem(f"i{n}", f"Statement {n}", ("a",), "Because.") for n in range(10)))
    choices = lesson.choices(sorter)

    def check(i: int) -> None:
        choices.answers = {f"i{n}": "ab"[(i + n) % 2] for n in range(10)}
        choices._on_msg(choices, {"event": "check"}, [])

    results.append(summary("sorter: answer saved + Check -> feedback", measure(check, args.runs),
                           50))

    scale = RatingScale("r", "Ratings", "", tuple(
        RatingItem(f"g{n}", f"Grace {n}") for n in range(15)))
    rating = lesson.ratings(scale)
    results.append(summary(
        "rating: slider moved -> saved, chart redrawn (15 items)",
        measure(lambda i: setattr(rating, "ratings", {"g0": i % 10 + 1, "g3": (i * 7) % 10 + 1}),
                max(60, args.runs // 3)), 50))

    book = load_casebook(include_instructor=False)
    case = next(iter(book.vignettes))
    explorer = lesson.explore(case)
    results.append(summary("explorer: Continue -> first stage laid out",
                           measure(lambda i: (explorer.choose(case), explorer.proceed()),
                                   max(60, args.runs // 3)), 50))

    print(f"Praxis Lab benchmarks · {time.strftime('%Y-%m-%d')} · Python "
          f"{platform.python_version()} · {platform.machine()} · {platform.node()}")
    print(f"journal on: {folder}")
    print(f"{'what':58} {'runs':>5} {'median ms':>10} {'p95 ms':>8} {'goal':>6}  met")
    for r in results:
        print(f"{r['name']:58} {r['runs']:5d} {r['median_ms']:10.2f} {r['p95_ms']:8.2f} "
              f"{r['goal_ms']:6.0f}  {'yes' if r['met'] else 'NO'}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
