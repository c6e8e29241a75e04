"""Build the JupyterLite site (`make lite`): the whole collection in the browser, no server.

Offline: everything comes from this checkout and .venv (jupyterlite-core and
jupyterlite-pyodide-kernel are in the lock). The output in build/lite/ is a static
folder for any web host (docs/deployment.md). What it holds:

- every lesson notebook, each with two cells added at the top of the site's copy only:
  a note that the journal lives in this browser and how to export it, and the install
  of praxislab and its pure-Python helpers from wheels served by the site itself;
- data/ (so lessons find their cases and activities) and the collection's JupyterLab
  settings (jupyter/overrides.json);
- praxislab's own wheel, built here, plus the few pure-Python wheels it needs that
  Pyodide does not ship (anywidget, psygnal, ipywidgets), at the lock's versions.
  praxislab goes in with --no-deps: its server-side dependencies (JupyterLab, ipykernel)
  mean nothing in the browser.

At run time the site loads Pyodide and its scientific packages (numpy, pandas,
matplotlib, PyYAML, ...) from Pyodide's public distribution, so learners need a network
connection the first time; this machine cannot reach it, so the tests check the site
around that (tests/test_lite.py).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LITE_DIR = ROOT / "lite"
OUTPUT = ROOT / "build" / "lite"
WHEELS_CACHE = ROOT / ".cache" / "lite-wheels"
# Pure-Python packages praxislab imports that Pyodide's distribution does not provide.
HELPERS = ["anywidget", "psygnal", "ipywidgets"]
# Packages from Pyodide's own distribution that praxislab imports.
PYODIDE_PACKAGES = ["numpy", "pandas", "matplotlib", "pyyaml", "pillow", "jsonschema"]
TAG = "praxislab-lite"

NOTE = """\
**You are using Praxis Lab in your web browser (JupyterLite).** Nothing is installed on \
a server, and nothing you write is sent anywhere.

- **Your journal lives in this browser only**, in this site's storage on this device. \
Another browser, another computer, a private window, or clearing this site's data will \
not have it.
- **To keep your work**, run the export cell at the end of the lesson \
(or `lesson.export()`), then in the file browser on the left open `my-journal`, then \
`exports`, right-click `portfolio.html` and choose **Download**.
- The first run of the cell below fetches Python for the browser (Pyodide) from the \
internet, which can take a minute; after that it is cached.
"""


def lock_versions() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def helper_wheels() -> list[Path]:
    """The helpers' pure-Python wheels at the lock's versions, from .cache/lite-wheels
    (filled by `make env`, which can reach the package index)."""
    pins = lock_versions()
    found = []
    if not WHEELS_CACHE.is_dir():
        try:
            download_helpers()
        except subprocess.CalledProcessError:
            pass  # reported below, wheel by wheel
    for name in HELPERS:
        stem = f"{name.replace('-', '_')}-{pins[name]}-"
        matches = sorted(p for p in WHEELS_CACHE.glob(f"{stem}*py3-none-any.whl"))
        if not matches:
            raise SystemExit(f"build_lite: no pure-Python wheel {stem}*.whl in {WHEELS_CACHE}.\n"
                             "  What to do: run `make env` once with access to the package "
                             "index, then `make lite` again.")
        found.append(matches[-1])
    return found


def download_helpers(python: str = sys.executable) -> None:
    """Called by tools/setup_env.py: fetch the helpers' pure-Python wheels once."""
    pins = lock_versions()
    WHEELS_CACHE.mkdir(parents=True, exist_ok=True)
    specs = [f"{name}=={pins[name]}" for name in HELPERS]
    subprocess.run([python, "-m", "pip", "download", "--quiet", "--no-deps",
                    "--only-binary=:all:", "--platform", "any", "--python-version", "3.12",
                    "--implementation", "py", "--abi", "none",
                    "--dest", str(WHEELS_CACHE), *specs], check=True)


def build_wheel(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(dest), str(ROOT)],
                   check=True, env={**os.environ, "PIP_NO_INDEX": "1"})
    wheels = sorted(dest.glob("praxislab-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def lite_cells() -> list[dict]:
    install = (f"%pip install -q --no-deps praxislab {' '.join(HELPERS)}\n"
               f"%pip install -q {' '.join(PYODIDE_PACKAGES)}")
    meta = {"tags": [TAG], "editable": False}
    return [
        {"cell_type": "markdown", "id": "praxislab-lite-note", "metadata": meta,
         "source": NOTE},
        {"cell_type": "code", "id": "praxislab-lite-install", "metadata": copy.deepcopy(meta),
         "source": install, "outputs": [], "execution_count": None},
    ]


def stage_contents(stage: Path) -> list[Path]:
    """Copy the collection's learner-facing files into `stage`; returns the notebooks."""
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(ROOT / "data", stage / "data")
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        raise SystemExit("build_lite: no notebooks in notebooks/")
    (stage / "notebooks").mkdir(parents=True)
    for source in notebooks:
        nb = json.loads(source.read_text("utf-8"))
        nb["cells"] = lite_cells() + nb["cells"]
        nb.setdefault("metadata", {})["kernelspec"] = {
            "name": "python", "display_name": "Python (Pyodide)", "language": "python"}
        (stage / "notebooks" / source.name).write_text(json.dumps(nb, indent=1) + "\n",
                                                      "utf-8")
    shutil.copyfile(LITE_DIR / "README.md", stage / "README.md")
    return notebooks


def build(output: Path = OUTPUT, work: Path | None = None) -> Path:
    work = work or ROOT / "build" / "lite-work"
    stage = work / "contents"
    stage_contents(stage)
    wheel = build_wheel(work / "wheels")
    wheels = [wheel, *helper_wheels()]
    if output.exists():
        shutil.rmtree(output)
    # The lite folder's configuration plus the collection's JupyterLab settings, which
    # JupyterLite reads as overrides.json beside its configuration.
    lite_dir = work / "lite-dir"
    if lite_dir.exists():
        shutil.rmtree(lite_dir)
    shutil.copytree(LITE_DIR, lite_dir, ignore=shutil.ignore_patterns("README.md"))
    shutil.copyfile(ROOT / "jupyter" / "overrides.json", lite_dir / "overrides.json")
    jupyter = Path(sys.executable).parent / "jupyter"
    command = [str(jupyter), "lite", "build", "--lite-dir", str(lite_dir),
               "--contents", str(stage), "--output-dir", str(output),
               "--no-sourcemaps", "--no-libarchive",
               *[arg for w in wheels for arg in ("--piplite-wheels", str(w))]]
    result = subprocess.run(command, cwd=work, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit("build_lite: `jupyter lite build` failed:\n"
                         + (result.stdout + result.stderr)[-4000:])
    print(f"built the JupyterLite site in {output}")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(OUTPUT))
    parser.add_argument("--download-helpers", action="store_true",
                        help="only fetch the helper wheels into .cache/lite-wheels")
    args = parser.parse_args(argv)
    if args.download_helpers:
        download_helpers()
        return 0
    build(Path(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
