"""Where the collection, its data and the learner's journal live.

Notebooks never build paths themselves: they ask this module, so a lesson runs the same
from any working directory, on a laptop, on Binder and on JupyterHub.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

ROOT_ENV = "PRAXISLAB_ROOT"
JOURNAL_ENV = "PRAXISLAB_JOURNAL"
VIGNETTES_ENV = "PRAXISLAB_VIGNETTES"


def _looks_like_collection(path: Path) -> bool:
    return (path / "data" / "vignettes").is_dir() and (path / "notebooks").is_dir()


def collection_root() -> Path:
    """The folder that holds notebooks/, data/ and the rest of the collection."""
    override = os.environ.get(ROOT_ENV)
    if override:
        return Path(override).expanduser().resolve()
    here = Path(__file__).resolve()
    # An editable install (make, Binder) keeps the package at <root>/src/praxislab.
    for candidate in [*here.parents, *Path.cwd().resolve().parents, Path.cwd().resolve()]:
        if _looks_like_collection(candidate):
            return candidate
    return Path.cwd().resolve()


def data_dir() -> Path:
    return collection_root() / "data"


def _writable(path: Path) -> bool:
    probe = path
    while not probe.exists():
        probe = probe.parent
    return os.access(probe, os.W_OK)


def _own_or_absent(path: Path) -> bool:
    # A shared collection's my-journal/ made by another learner is theirs, not ours.
    try:
        return os.stat(path).st_uid == os.geteuid()
    except OSError:
        return True


def journal_dir() -> Path:
    """The folder where reflections are saved.

    PRAXISLAB_JOURNAL wins; otherwise `my-journal/` inside the collection, which shows in
    JupyterLab's file browser and is ignored by git; if the collection is read-only (a
    shared copy on some JupyterHubs), or its my-journal/ belongs to another user,
    `~/praxislab-journal` instead.
    """
    override = os.environ.get(JOURNAL_ENV)
    if override:
        return Path(override).expanduser()
    inside = collection_root() / "my-journal"
    if _writable(inside) and _own_or_absent(inside):
        return inside
    return Path.home() / "praxislab-journal"


def make_private_dir(path: Path) -> list[Path]:
    """Create `path` and every missing parent, each readable by the owner only (0700),
    whatever the process umask. Folders that already exist are left as they are.
    Returns the folders it created."""
    missing: list[Path] = []
    probe = Path(path)
    while not os.path.lexists(probe):
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    created: list[Path] = []
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            continue  # made by someone else meanwhile: never change what is not ours
        os.chmod(folder, 0o700)  # the umask may have taken bits away (or, with 0, none)
        created.append(folder)
    if not stat.S_ISDIR(os.stat(path).st_mode):
        raise NotADirectoryError(20, "Not a directory", str(path))
    return created


def instructor_vignette_dirs() -> list[Path]:
    """Folders of instructors' own cases: PRAXISLAB_VIGNETTES (several allowed, separated
    by the system's path separator) and `my-vignettes/` beside the collection."""
    dirs: list[Path] = []
    override = os.environ.get(VIGNETTES_ENV)
    if override:
        dirs.extend(Path(p).expanduser() for p in override.split(os.pathsep) if p)
    default = collection_root() / "my-vignettes"
    if default.is_dir() and default not in dirs:
        dirs.append(default)
    return dirs
