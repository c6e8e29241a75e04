"""The network guard the notebook tests rely on (tests/netguard/sitecustomize.py).

"No network at run time" is only shown if the guard really refuses every way out. Each
path is tried on its own, so removing the guard from any one of them fails a test here.

None of these tests can send a packet anywhere, even with the guard broken: before the
guard is loaded, the real functions underneath it are replaced by tripwires that record
the call and raise. A broken guard lets the call through to a tripwire, the test sees
"reached the socket layer" instead of "blocked", and fails. The papermill test checks
the guard is installed in the kernel before it tries anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from conftest import NETGUARD

GUARD = NETGUARD / "sitecustomize.py"

# Runs in a fresh interpreter without the guard on PYTHONPATH: tripwires first, then the
# guard (which captures the tripwires as "the real functions"), then one attempt.
HARNESS = r"""
import importlib.util, json, socket, sys
reached = []
def tripwire(name):
    def fn(*args, **kwargs):
        reached.append(name)
        raise OSError("reached the socket layer: " + name)
    return fn
for name in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(socket.socket, name, tripwire(name))
for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex"):
    setattr(socket, name, tripwire(name))
spec = importlib.util.spec_from_file_location("netguard", sys.argv[1])
spec.loader.exec_module(importlib.util.module_from_spec(spec))
attempt = sys.argv[2]
try:
    exec(attempt, {"socket": socket})
    outcome = "allowed"
except OSError as exc:
    outcome = "blocked" if "blocked by the Praxis Lab tests" in str(exc) else "other: " + str(exc)
print(json.dumps({"outcome": outcome, "reached": reached}))
"""

REMOTE = {
    "IPv4 connect": "s = socket.socket(); s.connect(('192.0.2.1', 80))",
    "IPv6 connect": "s = socket.socket(socket.AF_INET6); s.connect(('2001:db8::1', 80, 0, 0))",
    "connect_ex": "s = socket.socket(); s.connect_ex(('198.51.100.7', 443))",
    "create_connection": "socket.create_connection(('203.0.113.9', 80), timeout=1)",
    "name lookup": "socket.getaddrinfo('example.org', 443)",
    "gethostbyname": "socket.gethostbyname('example.org')",
    "UDP sendto": "s = socket.socket(type=socket.SOCK_DGRAM); s.sendto(b'x', ('192.0.2.53', 53))",
    "UDP sendto with flags": (
        "s = socket.socket(type=socket.SOCK_DGRAM); s.sendto(b'x', 0, ('192.0.2.53', 53))"),
    "UDP sendmsg": (
        "s = socket.socket(type=socket.SOCK_DGRAM); s.sendmsg([b'x'], [], 0, ('192.0.2.5', 5))"),
}
LOCAL = {
    "loopback connect": "s = socket.socket(); s.connect(('127.0.0.1', 9))",
    "IPv6 loopback connect": "s = socket.socket(socket.AF_INET6); s.connect(('::1', 9, 0, 0))",
    "localhost lookup": "socket.getaddrinfo('localhost', 80)",
    "loopback UDP": "s = socket.socket(type=socket.SOCK_DGRAM); s.sendto(b'x', ('127.0.0.1', 9))",
}


def _try(attempt: str, log: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PRAXISLAB_NETLOG"] = str(log)
    out = subprocess.run([sys.executable, "-c", HARNESS, str(GUARD), attempt], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("name", list(REMOTE))
def test_every_way_out_is_blocked_and_recorded(name: str, tmp_path: Path) -> None:
    log = tmp_path / "attempts.log"
    result = _try(REMOTE[name], log)
    assert result == {"outcome": "blocked", "reached": []}, f"{name}: {result}"
    assert log.is_file() and log.read_text().strip(), f"{name}: the attempt was not recorded"


@pytest.mark.parametrize("name", list(LOCAL))
def test_this_machine_is_still_allowed(name: str, tmp_path: Path) -> None:
    log = tmp_path / "attempts.log"
    result = _try(LOCAL[name], log)
    # The call passes the guard and reaches the (tripwired) socket layer underneath.
    assert result["outcome"].startswith("other: reached the socket layer"), f"{name}: {result}"
    assert not log.exists(), f"{name}: a loopback call was recorded as blocked"


def test_every_path_is_tried() -> None:
    assert len(REMOTE) >= 9 and len(LOCAL) >= 4
    print(f"{len(REMOTE)} ways out and {len(LOCAL)} loopback calls tried")


def test_the_guard_loads_itself_from_pythonpath(tmp_path: Path) -> None:
    """What the notebook tests rely on: the folder on PYTHONPATH is enough."""
    env = dict(os.environ, PYTHONPATH=str(NETGUARD))
    code = ("import socket; print(socket.socket.connect.__module__, "
            "socket.socket.sendto.__module__, socket.getaddrinfo.__module__)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.stdout.split() == ["sitecustomize"] * 3, out.stdout + out.stderr


CELL = """
import socket
installed = socket.socket.connect.__module__ == "sitecustomize"
print("guard installed" if installed else "guard missing")
if installed:  # never try a real address without the guard
    for attempt in (lambda: socket.socket().connect(("192.0.2.1", 80)),
                    lambda: socket.getaddrinfo("example.org", 80)):
        try:
            attempt()
        except OSError as exc:
            print(exc)
"""


@pytest.mark.notebooks
def test_the_guard_works_inside_a_kernel(tmp_path: Path, monkeypatch) -> None:
    """A one-cell notebook through papermill, as the notebook tests run lessons."""
    log = tmp_path / "attempts.log"
    monkeypatch.setenv("PYTHONPATH", str(NETGUARD))
    monkeypatch.setenv("PRAXISLAB_NETLOG", str(log))
    source, executed = tmp_path / "reach-out.ipynb", tmp_path / "out.ipynb"
    nb = new_notebook(cells=[new_code_cell(CELL)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, source)
    papermill.execute_notebook(str(source), str(executed), kernel_name="python3",
                               progress_bar=False)
    text = "".join(o.get("text", "") for c in nbformat.read(executed, 4).cells
                   for o in c.outputs)
    assert "guard installed" in text, text
    recorded = log.read_text().splitlines()
    assert len(recorded) == 2 and "192.0.2.1" in recorded[0] and "example.org" in recorded[1]
