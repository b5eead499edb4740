"""Re-planning moves as few sessions as it can: a room change counts as a move, and a clash moves one."""

from __future__ import annotations

from datetime import timedelta

from learningday.plan.planner.model import PlanOptions, VenueIn
from learningday.plan.planner.propose import plan_inputs
from learningday.timeutil import parse_utc
from tests.core.plan.planner.inputs import hub, inputs, person, session

START = parse_utc("2027-03-11T00:00Z")  # London is on UTC: 09:00 local is slot 9 of an hour grid
NINE, TEN = START + timedelta(hours=9), START + timedelta(hours=10)


def _room(vid: int, seats: int) -> VenueIn:
    return VenueIn(vid, f"Room {vid}", "room", seats, 1)


def _plan(sessions, rooms):
    london = [hub(1, "London", "Europe/London")]
    people = [person(k, f"P{k}", "Europe/London") for k in (1, 2, 3)]
    return plan_inputs(inputs(START, 24, london, people, sessions, venues=rooms, grid=60, levels=(1,)),
                       PlanOptions(grid_minutes=60, keep_times=True))


def test_a_session_in_a_larger_room_than_it_needs_keeps_that_room() -> None:
    # 10 seats needed; it sits in the 30-seat room although the 12-seat one would do: nothing should move
    result = _plan([session(1, 1, 60, (1,), (1,), venue=2, start=NINE, seats=10)], [_room(1, 12), _room(2, 30)])
    assert result.moved == 0 and [p.venue_id for p in result.placements] == [2]


def test_a_pinned_session_moved_onto_a_taken_room_moves_exactly_one_other() -> None:
    # two rooms; A (room 1) and B (room 2) at 09:00, C (room 1) at 10:00. C is pinned at 09:00 in room 1:
    # the rooms hold two sessions an hour, so one of A, B must go. Moving A (whose room C now holds) is one
    # move; keeping A at 09:00 would move B away *and* A to room 2: two.
    rooms = [_room(1, 20), _room(2, 20)]
    a = session(1, 1, 60, (1,), (1,), venue=1, start=NINE)
    b = session(2, 1, 60, (2,), (1,), venue=2, start=NINE)
    c = session(3, 1, 60, (3,), (1,), venue=1, start=NINE, pinned=True)
    result = _plan([a, b, c], rooms)
    moved = {p.uid: p for p in result.placements if p.moved}
    assert result.status == "optimal" and list(moved) == ["uid-1"]
    assert moved["uid-1"].start_utc != NINE and moved["uid-1"].venue_id == 1
    assert result.moved == 1


def test_sessions_of_one_level_for_one_hub_do_not_overlap_when_they_need_not() -> None:
    # three level-1 sessions for London, three people, three rooms: nothing forces them together, and the
    # conflict check would warn of a level overlap, so the plan (and the greedy plan) keeps them apart
    rooms = [_room(1, 20), _room(2, 20), _room(3, 20)]
    sessions = [session(k, 1, 60, (k,), (1,), venue=k) for k in (1, 2, 3)]
    for solver in ("auto", "greedy"):
        london = [hub(1, "London", "Europe/London")]
        people = [person(k, f"P{k}", "Europe/London") for k in (1, 2, 3)]
        result = plan_inputs(inputs(START, 24, london, people, sessions, venues=rooms, grid=60, levels=(1,)),
                             PlanOptions(grid_minutes=60, solver=solver))
        starts = sorted(p.start_utc for p in result.placements)
        assert len(set(starts)) == 3, solver
