"""Answer keys never teach false certainty: every graded item has feedback for each answer
it accepts (issue 12). Where a category is contested, an item accepts a list of answers and
explains each; a single key needs a `why`.

Activities (data/activities/*.yaml): a graded sorter item that accepts several answers has
a `notes` entry for every accepted answer; every graded quiz has at least one correct option
and an explanation for each; an ungraded sorter comments on every choice.

Vignette actions (data/vignettes/*.yaml): every action has a `why`. Files already in the
contract's new format (any action has `why_level`) must give every action a `why_level`,
and, where `lens` or `level` is a list, name each accepted answer in the matching feedback.
Files still in the old format are skipped, by name, and counted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from praxislab.activities import Quiz, Sorter, load_activities

ACTIVITY_FILES = sorted((ROOT / "data" / "activities").glob("*.yaml"))
VIGNETTE_FILES = sorted((ROOT / "data" / "vignettes").glob("*.yaml"))

LENS_WORDS = {"adp": ("adp", "anti-discriminatory"), "aop": ("aop", "anti-oppressive"),
              "both": ("both",)}
LEVEL_WORDS = {"individual": ("individual", "personal", "one person", "one family"),
               "organisational": ("organisation", "organization", "agency", "team",
                                  "service", "council"),
               "structural": ("structur", "law", "policy", "system")}


def _as_list(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value not in (None, "") else []


def _names(text: str, words: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(re.search(r"\b" + re.escape(w), low) for w in words)


# -- activities ---------------------------------------------------------------------------

def test_activity_files_found() -> None:
    assert len(ACTIVITY_FILES) >= 5, ACTIVITY_FILES


def sorter_problems(sorter: Sorter) -> tuple[list[str], int]:
    """Problems with one sorter's feedback, and how many items were checked."""
    problems: list[str] = []
    values = [c.value for c in sorter.categories]
    for item in sorter.items:
        where = f"{sorter.id}.{item.id}"
        for key in item.notes:
            if key not in values:
                problems.append(f"{where}: note for unknown category {key!r}")
            elif not item.notes[key].strip():
                problems.append(f"{where}: empty note for {key!r}")
        if not sorter.graded:
            silent = [v for v in values if not item.notes.get(v) and not item.why.strip()]
            if silent:
                problems.append(f"{where}: no comment for choice(s) {silent}")
            continue
        if not item.answers:
            problems.append(f"{where}: graded but accepts no answer")
        if not item.why.strip():
            problems.append(f"{where}: no 'why'")
        if len(item.answers) > 1:
            missing = [a for a in item.answers if not item.notes.get(a, "").strip()]
            if missing:
                problems.append(f"{where}: accepts {list(item.answers)} but has no note "
                                f"explaining {missing}")
    return problems, len(sorter.items)


def quiz_problems(quiz: Quiz) -> tuple[list[str], int]:
    problems: list[str] = []
    for q in quiz.questions:
        where = f"{quiz.id}.{q.id}"
        if quiz.graded and not any(o.correct for o in q.options):
            problems.append(f"{where}: no option marked correct")
        problems += [f"{where}: option {o.label[:30]!r} has no explanation"
                     for o in q.options if not o.explanation.strip()]
    return problems, len(quiz.questions)


@pytest.mark.parametrize("path", ACTIVITY_FILES, ids=[p.stem for p in ACTIVITY_FILES])
def test_every_accepted_answer_has_feedback(path: Path) -> None:
    problems: list[str] = []
    checked = 0
    for activity in load_activities(path.stem).values():
        if isinstance(activity, Sorter):
            found, n = sorter_problems(activity)
        elif isinstance(activity, Quiz):
            found, n = quiz_problems(activity)
        else:
            continue
        problems += found
        checked += n
    assert checked > 0, f"{path.name}: no sorter items or quiz questions found"
    print(f"{path.name}: {checked} items checked")
    assert not problems, "\n".join(problems)


def test_contested_items_accept_more_than_one_answer() -> None:
    """The items issue 12 named accept every defensible answer."""
    acts = {name: load_activities(name) for name in
            ("01-power", "02-oppression", "03-social-graces", "04-adp-vs-aop")}

    def answers(lesson: str, sorter: str, item: str) -> set[str]:
        found = acts[lesson][sorter]
        assert isinstance(found, Sorter)
        return set(next(i for i in found.items if i.id == item).answers)

    assert {"coercive", "legitimate"} <= answers("01-power", "bases-of-power", "s7")
    assert "visible-voiced" in answers("03-social-graces", "where-graces-sit", "w5")
    multi = [i for i in acts["02-oppression"]["levels-sorter"].items if len(i.answers) > 1]
    assert len(multi) >= 4
    sorter = acts["04-adp-vs-aop"]["adp-aop-both"]
    accepting_both = [i for i in sorter.items if "both" in i.answers]
    assert len(accepting_both) >= 8, [i.id for i in accepting_both]
    history = acts["04-adp-vs-aop"]["check-adp-aop"]
    assert isinstance(history, Quiz)
    q = next(q for q in history.questions if "named approaches" in q.text)
    right = [o.label for o in q.options if o.correct]
    assert right and all("1980s" in label for label in right)


def test_a_missing_note_is_caught() -> None:
    """The check can fail: a list answer without a note for each accepted value."""
    sorter = load_activities("04-adp-vs-aop")["adp-aop-both"]
    assert isinstance(sorter, Sorter)
    item = next(i for i in sorter.items if len(i.answers) > 1)
    broken_item = type(item)(item.id, item.text, item.answers, item.why, {})
    broken = Sorter(sorter.id, sorter.heading, sorter.instructions, sorter.categories,
                    (broken_item,), True)
    problems, checked = sorter_problems(broken)
    assert checked == 1 and problems and "no note" in problems[0]


# -- vignettes ----------------------------------------------------------------------------

def _actions(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    actions = data.get("actions") if isinstance(data, dict) else None
    assert isinstance(actions, list) and actions, f"{path.name}: no actions"
    return actions


def vignette_problems(path: Path) -> tuple[list[str], int, bool]:
    """(problems, actions checked, whether the file uses the new fields)."""
    actions = _actions(path)
    new_format = any("why_level" in a for a in actions if isinstance(a, dict))
    problems: list[str] = []
    for n, action in enumerate(actions, 1):
        where = f"{path.name} actions[{n}]"
        if not isinstance(action, dict) or not str(action.get("why", "")).strip():
            problems.append(f"{where}: no 'why'")
            continue
        if not new_format:
            continue
        why, why_level = str(action["why"]), str(action.get("why_level", ""))
        if not why_level.strip():
            problems.append(f"{where}: no 'why_level'")
        lenses, levels = _as_list(action.get("lens")), _as_list(action.get("level"))
        if len(lenses) > 1:
            problems += [f"{where}: accepts lens {lens!r} but 'why' does not explain it"
                         for lens in lenses if not _names(why, LENS_WORDS.get(lens, (lens,)))]
        if len(levels) > 1:
            problems += [f"{where}: accepts level {lvl!r} but 'why_level' does not explain it"
                         for lvl in levels
                         if not _names(why_level, LEVEL_WORDS.get(lvl, (lvl,)))]
        for key, text in (action.get("notes") or {}).items():
            if not str(text).strip():
                problems.append(f"{where}: empty note for {key!r}")
    return problems, len(actions), new_format


def test_vignette_files_found() -> None:
    assert len(VIGNETTE_FILES) >= 16, VIGNETTE_FILES


@pytest.mark.parametrize("path", VIGNETTE_FILES, ids=[p.stem for p in VIGNETTE_FILES])
def test_vignette_actions_explain_each_accepted_answer(path: Path) -> None:
    problems, checked, new_format = vignette_problems(path)
    assert checked > 0
    assert not problems, "\n".join(problems)
    # Every shipped case gives level feedback of its own (issue 16, item 9).
    assert new_format, f"{path.name}: actions without 'why_level'"
    print(f"{path.name}: {checked} actions, every accepted answer explained")


def test_vignette_check_can_fail(tmp_path: Path) -> None:
    case = tmp_path / "x.yaml"
    case.write_text(yaml.safe_dump({"actions": [
        {"text": "Act", "lens": ["adp", "both"], "level": ["individual", "structural"],
         "why": "Anti-discriminatory: it deals with one refusal.",
         "why_level": "It helps one person."}]}), encoding="utf-8")
    problems, checked, new_format = vignette_problems(case)
    assert checked == 1 and new_format
    assert any("'both'" in p for p in problems)
    assert any("'structural'" in p for p in problems)
