"""Conflicts and coverage against hand-computed expectations, and on the demo event.

The small event runs 21:00Z Wed 10 to 21:00Z Thu 11 March 2027; ``at(h)`` is h hours in.
Working hours (09:00-17:00) on Thu 11: London at(12)-at(20), Bangalore at(6.5)-at(14.5),
Tokyo at(3)-at(11). Ann (London) is available at(11)-at(21), her night is at(1)-at(10);
Kei (Tokyo) is available at(3)-at(6), his nights end at(1) and start at(16); Raj (Kolkata)
states no availability, his night ends at(4.5).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.plan.conflicts import ERROR, WARNING, find_conflicts, overlapping_pairs
from learningday.plan.coverage import coverage_by_level_and_hub
from learningday.plan.dto import SessionDraft
from learningday.plan.plandata import PlanRules, PlanSnapshot, load_plan
from learningday.plan.sessions import create_session
from learningday.store.db import open_event
from learningday.store.models import Attendee, Registration
from learningday.store.models import Session as LearningSession
from tests.helpers.planning import START, Small, at

#: name -> (level, start hour, end hour, venue, facilitators, target hubs)
AGENDA = {
    "S1 literacy": (1, 12, 13, "Room A", ("Ann",), ("London",)),
    "S2 prompting": (2, 12.5, 13.5, "Room A", ("Ann",), ("London",)),
    "S3 late Tokyo": (3, 17, 18, "Virtual", ("Kei",), ("Tokyo",)),
    "S4 early Raj": (1, 3, 4, "Room B", ("Raj",), ("Bangalore",)),
    "S5 Ann at dawn": (1, 9, 10, "Virtual", ("Ann",), ("London",)),
    "S6 literacy again": (1, 12.5, 13.5, "Room B", (), ("London",)),
    "S7 for everyone": (4, 7, 8, "Virtual", (), ()),
}


@pytest.fixture()
def planned(small: Small) -> tuple[PlanSnapshot, dict[str, str]]:
    uids = {}
    with open_event(small.path) as ef, ef.write() as s:
        for title, (level, lo, hi, venue, people, hubs) in AGENDA.items():
            uids[title] = create_session(s, SessionDraft(
                title=title, level_id=level, start_utc=at(lo), duration_minutes=int((hi - lo) * 60),
                venue_id=small.venues[venue], facilitator_ids=tuple(small.facilitators[p] for p in people),
                hub_ids=tuple(small.hubs[h] for h in hubs)))
        people = [Attendee(code=f"C{k}", name=f"Person {k}", created_utc=START) for k in range(4)]
        s.add_all(people)
        s.flush()
        sid = s.scalar(select(LearningSession.id).where(LearningSession.uid == uids["S1 literacy"]))
        for k, person in enumerate(people):  # three registered, one waitlisted: Room A seats two
            s.add(Registration(attendee_id=person.id, session_id=sid, created_utc=START,
                               status="waitlisted" if k == 3 else "registered"))
    with open_event(small.path) as ef, ef.read() as s:
        return load_plan(s), uids


def test_conflicts_match_the_hand_computed_list(planned) -> None:
    plan, uid = planned
    got = {(c.kind, c.sessions) for c in find_conflicts(plan)}
    assert got == {
        ("venue_double_booked", (uid["S1 literacy"], uid["S2 prompting"])),
        ("facilitator_double_booked", (uid["S1 literacy"], uid["S2 prompting"])),
        ("over_capacity", (uid["S1 literacy"],)),
        ("facilitator_unavailable", (uid["S3 late Tokyo"],)),
        ("facilitator_unavailable", (uid["S5 Ann at dawn"],)),
        ("facilitator_night", (uid["S3 late Tokyo"],)),
        ("facilitator_night", (uid["S4 early Raj"],)),
        ("facilitator_night", (uid["S5 Ann at dawn"],)),
        ("level_overlap", (uid["S1 literacy"], uid["S6 literacy again"])),
    }


def test_messages_are_readable_and_warnings_come_last(planned) -> None:
    plan, _ = planned
    conflicts = find_conflicts(plan)
    assert [c.severity for c in conflicts][-1] == WARNING
    assert all(c.severity == ERROR for c in conflicts[:-1])
    text = {c.kind: c.message for c in conflicts}
    assert text["over_capacity"] == "'S1 literacy' has 3 registrations for Room A (2 seats)"
    assert "Room A is booked twice" in text["venue_double_booked"]
    assert text["level_overlap"] == "level 1 sessions 'S1 literacy' and 'S6 literacy again' overlap for London"
    night = [c.message for c in conflicts if c.kind == "facilitator_night"]
    assert "Kei would teach 'S3 late Tokyo' in their night (Thu 11 23:00–00:00 Asia/Tokyo time)" in night


def test_a_wider_night_and_a_shorter_one(planned) -> None:
    plan, uid = planned
    # Night 23:00-03:00: Kei's 23:00 JST is still in it; Raj's 05:30 IST and Ann's 06:00 GMT are not.
    nights = {c.sessions[0] for c in find_conflicts(plan, PlanRules(night_start_min=23 * 60, night_end_min=3 * 60))
              if c.kind == "facilitator_night"}
    assert nights == {uid["S3 late Tokyo"]}


def test_sessions_outside_the_event_window(planned) -> None:
    plan, uid = planned
    shifted = replace(plan, start=at(3.5), end=at(17.5))
    outside = {c.sessions[0] for c in find_conflicts(shifted) if c.kind == "outside_window"}
    assert outside == {uid["S3 late Tokyo"], uid["S4 early Raj"]}


def test_overlap_sweep_touching_is_not_overlapping(planned) -> None:
    plan, _ = planned
    s = plan.sessions[0]
    touching = [s, replace(s, id=99, start=s.end, end=s.end + timedelta(hours=1))]
    assert list(overlapping_pairs(touching)) == []
    three = [s, replace(s, id=98), replace(s, id=97, start=s.start + timedelta(minutes=59))]
    assert len(list(overlapping_pairs(three))) == 3


def test_coverage_matrix_gaps_and_idle_hours(planned) -> None:
    plan, _ = planned
    cov = coverage_by_level_and_hub(plan)
    counts = {(c.level_id, c.hub): c.count for c in cov.cells if c.count}
    # S5 (London, 06:00) and S4 (Bangalore, 05:30 IST) lie outside working hours; S3 is Tokyo's night.
    assert counts == {(1, "London"): 2, (2, "London"): 1, (4, "Bangalore"): 1, (4, "Tokyo"): 1}
    assert len(cov.cells) == 15 and len(cov.gaps) == 11
    assert [c.hub for c in cov.cells[:3]] == ["London", "Bangalore", "Tokyo"]
    idle = {h.hub: [(w.start, w.end) for w in h.idle] for h in cov.idle}
    assert idle == {
        "London": [(at(13.5), at(20))],
        "Bangalore": [(at(6.5), at(7)), (at(8), at(14.5))],
        "Tokyo": [(at(3), at(7)), (at(8), at(11))],
    }


def test_coverage_minimum_is_configurable(planned) -> None:
    plan, _ = planned
    cov = coverage_by_level_and_hub(plan, PlanRules(coverage_minimum=2))
    assert not cov.cell(1, "London").gap and cov.cell(2, "London").gap
    assert cov.cell(2, "London").minimum == 2 and len(cov.gaps) == 14


def test_demo_event_has_a_realistic_coverage_matrix(demo_file: Path) -> None:
    with open_event(demo_file) as ef, ef.read() as s:
        plan = load_plan(s)
    cov = coverage_by_level_and_hub(plan)
    assert len(plan.hubs) >= 6 and len(cov.cells) == 5 * len(plan.hubs)
    assert sum(c.count for c in cov.cells) >= len(plan.hubs) * 5
    assert cov.gaps == ()  # the demo plans every level inside every hub's day
    assert max(c.count for c in cov.cells) <= 4
    # every hub has some working hours inside the event, and some of them free
    assert all(h.working for h in cov.idle) and any(h.idle for h in cov.idle)
    kinds = {c.kind for c in find_conflicts(plan)}
    assert kinds <= {"level_overlap"}  # the demo books no one twice and no one at night
