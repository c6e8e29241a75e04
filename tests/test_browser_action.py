"""Lesson 10's action-plan widget in the real JupyterLab, driven by the keyboard alone, and
lessons 09-10 checked with axe-core. Reuses the fixtures and helpers of tests/test_browser.py.
"""

from __future__ import annotations

import json
import re

import pytest

from test_browser import (  # noqa: F401 - fixtures are used by name
    browser,
    expect,
    lab,
    open_notebook,
    page,
    run_all,
    run_axe,
    shoot,
)

pytestmark = pytest.mark.browser

CELLS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell"


def _tab_to(pg, name: str, limit: int = 8) -> None:
    """Press Tab until the focused element is the button called `name`."""
    for _ in range(limit):
        pg.keyboard.press("Tab")
        if pg.evaluate("() => document.activeElement && document.activeElement.textContent")\
                == name:
            return
    raise AssertionError(f"Tab never reached the button {name!r}")


def test_action_plan_by_keyboard_alone(page, lab) -> None:  # noqa: F811 - fixtures
    open_notebook(page, lab, "10-from-reflection-to-action.ipynb")
    run_all(page)
    form = page.locator(".praxis-actionplan")
    expect(form).to_have_count(1)
    cells_before = page.locator(CELLS).count()

    # Check an empty plan first: every problem is shown in words, linked to its field.
    form.get_by_role("button", name="Check my plan").focus()
    page.keyboard.press("Enter")
    expect(form.locator(".praxis-feedback", has_text="✗ To fix")).to_have_count(6)
    expect(form.get_by_label(re.compile("^Goal"))).to_have_attribute("aria-invalid", "true")

    # Fill it in from the keyboard. Letters such as a, b, d, m, y would be notebook
    # shortcuts in command mode; inside the widget they must only type.
    form.get_by_label(re.compile("^Goal")).focus()
    page.keyboard.type("Clients speak first at every review; add a bay ddmm yy.")
    page.keyboard.press("Tab")            # into the level radio group
    page.keyboard.press("ArrowDown")      # moves to and selects "Organisational"
    expect(form.get_by_role("radio", name=re.compile("^Organisational"))).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("My supervisor and the service user forum")
    page.keyboard.press("Tab")
    page.keyboard.type("Meetings run longer; some colleagues resist")
    page.keyboard.press("Tab")
    page.keyboard.type("Ask my supervisor on Monday")
    page.keyboard.press("Tab")
    page.keyboard.type("02022027")       # a date that reads the same as mm/dd or dd/mm
    _tab_to(page, "Check my plan")
    page.keyboard.press("Enter")
    status = form.locator("[role='status']")
    expect(status).to_contain_text("Plan saved", timeout=30_000)
    expect(form.locator(".praxis-feedback", has_text="✗ To fix")).to_have_count(0)
    assert page.locator(CELLS).count() == cells_before, "a keystroke ran a notebook command"

    saved = json.loads((lab["journal"] / "10-from-reflection-to-action" / "my-plan.json")
                       .read_text("utf-8"))
    assert saved["kind"] == "action" and saved["data"]["complete"] is True
    assert saved["data"]["plan"]["level"] == "organisational"
    assert saved["data"]["plan"]["review_date"] == "2027-02-02"
    assert saved["data"]["plan"]["goal"].startswith("Clients speak first")
    shoot(page, "action-plan-keyboard")

    violations = run_axe(page)
    assert not violations, "; ".join(violations)


def test_lesson_09_model_rewrite_opens_from_the_keyboard(page, lab) -> None:  # noqa: F811
    open_notebook(page, lab, "09-aop-in-therapy-and-mental-health.ipynb")
    run_all(page)
    summary = page.locator("details summary", has_text="Show a model rewrite")
    expect(summary).to_have_count(1)
    expect(page.get_by_text("What changed, and why")).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("What changed, and why")).to_be_visible()
    violations = run_axe(page)
    assert not violations, "; ".join(violations)
    shoot(page, "lesson-09-model-rewrite")


def test_entry_chooser_by_keyboard_reads_the_journal(page, lab) -> None:  # noqa: F811
    from praxislab.journal import Entry, Journal

    Journal(lab["journal"]).save(Entry("01-power", "power-noticed",
                                       "The manager read my file <b>aloud</b>.",
                                       prompt_text="Who held power in that meeting?"))
    open_notebook(page, lab, "10-from-reflection-to-action.ipynb")
    run_all(page)
    select = page.get_by_label("Choose one of your entries")
    select.focus()
    page.keyboard.press("ArrowDown")  # from "(choose)" to the first entry
    expect(select).to_have_value("01-power/power-noticed")
    shown = page.locator("section[aria-label='Your chosen entry']")
    expect(shown).to_contain_text("The manager read my file <b>aloud</b>.")  # shown as text
    expect(shown.locator("[role='status']")).to_contain_text("Showing your entry")
    violations = run_axe(page)
    assert not violations, "; ".join(violations)
    shoot(page, "entry-chooser-keyboard")
