"""The pins: pyproject.toml's ranges, requirements/lock.txt's exact versions and
environment.yml's pip: section must describe one environment.

Every entry in every file is checked; anything that is not what its file should hold
(an exact pin of a locked package, or a range the lock satisfies) is reported, except
the few deliberate exceptions listed and explained below."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "lock.txt"
# What the collection cannot run without: each must be a runtime dependency and be
# pinned for Binder.
CORE = {"jupyterlab", "ipykernel", "ipywidgets", "anywidget", "pandas", "matplotlib", "pyyaml",
        "jsonschema", "frictionless"}
# Deliberate exceptions, the only non-pip entries environment.yml may hold: conda-forge
# provides the interpreter (the minor version is pinned; conda picks the newest patch
# release) and pip, which then installs every other package at the lock's versions.
CONDA_EXCEPTIONS = {"python=3.11", "pip"}
EXACT = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9][0-9A-Za-z.+!]*)")


def parse_lock(text: str) -> tuple[dict[str, str], list[str]]:
    """Exact pins from a lock file, and a problem for every line that is not one."""
    pins: dict[str, str] = {}
    problems = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = EXACT.fullmatch(line)
        if not match:
            problems.append(f"lock line {number}: {line!r} is not an exact pin (name==version)")
            continue
        name = canonicalize_name(match.group(1))
        if name in pins:
            problems.append(f"lock line {number}: {name} is pinned twice")
        pins[name] = match.group(2)
    return pins, problems


def check_ranges(specs: list[str], lock: dict[str, str], where: str) -> list[str]:
    """Every pyproject entry is a valid range on a locked package that the lock satisfies."""
    problems = []
    for spec in specs:
        try:
            req = Requirement(spec)
        except InvalidRequirement as exc:
            problems.append(f"{where}: {spec!r} is not a valid requirement ({exc})")
            continue
        name = canonicalize_name(req.name)
        if name not in lock:
            problems.append(f"{where}: {spec!r} names {name}, which is not in the lock")
        elif not req.specifier:
            problems.append(f"{where}: {spec!r} has no version range")
        elif not req.specifier.contains(lock[name], prereleases=True):
            problems.append(f"{where}: {spec!r} does not accept the locked {name}=={lock[name]}")
        if req.marker is not None or req.extras or req.url:
            problems.append(f"{where}: {spec!r}: markers, extras and URLs are not expected")
    return problems


def check_environment(data: dict, lock: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """environment.yml: the documented conda exceptions, then exact pins equal to the lock."""
    problems = []
    pip_pins: dict[str, str] = {}
    if data.get("channels") != ["conda-forge", "nodefaults"]:
        problems.append(f"environment.yml: channels must be conda-forge only, not "
                        f"{data.get('channels')}")
    conda = []
    for entry in data.get("dependencies") or []:
        if isinstance(entry, dict) and set(entry) == {"pip"}:
            for spec in entry["pip"] or []:
                match = EXACT.fullmatch(str(spec))
                if not match:
                    problems.append(f"environment.yml pip: {spec!r} is not an exact pin")
                    continue
                name = canonicalize_name(match.group(1))
                if name not in lock:
                    problems.append(f"environment.yml pip: {spec!r} is not in the lock")
                elif lock[name] != match.group(2):
                    problems.append(f"environment.yml pip: {spec!r} but the lock has "
                                    f"{name}=={lock[name]}")
                pip_pins[name] = match.group(2)
        elif isinstance(entry, str) and entry in CONDA_EXCEPTIONS:
            conda.append(entry)
        else:
            problems.append(f"environment.yml: {entry!r} is neither a documented conda "
                            f"exception {sorted(CONDA_EXCEPTIONS)} nor in the pip: section")
    if sorted(conda) != sorted(CONDA_EXCEPTIONS):
        problems.append(f"environment.yml: expected conda entries {sorted(CONDA_EXCEPTIONS)}, "
                        f"found {conda}")
    return pip_pins, problems


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _lock() -> dict[str, str]:
    pins, problems = parse_lock(LOCK.read_text())
    assert not problems, problems
    assert len(pins) > 50, f"only {len(pins)} pins in {LOCK}"
    return pins


def test_every_pyproject_entry_is_a_range_the_lock_satisfies() -> None:
    project, lock = _pyproject(), _lock()
    specs = {"dependencies": project["dependencies"]}
    specs.update({f"[{k}]": v for k, v in project["optional-dependencies"].items()})
    problems = []
    for where, group in specs.items():
        problems += check_ranges(group, lock, f"pyproject.toml {where}")
    assert not problems, "\n".join(problems)
    runtime = {canonicalize_name(Requirement(s).name) for s in project["dependencies"]}
    assert not CORE - runtime, f"missing runtime dependencies: {sorted(CORE - runtime)}"
    checked = sum(len(g) for g in specs.values())
    assert checked >= 20
    print(f"checked {checked} pyproject.toml entries against {len(lock)} locked versions")


def test_environment_yml_pins_exactly_what_the_lock_pins() -> None:
    lock = _lock()
    pip_pins, problems = check_environment(yaml.safe_load((ROOT / "environment.yml")
                                                          .read_text()), lock)
    assert not problems, "\n".join(problems)
    needed = {canonicalize_name(Requirement(s).name) for s in _pyproject()["dependencies"]}
    needed.add("notebook")
    assert not needed - set(pip_pins), f"Binder would miss {sorted(needed - set(pip_pins))}"
    assert len(pip_pins) >= 40
    # conda's python=3.11 is the oldest Python the package accepts.
    assert _pyproject()["requires-python"] == ">=3.11"
    print(f"checked {len(pip_pins)} environment.yml pins against the lock")


def test_this_environment_has_the_locked_versions() -> None:
    """Every locked package is installed here at its locked version (a known package,
    and no drift between the lock and what `make env` installed)."""
    lock = _lock()
    differ = {}
    for name, version in lock.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            differ[name] = (version, installed)
    assert not differ, f"lock vs this environment (locked, installed): {differ}\n" \
        "run `make env` (or `make lock` if pyproject.toml changed)"
    print(f"checked {len(lock)} installed versions")


def test_binder_test_tools_are_exact_pins() -> None:
    """requirements/repo2docker.txt (tools for tests/test_binder.py, outside the lock)."""
    pins, problems = parse_lock((ROOT / "requirements" / "repo2docker.txt").read_text())
    assert not problems, problems
    assert set(pins) == {"jupyter-repo2docker", "uv"}, pins
    assert not set(pins) & set(_lock()), "a test tool is also in the lock"


def test_the_checks_catch_entries_that_are_not_exact_pins() -> None:
    """The old comparison split 'pandas>=2' at the first '=' into a package 'pandas>' and
    skipped it. Each of these made-up entries must be reported."""
    lock, problems = parse_lock("pandas==3.0.0\npandas>=2\nnumpy\nmatplotlib = 3.1\n")
    assert lock == {"pandas": "3.0.0"} and len(problems) == 3, problems
    assert "'pandas>=2' is not an exact pin" in problems[0]
    env = {"channels": ["conda-forge", "nodefaults"],
           "dependencies": ["python=3.11", "pip", "jupyterlab>=4", "pandas=3.0.0",
                            {"pip": ["pandas>=2", "pandas==2.9", "nosuchthing==1.0"]}]}
    _, problems = check_environment(env, {"pandas": "3.0.0"})
    assert len(problems) == 5, problems
    assert any("'jupyterlab>=4' is neither" in p for p in problems)
    assert any("'pandas>=2' is not an exact pin" in p for p in problems)
    assert any("lock has pandas==3.0.0" in p for p in problems)
    assert any("nosuchthing" in p for p in problems)
    problems = check_ranges(["pandas>=4", "nosuchthing>=1", "pandas", "pandas>=2", "pand as"],
                            {"pandas": "3.0.0"}, "pyproject")
    assert len(problems) == 4, problems
    assert "does not accept the locked pandas==3.0.0" in problems[0]


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
