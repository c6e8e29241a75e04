"""Writes synthetic-hate-crime-flags.csv: twenty made-up offences, each flagged with one or
more of the five monitored hate crime strands, for lesson 07.

SYNTHETIC. No row is a real offence. The table only shows, at a size a learner can read,
how a police force can flag one offence with more than one strand, so that the strand
counts add up to more than the number of offences. The seed makes the file reproducible:
run `python data/tables/synthetic-hate-crime-flags.py` and the CSV comes out the same.
"""

from __future__ import annotations

import csv
import random
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


def main() -> None:
    target = Path(__file__).with_name("synthetic-hate-crime-flags.csv")
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=("offence", *STRANDS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows())


if __name__ == "__main__":
    main()
