"""A normal (non-editable) install of the package works: the wheel carries every file the
package reads, and a lesson runs from it.

The wheel is installed with pip, without -e and without dependencies, into a fresh
virtual environment whose only link to this one is a path entry to its site-packages
(for the dependencies; that folder's .pth files, including the editable praxislab's, are
not processed). The collection is found through PRAXISLAB_ROOT, as on a JupyterHub image
that installs the package and copies the notebooks elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "praxislab"
LESSON = "01-power.ipynb"


def _package_files() -> list[str]:
    """Every non-Python file under src/praxislab the package needs at run time."""
    found = []
    for path in sorted(SRC.rglob("*")):
        if path.is_file() and path.suffix in {".js", ".css", ".json"}:
            found.append(path.relative_to(SRC.parent).as_posix())
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # A clean copy of what a fresh clone has: the editable install's praxislab.egg-info
    # lists every file and would hide missing package-data globs.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE", "LICENSE-CONTENT"):
        shutil.copyfile(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src",
                    ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    # --no-build-isolation: setuptools (>= 77, in the lock) is already here, so no download.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(out), str(source)],
                   check=True, cwd=source, env={**os.environ, "PIP_NO_INDEX": "1"})
    wheels = list(out.glob("praxislab-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed by pip; returns its python."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig;"
                                "print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "praxislab-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                    "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    return python


def test_wheel_contains_every_static_and_schema_file(wheel: Path) -> None:
    expected = _package_files()
    assert len(expected) >= 7, expected  # six widget modules and the stylesheet, at least
    assert any(name.endswith(".css") for name in expected)
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in expected if name not in names]
    assert not missing, f"missing from {wheel.name}: {missing}"
    print(f"{len(expected)} data files are in {wheel.name}")


CHECK = r"""
import importlib, inspect, json, os, sys
from pathlib import Path
import anywidget
import praxislab
from praxislab import action, widgets
here = Path(praxislab.__file__).resolve()
assert "site-packages" in here.parts and sys.prefix in str(here), here
kinds = {}
for name, cls in {**vars(widgets), **vars(action)}.items():
    if inspect.isclass(cls) and issubclass(cls, anywidget.AnyWidget) and name[0] != "_":
        # anywidget turns a file path into its contents; a missing file stays a path.
        esm, css = str(cls._esm), str(cls._css)
        assert "export default" in esm, name
        assert "{" in css and not css.endswith(".css"), (name, css[:200])
        kinds[name] = len(esm)
from praxislab import paths
print(json.dumps({"file": str(here), "kinds": kinds, "root": str(paths.collection_root())}))
"""


def test_installed_wheel_imports_and_loads_every_widget_module(installed: Path,
                                                               tmp_path: Path) -> None:
    env = {**os.environ, "PRAXISLAB_ROOT": str(ROOT)}
    result = subprocess.run([str(installed), "-c", CHECK], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert not report["file"].startswith(str(ROOT / "src")), report["file"]
    assert report["root"] == str(ROOT)
    kinds = report["kinds"]
    js = {p.stem for p in (SRC / "static").glob("*.js")} - {"common"}
    assert len(kinds) >= len(js) >= 7, (kinds, js)
    print(f"{len(kinds)} widget kinds load their modules from the wheel: {sorted(kinds)}")


@pytest.mark.notebooks
def test_a_lesson_runs_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    """Lesson 01 runs top to bottom in a kernel of the fresh environment."""
    lesson = tmp_path / LESSON
    lesson.write_bytes((ROOT / "notebooks" / LESSON).read_bytes())
    run = ("import nbformat, sys; from nbclient import NotebookClient;"
           "nb = nbformat.read(sys.argv[1], as_version=4);"
           "NotebookClient(nb, timeout=300, kernel_name='python3',"
           " resources={'metadata': {'path': sys.argv[2]}}).execute();"
           "nbformat.write(nb, sys.argv[1])")
    env = {**os.environ, "PRAXISLAB_ROOT": str(ROOT), "JUPYTER_PATH": "",
           "PRAXISLAB_JOURNAL": str(tmp_path / "journal")}
    result = subprocess.run([str(installed), "-c", run, str(lesson), str(tmp_path)],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    cells = json.loads(lesson.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    errors = [o for c in code for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert code and not errors
    assert all(c.get("execution_count") for c in code if "".join(c["source"]).strip())
    print(f"ran {len(code)} code cells of {LESSON} from the wheel")
