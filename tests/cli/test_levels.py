"""`learningday levels`, `level set`, `roles` and `role set|remove`: the framework's labels and the role table."""

from __future__ import annotations

import json

import pytest

from learningday.setup.event import list_levels
from learningday.setup.roles import RoleLevelRule, list_role_levels
from learningday.store.db import open_event
from tests.helpers.cli import refused, run
from tests.helpers.planning import Small


def _read(small: Small, reader):  # noqa: ANN001, ANN202
    with open_event(small.path) as ef, ef.read() as s:
        return reader(s)


def _level(small: Small, level_id: int):  # noqa: ANN202 - a LevelDTO
    return next(lv for lv in _read(small, list_levels) if lv.id == level_id)


def test_levels_lists_the_five(capsys, small: Small) -> None:
    status, out, _ = run(capsys, "levels", str(small.path), "--json")
    levels = json.loads(out)
    assert status == 0 and [lv["id"] for lv in levels] == [1, 2, 3, 4, 5]
    assert set(levels[0]) == {"id", "name", "colour", "audience", "foundational", "learning_paths"}
    status, out, _ = run(capsys, "levels", str(small.path))
    assert status == 0 and out.startswith(f"1  {levels[0]['name']}  {levels[0]['colour']}  (")
    assert f"\n    path: {levels[0]['learning_paths'][0]}\n" in out


def test_level_set_changes_only_what_is_given(capsys, small: Small) -> None:
    before = _level(small, 3)
    status, out, _ = run(capsys, "level", "set", str(small.path), "3", "--label", "  Making with AI ",
                         "--color", "#12abef", "--path", "APIs 101", "--path", "Agents lab")
    assert status == 0 and out.startswith("changed level 3  Making with AI  #12ABEF  (")
    after = _level(small, 3)
    assert (after.name, after.colour, after.learning_paths) == ("Making with AI", "#12ABEF", ("APIs 101", "Agents lab"))
    assert after.audience == before.audience
    status, out, _ = run(capsys, "level", "set", str(small.path), "3", "--path", "none", "--json")
    assert status == 0 and json.loads(out)["learning_paths"] == [] and json.loads(out)["colour"] == "#12ABEF"
    assert _level(small, 3).name == "Making with AI"


@pytest.mark.parametrize(("argv", "message"), [
    (("2", "--colour", "green"), "colour must look like #2E86AB"),
    (("2", "--colour", "#12345"), "colour must look like #2E86AB"),
    (("2", "--label", " "), "needs a label"),
    (("2", "--label", "x" * 101), "longer than 100 characters"),
    (("2", "--label", "Bad\x07"), "control character"),
    (("2", "--path", "Bad\x1b"), "control character"),
    (("2", "--path", "x" * 201), "longer than 200 characters"),
    (("2", *[a for k in range(21) for a in ("--path", f"p{k}")]), "at most 20 learning paths"),
    (("9", "--label", "Nine"), "there is no level 9"),
    (("2",), "nothing to change"),
])
def test_level_set_refusals_change_nothing(capsys, small: Small, argv: tuple[str, ...], message: str) -> None:
    assert message in refused(capsys, small.path, "level", "set", str(small.path), *argv)
    assert message in refused(capsys, small.path, "level", "set", str(small.path), *argv, "--json")


def test_two_levels_cannot_share_a_label(capsys, small: Small) -> None:
    other = _level(small, 1).name
    assert f"another level is called {other.upper()!r}" in refused(
        capsys, small.path, "level", "set", str(small.path), "2", "--label", other.upper())


def test_roles_set_change_and_remove(capsys, small: Small) -> None:
    event = str(small.path)
    status, out, _ = run(capsys, "role", "set", event, "  Prompt   Engineer ", "3-4")
    assert status == 0 and out == "set role prompt engineer: level 3-4\n"
    assert RoleLevelRule("prompt engineer", 3, 4) in _read(small, list_role_levels)
    status, out, _ = run(capsys, "role", "set", event, "prompt engineer", "2", "--json")
    assert status == 0 and json.loads(out) == {"action": "set", "role": "prompt engineer", "level_min": 2,
                                               "level_max": 2}
    status, out, _ = run(capsys, "roles", event, "--json")
    assert {"role": "prompt engineer", "level_min": 2, "level_max": 2} in json.loads(out)
    assert "prompt engineer: level 2\n" in run(capsys, "roles", event)[1]
    status, out, _ = run(capsys, "role", "remove", event, "PROMPT ENGINEER")
    assert status == 0 and out == "removed role prompt engineer: level 2\n"
    assert all(r.pattern != "prompt engineer" for r in _read(small, list_role_levels))


@pytest.mark.parametrize(("argv", "message"), [
    (("set", "analyst", "5-3"), "lowest first"),
    (("set", "analyst", "6"), "a level 1-5 or a range"),
    (("set", "analyst", "three"), "a level 1-5 or a range"),
    (("set", "  ", "2"), "cannot be empty"),
    (("set", "bad\x07", "2"), "control character"),
    (("set", "x" * 101, "2"), "at most 100 characters"),
    (("remove", "astronaut"), "there is no role rule 'astronaut'"),
])
def test_role_refusals_change_nothing(capsys, small: Small, argv: tuple[str, ...], message: str) -> None:
    action, rest = argv[0], argv[1:]
    assert message in refused(capsys, small.path, "role", action, str(small.path), *rest)
    assert message in refused(capsys, small.path, "role", action, str(small.path), *rest, "--json")
