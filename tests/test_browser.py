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

from conftest import ROOT

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


def _browser_or_skip():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "Playwright for Python is not installed"
    else:
        if os.path.exists(CHROMIUM):
            return sync_playwright
        reason = f"Chromium was not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("PRAXISLAB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here but cannot run: {reason}")
    pytest.skip(f"BROWSER TESTS SKIPPED: {reason}")


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[dict]:
    _browser_or_skip()
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
    sync_playwright = _browser_or_skip()
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
    violations = run_axe(page)
    assert not violations, f"{path.stem}: serious or critical accessibility violations: " \
        + "; ".join(violations)
    print(f"{path.stem}: {rendered} widgets rendered (expected >= {expected}); "
          f"{errors.count()} stderr outputs; axe: no serious or critical violations")


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
    again = page.get_by_label(re.compile("What brings you to this topic"))
    # The old view is replaced when the cell re-runs; wait for the restored text.
    expect(again).to_have_value("Power is everywhere in practice, ✊🏽 ngā mihi.",
                                timeout=90_000)
    expect(page.locator(".praxis-reflection [role='status']").first).to_contain_text("Restored")
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
    assert feedback.inner_text().startswith("✗ Not quite")
    page.keyboard.press("Shift+Tab")  # back into the radio group, on the checked option
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.textContent.startsWith('✓')",
                           arg=feedback.element_handle())
    shoot(page, "quiz-keyboard")


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


def test_rating_by_keyboard_updates_chart_and_clears(page, lab) -> None:
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
    expect(status).to_contain_text("Saved privately")
    page.get_by_role("button", name="Clear all my ratings").click()
    expect(status).to_contain_text("cleared")
    expect(slider).to_have_attribute("aria-valuetext", "not rated")
    shoot(page, "rating")


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
    _run_code(page, 'lesson.check("first-ratio"', f"answer = 2\n{check}")
    expect(cell.locator(".jp-OutputArea-output")).to_contain_text("Hint: Divide")
    _run_code(page, 'lesson.check("first-ratio"', f"answer = 22 / 14\n{check}")
    expect(cell.locator(".jp-OutputArea-output")).to_contain_text("✓ Correct")


def test_explorer_past_the_content_note(page, lab) -> None:
    open_notebook(page, lab, "05-case-explorer.ipynb")
    run_all(page)
    page.get_by_label("Case:").select_option(label="A refused tenancy (England)")
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
    page.get_by_label("Case:").select_option(label="The door on the chain (England)")
    page.get_by_role("button", name="Skip this case").click()
    expect(page.get_by_text("You skipped this case")).to_be_visible()


def test_export_opens_and_is_inert(page, lab) -> None:
    open_notebook(page, lab, "00-start-here.ipynb")
    run_all(page)
    box = page.get_by_label(re.compile("What brings you to this topic"))
    box.fill("<script>document.title='pwned'</script> and <b>bold</b>")
    box.blur()
    expect(page.locator(".praxis-reflection [role='status']").first).to_contain_text("Saved")
    _run_code(page, "lesson.export()", "lesson.export()")
    cell = page.locator(".jp-CodeCell", has_text="lesson.export()").first
    expect(cell.locator(".jp-OutputArea-output")).to_contain_text("Portfolio written")
    portfolio = lab["journal"] / "exports" / "portfolio.html"
    viewer = page.context.new_page()
    viewer.goto(portfolio.as_uri())
    expect(viewer.get_by_text("<script>document.title='pwned'</script>", exact=False)) \
        .to_be_visible()
    assert viewer.title() == "My Praxis Lab portfolio"
    assert viewer.locator("main script, main b").count() == 0
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
    page.get_by_label("Case:").focus()
    page.keyboard.press("ArrowDown")  # the first case in the list
    expect(page.get_by_label("Case:")).to_have_value("family-group-conference")
    # A person reads the content note before moving on; wait until it is on screen.
    expect(page.get_by_role("button", name="Continue to the case")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the wording choice, to Continue
    page.keyboard.press("Enter")
    expect(page.locator(".widget-html h3", has_text=re.compile(r"^Part 1 of \d"))) \
        .to_be_visible(timeout=15_000)
    shoot(page, "explorer-keyboard")
