"""Start a throwaway JupyterLab for the browser tests and benchmarks.

It serves a *copy* of notebooks/ (so autosave never writes into the committed files), on
a free loopback port, with the collection's own settings and a private journal folder.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass
class Lab:
    base: str
    token: str
    journal: Path
    log: Path
    process: subprocess.Popen

    def url(self, notebook: str) -> str:
        # A fresh workspace each time, so no tab from an earlier visit is restored.
        return (f"{self.base}/lab/workspaces/w{secrets.token_hex(4)}/tree/notebooks/"
                f"{notebook}?reset&token={self.token}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(home: Path, timeout: float = 90) -> Lab:
    served = home / "served"
    shutil.copytree(ROOT / "notebooks", served / "notebooks")
    token, port = secrets.token_hex(16), _free_port()
    env = dict(os.environ, PRAXISLAB_JOURNAL=str(home / "journal"), HOME=str(home),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), PRAXISLAB_ROOT=str(ROOT))
    log = home / "server.log"
    with open(log, "w") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
             "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={served}", "--ServerApp.port_retries=0",
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    lab = Lab(f"http://127.0.0.1:{port}", token, home / "journal", log, process)
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{lab.base}/api/status?token={token}", timeout=2)
            return lab
        except OSError:
            time.sleep(0.3)
    lab.stop()
    raise RuntimeError("JupyterLab did not start:\n" + log.read_text()[-3000:])
