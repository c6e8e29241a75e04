"""Binder: what can be checked without Docker or mybinder.org.

1. repo2docker (from PyPI, in its own cached environment) reads the repository with
   `--no-build --debug` and writes the Dockerfile it would build: the conda buildpack
   for Python 3.11, environment.yml into the server's environment, then postBuild.
2. A simulated Binder environment: a virtual environment with the Jupyter packages of
   repo2docker's own base environment at the versions in repo2docker's lock file, then
   exactly the project's install steps (environment.yml's pip: section, as conda runs
   it, then postBuild). It must pass `pip check`, report the locked JupyterLab, answer
   `jupyterhub-singleuser --help`, and serve the start page to Chromium.

Both environments live in .cache/ (git-ignored), keyed by a hash of every file they
depend on, so only the first run after a change pays for building them (under a minute with
uv installing the packages; with pip it took 5 minutes on a loaded 2-core machine). What only a
real Binder build can confirm is listed in docs/deployment.md.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import browser_or_skip

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache"
R2D_PIN = ROOT / "requirements" / "repo2docker.txt"
PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
# The Jupyter packages of repo2docker's base environment (its conda/environment.yml),
# conda-forge name -> PyPI name. Their versions are read from repo2docker's lock file.
BASE_PACKAGES = {
    "jupyterlab": "jupyterlab", "notebook": "notebook", "jupyter_server": "jupyter-server",
    "jupyterhub-base": "jupyterhub", "ipywidgets": "ipywidgets", "ipykernel": "ipykernel",
    "jupyter-resource-usage": "jupyter-resource-usage",
    "jupyter-offlinenotebook": "jupyter-offlinenotebook",
    "jupyterlab_server": "jupyterlab-server", "notebook-shim": "notebook-shim",
    "jupyter-lsp": "jupyter-lsp", "jupyter_client": "jupyter-client",
    "jupyter_core": "jupyter-core", "traitlets": "traitlets", "tornado": "tornado",
}


def _digest(*paths: Path) -> str:
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _pip(python: Path, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", "--quiet",
                    *args], check=True)


def _uv_install(uv: Path, python: Path, *args: str) -> None:
    """pip's install, done by uv (same resolution of exact pins, parallel downloads):
    a cold build takes seconds instead of minutes."""
    subprocess.run([str(uv), "pip", "install", "--quiet", "--python", str(python), *args],
                   check=True)


def _cached_venv(name: str, key: str, build) -> Path:
    """A venv in .cache/<name>-<key>, built once by `build(python)`; older keys removed."""
    CACHE.mkdir(exist_ok=True)
    target = CACHE / f"{name}-{key}"
    if (target / ".complete").exists():
        return target
    for old in CACHE.glob(f"{name}-*"):
        shutil.rmtree(old)
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
    build(target / "bin" / "python")
    (target / ".complete").write_text(key + "\n")
    return target


@pytest.fixture(scope="module")
def repo2docker() -> Path:
    pins = [line for line in R2D_PIN.read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(pins) == 2 and all(PIN.fullmatch(pin) for pin in pins), pins
    venv = _cached_venv("repo2docker", _digest(R2D_PIN),
                        lambda py: _pip(py, "install", "-r", str(R2D_PIN)))
    return venv / "bin" / "repo2docker"


@pytest.fixture(scope="module")
def base_lock(repo2docker: Path) -> dict[str, str]:
    """PyPI name -> version of the base environment's Jupyter packages, from the lock file
    repo2docker itself uses for a Python 3.11 repository."""
    found = list(repo2docker.parents[1].glob(
        "lib/python3*/site-packages/repo2docker/buildpacks/conda/"
        "environment.py-3.11-linux-64.lock"))
    assert len(found) == 1, found
    versions = {}
    for line in found[0].read_text().splitlines():
        file = line.rsplit("/", 1)[-1]
        match = re.match(r"(.+)-([^-]+)-[^-]+\.(conda|tar\.bz2)", file)
        if match and match.group(1) in BASE_PACKAGES:
            versions[BASE_PACKAGES[match.group(1)]] = match.group(2)
    assert set(versions) == set(BASE_PACKAGES.values()), set(BASE_PACKAGES.values()) - set(
        versions)
    return versions


def test_repo2docker_plans_conda_then_environment_then_postbuild(repo2docker: Path) -> None:
    result = subprocess.run([str(repo2docker), "--no-build", "--no-run", "--debug", str(ROOT)],
                            capture_output=True, text=True, timeout=300)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    assert "Building conda environment for python=3.11" in out
    steps = [
        # the base environment for Python 3.11 (repo2docker escapes the file's name)
        "environment-2epy-2d3-2e11-2dlinux-2d64-2elock",
        'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"',
        "COPY --chown=0:0 src/ ${REPO_DIR}/",
        "RUN ./postBuild",
    ]
    positions = [out.find(step) for step in steps]
    assert all(p >= 0 for p in positions), dict(zip(steps, positions, strict=True))
    assert positions == sorted(positions), "steps out of order"
    assert "requirements.txt" not in out and "binder/" not in out
    print(f"repo2docker plans {len(steps)} expected steps in order")


def _pip_section() -> list[str]:
    data = yaml.safe_load((ROOT / "environment.yml").read_text())
    sections = [d["pip"] for d in data["dependencies"] if isinstance(d, dict)]
    assert len(sections) == 1 and len(sections[0]) > 20
    return sections[0]


@pytest.fixture(scope="module")
def binder_env(base_lock: dict[str, str], repo2docker: Path) -> Path:
    # Not pyproject.toml: postBuild installs the package editable and without dependencies.
    key = _digest(ROOT / "environment.yml", ROOT / "postBuild", R2D_PIN)

    uv = repo2docker.parent / "uv"

    def build(python: Path) -> None:
        _uv_install(uv, python, *(f"{n}=={v}" for n, v in sorted(base_lock.items())))
        # What `conda env update` does with a pip: section (pip install -U -r).
        requirements = python.parents[1] / "pip-section.txt"
        requirements.write_text("\n".join(_pip_section()) + "\n")
        _uv_install(uv, python, "-U", "-r", str(requirements))
        bin_dir = str(python.parent)
        env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"],
               "VIRTUAL_ENV": str(python.parents[1])}
        subprocess.run(["bash", str(ROOT / "postBuild")], cwd=ROOT, env=env, check=True)

    return _cached_venv("binder-sim", key, build) / "bin"


@pytest.mark.slow
def test_simulated_binder_env_is_consistent(binder_env: Path, base_lock: dict[str, str]) -> None:
    check = subprocess.run([str(binder_env / "python"), "-m", "pip", "check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    locked = dict(PIN.fullmatch(spec).groups() for spec in _pip_section())
    version = subprocess.run([str(binder_env / "jupyter"), "lab", "--version"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version == locked["jupyterlab"]
    helped = subprocess.run([str(binder_env / "jupyterhub-singleuser"), "--help-all"],
                            capture_output=True, text=True, timeout=120)
    assert helped.returncode == 0 and "JupyterHubSingleUser" in helped.stdout, helped.stderr
    freeze = subprocess.run([str(binder_env / "python"), "-m", "pip", "freeze"],
                            capture_output=True, text=True, check=True).stdout
    installed = {}
    for line in freeze.splitlines():
        match = PIN.fullmatch(line)
        if match:
            installed[match.group(1).lower().replace("_", "-")] = match.group(2)
    wrong = {n: (v, installed.get(n)) for n, v in locked.items() if installed.get(n) != v}
    assert not wrong, f"(locked, installed) after the Binder steps: {wrong}"
    assert "praxislab" in freeze
    # Not in the pins: the base image's jupyterhub stays, and must fit them (pip check).
    assert installed["jupyterhub"] == base_lock["jupyterhub"]
    print(f"pip check passed; {len(locked)} pins in place over a base of "
          f"{len(base_lock)} Jupyter packages (JupyterLab {base_lock['jupyterlab']} -> "
          f"{version}, notebook {base_lock['notebook']} -> {locked['notebook']})")


@pytest.mark.slow
@pytest.mark.browser
def test_simulated_binder_serves_the_start_page(binder_env: Path, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from labserver import CHROMIUM, CHROMIUM_FLAGS, _free_port

    sync_playwright = browser_or_skip()
    served = tmp_path / "repo"
    shutil.copytree(ROOT / "notebooks", served / "notebooks")
    shutil.copytree(ROOT / "data", served / "data")
    port, token = _free_port(), "binder-sim-token"
    env = {**os.environ, "HOME": str(tmp_path), "PRAXISLAB_JOURNAL": str(tmp_path / "journal"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "PATH": str(binder_env) + os.pathsep + os.environ["PATH"]}
    log = tmp_path / "server.log"
    with open(log, "w") as handle:
        server = subprocess.Popen(
            [str(binder_env / "jupyter"), "lab", "--no-browser", f"--port={port}",
             "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={served}", "--ServerApp.port_retries=0",
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            cwd=served, env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert time.time() < deadline, log.read_text()[-3000:]
                time.sleep(0.5)
        # The URL the README's badge opens (urlpath=lab/tree/notebooks/00-start-here.ipynb).
        url = f"{base}/lab/tree/notebooks/00-start-here.ipynb?reset&token={token}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            page.goto(url, timeout=120_000)
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
            page.wait_for_selector("#jp-main-statusbar :text('| Idle')", timeout=120_000)
            cells = page.locator(".jp-NotebookPanel .jp-Cell").count()
            browser.close()
        assert cells > 5
        assert "Extension Manager is 'readonly'" in log.read_text()
        print(f"the simulated Binder served the start page ({cells} cells, kernel idle)")
    finally:
        server.terminate()
        server.wait(30)
