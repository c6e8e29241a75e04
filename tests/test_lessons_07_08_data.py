"""The tables, self-checks, practice case and figures of lessons 07 and 08.

Every published figure is compared with what the publisher itself states (so a typo in a
CSV fails here), every self-check answer is recomputed from the tables (so a changed table
cannot leave a stale answer key), and the documented "does not add up" rules are checked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from praxislab import datasets
from praxislab.activities import load_activities
from praxislab.checks import NumericCheck
from praxislab.diagrams import reporting, workforce
from praxislab.plots import AccessibleFigure
from praxislab.validate import ContentError

TABLES = {  # name: number of rows
    "hate-crime-police-recorded-2024": 3,
    "hate-crime-victims-by-ethnicity-2024": 3,
    "hate-crime-survey-and-police-2025": 2,
    "hate-crime-flags-synthetic": 20,
    "social-workers-children-families-by-ethnicity-2018": 3,
    "us-child-welfare-workforce-by-role-2022": 3,
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_loads_with_provenance(name: str) -> None:
    table = datasets.load(name)
    assert len(table) == TABLES[name]
    info = datasets.provenance(name)
    for key in ("title", "publisher", "table", "edition", "period", "checked",
                "transformations"):
        assert info.get(key), f"{name}: descriptor lacks {key}"
    assert info["checked"] == "2026-11-21"
    assert info["urls"] and all(u for u in info["urls"])
    assert ("synthetic" in name) == bool(info.get("synthetic"))
    assert datasets.source_line(table).startswith("Source:")


def test_all_lesson_tables_were_checked() -> None:
    assert len(TABLES) == 6
    assert set(TABLES) <= set(datasets.names())


def test_hate_crime_figures_match_the_publishers_statements() -> None:
    hate = datasets.load("hate-crime-police-recorded-2024").set_index("group")
    now, before = hate["offences_2023_24"], hate["offences_2022_23"]
    assert now["All hate crime"] == 140561 and now["Race"] == 98799
    assert round(now["Race"] / now["All hate crime"] * 100) == 70          # "70%"
    assert round((now["All hate crime"] / before["All hate crime"] - 1) * 100) == -5
    assert round((now["Race"] / before["Race"] - 1) * 100) == -5          # "down 5%"
    assert round((now["Religion"] / before["Religion"] - 1) * 100) == 25  # "25% increase"
    sources = datasets.load("hate-crime-survey-and-police-2025").set_index("source")
    assert sources.loc["Crime Survey for England and Wales", "estimate"] == 176000
    assert sources.loc["Police recorded crime", "estimate"] == 115990


def test_strands_shown_are_documented_as_not_adding_up_to_the_total() -> None:
    """Only two of the five strands are shipped: they must stay below the total, and the
    descriptor must say why, so nobody sums them into 'total hate crime'."""
    hate = datasets.load("hate-crime-police-recorded-2024")
    strands = hate[hate["kind"] == "strand"]
    total = hate[hate["kind"] == "total"]
    assert len(strands) == 2 and len(total) == 1
    assert strands["offences_2023_24"].sum() < total["offences_2023_24"].iloc[0]
    notes = " ".join(datasets.provenance("hate-crime-police-recorded-2024")["transformations"])
    assert "left out" in notes
    assert "nothing here should be summed" in notes


def test_synthetic_strands_add_up_to_more_than_the_offences() -> None:
    flags = datasets.load("hate-crime-flags-synthetic").set_index("offence")
    per_offence = flags.sum(axis=1)
    assert (per_offence >= 1).all(), "every made-up offence has at least one strand"
    assert int(flags.sum().sum()) > len(flags)
    assert int(flags.sum().sum()) == len(flags) + int((per_offence - 1).sum())
    assert (flags.sum() > 0).all(), "every strand appears at least once"


def test_synthetic_flags_come_from_the_seeded_script() -> None:
    script = ROOT / "tools" / "make_hate_crime_flags_synthetic.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_victim_and_workforce_figures_match_the_publishers() -> None:
    victims = datasets.load("hate-crime-victims-by-ethnicity-2024").set_index("group")
    assert victims.loc["Asian", "share_of_victims_pct"] == 31.3
    assert victims.loc["Black", "share_of_population_pct"] == 4.0
    assert victims["share_of_victims_pct"].sum() < 100  # Mixed and Other not shipped
    workers = datasets.load("social-workers-children-families-by-ethnicity-2018").set_index("group")
    assert workers.loc["Black", "share_of_social_workers_pct"] == 11.1
    assert workers.loc["White British", "share_of_working_age_population_pct"] == 78.5
    roles = datasets.load("us-child-welfare-workforce-by-role-2022").set_index("role")
    assert list(roles.index) == ["Caseworker", "Supervisor", "Agency director"]
    assert roles.loc["Supervisor", "black_pct"] == 14.0
    assert roles.loc["Agency director", "hispanic_pct"] == 13.5


def _checks(lesson: str) -> dict[str, NumericCheck]:
    return {k: v for k, v in load_activities(lesson).items() if isinstance(v, NumericCheck)}


def test_lesson_07_answer_key_follows_the_tables() -> None:
    hate = datasets.load("hate-crime-police-recorded-2024").set_index("group")
    flags = datasets.load("hate-crime-flags-synthetic").set_index("offence")
    victims = datasets.load("hate-crime-victims-by-ethnicity-2024").set_index("group")

    def change(row: str) -> float:
        new, old = hate.loc[row, "offences_2023_24"], hate.loc[row, "offences_2022_23"]
        return float((new - old) / old * 100)

    expected = {
        "race-share": hate.loc["Race", "offences_2023_24"]
        / hate.loc["All hate crime", "offences_2023_24"] * 100,
        "religion-change": change("Religion"),
        "total-change": change("All hate crime"),
        "flag-offences": len(flags),
        "flag-total": flags.sum().sum(),
        "flag-multi": (flags.sum(axis=1) > 1).sum(),
        "known-share": 42441 / 77690 * 100,
        "black-victim-ratio": victims.loc["Black", "share_of_victims_pct"]
        / victims.loc["Black", "share_of_population_pct"],
        # exercises/07 (solutions/07 is the master)
        "ex-religion-share-points": (hate.loc["Religion", "offences_2023_24"]
                                     / hate.loc["All hate crime", "offences_2023_24"]
                                     - hate.loc["Religion", "offences_2022_23"]
                                     / hate.loc["All hate crime", "offences_2022_23"]) * 100,
        "ex-strand-percent-total": (flags.sum() / len(flags) * 100).sum(),
    }
    checks = _checks("07-reporting-trust-and-hate-crime")
    assert set(checks) == set(expected) and len(checks) == 10
    for name, value in expected.items():
        assert checks[name].check(float(value)).ok, f"{name}: key {checks[name].answer}, " \
                                                    f"table gives {float(value)}"
        assert not checks[name].check(float(value) + 10).ok


def test_lesson_08_answer_key_follows_the_tables() -> None:
    workers = datasets.load("social-workers-children-families-by-ethnicity-2018").set_index("group")
    roles = datasets.load("us-child-welfare-workforce-by-role-2022").set_index("role")
    expected = {
        "black-ratio-england": workers.loc["Black", "share_of_social_workers_pct"]
        / workers.loc["Black", "share_of_working_age_population_pct"],
        "supervisor-ratio": roles.loc["Supervisor", "black_pct"]
        / roles.loc["Caseworker", "black_pct"],
        "points-gap": roles.loc["Caseworker", "black_pct"] - roles.loc["Supervisor", "black_pct"],
        # exercises/08 (solutions/08 is the master)
        "ex-other-white-ratio": workers.loc["Other White", "share_of_social_workers_pct"]
        / workers.loc["Other White", "share_of_working_age_population_pct"],
        "ex-hispanic-director-ratio": roles.loc["Agency director", "hispanic_pct"]
        / roles.loc["Caseworker", "hispanic_pct"],
    }
    checks = _checks("08-who-holds-power")
    assert set(checks) == set(expected) and len(checks) == 5
    for name, value in expected.items():
        assert checks[name].check(float(value)).ok, name
        assert not checks[name].check(float(value) + 1).ok


def test_practice_case_loads_and_has_contrasting_responses() -> None:
    case = reporting.load_report()
    assert "fictional" in case.title.lower()
    assert len(case.responses) == 4
    assert sum(1 for r in case.responses if not r.principles) == 1  # one kindly, unhelpful
    shown = repr(reporting.model_responses())
    assert all(r.label in shown for r in case.responses)


def test_a_broken_practice_file_names_the_field(tmp_path: Path) -> None:
    broken = tmp_path / "07-first-response.yaml"
    broken.write_text("title: x\nsetting: y\nprompt: z\nresponses:\n  - label: A\n    text: t\n"
                      "    principles: [safety]\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        reporting.load_report(broken)
    message = str(caught.value)
    assert "07-first-response.yaml" in message
    assert "report" in message and "responses[1].comment" in message
    shown = reporting.show_report(broken)
    assert "could not load" in shown.data and "responses[1].comment" in shown.data


FIGURES = [
    (reporting.recorded_figure, ["140,561", "98,799", "10,484"]),
    (reporting.flags_figure, ["SYNTHETIC", "24", "20"]),
    (reporting.victims_figure, ["23.1%", "4.0%", "81.7%"]),
    (reporting.interval_figure, ["ILLUSTRATIVE", "100 respondents", "16.1"]),
    (workforce.england_figure, ["11.1%", "3.6%"]),
    (workforce.us_roles_figure, ["20.5%", "14.0%", "22.0%"]),
    (workforce.ratio_figure, ["0.68", "1.00"]),
]


@pytest.mark.parametrize("make, numbers", FIGURES, ids=[f.__name__ for f, _ in FIGURES])
def test_figures_state_their_numbers_and_source(make, numbers) -> None:
    figure = make()
    assert isinstance(figure, AccessibleFigure)
    for number in numbers:
        assert number in figure.alt, f"alt text lacks {number}: {figure.alt}"
    assert figure.caption.startswith("Source")


def test_every_figure_function_is_tested() -> None:
    assert len(FIGURES) == 7


LESSONS = ["07-reporting-trust-and-hate-crime", "08-who-holds-power"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_closing_note_lists_every_table_the_lesson_uses(lesson: str) -> None:
    """The 'Sources of the figures' cell describes every table the lesson loads or draws."""
    import re

    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / f"{lesson}.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    used = set(re.findall(r'datasets\.load\("([^"]+)"\)', code))
    module = reporting if lesson.startswith("07") else workforce
    used |= {n for n in datasets.names() if f'"{n}"' in Path(module.__file__).read_text()}
    closing = next(c.source for c in nb.cells if "datasets.describe(name)" in c.source)
    listed = set(re.findall(r'"([a-z0-9-]+)"', closing))
    assert used, "found no tables in the lesson"
    assert used <= listed, f"not in the closing note: {sorted(used - listed)}"
    print(f"{lesson}: {len(used)} tables, all in the closing note")
