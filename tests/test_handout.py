"""`praxislab handout` and the instructor page: parameters parsed, notebooks found, HTML
written offline, a progress bar for several; every command docs/exercises.md shows runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from praxislab import handout as ho

DOC = ROOT / "docs" / "exercises.md"


def test_params_are_parsed_as_literals_or_text() -> None:
    assert ho.parse_params(["country=UK", "seed=7", "term='service user'", "case_id=None",
                            "term2=service user"]) == {
        "country": "UK", "seed": 7, "term": "service user", "case_id": None,
        "term2": "service user"}
    for bad in ("country", "=UK", "not a name=1"):
        with pytest.raises(ho.HandoutError, match="name=value"):
            ho.parse_params([bad])


def test_notebooks_are_found_by_number_and_a_miss_names_the_choices() -> None:
    assert ho.find_notebook("01") == ROOT / "notebooks" / "01-power.ipynb"
    assert ho.find_notebook("06", solution=True) == ROOT / "solutions" / \
        "06-disproportionality.ipynb"
    with pytest.raises(ho.HandoutError, match="01-power") as info:
        ho.find_notebook("99")
    assert "99" in str(info.value)


def test_several_handouts_show_a_progress_bar(tmp_path: Path, monkeypatch, capsys) -> None:
    made = []
    monkeypatch.setattr(ho, "handout", lambda nb, params, out: made.append(nb.stem) or nb)
    ho.handouts(["01", "02", "03"], {}, tmp_path)
    assert made == ["01-power", "02-oppression", "03-social-graces"]
    assert "3/3" in capsys.readouterr().err
    ho.handouts(["01"], {}, tmp_path)
    assert "1/1" not in capsys.readouterr().err  # one handout: no bar


@pytest.mark.notebooks
def test_a_handout_is_executed_self_contained_html(tmp_path: Path) -> None:
    path = ho.handout(ROOT / "solutions" / "06-disproportionality.ipynb", {"country": "UK"},
                      tmp_path)
    html = path.read_text(encoding="utf-8")
    assert path.name == "solutions-06-disproportionality-country-UK.html"
    assert "Model answer." in html and "✓ Correct" in html  # executed, answers checked
    assert not re.search(r"<img[^>]+src=\"https?:", html)  # images embedded, if any
    assert not re.search(r"<script[^>]+src=\"https?:", html)
    assert "unpkg.com" not in html and "<script src=\"\"" not in html
    assert "Reflection" in html or "reflection" in html  # widgets show their fallback


@pytest.mark.notebooks
def test_a_bad_parameter_stops_the_handout_with_the_allowed_values(tmp_path: Path) -> None:
    with pytest.raises(ho.HandoutError, match="'client', 'service user'"):
        ho.handout(ROOT / "exercises" / "01-power.ipynb", {"term": "customer"}, tmp_path)
    assert not list(tmp_path.glob("*.html"))


def _doc_commands() -> list[list[str]]:
    blocks = re.findall(r"```console\n(.*?)```", DOC.read_text(), re.S)
    return [[line[2:] for line in block.splitlines() if line.startswith("$ ")]
            for block in blocks]


def test_the_page_shows_every_step() -> None:
    commands = [c for block in _doc_commands() for c in block]
    text = " ".join(commands)
    for needed in ("praxislab assign", "praxislab assign --check", "nbgrader generate_assignment",
                   "praxislab handout", "--solution", "--param"):
        assert needed in text, needed
    assert len(commands) == 7


@pytest.mark.notebooks
def test_the_commands_on_the_page_run(tmp_path: Path) -> None:
    """Each console block of docs/exercises.md, as an instructor would type it, in a folder
    with the collection's solutions/; exercises/ must not change."""
    before = {p.name: p.read_bytes() for p in (ROOT / "exercises").glob("*.ipynb")}
    (tmp_path / "solutions").symlink_to(ROOT / "solutions")
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent),
                                                 os.environ.get("PATH", "")]))
    ran = 0
    for block in _doc_commands():
        if any(c.startswith("cd course && nbgrader") for c in block) and \
                not shutil.which("nbgrader", path=env["PATH"]):
            pytest.skip("nbgrader is not installed (it is in the test extras)")
        result = subprocess.run(["bash", "-ec", "\n".join(block)], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        ran += len(block)
    assert ran == 7
    assert before == {p.name: p.read_bytes() for p in (ROOT / "exercises").glob("*.ipynb")}
    release = (tmp_path / "course" / "release" / "01-power" / "01-power.ipynb").read_text()
    assert "YOUR ANSWER HERE" in release and "Model answer." not in release
    assert "**Strong:**" not in release
    handouts = sorted(p.name for p in (tmp_path / "handouts").glob("*.html"))
    assert handouts == ["notebooks-01-power-term-service_user.html",
                        "notebooks-02-oppression-term-service_user.html",
                        "solutions-06-disproportionality-country-UK.html"]
