"""The JupyterLite site (`make lite`): builds offline, lists every notebook and data file,
serves praxislab's own wheel, tells learners where their journal lives, and loads in
Chromium.

Pyodide itself comes from Pyodide's public distribution at run time, which this machine
cannot reach: the browser test blocks those requests, checks they are the only ones
that leave the site, and checks the page up to that point (what only a networked run
can check is in docs/deployment.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import browser_or_skip

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_lite  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts"
DATA = sorted(p for p in (ROOT / "data").rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once, offline: any proxy is a dead address, and pip may not use
    an index, so a build step that tried the network would fail."""
    work = tmp_path_factory.mktemp("lite-work")
    output = work / "site"
    dead = "http://127.0.0.1:9"
    env = {**os.environ, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "http_proxy": dead,
           "https_proxy": dead, "NO_PROXY": "", "no_proxy": "", "PIP_NO_INDEX": "1"}
    code = ("import sys; sys.path.insert(0, 'tools'); import build_lite, pathlib;"
            "build_lite.build(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))")
    result = subprocess.run([sys.executable, "-c", code, str(output), str(work)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return output


def _listing(site: Path, folder: str) -> dict[str, dict]:
    index = site / "api" / "contents" / folder / "all.json"
    assert index.is_file(), f"no contents index {index}"
    return {item["path"]: item for item in json.loads(index.read_text())["content"]}


def test_contents_index_lists_every_notebook_and_data_file(site: Path) -> None:
    assert len(NOTEBOOKS) >= 6 and len(DATA) >= 10, (len(NOTEBOOKS), len(DATA))
    listed = _listing(site, "notebooks")
    missing = [nb.name for nb in NOTEBOOKS if f"notebooks/{nb.name}" not in listed]
    assert not missing, f"notebooks missing from the site's index: {missing}"
    checked = 0
    for path in DATA:
        rel = path.relative_to(ROOT).as_posix()
        folder = rel.rsplit("/", 1)[0]
        assert rel in _listing(site, folder), f"{rel} missing from the site's index"
        served = site / "files" / rel
        assert served.read_bytes() == path.read_bytes(), f"{rel} differs on the site"
        checked += 1
    assert checked == len(DATA)
    print(f"the site lists {len(NOTEBOOKS)} notebooks and {checked} data files")


def test_every_notebook_opens_with_the_browser_only_note_and_install(site: Path) -> None:
    for source in NOTEBOOKS:
        nb = json.loads((site / "files" / "notebooks" / source.name).read_text())
        original = json.loads(source.read_text())
        note, install = nb["cells"][:2]
        assert build_lite.TAG in note["metadata"]["tags"]
        text = "".join(note["source"])
        assert "journal lives in this browser only" in text and "Download" in text
        code = "".join(install["source"])
        assert "%pip install -q --no-deps praxislab" in code
        assert nb["cells"][2:] == original["cells"], f"{source.name}: lesson cells changed"
        assert nb["metadata"]["kernelspec"]["name"] == "python"
    print(f"checked the first cells of {len(NOTEBOOKS)} notebooks")


def test_site_serves_praxislab_wheel_complete_and_the_helpers(site: Path) -> None:
    indexes = list(site.rglob("pypi/all.json"))
    names = {name for index in indexes for name in json.loads(index.read_text())}
    for needed in ["praxislab", *build_lite.HELPERS]:
        assert needed in names, f"{needed} is not in the site's wheel index {indexes}"
    wheels = list(site.rglob("praxislab-*.whl"))
    assert len(wheels) == 1
    content = zipfile.ZipFile(wheels[0]).namelist()
    static = [n for n in content if n.startswith("praxislab/static/")]
    assert len(static) >= 7 and "praxislab/static/praxis.css" in static
    print(f"{len(names)} wheels indexed; praxislab's wheel carries {len(static)} static files")


def test_site_carries_the_collection_settings_and_no_pypi_fallback(site: Path) -> None:
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    ours = json.loads((ROOT / "jupyter" / "overrides.json").read_text())
    overrides = config["settingsOverrides"]
    for plugin, values in ours.items():
        for key, value in values.items():
            assert overrides[plugin][key] == value, (plugin, key)
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    print(f"{sum(len(v) for v in ours.values())} shipped settings are in the site")


@pytest.mark.browser
def test_site_loads_in_chromium(site: Path) -> None:
    from labserver import CHROMIUM, CHROMIUM_FLAGS

    sync_playwright = browser_or_skip()
    expected = len(json.loads((site / "files/notebooks/00-start-here.ipynb")
                              .read_text())["cells"])
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    outside: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()

            def block(route):
                outside.append(route.request.url)
                route.abort()

            page.route(lambda url: not url.startswith(base), block)
            page.goto(f"{base}/lab/index.html?path=notebooks/00-start-here.ipynb",
                      timeout=120_000)
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
            # windowingMode "defer" (the shipped settings) attaches every cell.
            page.wait_for_function("n => document.querySelectorAll("
                                   "'.jp-NotebookPanel .jp-Cell').length >= n",
                                   arg=expected, timeout=120_000)
            first = page.locator(".jp-NotebookPanel .jp-Cell").first.inner_text()
            cells = page.locator(".jp-NotebookPanel .jp-Cell").count()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "lite-start-page.png"))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert "journal lives in this browser only" in first
    assert cells == expected, (cells, expected)
    # Nothing but Pyodide's distribution may be fetched from outside the site (blocked
    # here; the kernel's worker asks for it, so the page itself may show none).
    assert all("pyodide" in url for url in outside), outside
    print(f"the site opened the start page ({cells} cells); blocked outside requests: "
          f"{len(outside)} (Pyodide)")
