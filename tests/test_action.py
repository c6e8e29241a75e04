"""Lesson 10's action plan, entry chooser and portfolio preview, and lessons 09-10's content
(the schemes table, the rewrite tasks): plain Python, no kernel, no browser."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import ROOT
from praxislab import Lesson, action
from praxislab.export import export_portfolio
from praxislab.journal import Entry, Journal

TODAY = date(2026, 11, 21)
GOOD = {"goal": "Clients can speak first at every review meeting", "level": "organisational",
        "allies": "My supervisor; the service user forum", "risks": "Meetings run longer",
        "first_step": "Ask my supervisor on Monday", "review_date": "2027-01-15"}


# -- the plan model -----------------------------------------------------------------------

def test_an_empty_plan_names_every_missing_field() -> None:
    problems = action.ActionPlan().problems(TODAY)
    assert sorted(problems) == sorted(action.FIELD_LABELS), problems
    assert len(problems) == 6
    assert all(text and "Traceback" not in text for text in problems.values())


def test_a_complete_plan_has_no_problems_and_reads_as_text() -> None:
    plan = action.ActionPlan(**GOOD)
    assert plan.problems(TODAY) == {}
    text = plan.describe()
    assert "Organisational: in my team or agency" in text
    assert len(text.splitlines()) == 6


@pytest.mark.parametrize("field, value, words", [
    ("review_date", "15/01/2027", "YYYY-MM-DD"),
    ("review_date", "2026-11-20", "in the past"),
    ("review_date", (TODAY + timedelta(days=800)).isoformat(), "two years"),
    ("level", "structural", "choose individual, organisational or policy"),
    ("goal", "Change", "very short"),
    ("first_step", "x" * 2_001, "under 2,000"),
    ("allies", "   ", "empty"),
])
def test_each_problem_is_named_in_plain_words(field: str, value: str, words: str) -> None:
    plan = action.ActionPlan(**{**GOOD, field: value})
    problems = plan.problems(TODAY)
    assert list(problems) == [field], problems
    assert words in problems[field]


@pytest.mark.parametrize("junk", [None, 42, "plan", [1, 2], {"goal": 7, "level": None},
                                  {"goal": "a\x00b\r\nc", "unknown": "ignored"},
                                  {"risks": "y" * 60_000}])
def test_odd_data_becomes_a_plan_never_an_error(junk: object) -> None:
    plan = action.ActionPlan.from_dict(junk)
    assert isinstance(plan, action.ActionPlan)
    assert all(isinstance(v, str) for v in plan.to_dict().values())
    assert "\x00" not in plan.goal and "\r" not in plan.goal
    assert len(plan.risks) <= action.MAX_FIELD_CHARS


# -- saving to the journal and the portfolio ------------------------------------------------

def test_a_draft_and_a_plan_are_saved_as_action_entries(journal_dir: Path) -> None:
    journal = Journal()
    store = action.ActionPlanStore(journal, "10-from-reflection-to-action", "my-plan")
    message = store.save(action.ActionPlan(goal="Something to change"), TODAY)
    assert message.startswith("Draft saved") and "5 things to finish" in message
    entry = journal.load("10-from-reflection-to-action", "my-plan")
    assert entry is not None and entry.kind == "action" and entry.data["complete"] is False
    assert store.save(action.ActionPlan(**GOOD), TODAY).startswith("Plan saved")
    assert store.load() == action.ActionPlan(**GOOD)
    record = json.loads(journal.path_for("10-from-reflection-to-action", "my-plan").read_text())
    assert record["kind"] == "action" and record["data"]["complete"] is True


def test_the_plan_is_in_the_portfolio_and_escaped(journal_dir: Path, tmp_path: Path) -> None:
    journal = Journal()
    store = action.ActionPlanStore(journal, "10-from-reflection-to-action", "my-plan")
    store.save(action.ActionPlan(**{**GOOD, "goal": "<script>alert(1)</script> clients first"}),
               TODAY)
    result = export_portfolio(journal, out_dir=tmp_path / "out")
    page = result.html.read_text("utf-8")
    assert result.count == 1
    assert "clients first" in page and "<script>alert" not in page
    assert "First step: Ask my supervisor on Monday" in page


def test_the_widget_saves_every_change_and_checks_on_request(journal_dir: Path) -> None:
    lesson = Lesson("10-from-reflection-to-action")
    widget = action.ActionPlanWidget(lesson, "my-plan")
    assert widget.plan == action.ActionPlan().to_dict() and widget.problems == {}
    widget.plan = {**action.ActionPlan().to_dict(), "goal": "Clients speak first at reviews"}
    assert widget.status == "Draft saved to your journal."  # short: read by a live region
    assert widget.problems == {}  # nothing is marked wrong before the learner asks
    widget._on_msg(widget, {"event": "check"}, [])
    assert set(widget.problems) == {"level", "allies", "risks", "first_step", "review_date"}
    assert widget.status.endswith("5 things to finish; each is described under its field.")
    widget.plan = {**GOOD, "review_date": (date.today() + timedelta(days=30)).isoformat()}
    assert widget.problems == {} and widget.status.startswith("Plan saved")
    again = action.ActionPlanWidget(lesson, "my-plan")
    assert again.plan["goal"] == GOOD["goal"] and again.status.startswith("Restored")
    widget._on_msg(widget, "not a dict", [])  # odd messages are ignored
    text = widget.fallback_text()
    assert all(label in text for label in action.FIELD_LABELS.values() if label != "Level")


def test_the_widget_root_suppresses_jupyterlab_shortcuts() -> None:
    js = (ROOT / "src" / "praxislab" / "static" / "actionplan.js").read_text("utf-8")
    assert 'setAttribute("data-lm-suppress-shortcuts", "true")' in js
    assert js.count("el(\"label\"") >= 2 and "aria-invalid" in js and "aria-live" in js


# -- choosing an earlier entry --------------------------------------------------------------

def _fill(journal: Journal) -> None:
    journal.save(Entry("01-power", "power-noticed", "The manager read the file aloud.",
                       prompt_text="Who held power?"))
    journal.save(Entry("01-power", "my-bases", "Private thoughts.", private=True,
                       prompt_text="Which bases will you hold?"))
    journal.save(Entry("01-power", "empty", "   "))
    journal.save(Entry("04-adp-vs-aop", "lens", kind="choice", data={"answers": {"a": "b"}}))
    journal.save(Entry("10-from-reflection-to-action", "cycle-analyse", "Today's writing",
                       private=True))


def test_the_chooser_lists_written_reflections_from_earlier_lessons(journal_dir: Path) -> None:
    journal = Journal()
    _fill(journal)
    listed = action.reflection_choices(journal, exclude_notebook="10-from-reflection-to-action")
    assert [key for key, _ in listed] == ["01-power/my-bases", "01-power/power-noticed"]
    assert listed[0][1].endswith("(private)")
    public = action.reflection_choices(journal, include_private=False)
    assert [key for key, _ in public] == ["01-power/power-noticed"]
    # Titles only: no entry text in the list.
    assert not any("manager read" in title for _, title in listed)


def test_the_chosen_entry_is_read_afresh_and_never_copied(journal_dir: Path) -> None:
    journal = Journal()
    _fill(journal)
    lesson = Lesson("10-from-reflection-to-action", journal)
    box = action.entry_chooser(lesson)
    controls, shown = box.children
    def files() -> list[tuple[str, int]]:
        return sorted((str(p.relative_to(journal.directory)), p.stat().st_mtime_ns)
                      for p in journal.directory.rglob("*") if p.is_file())

    before = files()
    controls.values = {"entry": "01-power/power-noticed"}
    assert "The manager read the file aloud." in shown.value
    assert files() == before  # choosing wrote nothing anywhere
    journal.save(Entry("01-power", "power-noticed", "Edited <b>later</b>.",
                       prompt_text="Who held power?"))
    before = files()
    controls.values = {"entry": ""}
    controls.values = {"entry": "01-power/power-noticed"}
    assert "Edited &lt;b&gt;later&lt;/b&gt;." in shown.value
    assert files() == before
    assert action.read_entry(journal, "../etc/passwd") is None
    assert action.read_entry(journal, "01-power/not-there") is None


def test_an_empty_journal_gets_a_message_not_an_empty_list(journal_dir: Path) -> None:
    shown = action.entry_chooser(Lesson("10-from-reflection-to-action"))
    assert "no written reflections" in shown.data


# -- what the portfolio contains -------------------------------------------------------------

def test_the_preview_lists_exactly_what_is_shared_and_left_out(journal_dir: Path) -> None:
    journal = Journal()
    _fill(journal)
    preview = action.portfolio_preview(journal)
    shared = {(e.notebook, e.prompt) for e in preview.included}
    left_out = {(e.notebook, e.prompt) for e in preview.left_out}
    assert shared == {(e.notebook, e.prompt) for e in journal.entries(include_private=False)}
    assert left_out == {("01-power", "my-bases"),
                        ("10-from-reflection-to-action", "cycle-analyse")}
    assert len(shared) == 3 and not shared & left_out
    html = preview._repr_html_()
    assert "Private thoughts" not in html and "Today's writing" not in html  # titles only
    assert "Included (3)" in html and "Left out because private (2)" in html
    assert "contain 3 entries" in preview.text()


# -- content -------------------------------------------------------------------------------

def test_the_schemes_table_renders_every_row_with_headers() -> None:
    data = action.load_schemes()
    page = action.schemes_table().data
    assert len(data["rows"]) == 3 and len(data["columns"]) == 6
    assert page.count('<th scope="row">') == 3 and page.count('<th scope="col">') == 6
    assert "<caption>" in page


def test_a_broken_schemes_file_names_the_file_and_field(tmp_path: Path) -> None:
    good = (ROOT / "data" / "content" / "10-schemes.yaml").read_text("utf-8")
    (tmp_path / "10-schemes.yaml").write_text(good.replace("    mullaly: \"Cultural\"\n", ""),
                                              "utf-8")
    shown = action.schemes_table(directory=tmp_path).data
    assert "10-schemes.yaml" in shown and "rows[2].mullaly" in shown
    (tmp_path / "10-schemes.yaml").write_text("title: [unclosed", "utf-8")
    assert "10-schemes.yaml" in action.schemes_table(directory=tmp_path).data


@pytest.mark.parametrize("name", ["09-assessment-rewrite", "10-raising-a-concern"])
def test_each_rewrite_task_has_a_text_and_a_model_behind_a_control(name: str) -> None:
    data = action.load_rewrite(name)
    original = action.rewrite_task(name).data
    model = action.rewrite_task(name, part="model").data
    assert data["model"][:60] not in original  # the model is only behind the control
    assert model.startswith("<details") and "<summary>Show a model" in model
    assert model.count("<li>") == len(data["changes"]) >= 3
    assert "fictional" in original


def test_a_missing_rewrite_file_gives_a_message(tmp_path: Path) -> None:
    shown = action.rewrite_task("09-assessment-rewrite", directory=tmp_path).data
    assert "09-assessment-rewrite.yaml" in shown and "Traceback" not in shown
