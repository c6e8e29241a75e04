"""The Binder badge and nbgitpuller links (praxislab.links, `praxislab link`/`badge`).

The expected format is nbgitpuller's documented one ("Options in an nbgitpuller URL" and
the link generator's generateRegularUrl): <hub>/hub/user-redirect/git-pull?repo=...&
urlpath=lab/tree/<repo folder>/<file>&branch=..., each value form-encoded."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from praxislab import links, paths
from praxislab.cli import main

REPO = links.Repository("an-owner", "praxis-lab")


def parts(url: str) -> tuple[str, dict[str, list[str]]]:
    split = urlsplit(url)
    return f"{split.scheme}://{split.netloc}{split.path}", parse_qs(split.query)


def test_link_has_the_documented_shape() -> None:
    url = links.nbgitpuller_link("https://hub.example.edu", REPO, "main", "04-adp-vs-aop.ipynb")
    assert url == ("https://hub.example.edu/hub/user-redirect/git-pull?"
                   "repo=https%3A%2F%2Fgithub.com%2Fan-owner%2Fpraxis-lab"
                   "&urlpath=lab%2Ftree%2Fpraxis-lab%2Fnotebooks%2F04-adp-vs-aop.ipynb"
                   "&branch=main")
    base, query = parts(url)
    assert base == "https://hub.example.edu/hub/user-redirect/git-pull"
    assert query == {"repo": ["https://github.com/an-owner/praxis-lab"],
                     "urlpath": ["lab/tree/praxis-lab/notebooks/04-adp-vs-aop.ipynb"],
                     "branch": ["main"]}


@pytest.mark.parametrize("hub", [
    "https://hub.example.edu", "https://hub.example.edu/", "https://hub.example.edu//",
    "https://hub.example.edu/hub/home", "https://hub.example.edu/hub", " https://hub.example.edu/ ",
])
def test_hub_with_or_without_trailing_slash(hub: str) -> None:
    url = links.nbgitpuller_link(hub, REPO, "main", "01-power.ipynb")
    assert url.startswith("https://hub.example.edu/hub/user-redirect/git-pull?repo=")
    assert "//hub/" not in url


def test_hub_under_a_path_keeps_the_path() -> None:
    url = links.nbgitpuller_link("https://jupyter.example.ac.uk/socialwork/", REPO, "main",
                                 "01-power.ipynb")
    assert url.startswith("https://jupyter.example.ac.uk/socialwork/hub/user-redirect/git-pull?")


def test_values_are_escaped() -> None:
    odd = links.Repository("an-owner", "praxis.lab_2")
    url = links.nbgitpuller_link("https://hub.example.edu", odd, "term/spring-2027",
                                 "01 power & more.ipynb")
    query = urlsplit(url).query
    assert " " not in url and "&" not in query.replace("&urlpath=", "").replace("&branch=", "")
    assert "01+power+%26+more.ipynb" in query          # form encoding, as URLSearchParams
    assert "branch=term%2Fspring-2027" in query
    assert parse_qs(query)["urlpath"] == ["lab/tree/praxis.lab_2/notebooks/01 power & more.ipynb"]
    assert parse_qs(query)["branch"] == ["term/spring-2027"]


@pytest.mark.parametrize("branch", ["", "a b", "..", "x..y", "-/", "a?b", "a:b", "/main", "main/"])
def test_bad_branch_is_refused_with_a_message(branch: str) -> None:
    with pytest.raises(links.LinkError, match="--branch"):
        links.nbgitpuller_link("https://hub.example.edu", REPO, branch, "01-power.ipynb")


@pytest.mark.parametrize("hub", ["hub.example.edu", "ftp://hub.example.edu", "https://",
                                 "https://hub.example.edu/?next=x", ""])
def test_bad_hub_is_refused_with_a_message(hub: str) -> None:
    with pytest.raises(links.LinkError, match="--hub"):
        links.nbgitpuller_link(hub, REPO, "main", "01-power.ipynb")


def test_lesson_numbers_and_names() -> None:
    available = links.notebooks()
    assert len(available) >= 9 and "00" in available
    assert links.notebook_for(None, available) == "00-start-here.ipynb"
    for given in ("4", "04", "04-adp-vs-aop", "04-adp-vs-aop.ipynb"):
        assert links.notebook_for(given, available) == "04-adp-vs-aop.ipynb"


@pytest.mark.parametrize("given", ["99", "4-power", "power", "044", "01-oppression", "-1"])
def test_missing_lesson_names_the_valid_ones(given: str) -> None:
    available = links.notebooks()
    with pytest.raises(links.LinkError) as caught:
        links.notebook_for(given, available)
    message = str(caught.value)
    assert "valid ones" in message
    assert all(f"{k} (" in message for k in available), message


def test_repository_setting_and_parsing(tmp_path) -> None:
    assert links.configured_repository().slug.count("/") == 1
    assert links.parse_repository("https://github.com/a-b/c.d.git").slug == "a-b/c.d"
    for bad in ("OWNER", "a/b/c", "-a/b", "a/", "a b/c"):
        with pytest.raises(links.LinkError, match="owner/name"):
            links.parse_repository(bad)
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
    with pytest.raises(links.LinkError, match=r"\[tool.praxislab\]"):
        links.configured_repository(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.praxislab\n")
    with pytest.raises(links.LinkError, match="cannot be read"):
        links.configured_repository(tmp_path)


def test_readme_badge_comes_from_the_setting() -> None:
    repo = links.configured_repository()
    readme = (paths.collection_root() / "README.md").read_text("utf-8")
    assert links.badge_markdown(repo) in readme
    assert "OWNER" not in readme
    assert links.binder_link(repo) == (f"https://mybinder.org/v2/gh/{repo.owner}/{repo.name}/"
                                       "HEAD?urlpath=lab/tree/notebooks/00-start-here.ipynb")


def test_cli_link_and_badge(capsys) -> None:
    assert main(["link", "--hub", "https://hub.example.edu/", "--lesson", "2"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.endswith("notebooks%2F02-oppression.ipynb&branch=main"), out
    assert main(["link", "--hub", "https://hub.example.edu", "--all", "--branch", "spring"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(links.notebooks()) and all("&branch=spring" in x for x in lines)
    assert main(["link", "--hub", "https://hub.example.edu", "--lesson", "42"]) == 1
    err = capsys.readouterr().err
    assert "valid ones" in err and "Traceback" not in err
    assert main(["badge", "--check"]) == 0
    assert main(["badge", "--repo", "someone-else/praxis-lab", "--check"]) == 1
    assert "someone-else/praxis-lab" in capsys.readouterr().out


def test_nbgitpuller_never_touches_my_journal() -> None:
    """nbgitpuller merges only tracked files: the journal folder must stay ignored and
    hold no tracked file (docs/deployment.md relies on this)."""
    import shutil
    import subprocess

    root = paths.collection_root()
    ignored = [line.strip() for line in (root / ".gitignore").read_text().splitlines()]
    assert "my-journal/" in ignored
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout: the tracked-files half of this check needs git")
    tracked = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert len(tracked) > 50, "git ls-files listed almost nothing"
    assert not [t for t in tracked if t.split("/")[0] == "my-journal"]
    check = subprocess.run(["git", "check-ignore", "-q", "my-journal/entry.json"], cwd=root)
    assert check.returncode == 0, "my-journal/ is not ignored by git"


def _git(cwd, *args: str) -> None:
    import subprocess

    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                   cwd=cwd, check=True, capture_output=True)


# nbgitpuller's own subprocess handling leaves pipes for the garbage collector: its noise,
# not ours, and only in this test.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_nbgitpuller_keeps_student_work_and_the_journal(tmp_path) -> None:
    """What docs/deployment.md says nbgitpuller does, run with nbgitpuller itself (not a
    pinned dependency: the test is skipped where it is not installed)."""
    import shutil

    gitpuller = pytest.importorskip("nbgitpuller.pull", reason="nbgitpuller is not installed "
                                    "(it runs on the hub, not in the collection's pins)")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    source = tmp_path / "work"
    (source / "notebooks").mkdir(parents=True)
    (source / ".gitignore").write_text("my-journal/\n")
    lesson = source / "notebooks" / "01-power.ipynb"
    lesson.write_text("title\nline 2\nline 3\nline 4\nline 5\noutputs\n")
    other = source / "notebooks" / "02-oppression.ipynb"
    other.write_text("title 2\n")
    _git(source, "init", "-q", "-b", "main")
    _git(source, "add", "-A")
    _git(source, "commit", "-qm", "first")
    upstream = tmp_path / "praxis-lab"          # nbgitpuller names the copy after this
    _git(tmp_path, "clone", "-q", "--bare", str(source), str(upstream))
    _git(source, "remote", "add", "origin", str(upstream))

    student = tmp_path / "home" / repo_folder(str(upstream))
    student.parent.mkdir()

    def pull() -> None:
        for _ in gitpuller.GitPuller(str(upstream), str(student), branch="main").pull():
            pass

    pull()
    journal = student / "my-journal" / "entries" / "a.json"
    journal.parent.mkdir(parents=True)
    journal.write_text('{"text": "my answer"}')
    # The student runs the lesson (its last line changes) and edits the title of another.
    (student / "notebooks" / "01-power.ipynb").write_text(
        "title\nline 2\nline 3\nline 4\nline 5\nstudent outputs\n")
    (student / "notebooks" / "02-oppression.ipynb").write_text("title 2, student\n")
    # The instructor fixes the lesson's first line, and the other notebook's same line.
    lesson.write_text("title v2\nline 2\nline 3\nline 4\nline 5\noutputs\n")
    other.write_text("title 2, instructor\n")
    _git(source, "commit", "-qam", "fixes")
    _git(source, "push", "-q", "origin", "main")
    pull()
    assert (student / "notebooks" / "01-power.ipynb").read_text() == (
        "title v2\nline 2\nline 3\nline 4\nline 5\nstudent outputs\n")   # both kept
    assert (student / "notebooks" / "02-oppression.ipynb").read_text() == "title 2, student\n"
    assert journal.read_text() == '{"text": "my answer"}'
    (student / "notebooks" / "02-oppression.ipynb").unlink()            # start over
    pull()
    assert (student / "notebooks" / "02-oppression.ipynb").read_text() == "title 2, instructor\n"
    assert journal.read_text() == '{"text": "my answer"}'


def repo_folder(repo_url: str) -> str:
    """The folder nbgitpuller clones into: the last part of the repo URL, as is (so a URL
    ending in .git would give a folder ending in .git; ours never does)."""
    return repo_url.rstrip("/").split("/")[-1]


def test_link_folder_is_where_nbgitpuller_clones() -> None:
    url = links.nbgitpuller_link("https://hub.example.edu", REPO, "main", "01-power.ipynb")
    query = parse_qs(urlsplit(url).query)
    folder = query["urlpath"][0].split("/")[2]
    assert folder == repo_folder(query["repo"][0]) == "praxis-lab"
