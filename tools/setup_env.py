"""Create or refresh the local environment in .venv (used by `make lab` and `make test`).

Idempotent: when .venv already matches the pins and settings, it returns in well under
a second. Written so that an old Python can still read it far enough to say what is wrong.
"""
import hashlib
import os
import shutil
import subprocess
import sys

MIN_PYTHON = (3, 11)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.environ.get("PRAXISLAB_VENV", os.path.join(ROOT, ".venv"))
STAMP = os.path.join(VENV, ".praxislab-stamp")
# What the environment depends on: a change to any of these rebuilds it.
INPUTS = ["pyproject.toml", "requirements/lock.txt", "tools/setup_env.py", "jupyter/overrides.json",
          "jupyter/jupyter_lab_config.json", "tests/a11y/package-lock.json"]
A11Y = os.path.join(ROOT, "tests", "a11y")
# The one file of exact versions (tools/lock.py writes it); pip uses it as constraints.
LOCK = os.path.join(ROOT, "requirements", "lock.txt")
EXTRAS = "test,lite,binder"


def say(message):
    sys.stderr.write("praxislab setup: " + message + "\n")
    sys.stderr.flush()


def fail(message):
    say(message)
    sys.exit(2)


def check_python():
    if sys.version_info[:2] < MIN_PYTHON:
        fail("this collection needs Python %d.%d or newer, but `%s` is Python %d.%d.\n"
             "  What to do: install Python 3.11 or newer (python.org, your package manager,\n"
             "  or pyenv), then run `make lab PYTHON=python3.11` (or the newer version's name)."
             % (MIN_PYTHON + (sys.executable,) + tuple(sys.version_info[:2])))
    try:
        import venv  # noqa: F401
        import ensurepip  # noqa: F401
    except ImportError:
        fail("Python's `venv` module (with ensurepip) is missing.\n"
             "  What to do: on Debian or Ubuntu run `sudo apt-get install python3-venv`,\n"
             "  then run the same make command again.")


def fingerprint():
    digest = hashlib.sha256()
    digest.update(("%d.%d" % sys.version_info[:2]).encode())
    for name in INPUTS:
        with open(os.path.join(ROOT, name), "rb") as handle:
            digest.update(name.encode() + b"\0" + handle.read())
    return digest.hexdigest()


def venv_python():
    return os.path.join(VENV, "bin", "python")


def is_current(expected):
    try:
        with open(STAMP) as handle:
            recorded = handle.read().strip()
    except OSError:
        return False
    if recorded != expected or not os.path.exists(venv_python()):
        return False
    # A moved or half-deleted .venv has a stamp but no working interpreter.
    return subprocess.call([venv_python(), "-c", "import praxislab"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0


def run(args, what_failed, advice):
    if subprocess.call(args, cwd=ROOT) != 0:
        fail(what_failed + "\n  What to do: " + advice)


def install_axe():
    """axe-core (npm) for the browser accessibility tests; optional outside CI."""
    npm = shutil.which("npm")
    if npm is None:
        say("npm not found: the accessibility checks in the browser tests will be skipped.\n"
            "  To run them, install Node.js and npm, then run this command again.")
        return
    run([npm, "ci", "--prefix", A11Y, "--no-audit", "--no-fund", "--silent"],
        "installing axe-core from the npm registry failed.",
        "check your internet connection or proxy, then run the same make command again.")


def fetch_lite_wheels():
    """The pure-Python wheels `make lite` puts in the site (it then builds offline)."""
    if subprocess.call([venv_python(), os.path.join(ROOT, "tools", "build_lite.py"),
                        "--download-helpers"], cwd=ROOT) != 0:
        say("could not fetch the wheels for the JupyterLite site; `make lab` is unaffected,\n"
            "  and `make lite` will try again when the package index can be reached.")


def main():
    check_python()
    expected = fingerprint()
    if is_current(expected):
        return 0
    say("setting up the local environment in %s (first time: a few minutes) ..." % VENV)
    if os.path.exists(STAMP):
        os.remove(STAMP)
    if not os.path.exists(venv_python()):
        run([sys.executable, "-m", "venv", VENV],
            "could not create the virtual environment in %s." % VENV,
            "check that the folder is writable and the disk is not full.")
    pip = [venv_python(), "-m", "pip", "--disable-pip-version-check"]
    run(pip + ["install", "--quiet", "--upgrade", "pip"],
        "could not reach the Python package index (PyPI) to update pip.",
        "check your internet connection or proxy (set HTTPS_PROXY if your network needs one),\n"
        "  then run the same make command again. Nothing in the collection was changed.")
    run(pip + ["install", "--quiet", "--constraint", LOCK, "-e", ".[%s]" % EXTRAS],
        "installing the pinned packages from requirements/lock.txt failed "
        "(see pip's message above).",
        "if pip could not connect, check your internet connection or proxy and try again;\n"
        "  if a package failed to build, make sure you are on Python 3.11 or newer.")
    run([venv_python(), "-m", "praxislab.cli", "install-lab-settings"],
        "could not install the collection's JupyterLab settings.",
        "run `.venv/bin/praxislab install-lab-settings` to see the full message.")
    install_axe()
    fetch_lite_wheels()
    with open(STAMP, "w") as handle:
        handle.write(expected + "\n")
    say("environment ready.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
