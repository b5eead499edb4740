"""Session services: create, edit, move, resize, delete; bad input writes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from learningday.errors import InvalidInput
from learningday.plan.dto import SessionDraft
from learningday.plan.sessions import (
    create_session,
    delete_session,
    edit_session,
    list_sessions,
    move_session,
    resize_session,
    session_draft,
)
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, Registration
from learningday.store.models import Session as LearningSession
from tests.helpers.planning import START, Small, at


def draft(small: Small, **changes) -> SessionDraft:
    base = dict(title="Prompting 101", level_id=2, start_utc=at(2), duration_minutes=60,
                venue_id=small.venues["Room B"], facilitator_ids=(small.facilitators["Raj"],),
                hub_ids=(small.hubs["Bangalore"],))
    base.update(changes)
    return SessionDraft(**base)


def add(small: Small, **changes) -> str:
    with open_event(small.path) as ef, ef.write() as s:
        return create_session(s, draft(small, **changes))


def rows(small: Small):
    with open_event(small.path) as ef, ef.read() as s:
        return list_sessions(s)


def test_create_then_list_shows_the_session(small: Small) -> None:
    uid = add(small)
    (row,) = rows(small)
    assert (row.uid, row.title, row.level_id, row.start_utc, row.end_utc) == (
        uid, "Prompting 101", 2, at(2), at(3))
    assert row.venue == "Room B" and row.facilitators == ("Raj",) and row.target_hubs == ("Bangalore",)


def test_unscheduled_draft_is_allowed(small: Small) -> None:
    add(small, start_utc=None)
    assert rows(small)[0].start_utc is None


def test_move_resize_and_edit(small: Small) -> None:
    uid = add(small)
    with open_event(small.path) as ef, ef.write() as s:
        move_session(s, uid, start_utc=at(5), venue_id=small.venues["Virtual"])
        resize_session(s, uid, duration_minutes=90)
    (row,) = rows(small)
    assert (row.start_utc, row.end_utc, row.venue) == (at(5), at(6.5), "Virtual")
    with open_event(small.path) as ef, ef.write() as s:
        move_session(s, uid, start_utc=at(1))  # venue unchanged
        current = session_draft(s, uid)
        edit_session(s, uid, SessionDraft(**{**current.__dict__, "title": "  Prompting 102 ", "hub_ids": (
            small.hubs["London"], small.hubs["Tokyo"]), "facilitator_ids": ()}))
    (row,) = rows(small)
    assert (row.title, row.start_utc, row.venue, row.facilitators) == ("Prompting 102", at(1), "Virtual", ())
    assert set(row.target_hubs) == {"London", "Tokyo"}


@pytest.mark.parametrize(("changes", "message"), [
    ({"title": "  "}, "needs a title"),
    ({"level_id": 7}, "no level 7"),
    ({"duration_minutes": 0}, "positive number of minutes"),
    ({"duration_minutes": 25 * 60}, "longer than the event"),
    ({"start_utc": START - timedelta(minutes=30)}, "not inside the event window"),
    ({"start_utc": at(23.5)}, "not inside the event window"),
    ({"start_utc": datetime(2027, 3, 11, 2, 0)}, "has no zone"),
    ({"venue_id": 999}, "no venue 999"),
    ({"facilitator_ids": (1, 998, 999)}, "no facilitator 998, 999"),
    ({"hub_ids": (42,)}, "no hub 42"),
    ({"capacity": 0}, "capacity must be positive"),
])
def test_bad_input_is_refused_and_nothing_is_written(small: Small, changes: dict, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        add(small, **changes)
    assert rows(small) == []


def test_several_problems_are_named_together(small: Small) -> None:
    with pytest.raises(InvalidInput) as caught:
        add(small, level_id=9, venue_id=77)
    assert "no level 9" in caught.value.message and "no venue 77" in caught.value.message
    assert caught.value.message.startswith("session 'Prompting 101':")


def test_a_bad_move_or_resize_leaves_the_session_as_it_was(small: Small) -> None:
    uid = add(small)
    with pytest.raises(InvalidInput, match="event window"):
        with open_event(small.path) as ef, ef.write() as s:
            move_session(s, uid, start_utc=at(23.5))
    with pytest.raises(InvalidInput, match="positive"):
        with open_event(small.path) as ef, ef.write() as s:
            resize_session(s, uid, duration_minutes=-15)
    with pytest.raises(InvalidInput, match="no session"):
        with open_event(small.path) as ef, ef.write() as s:
            move_session(s, "no-such-uid", start_utc=at(1))
    (row,) = rows(small)
    assert (row.start_utc, row.duration_minutes) == (at(2), 60)


def test_delete_returns_the_draft_and_undo_restores_the_same_uid(small: Small) -> None:
    uid = add(small)
    with open_event(small.path) as ef, ef.write() as s:
        before = delete_session(s, uid)
    assert rows(small) == []
    with open_event(small.path) as ef, ef.write() as s:
        assert create_session(s, before, uid=uid) == uid
        with pytest.raises(InvalidInput, match="exists already"):
            create_session(s, before, uid=uid)
    assert [r.uid for r in rows(small)] == [uid]


def _attendee_registered(small: Small, uid: str) -> None:
    with open_event(small.path) as ef, ef.write() as s:
        sid = s.scalar(select(LearningSession.id).where(LearningSession.uid == uid))
        person = Attendee(code="ABC123", name="Mia", created_utc=START)
        s.add(person)
        s.flush()
        s.add(Registration(attendee_id=person.id, session_id=sid, created_utc=START))


def test_delete_refuses_registrations_unless_asked_and_never_drops_check_ins(small: Small) -> None:
    uid = add(small)
    _attendee_registered(small, uid)
    with pytest.raises(InvalidInput, match="1 registrations"):
        with open_event(small.path) as ef, ef.write() as s:
            delete_session(s, uid)
    with open_event(small.path) as ef, ef.write() as s:
        delete_session(s, uid, drop_registrations=True)
        assert s.scalar(select(func.count()).select_from(Registration)) == 0

    uid = add(small)  # Mia (attendee 1) walks in to the second one
    with open_event(small.path) as ef, ef.write() as s:
        sid = s.scalar(select(LearningSession.id).where(LearningSession.uid == uid))
        s.add(CheckIn(kind="walk_in", attendee_id=1, session_id=sid, at_utc=at(2)))
    with pytest.raises(InvalidInput, match="check-in log"):
        with open_event(small.path) as ef, ef.write() as s:
            delete_session(s, uid, drop_registrations=True)
    assert [r.uid for r in rows(small)] == [uid]
