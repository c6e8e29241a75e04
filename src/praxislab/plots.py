"""Accessible figures: a colour-blind-safe palette, alt text on every image, values
written on the bars so no reading depends on colour.

Figures are drawn with matplotlib's object API (no pyplot), so they never appear twice in
a notebook and can be redrawn in place quickly.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common forms of
# colour-vision deficiency.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000")


def png_base64(fig: Figure, dpi: int = 100, tight: bool = True) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight" if tight else None)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


@dataclass
class AccessibleFigure:
    """A figure with its alt text and caption; displays as <figure><img alt>…</figure>."""

    fig: Figure
    alt: str
    caption: str = ""

    def __post_init__(self) -> None:
        if not self.alt or not self.alt.strip():
            raise ValueError("Every figure needs alt text that says what it shows.")

    def _repr_html_(self) -> str:
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        return (f'<figure class="praxis-figure"><img src="data:image/png;base64,'
                f'{png_base64(self.fig)}" alt="{html.escape(self.alt, quote=True)}"/>'
                f"{caption}</figure>")

    def __repr__(self) -> str:
        return f"[Figure: {self.alt}]" + (f"\n{self.caption}" if self.caption else "")


class RatingChart:
    """A horizontal bar chart of one learner's own ratings, redrawn in place.

    It shows each rating as a bar with its number written beside it; unrated items are
    listed as such. It never shows a total, an average or a rank.
    """

    def __init__(self, labels: list[str],
                 axis_label: str = "Your rating (1 = affects you little, 10 = affects you a lot)",
                 whose: str = "your own ratings"):
        self.labels = labels
        self.whose = whose
        height = 0.9 + 0.32 * len(labels)
        self.fig = Figure(figsize=(6.4, height), layout="constrained")
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_subplot()
        positions = list(range(len(labels)))
        self.bars = self.ax.barh(positions, [0] * len(labels), color=OKABE_ITO[4],
                                 edgecolor="black", linewidth=0.6)
        self.ax.set_yticks(positions, labels=labels)
        self.ax.invert_yaxis()
        self.ax.set_xlim(0, 10.9)
        self.ax.set_xticks(range(0, 11, 2))
        self.ax.set_xlabel(axis_label)
        self.ax.spines[["top", "right"]].set_visible(False)
        self.texts = [self.ax.text(0.15, p, "", va="center", fontsize=9) for p in positions]
        # Lay the figure out once, then freeze it: redrawing only moves bars and labels,
        # which keeps a slider's chart update fast (see bench/run.py).
        self.fig.set_dpi(80)
        for bar in self.bars:
            bar.set_animated(True)
        for text in self.texts:
            text.set_animated(True)
        self.fig.canvas.draw()
        self.fig.set_layout_engine("none")
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)

    def update(self, values: list[int]) -> str:
        for bar, text, value in zip(self.bars, self.texts, values, strict=True):
            bar.set_width(value)
            text.set_x(value + 0.15)
            text.set_text(str(value) if value else "not rated")
        # Blit: restore the static background, draw only what changed, encode the pixels.
        canvas = self.fig.canvas
        canvas.restore_region(self._background)
        for artist in (*self.bars, *self.texts):
            self.ax.draw_artist(artist)
        buffer = io.BytesIO()
        rgb = np.asarray(canvas.buffer_rgba())[:, :, :3]  # opaque figure: drop alpha
        Image.fromarray(rgb).save(buffer, format="png", compress_level=1)
        return base64.b64encode(buffer.getvalue()).decode("ascii")

    def alt_text(self, values: list[int]) -> str:
        rated = [f"{label} {v}" for label, v in zip(self.labels, values, strict=True) if v]
        unrated = [label for label, v in zip(self.labels, values, strict=True) if not v]
        if not rated:
            return f"Bar chart of {self.whose}: nothing rated yet."
        text = f"Bar chart of {self.whose} from 1 to 10: " + ", ".join(rated) + "."
        if unrated:
            text += " Not rated: " + ", ".join(unrated) + "."
        return text
