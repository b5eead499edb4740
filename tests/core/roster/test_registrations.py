"""Registrations through the services: capacity, waitlist promotion (oldest first), overlap refusal."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.errors import InvalidInput
from learningday.roster.dto import AttendeeQuery
from learningday.roster.query import attendee_ids
from learningday.roster.registrations import cancel, promote_waitlist, register, registration_status
from learningday.store.db import open_event
from learningday.store.models import Attendee, Hub, Venue
from learningday.store.models import Session as LearningSession
from tests.helpers import sha256
from tests.helpers.roster import make_event

T0 = datetime(2027, 3, 11, 9, tzinfo=timezone.utc)


@pytest.fixture()
def event(tmp_path: Path) -> Path:
    path = make_event(tmp_path / "reg.lday")
    with open_event(path) as event_file, event_file.write() as s:
        hubs = {h.name: h.id for h in s.scalars(select(Hub))}
        room = Venue(name="Room", capacity=2)
        s.add(room)
        s.flush()
        s.add_all([
            LearningSession(title="Prompting 101", level_id=2, start_utc=T0, duration_minutes=60, venue_id=room.id),
            LearningSession(title="Agents deep dive", level_id=3, start_utc=T0 + timedelta(minutes=30),
                            duration_minutes=60),
            LearningSession(title="Small class", level_id=2, start_utc=T0 + timedelta(hours=1),
                            duration_minutes=60, capacity=1),
            LearningSession(title="Draft", level_id=1, start_utc=None, duration_minutes=60),
        ])
        for i in range(6):
            s.add(Attendee(code=f"CODE{i:02d}", name=f"Person {i}", email=f"p{i}@example.com",
                           hub_id=hubs["Bangalore"] if i < 4 else hubs["London"], level_id=2 if i % 2 == 0 else 3,
                           created_utc=T0 - timedelta(days=3)))
    return path


def ids(s, model, column, *values):
    return [s.scalar(select(model.id).where(column == v)) for v in values]


def test_capacity_then_waitlist_then_promotion_oldest_first(event: Path) -> None:
    with open_event(event) as ef, ef.write() as s:
        prompting, = ids(s, LearningSession, LearningSession.title, "Prompting 101")
        a = list(s.scalars(select(Attendee.id).order_by(Attendee.id)))
        first = register(s, prompting, a[:3], now=T0 - timedelta(days=2))
        assert (first.registered, first.waitlisted) == (tuple(a[:2]), (a[2],))  # the venue holds 2
        later = register(s, prompting, [a[3], a[0]], now=T0 - timedelta(days=1))
        assert later.waitlisted == (a[3],) and later.unchanged == (a[0],)
        assert cancel(s, prompting, a[1]) == (a[2],)  # the oldest waitlisted person moves up
        status = registration_status(s, prompting)
        assert status == {"registered": [a[0], a[2]], "waitlisted": [a[3]], "cancelled": [a[1]]}
        assert cancel(s, prompting, a[3]) == ()  # leaving the waitlist frees no place
        again = register(s, prompting, [a[1]], now=T0 - timedelta(hours=1))  # back, at the end of the queue
        assert again.waitlisted == (a[1],)


def test_session_capacity_wins_over_venue_and_promote_after_growth(event: Path) -> None:
    with open_event(event) as ef, ef.write() as s:
        small, = ids(s, LearningSession, LearningSession.title, "Small class")
        a = list(s.scalars(select(Attendee.id).order_by(Attendee.id)))
        result = register(s, small, a[:3], now=T0)
        assert len(result.registered) == 1 and len(result.waitlisted) == 2
        s.get(LearningSession, small).capacity = 2
        assert promote_waitlist(s, small) == (a[1],)


def test_overlap_is_refused_naming_both_sessions_and_nothing_is_written(event: Path) -> None:
    with open_event(event) as ef, ef.write() as s:
        prompting, agents = ids(s, LearningSession, LearningSession.title, "Prompting 101", "Agents deep dive")
        a = list(s.scalars(select(Attendee.id).order_by(Attendee.id)))
        register(s, prompting, [a[0]], now=T0 - timedelta(days=1))
    digest = sha256(event)
    with open_event(event) as ef:
        with pytest.raises(InvalidInput) as caught, ef.write() as s:
            register(s, agents, [a[1], a[0]], now=T0)
        assert "Prompting 101" in caught.value.message and "Agents deep dive" in caught.value.message
        assert "Person 0" in caught.value.message
        with ef.read() as s:
            assert registration_status(s, agents)["registered"] == []
    assert sha256(event) == digest
    with open_event(event) as ef, ef.write() as s:  # back to back is not an overlap; drafts never clash
        small, draft = ids(s, LearningSession, LearningSession.title, "Small class", "Draft")
        assert register(s, small, [a[0]], now=T0).registered == (a[0],)
        assert register(s, draft, [a[0]], now=T0).registered == (a[0],)


def test_bulk_registration_of_a_hub_at_a_level(event: Path) -> None:
    with open_event(event) as ef, ef.write() as s:
        bangalore, = ids(s, Hub, Hub.name, "Bangalore")
        agents, = ids(s, LearningSession, LearningSession.title, "Agents deep dive")
        people = attendee_ids(s, AttendeeQuery(hub_id=bangalore, level_id=2))
        assert len(people) == 2
        result = register(s, agents, people, now=T0)  # no capacity anywhere: unlimited
        assert result.registered == tuple(people) and result.waitlisted == ()


def test_unknown_ids_are_refused(event: Path) -> None:
    with open_event(event) as ef, ef.write() as s:
        prompting, = ids(s, LearningSession, LearningSession.title, "Prompting 101")
        with pytest.raises(InvalidInput, match="no attendee with id 999"):
            register(s, prompting, [999], now=T0)
        with pytest.raises(InvalidInput, match="no session"):
            register(s, 999, [1], now=T0)
        with pytest.raises(InvalidInput, match="not registered"):
            cancel(s, prompting, 1)
