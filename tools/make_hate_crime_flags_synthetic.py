"""Writes data/tables/hate-crime-flags-synthetic.csv: twenty made-up offences, each
flagged with one or more of the five monitored hate crime strands, for lesson 07.

SYNTHETIC. No row is a real offence. The table only shows, at a size a learner can read,
how a police force can flag one offence with more than one strand, so that the strand
counts add up to more than the number of offences. The seed makes the file reproducible:

    .venv/bin/python tools/make_hate_crime_flags_synthetic.py          # rewrite the file
    .venv/bin/python tools/make_hate_crime_flags_synthetic.py --check  # exit 1 if it differs
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from pathlib import Path

SEED = 2
OFFENCES = 20
STRANDS = ("race", "religion", "sexual_orientation", "disability", "transgender")
# Rough weights for the main strand of each made-up offence, so the picture looks like the
# published pattern (race most common); they are not estimates of anything.
WEIGHTS = (70, 7, 15, 6, 2)
SECOND_FLAG_CHANCE = 0.2


def rows(seed: int = SEED) -> list[dict[str, int | str]]:
    rng = random.Random(seed)
    out: list[dict[str, int | str]] = []
    for number in range(1, OFFENCES + 1):
        flags = dict.fromkeys(STRANDS, 0)
        main = rng.choices(STRANDS, WEIGHTS)[0]
        flags[main] = 1
        if rng.random() < SECOND_FLAG_CHANCE:
            other = rng.choice([s for s in STRANDS if s != main])
            flags[other] = 1
        out.append({"offence": f"S{number:02d}", **flags})
    return out


TARGET = (Path(__file__).resolve().parents[1] / "data" / "tables"
          / "hate-crime-flags-synthetic.csv")


def text(seed: int = SEED) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=("offence", *STRANDS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(seed))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the committed file differs from what the seed gives")
    args = parser.parse_args(argv)
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text()
        print(f"{TARGET.name}: {'matches the seed' if same else 'DIFFERS from the seed'}")
        return 0 if same else 1
    TARGET.write_text(text(), encoding="utf-8", newline="")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
