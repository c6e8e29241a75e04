"""Case files: every shipped case validates; broken ones are named precisely and never stop
the others; instructors' folders load alongside; the explorer walks every case."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
import yaml

from praxislab import Lesson
from praxislab.cli import main
from praxislab.journal import Journal
from praxislab.vignettes import FACES, load_casebook, load_vignette, shipped_dir
from praxislab.widgets import ChoicesWidget, LensWidget, ReflectionBox

SHIPPED = sorted(shipped_dir().glob("*.yaml"))


def test_at_least_eight_cases_ship_and_all_validate() -> None:
    book = load_casebook(include_instructor=False)
    assert book.problems == [], book.report()
    assert len(SHIPPED) >= 8 and len(book.vignettes) == len(SHIPPED)
    print(f"validated {len(book.vignettes)} shipped cases")


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_each_case_is_complete_and_fictional(path: Path) -> None:
    case = load_vignette(path)
    assert case.raw["fictional"] is True
    assert case.content_note and len(case.stages) >= 2 and case.decisions
    assert {a.lens for a in case.actions} >= {"adp", "aop"}
    assert {a.level for a in case.actions} == {"individual", "organisational", "structural"}
    assert set(case.faces) <= set(FACES)
    for term in ("client", "service user"):
        text = repr(case.with_terms(term))
        assert "{person}" not in text and "{people}" not in text


def test_template_is_a_valid_case_once_renamed(tmp_path: Path) -> None:
    template = shipped_dir() / "_template.yaml.example"
    data = yaml.safe_load(template.read_text("utf-8"))
    target = tmp_path / f"{data['id']}.yaml"
    shutil.copy(template, target)
    assert load_vignette(target).id == data["id"]


def _good() -> dict:
    return yaml.safe_load((shipped_dir() / "housing-refusal.yaml").read_text("utf-8"))


def _write(folder: Path, name: str, data: dict | str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True),
                    encoding="utf-8")
    return path


def _broken_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "my-vignettes"
    good = _good()
    good["id"] = "instructor-case"
    good["title"] = "An instructor's own case"
    _write(folder, "instructor-case", good)
    missing = _good()
    missing["id"] = "missing-field"
    del missing["content_note"]
    _write(folder, "missing-field", missing)
    wrong_type = _good()
    wrong_type["id"] = "wrong-type"
    wrong_type["stages"] = "one long paragraph"
    wrong_type["setting"]["statutory"] = "no"
    _write(folder, "wrong-type", wrong_type)
    unknown_face = _good()
    unknown_face["id"] = "unknown-face"
    unknown_face["faces"] = ["marginalisation", "exclusion"]
    _write(folder, "unknown-face", unknown_face)
    _write(folder, "malformed", "id: malformed\ntitle: [unclosed\n")
    duplicate = _good()  # same id as a shipped case, in a file of that name
    _write(folder, "housing-refusal", duplicate)
    bad_placeholder = _good()
    bad_placeholder["id"] = "bad-placeholder"
    bad_placeholder["summary"] = "The {worker} meets {person}."
    _write(folder, "bad-placeholder", bad_placeholder)
    return folder


def test_broken_files_are_named_precisely_and_skipped(tmp_path: Path) -> None:
    folder = _broken_folder(tmp_path)
    book = load_casebook([shipped_dir(), folder])
    messages = [str(p) for p in book.problems]
    expected = [
        "missing-field.yaml: field 'content_note': expected some text, found nothing",
        "wrong-type.yaml: field 'stages': expected a list (lines starting with '- '), "
        "found text 'one long paragraph'",
        "wrong-type.yaml: field 'setting.statutory': expected true or false, found text 'no'",
        "unknown-face.yaml: field 'faces[2]': expected one of Young's five faces",
        "malformed.yaml: field '(whole file)': expected valid YAML, found",
        "housing-refusal.yaml: field 'id': expected an id not used by another case, found "
        "'housing-refusal', already used by",
        "bad-placeholder.yaml: field 'summary': expected only the placeholders",
    ]
    for start in expected:
        assert any(m.startswith(start) for m in messages), (start, messages)
    assert "line 3" in next(m for m in messages if m.startswith("malformed"))
    # The good ones all load: every shipped case plus the instructor's valid one.
    assert "instructor-case" in book.vignettes
    assert len(book.vignettes) == len(SHIPPED) + 1
    print(f"{len(messages)} problems reported for 6 broken files")


def test_instructor_folder_from_environment_and_default(tmp_path: Path, monkeypatch) -> None:
    folder = _broken_folder(tmp_path)
    monkeypatch.setenv("PRAXISLAB_VIGNETTES", str(folder))
    book = load_casebook()
    assert "instructor-case" in book.vignettes and book.problems
    explorer = Lesson("05-case-explorer").explore()
    labels = [label for _, label in explorer.picker.selects[0]["options"]]
    assert any("An instructor's own case" in label for label in labels)
    notice = explorer.widget.children[0]
    assert "could not be loaded" in notice.value and "missing-field.yaml" in notice.value


def test_check_vignettes_command(tmp_path: Path, capsys) -> None:
    folder = _broken_folder(tmp_path)
    assert main(["check-vignettes", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "missing-field.yaml" in out and f"Loaded {len(SHIPPED) + 1} case(s)" in out
    assert main(["check-vignettes", str(shipped_dir())]) == 0


def test_terminology_switches(tmp_path: Path) -> None:
    case = load_vignette(shipped_dir() / "housing-refusal.yaml")
    assert case.term == "service user"
    as_client = case.with_terms("client")
    assert as_client.term == "client"
    assert "Black and Asian clients" in " ".join(a.text for a in as_client.actions)
    with pytest.raises(ValueError, match="term must be one of"):
        case.with_terms("customer")


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_explorer_walks_every_case(path: Path) -> None:
    explorer = Lesson("05-case-explorer").explore(path.stem)
    case = explorer.vignette
    assert explorer.state.phase == "note"
    assert html.escape(case.content_note) in explorer.body.children[1].value
    explorer.proceed()
    for _ in range(len(case.stages) - 1):
        assert explorer.state.phase == "reading"
        explorer.next_stage()
    kinds = [type(c).__name__ for c in explorer.body.children]
    assert kinds.count("LensWidget") == 1
    assert kinds.count("ChoicesWidget") == 2 + len(case.decisions)
    assert kinds.count("ReflectionBox") == 3
    # A decision point gives its note; the action sorter gives explained feedback.
    decisions = [c for c in explorer.body.children if isinstance(c, ChoicesWidget)]
    first = decisions[0]
    qid = first.items[0]["id"]
    first.answers = {qid: first.items[0]["options"][0]["value"]}
    first.check()
    assert first.feedback[qid]["verdict"] == "note" and first.feedback[qid]["text"]
    by_lens = decisions[len(case.decisions)]
    by_lens.answers = {"a1": case.actions[0].lens}
    by_lens.check()
    assert by_lens.feedback["a1"]["verdict"] == "match"
    boxes = [c for c in explorer.body.children if isinstance(c, ReflectionBox)]
    boxes[0].value = "Notes on the personal level."
    assert Journal().load("05-case-explorer", f"{case.id}-pcs-personal").text.startswith("Notes")
    assert isinstance([c for c in explorer.body.children if isinstance(c, LensWidget)][0],
                      LensWidget)


def test_skipping_a_case_shows_no_narrative() -> None:
    explorer = Lesson("05-case-explorer").explore("statutory-visit")
    explorer.skip()
    shown = " ".join(getattr(c, "value", "") for c in explorer.body.children)
    assert "You skipped this case" in shown
    assert explorer.vignette.stages[0].text[:40] not in shown


def test_unknown_case_id_is_a_message() -> None:
    explorer = Lesson("05-case-explorer").explore("no-such-case")
    assert "There is no case" in explorer.body.children[0].value


def test_explorer_controls_drive_it_like_the_browser() -> None:
    explorer = Lesson("05-case-explorer").explore()
    explorer.picker.values = {"case": "rural-gift", "words": "client"}
    assert explorer.state.phase == "note" and explorer.vignette.term == "client"
    buttons = explorer.body.children[-1]
    assert [b["label"] for b in buttons.buttons] == ["Continue to the case", "Skip this case"]
    buttons._on_msg(buttons, {"event": "click", "name": "go"}, [])
    assert explorer.state.phase == "reading" and explorer.state.stage == 1
    more = explorer.body.children[-1]
    more._on_msg(more, {"event": "click", "name": "next"}, [])
    assert explorer.state.stage == 2
    more._on_msg(more, "garbage", [])  # ignored, no exception
