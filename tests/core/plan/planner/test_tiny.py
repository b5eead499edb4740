"""A tiny plan whose optimum is found by brute force; an impossible one is explained in words."""

from __future__ import annotations

import itertools
from datetime import timedelta

from learningday.plan.planner.greedy import objective
from learningday.plan.planner.model import PlanOptions
from learningday.plan.planner.problem import build_problem
from learningday.plan.planner.propose import plan_inputs
from learningday.timeutil import parse_utc
from tests.core.plan.planner.inputs import channel, hub, inputs, person, session

START = parse_utc("2027-03-11T00:00Z")


def _tiny():
    # London and Tokyo; one channel; Ann (London) and Kei (Tokyo) teach; grid of an hour over 24 h
    hubs = [hub(1, "London", "Europe/London"), hub(2, "Tokyo", "Asia/Tokyo")]
    people = [person(1, "Ann", "Europe/London"), person(2, "Kei", "Asia/Tokyo", (8 * 60, 20 * 60))]
    sessions = [session(1, 1, 60, (1,), (1, 2), venue=10), session(2, 1, 120, (2,), (2,), venue=10),
                session(3, 2, 60, (1, 2), (), venue=10), session(4, 2, 60, (2,), (1,), venue=10)]
    return inputs(START, 24, hubs, people, sessions, venues=[channel(10)], grid=60, levels=(1, 2))


def _feasible(p, chosen: dict[str, int]) -> bool:
    """The hard rules, checked without the solver: people and the one channel never double-booked."""
    by_uid = {s.uid: s for s in p.movable}
    busy: dict[object, set[int]] = {}
    for uid, k in chosen.items():
        s = by_uid[uid]
        for key in [("person", f) for f in s.facilitator_ids] + [("venue",)]:
            slots = set(range(k, k + p.span(s)))
            if busy.setdefault(key, set()) & slots:
                return False
            busy[key] |= slots
    return True


def test_the_tiny_optimum_matches_brute_force() -> None:
    tiny = _tiny()
    p = build_problem(tiny, PlanOptions(grid_minutes=60))
    uids = [s.uid for s in p.movable]
    best = max(objective(p, dict(zip(uids, combo)))
               for combo in itertools.product(*(p.starts[u] for u in uids)) if _feasible(p, dict(zip(uids, combo))))
    result = plan_inputs(tiny, PlanOptions(grid_minutes=60))
    assert result.status == "optimal" and result.solver == "highs"
    found = {pl.uid: round(tiny.slot_of(pl.start_utc)) for pl in result.placements}
    assert len(found) == 4 and _feasible(p, found)
    assert objective(p, found) == best


def test_more_teaching_than_availability_is_said_in_words() -> None:
    people = [person(1, "Mei Chen", "Asia/Shanghai", (9 * 60, 11 * 60))]
    sessions = [session(k, 1, 60, (1,), ()) for k in (1, 2, 3)]
    result = plan_inputs(inputs(START, 24, [hub(1, "Shanghai", "Asia/Shanghai")], people, sessions),
                         PlanOptions(time_limit=2))
    assert result.status == "infeasible"
    assert len(result.unplaced) == 1 and len(result.placements) == 2
    assert "Mei Chen has three sessions (3 h) but 2 h of availability outside their night" in result.explanation


def test_a_level_whose_facilitators_sleep_through_a_hubs_day_is_named() -> None:
    hubs = [hub(1, "Sydney", "Australia/Sydney"), hub(2, "London", "Europe/London")]
    people = [person(1, "Ann", "Europe/London"), person(2, "Bea", "Europe/London")]
    sessions = [session(1, 4, 60, (1,), (1, 2)), session(2, 4, 60, (2,), (1, 2))]
    result = plan_inputs(inputs(START, 24, hubs, people, sessions, levels=(4,)), PlanOptions(time_limit=2))
    assert result.status == "optimal"  # every session is placed; one cell stays open, and says why
    assert [(c.level_id, c.hub) for c in result.coverage_gaps] == [(4, "Sydney")]
    assert ("level 4 cannot reach Sydney: its two facilitators (Ann and Bea) are in night hours, unavailable or "
            "already teaching during all of Sydney's working day") in result.explanation


def test_a_session_longer_than_any_free_stretch_fits_nowhere() -> None:
    people = [person(1, "Kei", "Asia/Tokyo", (9 * 60, 10 * 60))]
    result = plan_inputs(inputs(START, 24, [hub(1, "Tokyo", "Asia/Tokyo")], people, [session(1, 1, 90, (1,), ())]),
                         PlanOptions(time_limit=2))
    assert result.status == "infeasible" and result.unplaced == ("uid-1",)
    assert result.explanation[0].startswith("'Session 1' (1 h 30 min) fits nowhere: Kei can teach at most 1 h")


def test_same_input_and_seed_give_the_same_plan() -> None:
    first = plan_inputs(_tiny(), PlanOptions(grid_minutes=60, seed=4))
    again = plan_inputs(_tiny(), PlanOptions(grid_minutes=60, seed=4))
    assert first.placements == again.placements
    greedy = [plan_inputs(_tiny(), PlanOptions(grid_minutes=60, seed=4, solver="greedy")).placements for _ in (1, 2)]
    assert greedy[0] == greedy[1]


def test_pinned_sessions_stay_and_others_avoid_them() -> None:
    tiny = _tiny()
    at = START + timedelta(hours=1)
    pinned = tiny.sessions[0].__class__(**{**tiny.sessions[0].__dict__, "start": at, "pinned": True})
    result = plan_inputs(inputs(START, 24, tiny.hubs, tiny.facilitators, (pinned,) + tiny.sessions[1:],
                                venues=tiny.venues, grid=60, levels=(1, 2)), PlanOptions(grid_minutes=60))
    assert "uid-1" not in {p.uid for p in result.placements}
    assert all(not (p.start_utc < at + timedelta(hours=1) and at < p.end_utc) for p in result.placements)
