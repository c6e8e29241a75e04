"""Links into the collection: the Binder badge and nbgitpuller links for a JupyterHub.

The GitHub repository that hosts the collection is one setting, `repository` under
`[tool.praxislab]` in pyproject.toml ("owner/name"). Everything else is made from it:
the README badge (`praxislab badge`, kept in step with the README by a test) and the
nbgitpuller links (`praxislab link --hub URL`). A fork changes that one line, or passes
`--repo` to either command.

nbgitpuller's link format (its documentation, "Options in an nbgitpuller URL", and the
link generator's `generateRegularUrl`): `<hub>/hub/user-redirect/git-pull?repo=<git
URL>&urlpath=<path>&branch=<branch>`, every value form-encoded. For JupyterLab the
urlpath is `lab/tree/<folder the repository is cloned into>/<file>`, and the folder is the
repository's name, so the link must name it too.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from . import paths

BINDER = "https://mybinder.org"
BADGE_IMAGE = "https://mybinder.org/badge_logo.svg"
START = "00-start-here.ipynb"
REPOSITORY = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
BRANCH = re.compile(r"^(?!/)(?!.*\.\.)(?!.*//)[^\s~^:?*\[\\]{1,200}(?<![/.])$")


class LinkError(ValueError):
    """A link cannot be made; the message says what to change."""


@dataclass(frozen=True)
class Repository:
    owner: str
    name: str

    @property
    def slug(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def git_url(self) -> str:
        return f"https://github.com/{self.owner}/{self.name}"


def parse_repository(text: str, where: str = "--repo") -> Repository:
    text = text.strip()
    for prefix in ("https://github.com/", "http://github.com/", "github.com/"):
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
    text = text.removesuffix("/").removesuffix(".git")
    if not REPOSITORY.match(text):
        raise LinkError(f"{where}: {text!r} is not a GitHub repository as owner/name "
                        "(for example praxis-lab/praxis-lab)")
    owner, name = text.split("/")
    return Repository(owner, name)


def configured_repository(root: Path | None = None) -> Repository:
    """The `[tool.praxislab] repository` setting in pyproject.toml."""
    root = root or paths.collection_root()
    file = root / "pyproject.toml"
    try:
        settings = tomllib.loads(file.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LinkError(f"{file}: cannot be read ({exc})") from None
    value = settings.get("tool", {}).get("praxislab", {}).get("repository")
    if not isinstance(value, str):
        raise LinkError(f"{file}: set `repository = \"owner/name\"` under [tool.praxislab] "
                        "(the GitHub repository that hosts your copy), or pass --repo")
    return parse_repository(value, f"{file}: [tool.praxislab] repository")


def notebooks(root: Path | None = None) -> dict[str, str]:
    """Two-digit number -> notebook file name, from notebooks/."""
    root = root or paths.collection_root()
    found = {p.name[:2]: p.name for p in sorted((root / "notebooks").glob("[0-9][0-9]-*.ipynb"))}
    if not found:
        raise LinkError(f"no notebooks found in {root / 'notebooks'}")
    return found


def notebook_for(lesson: str | None, available: dict[str, str]) -> str:
    """The notebook a --lesson value names: "1", "01", "01-power" or the file name."""
    if lesson is None:
        return available.get("00", next(iter(available.values())))
    given = lesson.strip()
    key = given[:2] if given[:2].isdigit() and (len(given) == 2 or given[2:3] == "-") else (
        given.zfill(2) if given.isdigit() else "")
    if key in available and (len(given) <= 2 or available[key].startswith(
            given.removesuffix(".ipynb"))):
        return available[key]
    valid = ", ".join(f"{k} ({v.removesuffix('.ipynb')})" for k, v in available.items())
    raise LinkError(f"--lesson {given!r}: there is no such notebook; the valid ones are "
                    f"{valid}")


def hub_base(hub: str) -> str:
    """The hub's address without a trailing slash and without any /hub/... part, so
    https://hub.example.edu/, https://hub.example.edu and
    https://hub.example.edu/hub/home all give https://hub.example.edu."""
    parts = urlsplit(hub.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LinkError(f"--hub {hub!r}: give the hub's web address, starting with "
                        "https:// (for example https://hub.example.edu)")
    if parts.query or parts.fragment:
        raise LinkError(f"--hub {hub!r}: give the hub's address without ?... or #...")
    path = parts.path.rstrip("/")
    cut = re.search(r"(^|/)hub(/|$)", path)
    if cut:
        path = path[:cut.start()]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def check_branch(branch: str) -> str:
    if not BRANCH.match(branch):
        raise LinkError(f"--branch {branch!r}: not a usable git branch name")
    return branch


def nbgitpuller_link(hub: str, repository: Repository, branch: str, notebook: str,
                     folder: str = "notebooks") -> str:
    """A JupyterLab nbgitpuller link that clones or updates `repository` at `branch` and
    opens `notebook`. The branch is always in the link: nbgitpuller's own default has
    changed between versions."""
    urlpath = f"lab/tree/{repository.name}/{folder}/{notebook}"
    query = urlencode({"repo": repository.git_url, "urlpath": urlpath,
                       "branch": check_branch(branch)})
    return f"{hub_base(hub)}/hub/user-redirect/git-pull?{query}"


def binder_link(repository: Repository, ref: str = "HEAD", notebook: str = START) -> str:
    return (f"{BINDER}/v2/gh/{repository.owner}/{repository.name}/{quote(ref, safe='')}"
            f"?urlpath={quote(f'lab/tree/notebooks/{notebook}', safe='/')}")


def badge_markdown(repository: Repository, ref: str = "HEAD") -> str:
    return f"[![Open in Binder]({BADGE_IMAGE})]({binder_link(repository, ref)})"
