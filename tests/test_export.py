"""The portfolio groups entries, leaves private ones out, and is inert whatever it holds."""

from __future__ import annotations

import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from praxislab.cli import main
from praxislab.export import escape_markdown, export_portfolio
from praxislab.journal import Entry, Journal
from praxislab.widgets import ChoicesWidget, ReflectionBox

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
    assert not re.search(r"(?<!\\)<(script|img|iframe)", md)  # every < is escaped
    assert not re.search(r"(?<!\\)\[click\]", md)
    assert "## Power" in md  # the lesson's title, never its file id


def test_escape_markdown_keeps_line_breaks() -> None:
    assert escape_markdown("a\nb") == "a  \nb"
    assert escape_markdown("") == "*(empty)*"


# Learner texts that common Markdown renderers would turn into something else.
MARKDOWN_TRAPS = [
    "# I am not a heading",
    "Title\n=====",
    "Subtitle\n---",
    "    four spaces: not code",
    "```\nnot a code block\n```",
    "~~~\nnor this\n~~~",
    "Costs $5 and $10 a week",
    "$$x^2 + y^2$$",
    "\\(a + b\\) and \\[c\\]",
    "See http://10.0.0.1/admin or 192.168.1.1",
    "www.example.org and someone@example.org",
    "<https://example.org>",
    "[text](https://example.org) and ![img](x.png)",
    "1. not a list\n- nor this\n+ nor this",
    "> not a quote",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "**bold** _em_ ~~strike~~ `code`",
    "Line ends with two spaces  \nand a backslash \\",
    "&amp; &lt;b&gt; &#35;",
]


def _rendered(text: str) -> str:
    mistune = pytest.importorskip("mistune")
    render = mistune.create_markdown(escape=False, plugins=["url", "table", "strikethrough",
                                                             "math"])
    return render(escape_markdown(text))


def _visible(fragment: str) -> str:
    text = re.sub(r"<[^>]+>", "", fragment)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


@pytest.mark.parametrize("text", MARKDOWN_TRAPS)
def test_markdown_escaping_survives_a_real_renderer(text: str) -> None:
    """Rendered by mistune (with autolinks, tables and maths on), learner text is one plain
    paragraph that reads exactly as written."""
    out = _rendered(text)
    tags = set(re.findall(r"<([a-z0-9]+)", out))
    assert tags <= {"p", "br"}, f"{text!r} became {sorted(tags)}: {out}"
    assert "math" not in out
    assert _visible(out) == re.sub(r"\s+", " ", text).strip()


def test_markdown_traps_are_checked() -> None:
    # Without the escaping, most traps change in mistune itself (else the test above would
    # prove little). The rest ($ maths, www. and e-mail autolinks, entities) are traps in
    # other common renderers (GitHub, MathJax in JupyterLab) and are escaped all the same.
    mistune = pytest.importorskip("mistune")
    render = mistune.create_markdown(escape=False, plugins=["url", "table", "strikethrough",
                                                             "math"])
    traps = [t for t in MARKDOWN_TRAPS if set(re.findall(r"<([a-z0-9]+)", render(t)))
             - {"p", "br"} or "math" in render(t)]
    assert len(traps) == 14, [t for t in MARKDOWN_TRAPS if t not in traps]


def test_export_command(filled: Journal, tmp_path: Path, capsys) -> None:
    assert main(["export", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert f"Wrote {len(HOSTILE)} entries" in out and "left out" in out
    assert (tmp_path / "out" / "portfolio.html").is_file()


def test_export_of_an_empty_journal_still_works(tmp_path: Path) -> None:
    result = export_portfolio(Journal(tmp_path / "empty"), tmp_path / "out")
    assert result.count == 0 and "0 entries" in result.html.read_text("utf-8")


def _fill_a_week(journal: Journal) -> dict[str, str]:
    """A filled journal made the way a learner makes it: through the widgets."""
    from praxislab import Lesson
    from praxislab.activities import load_activities

    start = Lesson("00-start-here", journal)
    quiz = start.activity("first-try")
    wrong = load_activities("00-start-here")["first-try"].questions[0].options[1]
    quiz.answers = {"shift-enter": wrong.value}
    quiz.check()
    start.reflect("why-here", "What brings you to this topic?").value = "To learn."
    sorter = start.activity("which-lens")
    first_item = sorter.items[0]
    sorter.answers = {first_item["id"]: "aop"}
    explorer = Lesson("05-case-explorer", journal).explore("housing-refusal", reveal_all=True)
    case = explorer.vignette
    decision = [c for c in explorer.body.children if isinstance(c, ChoicesWidget)][0]
    decision.answers = {case.decisions[0].id: "c2"}
    decision.check()
    boxes = [c for c in explorer.body.children if isinstance(c, ReflectionBox)]
    boxes[0].value = "Personal notes."
    by_lens = [c for c in explorer.body.children if isinstance(c, ChoicesWidget)][-2]
    by_lens.answers = {"a1": "adp"}
    return {"wrong": wrong.label, "statement": first_item["text"],
            "case": case.title, "choice": case.decisions[0].choices[1].text,
            "question": case.decisions[0].question, "action": case.actions[0].text}


def test_portfolio_reads_as_a_document_with_no_internal_ids(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    words = _fill_a_week(journal)
    result = export_portfolio(journal, tmp_path / "out")
    page = result.html.read_text("utf-8")
    text = _visible(re.sub(r"<(head|style)>.*?</\1>", "", page, flags=re.S))
    entries = [json.loads(f.read_text()) for f in (tmp_path / "journal").glob("*/*.json")]
    assert len(entries) == 6 and result.count == 6
    ids = {e["notebook"] for e in entries} | {e["prompt"] for e in entries}
    ids |= {"housing-refusal", "shift-enter", "first-try", "which-lens"}
    leaked = sorted(i for i in ids if i in text)
    assert not leaked, f"internal ids in the portfolio: {leaked}"
    assert not re.search(r"\b(o|c|a|s|q)\d+\b", text), "option codes in the portfolio"
    assert not re.search(r"\d{4}-\d\d-\d\dT", text), "a raw timestamp in the portfolio"
    # Lesson titles, in course order; answers and cases in words.
    assert text.index("Start here: how Praxis Lab works") < text.index("Case explorer")
    for value in words.values():
        assert value in text, value
    assert f"Your answer: {words['wrong']}" in text and "Model answer:" in text
    assert f"Your answer: {words['choice']}" in text
    assert text.index(words["question"]) < text.index(words["action"])  # part order
    print(f"checked {len(ids)} ids and {len(words)} phrases")


def test_unreadable_entries_are_listed_and_never_stop_the_rest(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    journal.save(Entry("01-power", "good", "Good text survives."))
    folder = journal.directory / "01-power"
    header = {"format": "praxislab-journal", "version": 1, "notebook": "01-power"}
    bad = {
        "torn.json": b'{"format": "praxislab-jour',
        "deep.json": b"[" * 200_000 + b"]" * 200_000,
        "oddly-typed.json": json.dumps({**header, "prompt": "oddly-typed", "kind": "choice",
                                        "data": {"answers": ["x", {"y": 1}]}}).encode(),
        "wrong-text.json": json.dumps({**header, "prompt": "wrong-text", "text": 5}).encode(),
        "binary.json": b"\xff\xfe\x00",
        "misfiled.json": json.dumps({**header, "prompt": "good", "text": "a copy"}).encode(),
        "x.json.damaged-20261121T100000-ab12": b"old",
    }
    for name, payload in bad.items():
        (folder / name).write_bytes(payload)
    os.mkfifo(folder / "fifo.json")  # must not hang the export
    result = export_portfolio(journal, tmp_path / "out")
    assert result.count == 1
    page = result.html.read_text("utf-8") + result.markdown.read_text("utf-8")
    assert "Good text survives" in page
    names = sorted(p.file.name for p in result.problems)
    assert names == sorted([*bad, "fifo.json"]), names
    for name in [*bad, "fifo.json"]:
        assert html.escape(name) in result.html.read_text("utf-8"), name
    assert "could not be included" in page and str(folder) in page


def test_private_copy_goes_to_its_own_files(filled: Journal, tmp_path: Path) -> None:
    shared = export_portfolio(filled, tmp_path)
    before = shared.html.read_bytes()
    private = export_portfolio(filled, tmp_path, include_private=True)
    assert private.html.name == "portfolio-private.html"
    assert private.markdown.name == "portfolio-private.md"
    assert shared.html.read_bytes() == before and "Age 7" not in before.decode()
    assert "Age 7" in private.html.read_text("utf-8")
    assert "private copy" in private.html.read_text("utf-8")
