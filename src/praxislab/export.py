"""The learner's portfolio: everything in the journal as one self-contained HTML page and
as Markdown, written to be read by a person (an instructor, or the learner next year).

It reads as a document: lessons by their titles and in course order, entries in the
order the lesson asks for them, each statement or question with the learner's answer in
words (and the model answer where the learner checked), case names, and dates a person
reads. No internal id reaches the page.

Nothing is dropped silently: an entry that cannot be read, or cannot be shown, is listed
at the end of the portfolio (and in the message) with the file to open, and the others
are exported as normal.

Learner text is always escaped. The HTML page forbids scripts through its
Content-Security-Policy, so a portfolio containing <script> or HTML is inert when an
instructor opens it; in Markdown every punctuation mark a renderer could read as syntax
is escaped, so learner text never becomes a heading, link, code block or maths.

Private entries are left out unless the learner asks; a copy that includes them is
written to differently named files (portfolio-private.*), never over the one handed in.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from . import paths
from .journal import Entry, Journal, _atomic_write, _NotOurs, _parse, _read_regular

# CommonMark lets any ASCII punctuation be escaped with a backslash, and an escaped
# character is always literal text. Escaping all of it (not only the marks in use today)
# also defeats setext headings (===), maths ($), autolinks (: / .) and tables (|).
_MD_PUNCT = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def escape_markdown(text: str) -> str:
    """Make learner text display literally in Markdown: every ASCII punctuation mark is
    backslash-escaped, leading spaces (which would start a code block) become no-break
    spaces, and line breaks are kept."""
    if not text:
        return "*(empty)*"
    lines = []
    for line in text.splitlines():
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped)
        lines.append("\u00a0" * indent + _MD_PUNCT.sub(r"\\\1", stripped))
    return "  \n".join(lines)


def human_date(iso: str) -> str:
    """'21 November 2026, 14:02' in the reader's local time, or the text as it is."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return str(iso) or "an unknown time"
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment.day} {moment:%B %Y, %H:%M}"


# -- reading the journal, nothing dropped ------------------------------------------------

@dataclass
class Unreadable:
    """An entry file that could not be read or shown, and why."""

    file: Path
    reason: str


def read_journal(journal: Journal, include_private: bool) -> tuple[list[Entry], list[Unreadable]]:
    """Every entry in the journal, and every file that could not be read.

    Reads regular files only (a FIFO or device named *.json never hangs the export), each
    below a size limit; one bad file never stops the rest."""
    entries: list[Entry] = []
    problems: list[Unreadable] = []
    root = journal.directory
    try:
        folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    except OSError as exc:
        return [], [Unreadable(root, f"the journal folder could not be listed ({exc.strerror})")]
    for folder in folders:
        try:
            files = sorted(folder.iterdir())
        except OSError as exc:
            problems.append(Unreadable(folder, f"the folder could not be listed ({exc.strerror})"))
            continue
        for file in files:
            if ".damaged-" in file.name:
                problems.append(Unreadable(file, "set aside earlier because it could not be "
                                                 "read; open it to copy your text back"))
                continue
            if not file.name.endswith(".json"):
                continue
            try:
                # The journal's own safe read (regular files only, no symlinks, size cap,
                # non-blocking) and its check that the entry belongs where the file is.
                read = _read_regular(file)
                if read is None:
                    continue  # removed since the folder was listed
                entry = _parse(read[0], folder.name, file.name[:-5])
                if not isinstance(entry.data, dict):
                    raise ValueError("its data has the wrong type")
            except RecursionError:
                problems.append(Unreadable(file, "it is nested too deeply to be an answer"))
                continue
            except Exception as exc:  # any damage at all: list it, go on with the rest
                problems.append(Unreadable(file, _why(exc)))
                continue
            if entry.private and not include_private:
                continue
            entries.append(entry)
    return entries, problems


def _why(exc: BaseException) -> str:
    if isinstance(exc, _NotOurs):  # not a regular file, or far too large: already in words
        return str(exc)
    if isinstance(exc, OSError):
        return f"it could not be read ({exc.strerror or type(exc).__name__})"
    if isinstance(exc, UnicodeDecodeError):
        return "it is not text"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"it is damaged ({text[:120]})"


# -- what each entry means, in words -----------------------------------------------------

@dataclass
class Block:
    """One entry as a reader sees it: a heading, lines of words, the learner's own text."""

    heading: str
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (label, value) rows
    text: str | None = None  # the learner's own words, shown as written
    saved: str = ""
    private: bool = False


@dataclass
class Section:
    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)


def _notebook_info(notebook: str) -> tuple[str, str]:
    """(title, source text) of a lesson notebook, from its first H1; ('', '') if absent."""
    path = paths.collection_root() / "notebooks" / f"{notebook}.ipynb"
    try:
        nb = json.loads(path.read_text("utf-8"))
        cells = nb.get("cells", [])
        source = "\n".join("".join(c.get("source", "")) if isinstance(c.get("source"), list)
                           else str(c.get("source", "")) for c in cells)
    except (OSError, ValueError, AttributeError):
        return "", ""
    title = str(nb.get("metadata", {}).get("praxislab", {}).get("title", "") or "")
    if not title:
        match = re.search(r"^#\s+(.+?)\s*#*\s*$", source, re.M)
        title = match.group(1) if match else ""
    return title, source


def _title_from_id(notebook: str) -> str:
    words = re.sub(r"^\d+[-_.]*", "", notebook).replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Other work"


class _Catalogue:
    """Looks up the activity and case behind a journal entry, loading each once."""

    def __init__(self) -> None:
        self._lessons: dict[str, dict[str, Any]] = {}
        self._cases: list[Any] | None = None

    def lesson(self, notebook: str) -> dict[str, Any]:
        if notebook not in self._lessons:
            from .activities import load_activities

            try:
                self._lessons[notebook] = load_activities(notebook)
            except Exception:  # a missing or broken file: answers are shown as saved
                self._lessons[notebook] = {}
        return self._lessons[notebook]

    def cases(self) -> list[Any]:
        if self._cases is None:
            try:
                from .vignettes import load_casebook

                self._cases = list(load_casebook().vignettes.values())
            except Exception:
                self._cases = []
        return self._cases

    def case_for(self, prompt: str) -> Any:
        matches = [c for c in self.cases() if prompt.startswith(c.id + "-")]
        return max(matches, key=lambda c: len(c.id)) if matches else None


def _label(options: Any, value: Any) -> str:
    for option in options:
        if option.value == value:
            return option.label
    return ""


def _choice_pairs(activity: Any, answers: dict[str, Any], checked: bool) -> list[tuple[str, str]]:
    from .activities import Quiz, Sorter

    pairs: list[tuple[str, str]] = []
    if isinstance(activity, Sorter):
        for number, item in enumerate(activity.items, 1):
            chosen = _label(activity.categories, answers.get(item.id))
            statement = f"{number}. {item.text}" if len(activity.items) > 1 else item.text
            pairs.append((statement, f"Your answer: {chosen}" if chosen else "Not answered."))
            if checked and chosen:
                if activity.graded and item.answers:
                    model = " or ".join(activity.label_of(a) for a in item.answers)
                    pairs.append(("", f"Model answer: {model}. {item.why}".strip()))
                elif item.why:
                    pairs.append(("", f"Note: {item.why}"))
    elif isinstance(activity, Quiz):
        for question in activity.questions:
            option = next((o for o in question.options if o.value == answers.get(question.id)),
                          None)
            pairs.append((question.text, f"Your answer: {option.label}" if option
                          else "Not answered."))
            if checked and option is not None:
                if activity.graded:
                    right = [o.label for o in question.options if o.correct]
                    pairs.append(("", "Model answer: " + " or ".join(right) + "."))
                if option.explanation:
                    pairs.append(("", f"Note on this choice: {option.explanation}"))
    return pairs


def _block(entry: Entry, catalogue: _Catalogue, case: Any) -> Block:
    saved = human_date(entry.saved_at)
    if entry.kind != "choice":
        heading = entry.prompt_text or ("Your ratings" if entry.kind == "rating"
                                        else "Reflection")
        return Block(heading, text=entry.text, saved=saved, private=entry.private)
    answers = entry.data.get("answers", {})
    if not isinstance(answers, dict):
        raise ValueError("its answers have the wrong type")
    checked = bool(entry.data.get("checked"))
    if case is not None:
        from .explorer import case_activities

        activity = case_activities(case).get(entry.prompt)
    else:
        activity = catalogue.lesson(entry.notebook).get(entry.prompt)
    if activity is None:
        # The activity is no longer in the collection: show the choices as saved.
        return Block(entry.prompt_text or "An activity no longer in the collection",
                     [("Your saved choices", ", ".join(str(v) for v in answers.values())
                       or "none")], saved=saved, private=entry.private)
    return Block(activity.heading, _choice_pairs(activity, answers, checked), saved=saved,
                 private=entry.private)


def build_sections(entries: list[Entry], problems: list[Unreadable],
                   directory: Path | None = None) -> list[Section]:
    """Entries grouped by lesson (in course order) and, in the case explorer, by case;
    within each, in the order the lesson presents them. An entry that cannot be shown is
    added to `problems` instead."""
    catalogue = _Catalogue()
    by_notebook: dict[str, list[Entry]] = {}
    for entry in entries:
        by_notebook.setdefault(entry.notebook, []).append(entry)
    sections: list[Section] = []
    for notebook in sorted(by_notebook):
        title, source = _notebook_info(notebook)
        title = title or _title_from_id(notebook)

        def position(entry: Entry, source: str = source) -> tuple[int, str]:
            found = source.find(f'"{entry.prompt}"')
            return (found if found >= 0 else len(source) + 1, entry.saved_at)

        general: list[Entry] = []
        per_case: dict[str, tuple[Any, list[Entry]]] = {}
        for entry in by_notebook[notebook]:
            case = catalogue.case_for(entry.prompt)
            if case is None:
                general.append(entry)
            else:
                per_case.setdefault(case.id, (case, []))[1].append(entry)
        section = Section(title)
        for entry in sorted(general, key=position):
            _add(section, entry, catalogue, None, problems, directory)
        sections.append(section)
        order = {c.id: i for i, c in enumerate(catalogue.cases())}
        for case_id in sorted(per_case, key=lambda k: order.get(k, len(order))):
            case, group = per_case[case_id]
            from .explorer import case_prompt_order

            reading = case_prompt_order(case)
            sub = Section(f"Case: {case.title}", f"From {title}. Setting: "
                          f"{case.setting.service}, {case.setting.country}.")
            for entry in sorted(group, key=lambda e: (reading.index(e.prompt)
                                                      if e.prompt in reading
                                                      else len(reading), e.saved_at)):
                _add(sub, entry, catalogue, case, problems, directory)
            sections.append(sub)
    return [s for s in sections if s.blocks]


def _add(section: Section, entry: Entry, catalogue: _Catalogue, case: Any,
         problems: list[Unreadable], directory: Path | None) -> None:
    try:
        block = _block(entry, catalogue, case)
        if case is not None and entry.prompt.startswith(f"{case.id}-pcs-"):
            block.heading = entry.prompt_text or block.heading
    except Exception as exc:  # one odd entry never stops the rest
        problems.append(Unreadable(
            (directory or paths.journal_dir()) / entry.notebook / f"{entry.prompt}.json",
            f"it could not be shown ({type(exc).__name__})"))
        return
    section.blocks.append(block)


# -- rendering ---------------------------------------------------------------------------

@dataclass
class Portfolio:
    markdown: Path
    html: Path
    count: int
    problems: list[Unreadable] = field(default_factory=list)
    private: bool = False


def _intro(count: int, problems: list[Unreadable], private: bool) -> list[str]:
    lines = [f"Exported {human_date(datetime.now().astimezone().isoformat())}. "
             f"{count} {'entry' if count == 1 else 'entries'}."]
    lines.append("This private copy includes entries marked private (such as identity "
                 "ratings): keep it for yourself." if private else
                 "Entries marked private (such as identity ratings) are not included.")
    if problems:
        lines.append(f"{len(problems)} saved {'file' if len(problems) == 1 else 'files'} "
                     "could not be included; they are listed at the end, with where to find "
                     "them.")
    return lines


def _problem_lines(problems: list[Unreadable]) -> list[str]:
    return [f"{p.file.name} in {p.file.parent}: {p.reason}." for p in problems]


def render_markdown(sections: list[Section], title: str, count: int,
                    problems: list[Unreadable] | None = None, private: bool = False) -> str:
    problems = problems or []
    md = escape_markdown
    lines = [f"# {md(title)}", ""]
    for line in _intro(count, problems, private):
        lines += [md(line), ""]
    for section in sections:
        lines += [f"## {md(section.title)}", ""]
        if section.subtitle:
            lines += [f"*{md(section.subtitle)}*", ""]
        for block in section.blocks:
            tag = " (private)" if block.private else ""
            lines += [f"### {md(block.heading)}{tag}", ""]
            for label, value in block.pairs:
                lines += [(f"**{md(label)}**  \n" if label else "") + md(value), ""]
            if block.text is not None:
                # Quoted, so the learner's words stand apart from the prompt.
                lines += ["> " + md(block.text).replace("\n", "\n> "), ""]
            lines += [f"*Saved {md(block.saved)}*", ""]
    if problems:
        lines += ["## Saved work that could not be included", ""]
        lines += [f"- {md(p)}" for p in _problem_lines(problems)] + [""]
    return "\n".join(lines)


_CSS = """body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
line-height:1.55;color:#111;background:#fff}h1{font-size:1.6rem}h2{margin-top:2rem;
border-bottom:1px solid #767676}h3{font-size:1.05rem;margin-bottom:.3rem}
.entry{white-space:pre-wrap;border-left:4px solid #767676;padding:.2rem .8rem}
dl{margin:.3rem 0}dt{font-weight:600;margin-top:.4rem}dd{margin-left:1rem}
.meta{color:#444;font-size:.9rem}.problems{border:2px solid #767676;padding:.3rem 1rem}"""


def render_html(sections: list[Section], title: str, count: int,
                problems: list[Unreadable] | None = None, private: bool = False) -> str:
    problems = problems or []
    esc = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        # No scripts, no external loads: the page is inert whatever a learner typed.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
        "<main>", f"<h1>{esc(title)}</h1>",
        *(f'<p class="meta">{esc(line)}</p>' for line in _intro(count, problems, private)),
    ]
    for section in sections:
        parts.append(f"<section><h2>{esc(section.title)}</h2>")
        if section.subtitle:
            parts.append(f'<p class="meta">{esc(section.subtitle)}</p>')
        for block in section.blocks:
            tag = " (private)" if block.private else ""
            parts.append(f"<h3>{esc(block.heading)}{esc(tag)}</h3>")
            if block.pairs:
                parts.append("<dl>" + "".join(
                    (f"<dt>{esc(label)}</dt>" if label else "") + f"<dd>{esc(value)}</dd>"
                    for label, value in block.pairs) + "</dl>")
            if block.text is not None:
                parts.append(f'<div class="entry">{esc(block.text) or "<em>(empty)</em>"}</div>')
            parts.append(f'<p class="meta">Saved {esc(block.saved)}</p>')
        parts.append("</section>")
    if problems:
        parts.append('<section class="problems"><h2>Saved work that could not be included'
                     "</h2><ul>" + "".join(f"<li>{esc(line)}</li>"
                                           for line in _problem_lines(problems))
                     + "</ul></section>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def export_portfolio(journal: Journal | None = None, out_dir: str | os.PathLike[str] | None = None,
                     include_private: bool = False,
                     title: str | None = None) -> Portfolio:
    """Write portfolio.md and portfolio.html (default: the journal's exports/ folder).

    With include_private, the files are portfolio-private.md and portfolio-private.html,
    so the copy that is handed in is never overwritten with private entries."""
    journal = journal or Journal()
    entries, problems = read_journal(journal, include_private)
    sections = build_sections(entries, problems, journal.directory)
    count = sum(len(s.blocks) for s in sections)
    if title is None:
        title = ("My Praxis Lab portfolio (private copy)" if include_private
                 else "My Praxis Lab portfolio")
    if out_dir is None:  # private (0700) with every folder it creates, whatever the umask
        folder = journal.private_folder("exports")
    else:
        folder = Path(out_dir)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem = "portfolio-private" if include_private else "portfolio"
    md_path, html_path = folder / f"{stem}.md", folder / f"{stem}.html"
    _atomic_write(md_path, render_markdown(sections, title, count, problems,
                                           include_private).encode("utf-8"))
    _atomic_write(html_path, render_html(sections, title, count, problems,
                                         include_private).encode("utf-8"))
    return Portfolio(md_path, html_path, count, problems, include_private)
