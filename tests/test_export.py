"""The portfolio groups entries, leaves private ones out, and is inert whatever it holds."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from praxislab.cli import main
from praxislab.export import escape_markdown, export_portfolio
from praxislab.journal import Entry, Journal

HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "</div><iframe src='https://evil.example'></iframe>",
    "[click](javascript:alert(1))",
    "<a href=\"javascript:alert(1)\">link</a>",
    "\"><svg onload=alert(1)>",
    "{{ template }} ${inject} `code` **bold** # heading",
    "<style>body{display:none}</style>",
]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


@pytest.fixture
def filled() -> Journal:
    journal = Journal()
    for i, text in enumerate(HOSTILE):
        journal.save(Entry("01-power", f"p{i}", text, prompt_text=f"Prompt <b>{i}</b>"))
    journal.save(Entry("03-social-graces", "ratings", "Age 7", kind="rating", private=True))
    return journal


def test_html_portfolio_is_inert(filled: Journal, tmp_path: Path) -> None:
    result = export_portfolio(filled, tmp_path)
    page = result.html.read_text("utf-8")
    parser = _Collect()
    parser.feed(page)
    assert result.count == len(HOSTILE)
    assert set(parser.tags) <= {"html", "head", "meta", "title", "style", "body", "main", "h1",
                                "p", "section", "h2", "h3", "div", "em"}
    assert parser.tags.count("style") == 1 and parser.tags.count("div") == len(HOSTILE)
    assert not [a for a in parser.attrs if a[0].startswith("on") or a[0] in {"src", "href"}]
    assert "default-src 'none'" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Age 7" not in page  # private entries stay out


def test_private_entries_only_when_asked(filled: Journal, tmp_path: Path) -> None:
    result = export_portfolio(filled, tmp_path, include_private=True)
    assert result.count == len(HOSTILE) + 1
    assert "Age 7" in result.html.read_text("utf-8")
    assert "(private)" in result.markdown.read_text("utf-8")


def test_markdown_portfolio_shows_text_literally(filled: Journal, tmp_path: Path) -> None:
    md = export_portfolio(filled, tmp_path).markdown.read_text("utf-8")
    assert "<script" not in md and "<img" not in md and "<iframe" not in md
    assert not re.search(r"(?<!\\)\[click\]", md)
    assert "## 01\\-power" in md


def test_escape_markdown_keeps_line_breaks() -> None:
    assert escape_markdown("a\nb") == "a  \nb"
    assert escape_markdown("") == "*(empty)*"


def test_export_command(filled: Journal, tmp_path: Path, capsys) -> None:
    assert main(["export", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert f"Wrote {len(HOSTILE)} entries" in out and "left out" in out
    assert (tmp_path / "out" / "portfolio.html").is_file()


def test_export_of_an_empty_journal_still_works(tmp_path: Path) -> None:
    result = export_portfolio(Journal(tmp_path / "empty"), tmp_path / "out")
    assert result.count == 0 and "0 entries" in result.html.read_text("utf-8")
