"""Every shell command the instructor-facing docs show in a ```bash block is run here,
or listed below as not runnable in a test, with the reason."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from praxislab import paths

ROOT = paths.collection_root()
DOCS = ["docs/instructor-guide.md", "docs/deployment.md", "docs/competencies.md"]
BLOCK = re.compile(r"^```bash\n(.*?)^```", re.M | re.S)

NOT_RUNNABLE = {
    'python3 -m pip download -d wheelhouse pip "setuptools>=77" ".[test]"':
        "downloads every pinned package from PyPI (hundreds of MB); it is the online half "
        "of the offline install, run once on a connected machine",
    'PIP_NO_INDEX=1 PIP_FIND_LINKS="$PWD/wheelhouse" make lab':
        "rebuilds .venv from the wheelhouse made by the line above and then starts a "
        "JupyterLab server that waits for a browser",
}
# Commands that arrive with another branch: run when the subcommand exists, skipped with
# this reason until then.
NEEDS_SUBCOMMAND = {"assign": "`praxislab assign` comes with the exercises branch"}


def doc_commands() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        text = (ROOT / doc).read_text("utf-8")
        for block in BLOCK.findall(text):
            for line in block.splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    found.append((doc, line.strip()))
    return found


COMMANDS = doc_commands()


def test_the_docs_show_commands_and_every_exception_is_still_shown() -> None:
    assert len(COMMANDS) >= 10, COMMANDS
    shown = {command for _, command in COMMANDS}
    stale = [c for c in NOT_RUNNABLE if c not in shown]
    assert not stale, f"listed as not runnable but no longer in the docs: {stale}"
    print(f"{len(COMMANDS)} commands in {len(DOCS)} docs; {len(NOT_RUNNABLE)} not runnable")


def _subcommands() -> set[str]:
    """The subcommands this checkout's `praxislab` has (from its --help)."""
    shown = subprocess.run([sys.executable, "-m", "praxislab.cli", "--help"],
                           capture_output=True, text=True, cwd=ROOT).stdout
    choices = re.search(r"\{([a-z,-]+)\}", shown)
    assert choices, shown
    return set(choices.group(1).split(","))


@pytest.mark.parametrize(("doc", "command"), COMMANDS, ids=[c for _, c in COMMANDS])
def test_doc_command_runs(doc: str, command: str, tmp_path: Path) -> None:
    if command in NOT_RUNNABLE:
        pytest.skip(f"not runnable here: {NOT_RUNNABLE[command]}")
    words = command.split()
    assert words[0] == "praxislab", f"{doc}: `{command}` is neither run here nor listed " \
        "in NOT_RUNNABLE with a reason"
    if words[1] in NEEDS_SUBCOMMAND and words[1] not in _subcommands():
        pytest.skip(NEEDS_SUBCOMMAND[words[1]])
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}"
               f"{os.environ.get('PATH', '')}", PRAXISLAB_JOURNAL=str(tmp_path / "journal"))
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, f"{doc}: `{command}` failed:\n{result.stdout}\n" \
        f"{result.stderr}"
    assert result.stdout.strip(), f"{doc}: `{command}` printed nothing"
    assert "Traceback" not in result.stderr
