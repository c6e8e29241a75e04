"""Write metadata.praxislab.objectives and .summary into notebooks from a JSON file of
tags (see tools/objectives-pending.json). The objective texts are copied from each
notebook's own **Objectives** bullets, so they cannot drift; the number of tag sets must
match the number of bullets. Changes notebook metadata only, never cells."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from praxislab import paths
from praxislab.competencies import read_lesson


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/apply_objectives.py TAGS.json", file=sys.stderr)
        return 2
    wanted = json.loads(Path(argv[0]).read_text("utf-8"))
    status = 0
    for stem, body in wanted.items():
        if stem.startswith("_"):
            continue
        path = paths.collection_root() / "notebooks" / f"{stem}.ipynb"
        if not path.is_file():
            print(f"{path}: not found; skipped")
            status = 1
            continue
        bullets = read_lesson(path).first_cell_objectives
        if len(bullets) != len(body["tags"]):
            print(f"{path}: {len(bullets)} objectives in the first cell but "
                  f"{len(body['tags'])} tag sets; skipped")
            status = 1
            continue
        nb = json.loads(path.read_text("utf-8"))
        meta = nb["metadata"].setdefault("praxislab", {})
        meta["objectives"] = [{"text": text, **tags} for text, tags in zip(bullets, body["tags"],
                                                                           strict=True)]
        meta["summary"] = body["summary"]
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"{path}: {len(bullets)} objectives tagged")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
