"""The widget views, driven from Python as the browser would drive them (no kernel)."""

from __future__ import annotations

import base64
from pathlib import Path

from praxislab import Lesson
from praxislab.activities import Lens, LensCase, RatingItem, RatingScale
from praxislab.journal import Entry, Journal
from praxislab.widgets import ChoicesWidget, LensWidget, RatingWidget, ReflectionBox
from test_activities import SORTER

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def test_reflection_box_saves_restores_and_reports() -> None:
    lesson = Lesson("00-start-here")
    box = lesson.reflect("why", "Why are you here?")
    assert isinstance(box, ReflectionBox) and box.prompt == "Why are you here?"
    box.value = "To learn\x00 about power."
    assert box.value == "To learn about power."  # cleaned text is sent back
    assert box.status.startswith("Saved at")
    again = Lesson("00-start-here").reflect("why", "Why are you here?")
    assert again.value == "To learn about power." and "Restored" in again.status


def test_reflection_box_refuses_huge_text_without_losing_the_old() -> None:
    box = Lesson("nb").reflect("p", "Prompt")
    box.value = "kept"
    box.value = "x" * 60_000
    assert "Not saved" in box.status and "still in the box" in box.status
    assert Journal().load("nb", "p").text == "kept"


def test_bad_prompt_id_gives_a_message_not_a_traceback() -> None:
    shown = Lesson("nb").reflect("Bad Id!", "Prompt")
    assert "could not start" in shown.data and "cannot be used" in shown.data


def test_every_widget_has_a_text_fallback_for_static_export() -> None:
    widgets = [
        Lesson("nb").reflect("p", "A prompt about power"),
        ChoicesWidget(SORTER),
        RatingWidget(RatingScale("r", "Ratings", "Rate.", (RatingItem("age", "Age"),)),
                     Journal(), "nb"),
        LensWidget(LensCase("Case", (Lens("adp", "ADP lens", (("Notices", ("refusal",)),)),
                                     Lens("aop", "AOP lens", (("Notices", ("policy",)),))))),
    ]
    for widget in widgets:
        data, _ = widget._repr_mimebundle_()
        assert WIDGET_MIME in data
        assert data["text/plain"].strip() and "<pre" in data["text/html"]
    assert "A prompt about power" in widgets[0]._repr_mimebundle_()[0]["text/plain"]
    assert "A worker&#x27;s assumption" in widgets[1]._repr_mimebundle_()[0]["text/html"]
    assert "policy" in widgets[3]._repr_mimebundle_()[0]["text/plain"]
    print(f"checked {len(widgets)} widget kinds")


def test_fallback_never_contains_learner_text() -> None:
    box = Lesson("nb").reflect("p", "Prompt")
    box.value = "my private thoughts"
    data, _ = box._repr_mimebundle_()
    assert "my private thoughts" not in data["text/plain"] + data["text/html"]


def test_choices_check_reset_and_restore() -> None:
    lesson = Lesson("nb")
    widget = lesson.choices(SORTER)
    widget.answers = {"a": "p", "b": "s"}
    widget._on_msg(widget, {"event": "check"}, [])
    assert widget.feedback["a"]["verdict"] == "match" and "2 of 2" in widget.summary
    restored = lesson.choices(SORTER)
    assert restored.answers == {"a": "p", "b": "s"}
    widget._on_msg(widget, {"event": "reset"}, [])
    assert widget.answers == {} and widget.feedback == {}
    widget._on_msg(widget, "garbage", [])  # an odd message is ignored, not raised


def test_rating_widget_is_private_redraws_and_clears(journal_dir: Path) -> None:
    scale = RatingScale("graces", "GRACES", "Rate.", (RatingItem("age", "Age"),
                                                       RatingItem("class", "Class")))
    widget = RatingWidget(scale, Journal(), "03-social-graces")
    first_png = widget.chart_png
    assert "nothing rated yet" in widget.chart_alt
    widget.ratings = {"age": 8}
    entry = Journal().load("03-social-graces", "graces")
    assert entry.private and entry.data == {"ratings": {"age": 8}}
    assert widget.chart_png != first_png and base64.b64decode(widget.chart_png)[:4] == b"\x89PNG"
    assert "Age 8" in widget.chart_alt and "Not rated: Class" in widget.chart_alt
    restored = RatingWidget(scale, Journal(), "03-social-graces")
    assert restored.ratings == {"age": 8} and restored.status.startswith("Restored")
    widget._on_msg(widget, {"event": "clear"}, [])
    assert widget.ratings == {} and Journal().load("03-social-graces", "graces") is None
    assert "cleared" in widget.status


def test_lesson_activity_problems_are_messages(tmp_path: Path) -> None:
    shown = Lesson("no-such-lesson").activity("anything")
    assert "could not load" in shown.data and "no activity called" in shown.data


def test_lesson_export_shows_links(capsys, journal_dir: Path) -> None:
    Journal().save(Entry("nb", "p", "text"))
    Lesson("nb").export()
    assert (journal_dir / "exports" / "portfolio.html").is_file()


# -- reflection box: saving that stops, versions, conflicts (issue 14) -------------------

def test_reflection_box_acknowledges_each_text_it_handles() -> None:
    box = Lesson("nb").reflect("p", "Prompt")
    with box.hold_trait_notifications():  # as a browser message arrives: value and seq
        box.value = "first words"
        box.seq = 3
    assert box.ack == 3 and box.status.startswith("Saved at")
    assert box.version and box.version == Lesson("nb").reflect("p", "Prompt").version
    with box.hold_trait_notifications():
        box.value = "x" * 60_000
        box.seq = 4
    assert box.ack == 4 and "Not saved" in box.status  # heard, and says it did not save
    assert Journal().load("nb", "p").text == "first words"


def test_reflection_box_earlier_versions_list_and_restore() -> None:
    box = Lesson("nb").reflect("p", "Prompt")
    box.value = "A long first answer about power and who holds it in the room."
    box.value = ""
    box._on_msg(box, {"event": "revisions"}, [])
    assert len(box.revisions) == 1
    item = box.revisions[0]
    assert "words" in item["label"] and item["words"] == 13 and "long first" in item["preview"]
    box._on_msg(box, {"event": "restore", "id": item["id"]}, [])
    assert box.value.startswith("A long first answer") and "Restored an earlier" in box.status
    assert Journal().load("nb", "p").text == box.value
    text = box.earlier_versions_text()  # the text fallback: the empty one and the first
    assert text.count(" words") == 2 and "0 words" in text and "much shorter" in text


def test_reflection_box_in_two_tabs_keeps_both_and_offers_the_other() -> None:
    Lesson("nb").reflect("p", "Prompt").value = "start"
    tab_a, tab_b = (Lesson("nb", Journal()).reflect("p", "Prompt") for _ in range(2))
    tab_a.value = "A whole paragraph written in the first tab, carefully."
    tab_b.value = "start!"
    assert tab_b.notice and tab_b.other_id and "Both versions kept" in tab_b.status
    tab_b._on_msg(tab_b, {"event": "restore", "id": tab_b.other_id}, [])
    assert tab_b.value.startswith("A whole paragraph") and tab_b.notice == ""
    assert Journal().load("nb", "p").text == tab_b.value


def test_reflection_box_garbage_messages_change_nothing() -> None:
    box = Lesson("nb").reflect("p", "Prompt")
    box.value = "kept"
    before = {name: getattr(box, name) for name in box.keys}
    for garbage in ["garbage", None, 5, {"event": "restore", "id": "../../etc/passwd"},
                    {"event": "restore", "id": 7}, {"event": "nonsense"}, {"no": "event"}]:
        box._on_msg(box, garbage, [])
    after = {name: getattr(box, name) for name in box.keys}
    changed = {k for k in before if before[k] != after[k] and k != "status"}
    assert changed == set(), changed
    assert Journal().load("nb", "p").text == "kept"
    print(f"checked {len(before)} traits after 7 odd messages")


def test_reflection_box_that_could_not_read_is_locked(journal_dir: Path, monkeypatch) -> None:
    from praxislab import journal as journal_module

    Journal().save(Entry("nb", "p", "precious"))
    monkeypatch.setattr(journal_module, "_read_regular",
                        lambda target: (_ for _ in ()).throw(OSError(5, "Input/output error")))
    box = Lesson("nb").reflect("p", "Prompt")
    assert box.locked and "does not save" in box.status
    box.value = "oops"
    assert "Not saved" in box.status
    monkeypatch.undo()  # (this also undoes the journal fixture's variable: name the folder)
    assert Journal(journal_dir).load("nb", "p").text == "precious"
