"""Executed, self-contained HTML handouts of a lesson or an exercise master, for instructors.

papermill runs the notebook with the given parameters (checked by Lesson, so a bad value
stops with a message naming the allowed values); nbconvert writes one HTML file with the
figures embedded and the widgets' saved state, so each widget shows its text fallback or its
saved state. Nothing in the file loads from the network: the links nbconvert would add to
CDNs (MathJax, RequireJS, the widget renderer) are left out.
"""

from __future__ import annotations

import ast
import re
import tempfile
from pathlib import Path

from . import paths

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# nbconvert's scripts that fetch the widget renderer from unpkg.com when the page opens,
# and the empty script tags left where the CDN links were.
RENDERER_LOADER = re.compile(r"<script\b[^>]*>(?:(?!</script>).)*?unpkg\.com(?:(?!</script>).)*?"
                             r"</script>", re.S)
EMPTY_SCRIPT = re.compile(r'<script src="">\s*</script>')


class HandoutError(ValueError):
    """A handout that cannot be made; the message says why in plain words."""


def parse_params(items: list[str]) -> dict[str, object]:
    """`name=value` pairs from the command line. Values are read as Python literals when
    they are one (None, 3, "UK"), otherwise as plain text (service user)."""
    params: dict[str, object] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip().isidentifier():
            raise HandoutError(f"--param {item!r}: write it as name=value, for example "
                               "--param country=UK")
        try:
            value = ast.literal_eval(raw.strip())
        except (ValueError, SyntaxError):
            value = raw.strip()
        params[name.strip()] = value
    return params


def find_notebook(lesson: str, solution: bool = False) -> Path:
    """notebooks/NN-*.ipynb (or solutions/NN-*.ipynb) for a lesson number or name."""
    folder = paths.collection_root() / ("solutions" if solution else "notebooks")
    stem = lesson.removesuffix(".ipynb")
    found = sorted(folder.glob(f"{stem}.ipynb")) or sorted(folder.glob(f"{stem}-*.ipynb"))
    if len(found) != 1:
        names = ", ".join(p.stem for p in sorted(folder.glob("[0-9][0-9]-*.ipynb")))
        raise HandoutError(f"no single notebook in {folder.name}/ matches {lesson!r}; "
                           f"choose from: {names}")
    return found[0]


def _html(executed: Path) -> str:
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    # A widget's view needs a renderer from a CDN; the text or HTML fallback the widget
    # stored beside it (and the saved widget state in the metadata) needs nothing.
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and len(data) > 1:
                del data[WIDGET_VIEW]
    exporter = HTMLExporter(template_name="lab", embed_images=True)
    exporter.mathjax_url = exporter.require_js_url = exporter.widget_renderer_url = ""
    body, _ = exporter.from_notebook_node(nb, {"metadata": {"name": executed.stem}})
    return EMPTY_SCRIPT.sub("", RENDERER_LOADER.sub("", body))


def handout(notebook: Path, params: dict[str, object], out_dir: Path) -> Path:
    """Run one notebook with `params` and write its HTML handout; returns the file."""
    import papermill

    suffix = "".join(f"-{k}-{v}" for k, v in sorted(params.items())).replace(" ", "_")
    target = out_dir / f"{notebook.parent.name}-{notebook.stem}{suffix}.html"
    with tempfile.TemporaryDirectory() as tmp:
        executed = Path(tmp) / notebook.name
        try:
            papermill.execute_notebook(str(notebook), str(executed), parameters=params,
                                       cwd=str(notebook.parent), kernel_name="python3",
                                       progress_bar=False, log_output=False)
        except papermill.PapermillExecutionError as exc:
            raise HandoutError(f"{notebook.name} stopped in cell {exc.exec_count}: "
                               f"{exc.evalue}") from None
        out_dir.mkdir(parents=True, exist_ok=True)
        target.write_text(_html(executed), encoding="utf-8")
    return target


def handouts(lessons: list[str], params: dict[str, object], out_dir: Path,
             solution: bool = False) -> list[Path]:
    """Handouts for several lessons, with a progress bar when there is more than one."""
    from tqdm.auto import tqdm

    notebooks = [find_notebook(lesson, solution) for lesson in lessons]
    bar = tqdm(notebooks, desc="handouts", unit="notebook", disable=len(notebooks) < 2)
    return [handout(nb, params, out_dir) for nb in bar]
