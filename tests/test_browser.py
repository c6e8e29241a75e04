"""The collection in a real JupyterLab, driven by headless Chromium (Debian's package).

nbval and papermill run no JavaScript, so only this can see a widget that fails to render
or a reflection that does not come back. Skipped, with a clear reason, when Chromium or
Playwright is missing; CI sets PRAXISLAB_REQUIRE_BROWSER=1 so a missing browser fails.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, browser_or_skip

sys.path.insert(0, str(ROOT / "tools"))
from labserver import CHROMIUM, CHROMIUM_FLAGS, start_lab  # noqa: E402

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
WIDGET_CALL = re.compile(r"^\s*lesson\.(reflect|activity|ratings|lens|explore|choices)\(|"
                         r"^\s*lesson\.lens\(|^\s*(graces|oppression|power|adp_aop)\.\w+\(.*\)\s*$",
                         re.M)


def expect(locator):
    from playwright.sync_api import expect as _expect

    return _expect(locator)


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[dict]:
    browser_or_skip()
    home = tmp_path_factory.mktemp("lab-home")
    try:
        server = start_lab(home)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    # The shipped settings are in force: no extension manager calling PyPI.
    assert "Extension Manager is 'readonly'" in server.log.read_text()
    yield {"base": server.base, "token": server.token, "journal": server.journal,
           "server": server}
    server.stop()


@pytest.fixture(scope="module")
def browser(lab):
    sync_playwright = browser_or_skip()
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    local = ("http://127.0.0.1", "data:", "blob:", "file:")
    outside = [u for u in requests if not u.startswith(local)]
    context.close()
    assert not outside, f"the page made requests beyond the Jupyter server: {outside[:5]}"


def open_notebook(page, lab, name: str) -> None:
    # A fresh workspace each time, so no tab from an earlier test is restored.
    page.goto(lab["server"].url(name))
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    page.wait_for_selector("#jp-main-statusbar :text('| Idle')", timeout=90_000)


CODE_PROMPTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt"


def run_all(page) -> None:
    """Run All Cells, retrying until the kernel has accepted the request."""
    deadline = time.time() + 60
    while time.time() < deadline:
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).first.click()
        time.sleep(1.0)
        if page.locator(CODE_PROMPTS).filter(has_text=re.compile(r"\[(\*|\d+)\]")).count():
            break
    wait_idle(page)


def wait_idle(page, timeout: float = 180) -> None:
    """Until every code cell shows an execution number, twice in a row."""
    deadline = time.time() + timeout
    settled = 0
    while time.time() < deadline:
        prompts = page.locator(CODE_PROMPTS)
        total = prompts.count()
        done = prompts.filter(has_text=re.compile(r"\[\d+\]")).count()
        settled = settled + 1 if total and done == total else 0
        if settled >= 2:
            return
        time.sleep(0.5)
    raise AssertionError(f"the kernel did not finish: {done} of {total} cells ran")


def expected_widgets(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(1 for c in nb.cells if c.cell_type == "code" and WIDGET_CALL.search(c.source))


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_every_widget_renders(page, lab, path: Path) -> None:
    open_notebook(page, lab, path.name)
    run_all(page)
    shoot(page, path.stem)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert page.locator(".jp-OutputArea-output .jp-RenderedText:has-text('Traceback')").count() == 0
    assert page.get_by_text("Error displaying widget").count() == 0
    rendered = page.locator(".jp-OutputArea-output .praxis, .jp-OutputArea-output "
                            ".widget-dropdown, .jp-OutputArea-output figure img[alt]").count()
    expected = expected_widgets(path)
    assert rendered >= expected, f"{rendered} widgets rendered, expected at least {expected}"
    stderr = errors.count()
    assert stderr == 0, f"{path.stem}: {stderr} stderr outputs: " + " | ".join(
        errors.nth(i).inner_text()[:200] for i in range(min(stderr, 3)))
    violations = run_axe(page)
    assert not violations, f"{path.stem}: serious or critical accessibility violations: " \
        + "; ".join(violations)
    print(f"{path.stem}: {rendered} widgets rendered (expected >= {expected}); "
          f"{stderr} stderr outputs; axe: no serious or critical violations")


def run_axe(page) -> list[str]:
    """axe-core over the lesson's own content: rendered markdown and every output."""
    if not AXE.exists():
        if os.environ.get("PRAXISLAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"axe-core is missing ({AXE}); run `make test` with npm installed")
        print("ACCESSIBILITY CHECK SKIPPED: axe-core is not installed (needs npm)")
        return []
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const panel = '.jp-NotebookPanel:not(.lm-mod-hidden) ';
        const context = {include: [[panel + '.jp-MarkdownOutput'],
                                   [panel + '.jp-OutputArea-output']]};
        const r = await axe.run(context, {resultTypes: ['violations']});
        if (!r.passes.length) return ['axe checked nothing: the lesson content was not found'];
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => `${v.id} (${v.impact}, ${v.nodes.length} nodes): ` +
                 v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | '));
    }""")
    return result


def test_reflection_survives_a_kernel_restart(page, lab) -> None:
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    box = page.get_by_label(re.compile("What brings you to this topic"))
    box.click()
    box.fill("")
    box.type("Power is everywhere in practice, ✊🏽 ngā mihi.", delay=5)
    status = page.locator(".praxis-reflection [role='status']").first
    expect(status).to_have_text(re.compile(r"^Saved at \d\d:\d\d\.$"), timeout=15_000)
    expect(page.locator(".praxis-reflection .praxis-status").first).to_have_text(
        re.compile(r"^Saved at \d\d:\d\d:\d\d\.$"))
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Restart Kernel and Run All Cells")).click()
    page.locator(".jp-Dialog-button.jp-mod-accept").click()
    # The old view (which still holds the typed text) is replaced when the cell re-runs:
    # wait for the new view's "Restored" status before reading the restored text.
    expect(page.locator(".praxis-reflection [role='status']").first).to_contain_text(
        "Restored", timeout=120_000)
    again = page.get_by_label(re.compile("What brings you to this topic"))
    expect(again).to_have_value("Power is everywhere in practice, ✊🏽 ngā mihi.")
    shoot(page, "reflection-restored")


def test_quiz_by_keyboard_alone(page, lab) -> None:
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    first = page.get_by_label("The cell runs, and the notebook moves on to the next cell")
    first.focus()
    page.keyboard.press("ArrowDown")  # radio groups move with the arrow keys
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the Check button
    feedback = page.locator(".praxis-choices .praxis-feedback").first
    feedback.wait_for(state="visible")
    # The explanation's own "Not quite." is not repeated after the verdict.
    assert feedback.inner_text().startswith("✗ Not quite: Saving is"), feedback.inner_text()
    page.keyboard.press("Shift+Tab")  # back into the radio group, on the checked option
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.textContent.startsWith('✓')",
                           arg=feedback.element_handle())
    shoot(page, "quiz-keyboard")
    # Re-running the cell with Shift-Enter, as the start page teaches, keeps what was read.
    quiz_cell = page.locator(".jp-CodeCell", has_text='lesson.activity("first-try")').first
    quiz_cell.locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    again = quiz_cell.locator(".praxis-choices")
    expect(again.locator("[role='status']")).to_contain_text("Restored your answers",
                                                            timeout=30_000)
    expect(again.locator(".praxis-feedback").first).to_contain_text("✓ Matches")


def test_axe_check_can_fail(page, lab) -> None:
    """The accessibility check must be able to fail: plant known violations."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed")
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    page.evaluate("""() => {
        const out = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) '
                                           + '.jp-OutputArea-output');
        const bad = document.createElement('div');
        bad.innerHTML = '<img src="data:image/png;base64,AAAA"><input type="range">';
        out.appendChild(bad);
    }""")
    found = " ".join(run_axe(page))
    assert "image-alt" in found and "label" in found, found


def test_rating_by_keyboard_clears_with_undo_and_works_at_200_percent_zoom(page, lab) -> None:
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    slider = page.get_by_label("Using widgets", exact=True)
    slider.focus()
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", "7 out of 10")
    chart = page.locator(".praxis-rating figure img")
    expect(chart).to_have_attribute("alt", re.compile("Using widgets 7"), timeout=15_000)
    status = page.locator(".praxis-rating [role='status']")
    # The live region says what changed, not every rating and every unrated item.
    expect(status).to_have_text("Saved privately: Using widgets 7.")
    page.get_by_role("button", name="Clear all my ratings").click()
    expect(status).to_contain_text("cleared")
    expect(slider).to_have_attribute("aria-valuetext", "not rated")
    shoot(page, "rating-cleared-with-undo")
    page.get_by_role("button", name="Undo: bring my ratings back").click()
    expect(slider).to_have_attribute("aria-valuetext", "7 out of 10")
    expect(status).to_contain_text("back")
    expect(page.get_by_role("button", name="Undo: bring my ratings back")).to_be_hidden()
    shoot(page, "rating")
    slider.focus()
    page.keyboard.press("End")  # 10 out of 10, the widest value
    expect(slider).to_have_attribute("aria-valuetext", "10 out of 10")
    slider.scroll_into_view_if_needed()
    checked = check_200_percent_zoom(page, "zoom-200")
    print(f"200% zoom: {checked} widgets checked")


def test_sorter_gives_explained_feedback(page, lab) -> None:
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    sorter = page.locator(".praxis-choices", has_text="A first taste: ADP or AOP?")
    group = sorter.locator("fieldset", has_text="landlord refused to rent")
    group.get_by_label("Anti-oppressive (AOP)").check()
    sorter.get_by_role("button", name="Check my answers").click()
    feedback = group.locator(".praxis-feedback")
    expect(feedback).to_contain_text("✗ Not quite")
    expect(feedback).to_contain_text("overt act of discrimination")
    expect(sorter.locator("[role='status']")).to_contain_text("0 of 1 answered match")


def _run_code(page, cell_text: str, new_code: str) -> None:
    cell = page.locator(".jp-CodeCell", has_text=cell_text).first
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(new_code)
    page.keyboard.press("Shift+Enter")


def test_self_check_wrong_then_right(page, lab) -> None:
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    cell = page.locator(".jp-CodeCell", has_text='lesson.check("first-ratio"').first
    expect(cell.locator(".jp-OutputArea-output")).to_contain_text("no answer yet")
    check = 'lesson.check("first-ratio", answer)'
    _run_code(page, 'lesson.check("first-ratio"', f'answer = "abc"\n{check}')
    expect(cell.locator(".jp-OutputArea-output")).to_contain_text("That is text")
    # A word without quotes: Python's error, then what to do in plain words.
    _run_code(page, 'lesson.check("first-ratio"', f"answer = twenty\n{check}")
    expect(cell.locator(".jp-OutputArea-output").last).to_contain_text(
        'Python does not know the word twenty. If you meant it as a word')
    _run_code(page, 'lesson.check("first-ratio"', f"answer = about one and a half\n{check}")
    expect(cell.locator(".jp-OutputArea-output").last).to_contain_text(
        "Python could not read this cell")
    _run_code(page, 'lesson.check("first-ratio"', f"answer = 2\n{check}")
    expect(cell.locator(".jp-OutputArea-output")).to_contain_text("Hint: Divide")
    _run_code(page, 'lesson.check("first-ratio"', f"answer = 22 / 14\n{check}")
    expect(cell.locator(".jp-OutputArea-output")).to_contain_text("✓ Correct")


def test_explorer_past_the_content_note(page, lab) -> None:
    open_notebook(page, lab, "05-case-explorer.ipynb")
    run_all(page)
    # The instructors' settings cell is collapsed: students do not see its code.
    expect(page.get_by_text("reveal_all = False")).to_be_hidden()
    page.get_by_label("Case:").select_option(value="housing-refusal")
    expect(page.locator(".praxis-note[role='note']")).to_contain_text("letting agent")
    expect(page.get_by_text("Part 1 of")).to_have_count(0)  # nothing shown before choosing
    page.get_by_role("button", name="Continue to the case").click()
    expect(page.get_by_text("Part 1 of 3: A viewing that went nowhere")).to_be_visible()
    page.get_by_role("button", name="Next part of the case").click()
    page.get_by_role("button", name="Next part of the case").click()
    expect(page.locator(".praxis-lens")).to_have_count(1)
    lens = page.locator(".praxis-lens")
    lens.get_by_role("radio", name="AOP (anti-oppressive)").check()
    expect(lens.locator("section[aria-label='ADP (anti-discriminatory)']")).to_be_hidden()
    shoot(page, "explorer")
    page.get_by_label("Case:").select_option(value="statutory-visit")
    page.get_by_role("button", name="Skip this case").click()
    expect(page.get_by_text("You skipped this case")).to_be_visible()
    expect(page.get_by_label("Case:").locator("option[value='statutory-visit']")) \
        .to_have_text(re.compile("· skipped$"))


def test_export_opens_and_is_inert(page, lab) -> None:
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    box = page.get_by_label(re.compile("What brings you to this topic"))
    box.fill("<script>document.title='pwned'</script> and <b>bold</b>")
    box.blur()
    expect(page.locator(".praxis-reflection [role='status']").first).to_contain_text("Saved")
    _run_code(page, "lesson.export()", "lesson.export()")
    cell = page.locator(".jp-CodeCell", has_text="lesson.export()").first
    expect(cell.locator(".jp-OutputArea-output").first).to_contain_text("Portfolio written")
    portfolio = lab["journal"] / "exports" / "portfolio.html"
    # This lab keeps the journal outside the folder it serves: no broken link, but the
    # full path and how to get the file.
    output = cell.locator(".jp-OutputArea-output").first
    expect(output).to_contain_text(str(portfolio))
    expect(output).to_contain_text("outside the folder")
    assert output.locator("a[href]").count() == 0
    viewer = page.context.new_page()
    viewer.goto(portfolio.as_uri())
    expect(viewer.get_by_text("<script>document.title='pwned'</script>", exact=False)) \
        .to_be_visible()
    assert viewer.title() == "My Praxis Lab portfolio"
    assert viewer.locator("main script, main b").count() == 0
    # A document: the lesson's title, never its file id.
    expect(viewer.locator("h2").first).to_have_text("Start here: how Praxis Lab works")
    assert "00-start-here" not in viewer.locator("main").inner_text()
    viewer.close()


def test_lens_explorer_and_reflection_by_keyboard_alone(page, lab) -> None:
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    lens = page.locator(".praxis-lens")
    lens.get_by_role("radio", name="Side by side").focus()
    page.keyboard.press("ArrowLeft")  # to the AOP lens
    expect(lens.locator("section[aria-label='Anti-discriminatory lens (ADP)']")).to_be_hidden()
    expect(lens.locator("section[aria-label='Anti-oppressive lens (AOP)']")).to_be_visible()
    box = page.get_by_label(re.compile("which part of this page"))
    box.focus()
    page.keyboard.type("Nothing so far.")
    page.keyboard.press("Tab")  # leaving the box saves at once
    expect(page.locator(".praxis-reflection [role='status']").last).to_contain_text("Saved")

    open_notebook(page, lab, "05-case-explorer.ipynb")
    run_all(page)
    # Letter keys on the case list jump between cases; no notebook shortcut may fire.
    before = _notebook_text(page)
    page.get_by_label("Case:").focus()
    for key in SEQUENCES:
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert _active(page).startswith("SELECT"), "select: focus left the control"
    assert _notebook_text(page) == before, "select: the notebook changed"
    page.get_by_label("Case:").select_option(value="")
    page.get_by_label("Case:").focus()
    first_case = page.get_by_label("Case:").locator("option").nth(1).get_attribute("value")
    assert first_case, "the case list is empty"
    page.keyboard.press("ArrowDown")  # the first case in the list
    expect(page.get_by_label("Case:")).to_have_value(first_case)
    # A person reads the content note before moving on; wait until it is on screen.
    expect(page.get_by_role("button", name="Continue to the case")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the wording choice, to Continue
    page.keyboard.press("Enter")
    # Focus moves to the new part's heading (a screen reader reads it out) ...
    focused = "() => document.activeElement && document.activeElement.textContent"
    page.wait_for_function(f"({focused})()?.startsWith('Part 1 of')", timeout=30_000)
    shoot(page, "explorer-keyboard")
    # ... and the next part's button is reached with Tab from there, not from the top.
    tabs = 0
    while tabs < 30:
        page.keyboard.press("Tab")
        tabs += 1
        if page.evaluate(focused) == "Next part of the case":
            break
    assert page.evaluate(focused) == "Next part of the case", "Next part not reached"
    page.keyboard.press("Enter")
    page.wait_for_function(f"({focused})()?.startsWith('Part 2 of')", timeout=30_000)
    print(f"from Part 1's heading to 'Next part': {tabs} Tab presses")


def _active(page) -> str:
    return page.evaluate("""() => { const a = document.activeElement;
        return a ? a.tagName + ':' + (a.type || '') + ':' + (a.id || a.textContent.slice(0, 30))
                 : ''; }""")


def _notebook_text(page) -> tuple[int, str]:
    cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
    sources = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .jp-InputArea-editor")
    return cells.count(), "\n".join(sources.all_inner_texts())


LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]
# Also the two-key shortcuts (d d deletes a cell, i i interrupts, 0 0 restarts) and the
# digit keys that turn a cell into a heading.
SEQUENCES = LETTERS + ["d", "d", "i", "i", "0", "0", *"123456", "Shift+M", "Shift+L"]


def test_no_jupyterlab_shortcut_fires_inside_a_widget(page, lab) -> None:
    """Every letter key, on every kind of control: the notebook stays exactly as it was,
    and focus stays on the control."""
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    _run_code(page, "lesson.export()", "lesson.export()")  # its button is a control too
    page.get_by_role("button", name=re.compile("private copy")).wait_for()
    controls = {
        "radio (quiz)": page.get_by_label("The cell runs, and the notebook moves on to the "
                                          "next cell"),
        "button (Check)": page.locator(".praxis-choices").first.get_by_role(
            "button", name="Check my answers"),
        "range (rating)": page.get_by_label("Using widgets", exact=True),
        "button (Clear)": page.get_by_role("button", name="Clear all my ratings"),
        "radio (lens)": page.locator(".praxis-lens").get_by_role("radio", name="Side by side"),
        "button (export)": page.get_by_role("button", name=re.compile("private copy")),
    }
    before = _notebook_text(page)
    assert before[0] > 20, before[0]
    pressed = 0
    for kind, control in controls.items():
        control.focus()
        where = _active(page)
        for key in SEQUENCES:
            page.keyboard.press(key)
            pressed += 1
        page.wait_for_timeout(300)
        assert _active(page) == where, f"{kind}: focus left the control"
        assert _notebook_text(page) == before, f"{kind}: the notebook changed"
    assert pressed == len(controls) * len(SEQUENCES) == 6 * len(SEQUENCES)
    print(f"pressed {pressed} keys on 6 kinds of control; no shortcut fired "
          "(the select is tried in the explorer keyboard test)")


def _shut_down_kernels(lab) -> int:
    import json
    import urllib.request

    base, token = lab["base"], lab["token"]
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}") as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}",
                                         method="DELETE")
        urllib.request.urlopen(request).close()
    return len(sessions)


def _save(page) -> None:
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    page.wait_for_timeout(1500)


def test_reopening_a_lesson_shows_no_widget_error_and_brings_answers_back(page, lab) -> None:
    served = lab["server"].log.parent / "served" / "notebooks" / "00-start-here.ipynb"
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    page.get_by_label("The cell runs, and the notebook moves on to the next cell").check()
    quiz = page.locator(".praxis-choices").first
    quiz.get_by_role("button", name="Check my answers").click()
    expect(quiz.locator(".praxis-feedback").first).to_contain_text("✓ Matches")
    box = page.get_by_label(re.compile("What brings you to this topic"))
    box.fill("Coming back next week.")
    box.blur()
    expect(page.locator(".praxis-reflection [role='status']").first).to_contain_text("Saved")
    _save(page)
    saved = served.read_text("utf-8")
    assert "application/vnd.jupyter.widget-view+json" not in saved
    assert saved.count("Run this cell (Shift-Enter) to bring back") >= 6
    # Change the page again and close it: the red "Discard" is harmless too.
    _run_code(page, "lesson.export()", "lesson.export()")
    page.get_by_role("menuitem", name="File", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Close Tab")).click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Save changes")
    dialog.get_by_role("button", name="Discard").click()
    expect(dialog).to_have_count(0)
    assert "application/vnd.jupyter.widget-view+json" not in served.read_text("utf-8")

    def reopen_and_check(label: str) -> None:
        open_notebook(page, lab, "00-start-here.ipynb")
        page.wait_for_timeout(3000)  # time for any widget error to appear
        assert page.get_by_text("Error displaying widget").count() == 0, label
        outputs = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output")
        expect(outputs.filter(has_text="Where your work is kept:").first).to_be_visible()
        expect(outputs.filter(has_text="Run this cell (Shift-Enter) to bring back").first) \
            .to_be_attached()
        shoot(page, f"reopened-{label}")

    reopen_and_check("kernel-running")  # closed and opened again; the kernel still runs
    assert _shut_down_kernels(lab) >= 1  # as a JupyterHub does overnight
    reopen_and_check("kernel-stopped")
    run_all(page)
    assert page.get_by_text("Error displaying widget").count() == 0
    expect(page.get_by_label(re.compile("What brings you to this topic"))) \
        .to_have_value("Coming back next week.")
    quiz = page.locator(".praxis-choices").first
    expect(quiz.get_by_label("The cell runs, and the notebook moves on to the next cell")) \
        .to_be_checked()
    expect(quiz.locator(".praxis-feedback").first).to_contain_text("✓ Matches")
    expect(quiz.locator("[role='status']")).to_contain_text("Restored your answers")
    shoot(page, "reopened-and-run")


ZOOM_PROBLEMS = """() => {
    const bad = [];
    const panel = '.jp-NotebookPanel:not(.lm-mod-hidden) ';
    for (const s of document.querySelectorAll(panel + '.praxis-rating input[type=range]'))
        if (s.getBoundingClientRect().width < 120)
            bad.push('slider ' + Math.round(s.getBoundingClientRect().width) + 'px');
    for (const o of document.querySelectorAll(panel + '.praxis-rating output')) {
        const line = parseFloat(getComputedStyle(o).lineHeight) || 20;
        if (o.getBoundingClientRect().height > line * 1.5) bad.push('value wraps');
    }
    for (const w of document.querySelectorAll(panel + '.jp-OutputArea-output .praxis'))
        if (w.scrollWidth > w.clientWidth + 1) bad.push('overflow in ' + w.className);
    for (const c of document.querySelectorAll(panel + '.praxis button, ' + panel +
                                              '.praxis input, ' + panel + '.praxis select'))
        // Controls not rendered at all (inside a hidden container, such as the
        // reflection's conflict choice when there is no conflict) are not "tiny".
        if (c.getClientRects().length && c.getBoundingClientRect().width < 12 &&
            c.type !== 'radio')
            bad.push('tiny ' + c.tagName + ' ' + (c.textContent || c.name || '').trim());
    return bad;
}"""


def check_200_percent_zoom(page, name: str) -> int:
    """200% zoom of a 1280 x 900 window is a 640 x 450 CSS-pixel viewport; with the file
    browser open beside the lesson, every widget must keep usable controls."""
    page.set_viewport_size({"width": 640, "height": 450})
    if not page.locator(".jp-FileBrowser").is_visible():
        page.get_by_role("menuitem", name="View", exact=True).click()
        page.get_by_role("menuitem", name=re.compile("^File Browser")).click()
    expect(page.locator(".jp-FileBrowser")).to_be_visible()
    page.wait_for_timeout(500)
    widgets = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .praxis")
    checked = widgets.count()
    assert checked >= 6 and page.locator(".praxis-rating input[type=range]").count() >= 3
    shoot(page, name)
    problems = page.evaluate(ZOOM_PROBLEMS)
    assert not problems, problems
    return checked
