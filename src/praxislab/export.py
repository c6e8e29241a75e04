"""The learner's portfolio: everything in the journal as Markdown and as one
self-contained HTML page, grouped by notebook and prompt.

Learner text is always escaped, and the HTML page forbids scripts through its
Content-Security-Policy, so a portfolio containing <script> or HTML is inert when an
instructor opens it. Private entries are left out unless the learner asks.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from pathlib import Path

from .journal import Entry, Journal, _atomic_write

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def escape_markdown(text: str) -> str:
    """Make learner text display literally in Markdown: HTML is escaped and Markdown
    punctuation is backslash-escaped, line breaks kept."""
    escaped = html.escape(text, quote=False)
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    return "  \n".join(escaped.splitlines()) if escaped else "*(empty)*"


def _describe(entry: Entry) -> str:
    if entry.kind == "choice":
        answers = entry.data.get("answers", {})
        return "; ".join(f"{k}: {v}" for k, v in answers.items()) if answers else ""
    return entry.text


@dataclass
class Portfolio:
    markdown: Path
    html: Path
    count: int


def render_markdown(entries: list[Entry], title: str) -> str:
    lines = [f"# {escape_markdown(title)}", "",
             f"Exported {datetime.now():%d %B %Y, %H:%M}. {len(entries)} entries.", ""]
    for notebook, group in groupby(entries, key=lambda e: e.notebook):
        lines += [f"## {escape_markdown(notebook)}", ""]
        for entry in group:
            heading = entry.prompt_text or entry.prompt
            tag = " (private)" if entry.private else ""
            lines += [f"### {escape_markdown(heading)}{tag}", "",
                      escape_markdown(_describe(entry)), "",
                      f"*Saved {escape_markdown(entry.saved_at)}*", ""]
    return "\n".join(lines)


_CSS = """body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
line-height:1.55;color:#111;background:#fff}h1{font-size:1.6rem}h2{margin-top:2rem;
border-bottom:1px solid #767676}h3{font-size:1.05rem;margin-bottom:.3rem}
.entry{white-space:pre-wrap;border-left:4px solid #767676;padding:.2rem .8rem}
.meta{color:#444;font-size:.9rem}"""


def render_html(entries: list[Entry], title: str) -> str:
    esc = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        # No scripts, no external loads: the page is inert whatever a learner typed.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
        "<main>", f"<h1>{esc(title)}</h1>",
        f'<p class="meta">Exported {esc(f"{datetime.now():%d %B %Y, %H:%M}")}. '
        f"{len(entries)} entries.</p>",
    ]
    for notebook, group in groupby(entries, key=lambda e: e.notebook):
        parts.append(f"<section><h2>{esc(notebook)}</h2>")
        for entry in group:
            heading = entry.prompt_text or entry.prompt
            tag = " (private)" if entry.private else ""
            parts += [f"<h3>{esc(heading)}{esc(tag)}</h3>",
                      f'<div class="entry">{esc(_describe(entry)) or "<em>(empty)</em>"}</div>',
                      f'<p class="meta">Saved {esc(entry.saved_at)}</p>']
        parts.append("</section>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def export_portfolio(journal: Journal | None = None, out_dir: str | os.PathLike[str] | None = None,
                     include_private: bool = False,
                     title: str = "My Praxis Lab portfolio") -> Portfolio:
    """Write portfolio.md and portfolio.html (default: the journal's exports/ folder)."""
    journal = journal or Journal()
    entries = list(journal.entries(include_private=include_private))
    if out_dir is None:  # private (0700) with every folder it creates, whatever the umask
        folder = journal.private_folder("exports")
    else:
        folder = Path(out_dir)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    md_path, html_path = folder / "portfolio.md", folder / "portfolio.html"
    _atomic_write(md_path, render_markdown(entries, title).encode("utf-8"))
    _atomic_write(html_path, render_html(entries, title).encode("utf-8"))
    return Portfolio(md_path, html_path, len(entries))
