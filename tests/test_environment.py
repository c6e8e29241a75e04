"""pyproject.toml and environment.yml must pin the same versions of the same stack."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CORE = {"jupyterlab", "ipykernel", "ipywidgets", "anywidget", "pandas", "matplotlib", "pyyaml",
        "nbval", "papermill"}
# conda-forge names that differ from PyPI names.
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}
BUILD_ONLY = {"python", "pip", "setuptools"}


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    specs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]
    pins = {}
    for spec in specs:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9][0-9A-Za-z.]*)", spec)
        assert match, f"pyproject.toml: '{spec}' is not an exact pin (name==version)"
        pins[match.group(1).lower()] = match.group(2)
    return pins


def _environment() -> tuple[dict[str, str], dict]:
    data = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for spec in data["dependencies"]:
        assert isinstance(spec, str), "environment.yml: keep every dependency in conda form"
        name, _, version = spec.partition("=")
        name = CONDA_TO_PYPI.get(name, name.lower())
        if name in BUILD_ONLY:
            continue
        assert version and not version.startswith("="), f"environment.yml: pin '{spec}' exactly"
        pins[name] = version
    return pins, data


def test_core_stack_is_in_both_files() -> None:
    py, (env, _) = _pyproject(), _environment()
    assert not CORE - set(py), f"missing from pyproject.toml: {sorted(CORE - set(py))}"
    assert not CORE - set(env), f"missing from environment.yml: {sorted(CORE - set(env))}"


def test_shared_packages_have_the_same_version() -> None:
    py, (env, _) = _pyproject(), _environment()
    shared = sorted(set(py) & set(env))
    differ = {name: (py[name], env[name]) for name in shared if py[name] != env[name]}
    assert not differ, f"versions differ (pyproject, environment.yml): {differ}"
    assert len(shared) >= len(CORE)
    print(f"compared {len(shared)} shared pins")


def test_conda_forge_only_and_python_pinned() -> None:
    _, data = _environment()
    assert data["channels"] == ["conda-forge", "nodefaults"]
    assert "python=3.11" in data["dependencies"]
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.11"


def test_binder_installs_the_package_after_the_environment() -> None:
    post = (ROOT / "postBuild").read_text()
    assert "pip install --no-deps" in post and "-e ." in post
    assert "install-lab-settings" in post
    assert not (ROOT / "binder").exists(), "a binder/ folder would make repo2docker ignore " \
        "the top-level environment.yml and postBuild"


def test_lab_settings_install_and_merge(tmp_path: Path) -> None:
    import json

    from praxislab.cli import main

    existing = tmp_path / "etc/jupyter/jupyter_lab_config.json"
    existing.parent.mkdir(parents=True)
    existing.write_text(json.dumps({"LabApp": {"collaborative": False}, "Other": {"x": 1}}))
    assert main(["install-lab-settings", "--prefix", str(tmp_path)]) == 0
    config = json.loads(existing.read_text())
    assert config["LabApp"]["news_url"] is None
    assert config["LabApp"]["extension_manager"] == "readonly"
    assert config["LabApp"]["collaborative"] is False and config["Other"] == {"x": 1}
    overrides = json.loads((tmp_path / "share/jupyter/lab/settings/overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert overrides["@jupyterlab/apputils-extension:notification"]["checkForUpdates"] is False


def test_setup_refuses_old_python_with_advice(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import runpy, sys; sys.argv=['setup_env.py'];"
            "m = runpy.run_path('tools/setup_env.py', run_name='not_main');"
            "m['MIN_PYTHON'] = (99, 0); m['check_python'].__globals__['MIN_PYTHON'] = (99, 0);"
            "m['check_python']()")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 2
    assert "needs Python 99.0 or newer" in result.stderr
    assert "What to do: install Python 3.11 or newer" in result.stderr


def test_setup_is_a_no_op_when_current() -> None:
    import runpy
    import subprocess
    import sys
    import time

    setup = runpy.run_path(str(ROOT / "tools" / "setup_env.py"), run_name="not_main")
    if not setup["is_current"](setup["fingerprint"]()):
        pytest.skip("the environment is out of date here (run through `make test`); "
                    "running set-up from a test would reinstall it")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "tools/setup_env.py"], cwd=ROOT,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0 and "setting up" not in result.stderr
    print(f"set-up check on a current environment took {elapsed:.2f} s")
