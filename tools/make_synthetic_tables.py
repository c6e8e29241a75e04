"""Write the SYNTHETIC teaching tables in data/tables/ from a fixed seed.

These tables are made up. They exist because no public table shows what the lessons need
(one fictional county's children at each decision point; a small group's yearly counts),
and they say "synthetic" in their file names, in data/datapackage.json and beside every
figure. Run again and the files come out byte for byte the same (tests/test_datasets.py
checks that):

    .venv/bin/python tools/make_synthetic_tables.py            # rewrite the files
    .venv/bin/python tools/make_synthetic_tables.py --check    # exit 1 if they differ
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import numpy as np

SEED = 20261121
TABLES = Path(__file__).resolve().parents[1] / "data" / "tables"

# A fictional county: two groups of children, A (smaller) and B (larger). At every step
# group A moves on slightly more often than group B; the lesson shows how those small
# differences multiply along the way.
POPULATION = {"Group A": 12_000, "Group B": 48_000}
STEPS = [  # (stage, probability of moving on from the previous stage, per group)
    ("Reported to children's services", {"Group A": 0.060, "Group B": 0.040}),
    ("Investigated or assessed", {"Group A": 0.70, "Group B": 0.60}),
    ("Concerns substantiated", {"Group A": 0.45, "Group B": 0.40}),
    ("Entered care", {"Group A": 0.50, "Group B": 0.40}),
]
# Yearly entries to care for a small and a large group with the SAME underlying rate
# (5 per 1,000 a year): only the size of the group differs.
YEARS = range(2019, 2025)
SMALL_LARGE = {"Small group (400 children)": 400, "Large group (40,000 children)": 40_000}
UNDERLYING_RATE = 5 / 1000


def decision_points(rng: np.random.Generator) -> list[dict[str, object]]:
    rows = []
    for group, population in POPULATION.items():
        current = population
        for stage, chance in STEPS:
            current = int(rng.binomial(current, chance[group]))
            rows.append({"stage": stage, "group": group, "children": current,
                         "child_population": population})
    return rows


def small_groups(rng: np.random.Generator) -> list[dict[str, object]]:
    rows = []
    for group, population in SMALL_LARGE.items():
        for year in YEARS:
            rows.append({"year": year, "group": group,
                         "entries": int(rng.poisson(population * UNDERLYING_RATE)),
                         "child_population": population})
    return rows


def _csv(rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def build() -> dict[str, str]:
    rng = np.random.default_rng(SEED)
    return {"synthetic-county-decision-points.csv": _csv(decision_points(rng)),
            "synthetic-small-group-entries.csv": _csv(small_groups(rng))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--out", type=Path, default=TABLES, help="folder to write to")
    args = parser.parse_args(argv)
    differ = []
    for name, text in build().items():
        target = args.out / name
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                differ.append(name)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}")
    if differ:
        print("differs from the seeded generator: " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
