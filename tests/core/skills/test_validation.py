"""Completion, validation and next steps on the hand-built event: every figure counted by hand."""

from __future__ import annotations

import pytest

from learningday.errors import InvalidInput
from learningday.skills.completion import completions, set_completion_rule, sign_off
from learningday.skills.dto import DEFAULT_RULE, CompletionRule
from learningday.skills.validation import next_step, next_steps, validated_levels
from learningday.store.db import open_event
from learningday.store.framework import FRAMEWORK
from tests.helpers.skills_event import CODES, UIDS, virtual_minutes

PATHS = {seed.id: seed.learning_paths for seed in FRAMEWORK}


def test_completion_percent_from_check_in_and_check_out(skills) -> None:
    path, ids = skills
    with open_event(path) as ef, ef.read() as s:
        found = {(c.attendee_id, c.session_id): (round(c.percent, 2), c.completed) for c in completions(s)}
    assert found == {
        (ids["P1"], ids["L1"]): (100.0, True),    # no check-out: the full duration
        (ids["P1"], ids["L2"]): (60.0, False),    # 60 of 100 min >= 50 %, but L2 asks for a sign-off
        (ids["P2"], ids["L1"]): (50.0, False),    # 30 of 60 min < 75 %
        (ids["P2"], ids["L2"]): (90.0, True),     # 90 of 100 min, signed off
        (ids["P4"], ids["L3"]): (83.33, False),   # 50 of 60 min < 90 %
    }                                             # P3's check-in was undone: absent


def test_virtual_minutes_come_through_the_seam(skills) -> None:
    path, ids = skills
    with open_event(path) as ef, ef.read() as s:
        found = {(c.attendee_id, c.session_id): c.completed for c in completions(
            s, minutes_attended=virtual_minutes(ids))}
    assert found[(ids["P2"], ids["L3"])] is True  # 54 of 60 minutes = 90 %


def test_validated_levels(skills) -> None:
    path, ids = skills
    with open_event(path) as ef, ef.read() as s:
        assert validated_levels(s) == {ids["P1"]: frozenset({1}), ids["P2"]: frozenset({2})}
        assert validated_levels(s, minutes_attended=virtual_minutes(ids))[ids["P2"]] == frozenset({2, 3})


def test_next_steps_by_hand(skills) -> None:
    path, ids = skills
    with open_event(path) as ef, ef.read() as s:
        rows = {r.code: r for r in next_steps(s)}
        seam = {r.code: r for r in next_steps(s, minutes_attended=virtual_minutes(ids))}
        order = [r.code for r in next_steps(s)]
    got = {code: (r.validated, r.highest, r.target, r.gap, r.next_level, r.paths) for code, r in rows.items()}
    assert got == {
        CODES["P1"]: ((1,), 1, 2, 1, 2, PATHS[1]),      # sales 1-2: one level to go
        CODES["P2"]: ((2,), 2, 3, 1, 3, PATHS[2]),      # developer 3-3
        CODES["P3"]: ((), 0, 4, 4, 1, PATHS[4]),        # ml engineer 4-4: nothing validated, start at 4's paths
        CODES["P4"]: ((), 0, None, None, None, PATHS[1]),  # no role rule: level 1's paths
    }
    p2 = seam[CODES["P2"]]
    assert (p2.validated, p2.highest, p2.gap, p2.next_level, p2.paths) == ((2, 3), 3, 0, None, PATHS[3])
    assert order == [CODES["P4"], CODES["P3"], CODES["P2"], CODES["P1"]]  # by name


def test_next_step_rule() -> None:
    assert next_step(frozenset({1, 2}), (1, 2), PATHS) == (2, 2, 0, None, PATHS[2])
    assert next_step(frozenset({5}), (3, 3), PATHS) == (5, 3, 0, None, PATHS[5])  # beyond the target: no gap


def test_paths_edited_per_event_are_recommended(skills) -> None:
    from learningday.setup.services import edit_level

    path, _ = skills
    with open_event(path) as ef:
        with ef.write() as s:
            edit_level(s, 1, learning_paths=["Our own AI clinic"])
        with ef.read() as s:
            assert next_steps(s)[-1].paths == ("Our own AI clinic",)  # P1, highest level 1


def test_sign_off_completes_a_session_that_asks_for_one(skills) -> None:
    path, ids = skills
    with open_event(path) as ef:
        with ef.write() as s:
            change = sign_off(s, CODES["P1"], UIDS["L2"], facilitator_name="Fay")
        assert (change.signed, change.was_signed) == (True, False)
        with ef.read() as s:
            assert validated_levels(s)[ids["P1"]] == frozenset({1, 2})


def test_sign_off_needs_a_check_in(skills) -> None:
    path, _ = skills
    with open_event(path) as ef, ef.write() as s, pytest.raises(InvalidInput, match="not checked in"):
        sign_off(s, CODES["P3"], UIDS["L1"])


def test_completion_rule_returns_what_it_replaced(skills) -> None:
    path, ids = skills
    with open_event(path) as ef:
        with ef.write() as s:
            assert set_completion_rule(s, UIDS["L1"], min_percent=40) == DEFAULT_RULE
            assert set_completion_rule(s, UIDS["L3"], min_percent=80) == CompletionRule(90, False)
        with ef.read() as s:
            assert validated_levels(s)[ids["P2"]] == frozenset({1, 2})  # 50 % >= 40 %
            assert validated_levels(s)[ids["P4"]] == frozenset({3})     # 83 % >= 80 %
        with ef.write() as s, pytest.raises(InvalidInput, match="0-100"):
            set_completion_rule(s, UIDS["L1"], min_percent=101)
