"""Nothing a learner writes is lost, in a real JupyterLab (issue 14): the kernel dies
while they type, two tabs edit one answer, and earlier versions come back by keyboard.

Uses the server, browser and page fixtures of test_browser.py (one server per module).
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
from pathlib import Path

import pytest

import test_browser as shared
from test_browser import expect, open_notebook, run_all, shoot

# The server, browser and page fixtures, shared with test_browser.py.
lab, browser, page = shared.lab, shared.browser, shared.page

pytestmark = pytest.mark.browser

PROMPT = re.compile("What brings you to this topic")
NOT_SAVED = ("Not saved: the notebook's kernel stopped. Your text is safe in this page; "
             "re-run this cell to reconnect.")


def saved_text(lab, prompt: str = "why-here") -> str:
    record = json.loads((lab["journal"] / "00-start-here" / f"{prompt}.json").read_text("utf-8"))
    return record["text"]


def kernel_pids(lab) -> list[int]:
    """The lab's kernels: processes started with a connection file in its runtime folder."""
    runtime = str(Path(lab["journal"]).parent / "runtime")
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "ipykernel" in cmdline and runtime in cmdline:
            found.append(int(entry))
    return found


def test_kernel_dies_while_typing_text_is_kept_and_saved_after_rerun(page, lab) -> None:
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    box = page.get_by_label(PROMPT)
    status = page.locator(".praxis-reflection", has=box).locator(".praxis-status")
    box.fill("")
    box.type("Before the kernel stopped.", delay=5)
    expect(status).to_have_text(re.compile(r"^Saved at"), timeout=20_000)
    assert saved_text(lab) == "Before the kernel stopped."

    pids = kernel_pids(lab)
    assert len(pids) == 1, f"expected one kernel, found {pids}"
    os.kill(pids[0], signal.SIGKILL)  # as the out-of-memory killer would
    # JupyterLab says "Kernel Restarting" in a dialog; the learner closes it and types on.
    dialog = page.locator(".jp-Dialog", has_text="Kernel Restarting")
    dialog.wait_for(timeout=30_000)
    dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
    box.click()
    page.keyboard.press("End")
    box.type(" Typed after it stopped, and never lost.", delay=5)
    expect(status).to_have_text(NOT_SAVED, timeout=30_000)
    shoot(page, "reflection-not-saved")
    assert saved_text(lab) == "Before the kernel stopped."
    kept = page.evaluate("() => localStorage.getItem('praxislab:unsaved:00-start-here/why-here')")
    assert "never lost" in json.loads(kept)["text"]

    # JupyterLab restarts the kernel; the learner re-runs the cells.
    page.wait_for_selector("#jp-main-statusbar :text('| Idle')", timeout=90_000)
    run_all(page)
    again = page.get_by_label(PROMPT)
    full = "Before the kernel stopped. Typed after it stopped, and never lost."
    expect(again).to_have_value(full, timeout=60_000)
    expect(page.locator(".praxis-reflection", has=again).locator(".praxis-status")) \
        .to_have_text(re.compile(r"^Restored the text you typed while saving had stopped "
                                 r"\(this page kept it\)\. Saved at"), timeout=30_000)
    deadline = time.time() + 20
    while saved_text(lab) != full and time.time() < deadline:
        time.sleep(0.3)
    assert saved_text(lab) == full
    assert page.evaluate(
        "() => localStorage.getItem('praxislab:unsaved:00-start-here/why-here')") is None


def test_closing_the_tab_right_after_typing_loses_nothing(browser, lab) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        first = context.new_page()
        first.set_default_timeout(60_000)
        open_notebook(first, lab, "00-start-here.ipynb")
        run_all(first)
        box = first.get_by_label(re.compile("which part of this page"))
        box.fill("")
        box.type("Last words before closing.", delay=1)
        first.close(run_before_unload=True)  # within the save delay
        second = context.new_page()
        second.set_default_timeout(60_000)
        open_notebook(second, lab, "00-start-here.ipynb")
        run_all(second)
        # Sent at once as the tab closed, or kept by the page and put back now.
        expect(second.get_by_label(re.compile("which part of this page"))) \
            .to_have_value("Last words before closing.", timeout=60_000)
        deadline = time.time() + 20
        while (saved_text(lab, "first-impressions") != "Last words before closing."
               and time.time() < deadline):
            time.sleep(0.3)
        assert saved_text(lab, "first-impressions") == "Last words before closing."
    finally:
        context.close()


def test_two_tabs_conflicting_edits_keep_both_and_tell_the_learner(browser, lab) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab_a, tab_b = context.new_page(), context.new_page()
        for tab in (tab_a, tab_b):
            tab.set_default_timeout(60_000)
            open_notebook(tab, lab, "00-start-here.ipynb")
            run_all(tab)
        box_a, box_b = tab_a.get_by_label(PROMPT), tab_b.get_by_label(PROMPT)
        start = box_b.input_value()
        paragraph = ("A paragraph written carefully in the first tab, about who holds power "
                     "in a referral meeting and why.")
        box_a.fill(paragraph)
        box_a.blur()
        status_a = tab_a.locator(".praxis-reflection", has=box_a).locator(".praxis-status")
        expect(status_a).to_have_text(re.compile(r"^Saved at"), timeout=20_000)
        assert saved_text(lab) == paragraph

        tab_b.bring_to_front()
        box_b.click()
        tab_b.keyboard.press("End")
        tab_b.keyboard.type("!")  # one keystroke in the other tab
        reflection_b = tab_b.locator(".praxis-reflection", has=box_b)
        expect(reflection_b.locator(".praxis-status")).to_contain_text("Both versions kept",
                                                                        timeout=20_000)
        alert = reflection_b.locator(".praxis-conflict[role='alert']")
        expect(alert).to_contain_text("changed somewhere else")
        shoot(tab_b, "reflection-two-tabs")
        history = lab["journal"] / "00-start-here" / "earlier-versions" / "why-here"
        others = [json.loads(f.read_text("utf-8"))["text"] for f in history.glob("*-other.json")]
        assert others == [paragraph]
        assert saved_text(lab) == start + "!"

        # The learner chooses the other version, from the keyboard.
        use_other = alert.get_by_role("button", name="Use the other version")
        use_other.focus()
        tab_b.keyboard.press("Enter")
        expect(box_b).to_have_value(paragraph, timeout=20_000)
        expect(alert).to_be_hidden()
        assert saved_text(lab) == paragraph

        # Earlier versions by keyboard: open the list, restore the one-keystroke version.
        toggle = reflection_b.get_by_role("button", name="Earlier versions")
        toggle.focus()
        tab_b.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        region = reflection_b.get_by_role("region", name="Earlier versions of this answer")
        items = region.locator("li")
        expect(items.first).to_be_visible(timeout=20_000)
        count = items.count()
        assert count >= 2, f"{count} earlier versions listed"
        target = region.locator("li", has_text=start + "!").first
        restore = target.get_by_role("button", name=re.compile("^Restore: Saved"))
        restore.focus()
        tab_b.keyboard.press("Enter")
        expect(box_b).to_have_value(start + "!", timeout=20_000)
        expect(reflection_b.locator(".praxis-status")).to_contain_text("Restored an earlier")
        assert saved_text(lab) == start + "!"
        print(f"two tabs: both versions kept; {count} earlier versions listed")
    finally:
        context.close()
