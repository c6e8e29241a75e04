"""A Jupyter server pre-save hook: lesson notebooks are saved without live widget views.

A widget's output in a notebook is only a pointer to a model in the running kernel. Once
the notebook is closed or the kernel stops, that pointer leads nowhere, and JupyterLab
shows "Error displaying widget: model not found" in its place, which makes a learner
think their work is gone. Their work is in the journal, not in the notebook, so nothing
is lost by saving the notebook without those pointers: each widget output is replaced by
one plain line saying how to bring the activity and the saved answers back, and the
notebook-level widget state (which JupyterLab can also save) is dropped.

Installed by `praxislab install-lab-settings` (jupyter/jupyter_lab_config.json):
`ContentsManager.pre_save_hook = "praxislab.jupyter_hooks.pre_save"`. It changes only
outputs that carry a widget view; everything else in the notebook is saved as it is.
"""

from __future__ import annotations

from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
RUN_AGAIN = ("▶ Run this cell (Shift-Enter) to bring back this activity. Your answers are "
             "kept in your journal, not in this notebook, and come back when it runs.")


def strip_widget_views(content: Any) -> int:
    """Replace every widget-view output in a notebook (nbformat 4 dict) by a plain line,
    in place. Returns how many were replaced."""
    replaced = 0
    if not isinstance(content, dict):
        return replaced
    metadata = content.get("metadata")
    if isinstance(metadata, dict):
        widgets = metadata.get("widgets")
        if isinstance(widgets, dict):
            widgets.pop(WIDGET_STATE, None)
            if not widgets:
                metadata.pop("widgets")
    for cell in content.get("cells") or []:
        if not isinstance(cell, dict) or not isinstance(cell.get("outputs"), list):
            continue
        kept = []
        for output in cell["outputs"]:
            data = output.get("data") if isinstance(output, dict) else None
            if isinstance(data, dict) and WIDGET_VIEW in data:
                replaced += 1
                output = {"output_type": "display_data", "metadata": {},
                          "data": {"text/plain": RUN_AGAIN}}
                if kept and kept[-1].get("data", {}).get("text/plain") == RUN_AGAIN:
                    continue  # one line per cell is enough
            kept.append(output)
        cell["outputs"] = kept
    return replaced


def pre_save(model: dict[str, Any], **_kwargs: Any) -> None:
    """The hook Jupyter calls before writing a file; only notebooks are touched."""
    if isinstance(model, dict) and model.get("type") == "notebook":
        strip_widget_views(model.get("content"))
