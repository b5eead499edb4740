"""Agenda snapshots: save, list, compare (hand-computed), restore round trip, refusals that change nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from learningday.errors import InvalidInput
from learningday.plan.dto import SessionDraft
from learningday.plan.sessions import create_session, delete_session, edit_session, session_draft
from learningday.plan.snapshots import (
    compare,
    current_sessions,
    find_snapshot,
    list_snapshots,
    restore,
    save_snapshot,
)
from learningday.store.db import open_event
from learningday.store.models import AgendaSnapshot, Attendee, CheckIn, Event, Facilitator, Registration, Venue
from learningday.store.models import Session as LearningSession
from tests.helpers import sha256
from tests.helpers.planning import START, Small, at
from tests.helpers.small_event import TITLES, build_small_event


def save(path: Path, name: str, minutes: int = 0):
    with open_event(path) as ef, ef.write() as s:
        return save_snapshot(s, name, now=START - timedelta(days=1) + timedelta(minutes=minutes))


def agenda_now(path: Path):
    with open_event(path) as ef, ef.read() as s:
        return current_sessions(s)


def comparison(path: Path, uid: str):
    with open_event(path) as ef, ef.read() as s:
        return compare(s, uid)


def plan(small: Small) -> dict[str, str]:
    """A in Room A at +1 h (Ann), B in Room B at +2 h (Raj, for Bangalore), C virtual at +3 h (Kei), D a draft."""
    v, f, h = small.venues, small.facilitators, small.hubs
    drafts = {
        "A": SessionDraft("A: AI literacy", 1, at(1), 60, v["Room A"], (f["Ann"],), (h["London"],), ("ethics",)),
        "B": SessionDraft("B: Prompting", 2, at(2), 60, v["Room B"], (f["Raj"],), (h["Bangalore"],)),
        "C": SessionDraft("C: APIs", 3, at(3), 90, v["Virtual"], (f["Kei"],), (h["Tokyo"],), capacity=40),
        "D": SessionDraft("D: Draft", 5, None, 45),
    }
    with open_event(small.path) as ef, ef.write() as s:
        return {key: create_session(s, d) for key, d in drafts.items()}


def edit(path: Path, uid: str, **changes) -> None:
    with open_event(path) as ef, ef.write() as s:
        edit_session(s, uid, replace(session_draft(s, uid), **changes))


def change_everything(small: Small, uids: dict[str, str]) -> str:
    """A moves +30 min; B goes to Room A and is retitled; C lasts 60 min with Ann too; D goes; E comes."""
    f = small.facilitators
    edit(small.path, uids["A"], start_utc=at(1.5))
    edit(small.path, uids["B"], venue_id=small.venues["Room A"], title="B: Prompting lab")
    edit(small.path, uids["C"], duration_minutes=60, facilitator_ids=(f["Ann"], f["Kei"]))
    with open_event(small.path) as ef, ef.write() as s:
        delete_session(s, uids["D"])
        return create_session(s, SessionDraft("E: New", 4, at(6), 30, small.venues["Room B"]))


# -- save and list ------------------------------------------------------------------------------
def test_save_keeps_every_field_of_every_session(small: Small) -> None:
    uids = plan(small)
    row = save(small.path, "  First draft  ")
    assert (row.name, row.sessions, row.scheduled) == ("First draft", 4, 3)
    with open_event(small.path) as ef, ef.read() as s:
        payload = s.scalars(select(AgendaSnapshot.payload)).one()
    a = next(p for p in payload["sessions"] if p["uid"] == uids["A"])
    with open_event(small.path) as ef, ef.read() as s:
        ann = s.scalar(select(Facilitator.uid).where(Facilitator.name == "Ann"))
    assert a == {"uid": uids["A"], "title": "A: AI literacy", "description": "", "level": 1, "topics": ["ethics"],
                 "start_utc": "2027-03-10T22:00:00+00:00", "duration_minutes": 60, "venue": "Room A",
                 "facilitators": [ann], "facilitator_names": ["Ann"], "target_hubs": ["London"], "capacity": None}
    d = next(p for p in payload["sessions"] if p["uid"] == uids["D"])
    assert (d["start_utc"], d["venue"], d["level"]) == (None, None, 5)


@pytest.mark.parametrize(("name", "message"), [
    ("", "needs a name"), ("   ", "needs a name"), ("x" * 201, "at most 200"),
    ("first DRAFT", "already a saved version called 'First draft'"),
])
def test_bad_names_are_refused_and_nothing_is_written(small: Small, name: str, message: str) -> None:
    plan(small)
    save(small.path, "First draft")
    before = sha256(small.path)
    with pytest.raises(InvalidInput, match=message):
        save(small.path, name)
    assert sha256(small.path) == before


def test_list_is_newest_first_and_find_takes_a_name_or_a_uid(small: Small) -> None:
    plan(small)
    first = save(small.path, "Monday", minutes=0)
    second = save(small.path, "Tuesday", minutes=60)
    with open_event(small.path) as ef, ef.read() as s:
        assert [r.name for r in list_snapshots(s)] == ["Tuesday", "Monday"]
        assert find_snapshot(s, "monday") == first and find_snapshot(s, second.uid) == second
        with pytest.raises(InvalidInput, match="no saved version called 'Friday'.*'Monday', 'Tuesday'"):
            find_snapshot(s, "Friday")


# -- compare ------------------------------------------------------------------------------------
def test_compare_lists_added_removed_moved_and_changed_with_before_and_after(small: Small) -> None:
    uids = plan(small)
    v1 = save(small.path, "v1")
    assert comparison(small.path, v1.uid).identical
    e = change_everything(small, uids)
    result = comparison(small.path, v1.uid)
    assert [(c.uid, c.title, c.before, c.after is not None) for c in result.added] == [(e, "E: New", None, True)]
    assert [(c.uid, c.title, c.after) for c in result.removed] == [(uids["D"], "D: Draft", None)]
    assert result.removed[0].before.duration_minutes == 45
    # moved: sorted by start now; A by its start, B by its venue (and its new title rides along)
    assert [(c.uid, [(f.field, f.before, f.after) for f in c.fields]) for c in result.moved] == [
        (uids["A"], [("start_utc", "2027-03-10T22:00:00+00:00", "2027-03-10T22:30:00+00:00")]),
        (uids["B"], [("venue", "Room B", "Room A"), ("title", "B: Prompting", "B: Prompting lab")]),
    ]
    assert [(c.uid, [(f.field, f.before, f.after) for f in c.fields]) for c in result.changed] == [
        (uids["C"], [("duration_minutes", 90, 60), ("facilitators", ["Kei"], ["Ann", "Kei"])]),
    ]
    assert {c.kind for c in result.all} == {"added", "removed", "moved", "changed"}


# -- restore ------------------------------------------------------------------------------------
def test_restore_round_trip_and_the_automatic_backup_undoes_it(small: Small) -> None:
    uids = plan(small)
    v1 = save(small.path, "v1")
    saved = agenda_now(small.path)
    e = change_everything(small, uids)
    changed = agenda_now(small.path)
    with open_event(small.path) as ef, ef.write() as s:
        result = restore(s, v1.uid, now=START)
    assert (result.recreated, result.deleted, result.updated) == (1, 1, 3)
    assert result.backup is not None and result.backup.name == "Before restoring v1"
    assert agenda_now(small.path) == saved  # same uids, every field back (D re-created as uids["D"])
    assert comparison(small.path, v1.uid).identical
    back = comparison(small.path, result.backup.uid)  # the backup is the changed agenda
    assert [c.uid for c in back.removed] == [e] and [c.uid for c in back.added] == [uids["D"]]
    with open_event(small.path) as ef, ef.write() as s:
        undo = restore(s, result.backup.uid, backup=False)
    assert undo.backup is None
    assert agenda_now(small.path) == changed
    with open_event(small.path) as ef, ef.write() as s:
        again = restore(s, v1.uid)
    assert again.backup.name == "Before restoring v1 (2)"
    with open_event(small.path) as ef, ef.write() as s:
        assert restore(s, v1.uid).backup is None  # nothing to change: no new version either
        assert [r.name for r in list_snapshots(s)].count("Before restoring v1 (3)") == 0


def test_restore_is_refused_when_a_session_added_since_has_people(tmp_path: Path) -> None:
    path = build_small_event(tmp_path / "small.lday")
    v1 = save(path, "v1")
    with open_event(path) as ef, ef.write() as s:
        e = create_session(s, SessionDraft("Late addition", 2, START + timedelta(hours=5), 60))
        f = create_session(s, SessionDraft("Walk-in corner", 3, START + timedelta(hours=6), 30))
        ids = dict(s.execute(select(LearningSession.uid, LearningSession.id)).all())
        people = list(s.scalars(select(Attendee.id).order_by(Attendee.id)))
        s.add_all([Registration(attendee_id=people[0], session_id=ids[e], created_utc=START),
                   Registration(attendee_id=people[1], session_id=ids[e], status="waitlisted", created_utc=START),
                   CheckIn(kind="walk_in", attendee_id=people[2], session_id=ids[f], at_utc=START)])
        s.execute(delete(LearningSession).where(LearningSession.title == TITLES[2]))  # 'Nobody came' removed
    before = sha256(path)
    with pytest.raises(InvalidInput) as caught:
        with open_event(path) as ef, ef.write() as s:
            restore(s, v1.uid)
    assert caught.value.message == (
        "cannot restore 'v1': sessions added since then have people on them: "
        "'Late addition' (2 registrations); 'Walk-in corner' (1 check-in log entries). "
        "Move or cancel those registrations first; nothing was changed")
    assert sha256(path) == before
    with open_event(path) as ef, ef.read() as s:
        assert [r.name for r in list_snapshots(s)] == ["v1"]


def test_a_session_added_since_with_only_cancelled_registrations_goes(tmp_path: Path) -> None:
    path = build_small_event(tmp_path / "small.lday", checkins=False)
    v1 = save(path, "v1")
    with open_event(path) as ef, ef.write() as s:
        e = create_session(s, SessionDraft("Late addition", 2, START + timedelta(hours=5), 60))
        sid = s.scalar(select(LearningSession.id).where(LearningSession.uid == e))
        s.add(Registration(attendee_id=1, session_id=sid, status="cancelled", created_utc=START))
    with open_event(path) as ef, ef.write() as s:
        restore(s, v1.uid)
        assert s.scalar(select(LearningSession.id).where(LearningSession.uid == e)) is None
        assert s.scalars(select(Registration.session_id).where(Registration.session_id == sid)).all() == []


def test_restore_is_refused_when_a_venue_or_facilitator_it_needs_is_gone(tmp_path: Path) -> None:
    path = build_small_event(tmp_path / "small.lday", checkins=False)
    v1 = save(path, "v1")
    with open_event(path) as ef, ef.write() as s:
        s.execute(delete(Registration))
        s.execute(delete(LearningSession).where(LearningSession.title.in_(TITLES[:2])))  # room K's, and Fay+Gus's
        s.execute(delete(Venue).where(Venue.name == "Room K"))
        s.execute(delete(Facilitator).where(Facilitator.name == "Gus"))
    before = sha256(path)
    with pytest.raises(InvalidInput) as caught:
        with open_event(path) as ef, ef.write() as s:
            restore(s, v1.uid)
    message = caught.value.message
    assert message.startswith("cannot restore 'v1': ")
    assert f"session {TITLES[0]!r} needs venue 'Room K', which no longer exists" in message
    assert f"session {TITLES[1]!r} needs facilitator 'Gus', which no longer exists" in message
    assert f"session {TITLES[2]!r} needs facilitator 'Gus'" in message  # still there, but changed since
    assert sha256(path) == before


def test_restore_is_refused_when_a_saved_time_is_outside_the_event_window_now(small: Small) -> None:
    uids = plan(small)
    v1 = save(small.path, "v1")
    with open_event(small.path) as ef, ef.write() as s:
        s.execute(update(Event).values(start_utc=START + timedelta(hours=2)))  # the day now starts 2 h later
        edit_session(s, uids["A"], replace(session_draft(s, uids["A"]), start_utc=at(3)))
    before = sha256(small.path)
    with pytest.raises(InvalidInput) as caught:
        with open_event(small.path) as ef, ef.write() as s:
            restore(s, v1.uid)
    assert caught.value.message.startswith("cannot restore 'v1': session 'A: AI literacy': ")
    assert "not inside the event window" in caught.value.message
    assert caught.value.message.endswith("; nothing was changed")
    assert sha256(small.path) == before
