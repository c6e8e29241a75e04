"""Notebook execution against the floor: time and peak kernel memory (`make bench`).

The floor is a notebook that only imports what the lessons import (praxislab with
pandas, matplotlib, ipywidgets and anywidget), executed the same way through nbclient.
Goals (issue 6): the whole collection within 2 x (N x floor time); each notebook's peak
kernel memory within 1.5 x the floor's.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
FLOOR_SOURCE = ("import pandas, matplotlib, ipywidgets, anywidget\n"
                "from praxislab import Lesson\nlesson = Lesson('bench-floor')")


def _peak_rss_mb(pid: int) -> float:
    """VmHWM: the kernel process's peak resident memory, read before it exits."""
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run(nb: nbformat.NotebookNode, cwd: Path) -> tuple[float, float]:
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        elapsed = time.perf_counter() - start
        peak = _peak_rss_mb(client.km.provisioner.process.pid)
    return elapsed, peak


def main() -> list[dict]:
    os.environ.setdefault("PRAXISLAB_JOURNAL", tempfile.mkdtemp(prefix="praxislab-bench-j-"))
    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    floors = [run(floor_nb, ROOT / "notebooks") for _ in range(3)]
    floor_time = sorted(t for t, _ in floors)[1]
    floor_mem = sorted(m for _, m in floors)[1]
    rows = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        elapsed, peak = run(nbformat.read(path, as_version=4), path.parent)
        rows.append({"notebook": path.stem, "seconds": elapsed, "peak_mb": peak,
                     "mem_ratio": peak / floor_mem})
    total = sum(r["seconds"] for r in rows)
    ratio = total / (len(rows) * floor_time)
    print(f"floor (median of 3): {floor_time:.2f} s, peak kernel memory {floor_mem:.0f} MB")
    print(f"{'notebook':22} {'seconds':>8} {'peak MB':>8} {'x floor mem':>12}")
    for r in rows:
        print(f"{r['notebook']:22} {r['seconds']:8.2f} {r['peak_mb']:8.0f} "
              f"{r['mem_ratio']:12.2f}")
    print(f"whole collection: {total:.2f} s for {len(rows)} notebooks = {ratio:.2f} x "
          f"(N x floor); goal <= 2.0: {'met' if ratio <= 2 else 'NOT met'}")
    worst = max(r["mem_ratio"] for r in rows)
    print(f"worst memory ratio {worst:.2f}; goal <= 1.5: {'met' if worst <= 1.5 else 'NOT met'}")
    return rows


if __name__ == "__main__":
    main()
