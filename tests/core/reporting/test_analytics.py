"""Analytics on a small hand-built event: every figure counted by hand (see tests/helpers/small_event.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from learningday.reporting.analytics import NO_DEPARTMENT, NO_FACILITATOR, NO_HUB, analyse, checkin_log
from learningday.reporting.dto import Breakdown
from learningday.store import arrival
from learningday.store.db import open_event
from tests.helpers.small_event import NAMES, TITLES, build_small_event


def _analyse(path: Path, **kwargs):
    with open_event(path) as event_file, event_file.read() as session:
        return analyse(session, **kwargs)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    return _analyse(build_small_event(tmp_path_factory.mktemp("small") / "small.lday"))


def _row(b: Breakdown) -> tuple:
    return (b.label, b.registered, b.attended, b.walk_ins, b.no_shows, b.attendees, b.learning_minutes)


def test_headline_figures(small) -> None:
    # registered: S1 3 + S2 2 + S3 2 + S4 0; attended: S1 {A1,A4} + S2 {A1,A3} + S4 {A5,A6}
    assert _row(small.overall) == ("All sessions", 7, 6, 3, 4, 5, 60 * 2 + 90 * 2 + 30 * 2)
    assert small.overall.rate == pytest.approx(3 / 7)  # A1@S1, A1@S2, A3@S2 of 7 places
    assert small.roster_size == 6
    assert small.registered_people == 3  # A1 A2 A3 (A4's places are waitlisted / cancelled)
    assert small.unique_attendees == 5 and small.session_attendances == 6
    assert small.sessions_per_attendee == pytest.approx(6 / 5)
    assert small.learning_hours == pytest.approx(6.0)
    assert small.event_checkins == 1  # A2, to the event as a whole


def test_sessions_undo_duplicates_walk_ins_and_drafts(small) -> None:
    got = [(s.title, s.registered, s.waitlisted, s.attended, s.walk_ins, s.no_shows, s.rate) for s in small.sessions]
    assert got == [
        (TITLES[0], 3, 1, 2, 1, 2, pytest.approx(1 / 3)),  # A2's check-in undone; A1 twice counts once
        (TITLES[1], 2, 0, 2, 0, 0, 1.0),  # a 'walk_in' entry of a registered person is no walk-in
        (TITLES[2], 2, 0, 0, 0, 2, 0.0),
        (TITLES[3], 0, 0, 2, 2, 0, None),  # no registrations: no rate
    ]  # the unscheduled draft is left out
    s1, s2, s3, s4 = small.sessions
    assert s1.walk_in_names == (NAMES["A4"],)
    assert set(s1.no_show_names) == {NAMES["A2"], NAMES["A3"]}
    assert (s1.main_hub, s2.main_hub, s3.main_hub, s4.main_hub) == ("Kathmandu", "New York", "New York", None)
    assert s2.facilitators == ("Fay", "Gus") and s4.facilitators == () and s4.venue == ""
    assert s1.capacity == 20 and s1.level_name == "AI literacy"


def test_by_level(small) -> None:
    assert [_row(b) for b in small.by_level] == [
        ("AI literacy", 3, 2, 1, 2, 2, 120),
        ("Hands-on with AI", 2, 2, 0, 0, 2, 180),
        ("Creating with AI", 2, 0, 0, 2, 0, 0),
        ("Building AI systems", 0, 2, 2, 0, 2, 60),
        ("Specialists", 0, 0, 0, 0, 0, 0),
    ]
    assert [b.rate for b in small.by_level] == [pytest.approx(1 / 3), 1.0, 0.0, None, None]


def test_by_hub_with_attendees_without_a_hub(small) -> None:
    assert [_row(b) for b in small.by_hub] == [
        ("Kathmandu", 4, 2, 0, 2, 1, 150),  # A1 at S1, S2; A2 missed S1, S3
        ("New York", 3, 3, 2, 2, 3, 150),  # A3 at S2, missed S1, S3; A5, A6 walked into S4
        (NO_HUB, 0, 1, 1, 0, 1, 60),  # A4, waitlisted for S1, came anyway
    ]
    assert small.by_hub[-1].key is None
    assert small.by_level_and_hub == (
        (1, "Kathmandu", 1), (1, NO_HUB, 1), (2, "Kathmandu", 1), (2, "New York", 1), (4, "New York", 2),
    )


def test_by_department_and_facilitator(small) -> None:
    assert [_row(b) for b in small.by_department] == [
        ("-Ops", 0, 1, 1, 0, 1, 30),
        ("Eng", 3, 2, 1, 2, 2, 120),
        ("Sales", 4, 2, 0, 2, 1, 150),
        (NO_DEPARTMENT, 0, 1, 1, 0, 1, 60),
    ]
    assert [_row(b) for b in small.by_facilitator] == [
        ("Fay", 5, 4, 1, 2, 3, 300),  # S1 + S2
        ("Gus", 4, 2, 0, 2, 2, 180),  # S2 + S3
        (NO_FACILITATOR, 0, 2, 2, 0, 2, 60),  # S4
    ]


def test_hours_in_utc_and_local(small) -> None:
    assert len(small.hours_utc) == 24
    counts = {h.index: h.attendances for h in small.hours_utc if h.attendances}
    assert counts == {6: 2, 8: 2, 18: 2}  # S1 03:15, S2 05:00, S4 15:00 on the 11th; start 21:00 the 10th
    assert small.hours_utc[6].start_utc.hour == 3
    local = {h.hub: {hour: n for hour, n in enumerate(h.by_local_hour) if n} for h in small.hours_local}
    # Kathmandu (+05:45): A1 at S1 09:00 and S2 10:45. New York (-05:00): A3 at S2 00:00, A5 A6 at S4 10:00.
    assert local == {"Kathmandu": {9: 1, 10: 1}, "New York": {0: 1, 10: 2}}


def test_attendees_and_level_progression(small) -> None:
    by_name = {a.name: a for a in small.attendees}
    a1, a2, a3, a4 = (by_name[NAMES[k]] for k in ("A1", "A2", "A3", "A4"))
    ids = {s.title: s.id for s in small.sessions}
    assert a1.sessions_attended == (ids[TITLES[0]], ids[TITLES[1]]) and a1.learning_minutes == 150
    assert a1.levels_attended == (1, 2) and a1.highest_level == 2 and a1.no_shows == 0
    assert (a2.registered, a2.sessions_attended, a2.no_shows, a2.highest_level) == (2, (), 2, None)
    assert (a3.registered, a3.no_shows, a3.learning_minutes) == (3, 2, 90)
    assert (a4.hub, a4.hub_zone, a4.walk_ins, a4.levels_attended) == ("", None, 1, (1,))
    assert small.progression == ((a1.id, (1, 2)),)
    assert [(p.levels, p.attendees) for p in small.progression_paths] == [((1, 2), 1)]


def test_top_and_bottom_sessions_never_overlap(small, tmp_path: Path) -> None:
    assert [s.title for s in small.top_sessions] == [TITLES[1], TITLES[0], TITLES[2]]
    assert small.bottom_sessions == ()  # every ranked session is already on top
    one = _analyse(build_small_event(tmp_path / "again.lday"), top=1)
    assert [s.title for s in one.top_sessions] == [TITLES[1]]
    assert [s.title for s in one.bottom_sessions] == [TITLES[2]]


def test_an_event_without_check_ins(tmp_path: Path) -> None:
    empty = _analyse(build_small_event(tmp_path / "empty.lday", checkins=False))
    assert _row(empty.overall) == ("All sessions", 7, 0, 0, 7, 0, 0)
    assert empty.overall.rate == 0.0 and empty.unique_attendees == 0 and empty.sessions_per_attendee == 0.0
    assert [s.rate for s in empty.sessions] == [0.0, 0.0, 0.0, None]
    assert empty.top_sessions == () and empty.bottom_sessions == ()
    assert empty.progression == () and all(h.attendances == 0 for h in empty.hours_utc)
    assert all(a.learning_minutes == 0 for a in empty.attendees)


def test_results_are_frozen(small) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        small.overall.attended = 0  # type: ignore[misc]


def test_check_in_log_keeps_every_entry(tmp_path: Path) -> None:
    with open_event(build_small_event(tmp_path / "log.lday")) as event_file, event_file.read() as session:
        log = checkin_log(session)
    assert len(log) == 11
    assert [e.kind for e in log].count("undo") == 1
    undone = [e for e in log if e.undone]
    assert len(undone) == 1 and undone[0].attendee_name == NAMES["A2"] and undone[0].kind == "check_in"
    assert [e.at_utc for e in log] == sorted(e.at_utc for e in log)
    assert next(e for e in log if e.session_title == "").attendee_name == NAMES["A2"]


def test_demo_agrees_with_the_live_check_in_counts(demo_file: Path) -> None:
    with open_event(demo_file) as event_file, event_file.read() as session:
        result = analyse(session)
        live = arrival.checked_in_by_session(session)
    assert {s.id: s.attended for s in result.sessions if s.attended} == {
        sid: n for sid, n in live.items() if sid is not None
    }
    assert result.overall.attended == sum(b.attended for b in result.by_hub)
    assert result.overall.registered == sum(b.registered for b in result.by_level)
    assert result.unique_attendees == sum(1 for a in result.attendees if a.sessions_attended)
    assert sum(h.attendances for h in result.hours_utc) == result.overall.attended
