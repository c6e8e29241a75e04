"""Lesson notebooks are saved without live widget views (which cannot survive a closed
notebook or a stopped kernel), and the server is configured to do it."""

from __future__ import annotations

import json

import nbformat

from conftest import ROOT
from praxislab.jupyter_hooks import RUN_AGAIN, WIDGET_STATE, WIDGET_VIEW, pre_save


def _notebook() -> dict:
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": {}, "version_major": 2}}
    nb.cells = [
        nbformat.v4.new_code_cell("lesson.activity('x')", outputs=[
            nbformat.v4.new_output("display_data", data={WIDGET_VIEW: view, "text/plain": "Q"}),
            nbformat.v4.new_output("display_data", data={WIDGET_VIEW: view, "text/plain": "R"}),
        ]),
        nbformat.v4.new_code_cell("print(1)", outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="1\n")]),
        nbformat.v4.new_markdown_cell("# Title"),
    ]
    return json.loads(nbformat.writes(nb))


def test_widget_views_become_one_plain_line_and_nothing_else_changes() -> None:
    content = _notebook()
    model = {"type": "notebook", "content": content}
    pre_save(model=model, path="notebooks/01-power.ipynb", contents_manager=None)
    first, second, third = content["cells"]
    assert first["outputs"] == [{"output_type": "display_data", "metadata": {},
                                 "data": {"text/plain": RUN_AGAIN}}]
    assert second["outputs"][0]["text"] == ["1\n"] and third["source"] == ["# Title"]
    assert "widgets" not in content["metadata"]
    assert WIDGET_VIEW not in json.dumps(content)
    nbformat.validate(nbformat.from_dict(content))  # still a valid notebook


def test_other_files_are_left_alone() -> None:
    model = {"type": "file", "content": "x"}
    pre_save(model=model, path="a.txt")
    assert model == {"type": "file", "content": "x"}
    pre_save(model={"type": "notebook", "content": None}, path="odd.ipynb")


def test_the_shipped_server_settings_install_the_hook() -> None:
    config = json.loads((ROOT / "jupyter" / "jupyter_lab_config.json").read_text())
    assert config["ContentsManager"]["pre_save_hook"] == "praxislab.jupyter_hooks.pre_save"
