"""Answer keys in the shipped cases: every defensible answer accepted and explained.

Issue 12 asks that a contested call (ADP, AOP or both; which level) is never graded with a
single key, and issue 16 asks that the level sort has its own feedback. These checks read
the case files directly, so they hold whatever the explorer does with them."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from praxislab.vignettes import LENSES, LEVELS, load_vignette, shipped_dir

SHIPPED = sorted(shipped_dir().glob("*.yaml"))
LABEL = {"adp": r"\bADP\b", "aop": r"\bAOP\b", "both": r"\bboth\b"}


def _actions():
    for path in SHIPPED:
        for i, action in enumerate(load_vignette(path).actions, 1):
            yield f"{path.stem}[{i}]", action


ACTIONS = list(_actions())


def test_the_set_is_large_enough_to_check() -> None:
    assert len(SHIPPED) >= 16
    assert len(ACTIONS) >= 16 * 6
    print(f"{len(SHIPPED)} cases, {len(ACTIONS)} actions")


@pytest.mark.parametrize(("where", "action"), ACTIONS, ids=[w for w, _ in ACTIONS])
def test_every_accepted_answer_is_explained(where: str, action) -> None:
    assert action.lenses and set(action.lenses) <= set(LENSES), where
    assert action.levels and set(action.levels) <= set(LEVELS), where
    for lens in action.lenses:
        assert re.search(LABEL[lens], action.why, flags=re.I), \
            f"{where}: why never explains '{lens}'"
    assert action.why_level, f"{where}: no why_level (level feedback would repeat the lens text)"
    assert action.why_level != action.why, where
    for level in action.levels:
        assert level[:10] in action.why_level.lower(), \
            f"{where}: why_level never explains '{level}'"
    if {"adp", "aop"} <= set(action.lenses):
        assert "both" in action.lenses, f"{where}: ADP and AOP both sound, yet 'both' marked wrong"
    for key in action.notes:
        assert key not in action.lenses + action.levels, f"{where}: a note for an accepted answer"


def test_contested_calls_accept_more_than_one_answer() -> None:
    multi_lens = sum(len(a.lenses) > 1 for _, a in ACTIONS)
    multi_level = sum(len(a.levels) > 1 for _, a in ACTIONS)
    with_both = sum("both" in a.lenses for _, a in ACTIONS)
    print(f"{multi_lens} actions accept more than one lens answer, {multi_level} more than one "
          f"level; {with_both} accept 'both'")
    assert multi_lens >= len(ACTIONS) // 3
    assert with_both >= len(ACTIONS) // 3
    assert multi_level >= 10


def test_youngs_faces_are_balanced_across_the_set() -> None:
    faces = Counter(f for path in SHIPPED for f in load_vignette(path).faces)
    print(dict(faces))
    assert faces["exploitation"] >= 3
    assert faces["violence"] >= 3
    # Powerlessness in Young (1990) is tied to the division of labour; it is not a tag for
    # every case where someone has little say.
    assert faces["powerlessness"] <= len(SHIPPED) // 3


def test_the_validator_names_a_bad_answer_list(tmp_path) -> None:
    import yaml

    from praxislab.validate import ContentError

    data = yaml.safe_load((shipped_dir() / "housing-refusal.yaml").read_text("utf-8"))
    data["actions"][0]["lens"] = ["aop", "equality"]
    data["actions"][1]["level"] = []
    data["actions"][2]["why_level"] = ["a list", "not text"]
    data["actions"][3]["notes"] = {"sideways": "x"}
    path = tmp_path / "housing-refusal.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_vignette(path)
    fields = [p.field for p in err.value.problems]
    assert fields == ["actions[1].lens[2]", "actions[2].level", "actions[3].why_level",
                      "actions[4].notes.sideways"], fields
    # A number where text is expected is named, never half-read (issue 14).
    data = yaml.safe_load((shipped_dir() / "housing-refusal.yaml").read_text("utf-8"))
    data["actions"][0]["why_level"] = 3
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_vignette(path)
    assert [p.field for p in err.value.problems] == ["actions[1].why_level"]
