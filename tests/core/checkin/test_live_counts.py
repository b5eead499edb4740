"""The one live count: the hand-counted event's figures, then other connections' writes taken in by a tally."""

from __future__ import annotations

from pathlib import Path

import pytest

from learningday.checkin import log
from learningday.checkin.live_counts import LiveTally, SessionCount, live_counts
from learningday.checkin.watch import ChangeWatcher
from learningday.setup.event import event_summary
from learningday.store.copying import publish
from learningday.store.db import open_event
from learningday.store.models import CheckIn
from learningday.store.models import Session as LearningSession
from tests.helpers.backends import Backend
from tests.helpers.doors import open_door
from tests.helpers.small_event import TITLES, at, build_small_event


@pytest.fixture()
def event(tmp_path: Path) -> Path:
    return build_small_event(tmp_path / "small.lday")


@pytest.fixture()
def shared(backend: Backend, tmp_path: Path) -> str | Path:
    """The small event on this test's backend: the file itself, or published to a fresh database."""
    path = build_small_event(tmp_path / "small.lday")
    if backend.cluster is None:
        return path
    target = backend.empty()
    publish(path, target)
    return target


def _uids(path: Path) -> dict[str, str]:
    with open_event(path) as f, f.read() as s:
        return {title: uid for title, uid in s.query(LearningSession.title, LearningSession.uid)}


def test_the_hand_counted_event(event: Path) -> None:
    uids = _uids(event)
    s1, s4 = uids[TITLES[0]], uids[TITLES[3]]
    with open_event(event) as f, f.read() as s:
        counts = live_counts(s, session_uids=(s1, s4, None), as_of=at(11, 3, 30))
        summary = event_summary(s)
    assert (counts.checkins, counts.people_present, counts.attendees) == (7, 6, 6)
    assert (counts.checkins, counts.people_present) == (summary.checkins, summary.attendees_checked_in)
    # S1: A1 (twice: once) and A4 (waitlisted, but here); A2's check-in undone. Registered: A1 A2 A3.
    assert counts.session(s1) == SessionCount(2, 3)
    assert counts.session(s4) == SessionCount(0, 0)  # A5, A6 walk in at 15:02, after 03:30
    assert counts.session(None) == SessionCount(1, 0)  # A2 at the event, 02:00
    assert counts.hub_arrivals == {"Kathmandu": 2, "New York": 3, "": 1}
    # first arrivals between 02:30 and 03:30: A1 (03:10, Kathmandu) and A4 (03:13, no hub); A2 came at 02:00
    assert counts.hub_arrivals_last_hour == {"Kathmandu": 1, "": 1}
    with open_event(event) as f, f.read() as s:
        assert live_counts(s, session_uids=(s4,)).session(s4) == SessionCount(2, 0)  # now: both walk-ins


def test_a_tally_follows_other_connections_and_undo(shared: str | Path) -> None:
    event = shared
    open_door(event)  # the check-ins are stamped now, outside the session: the door rules have their own tests
    s3 = _uids(event)[TITLES[2]]
    tally = LiveTally()
    with open_event(event) as mine, open_event(event) as other:
        watcher = ChangeWatcher(mine)
        with mine.read() as s:
            before = live_counts(s, tally, session_uids=(s3,))
        assert not watcher.changed()
        now = at(11, 14, 5)  # inside the session: the door rules admit the registered
        with other.write() as s:
            first = log.check_in(s, code_or_attendee="AAAAA2", session_uid=s3, station="B", method="scan", at_utc=now)
            log.check_in(s, code_or_attendee="AAAAA3", session_uid=s3, station="B", method="scan", at_utc=now)
        assert watcher.changed() and not watcher.changed()
        with mine.read() as s:
            after = live_counts(s, tally, session_uids=(s3,))
        assert after.session(s3) == SessionCount(2, 2)
        assert after.checkins == before.checkins + 2
        with other.write() as s:
            log.undo(s, first.entry_uid, station="B", at_utc=now)
        assert watcher.changed()
        with mine.read() as s:
            undone = live_counts(s, tally, session_uids=(s3,))
            fresh = live_counts(s, session_uids=(s3,))  # the log read whole agrees with the tally
            entries = s.query(CheckIn).count()
        with other.write() as s:  # an arrival at the event as a whole, undone: the tally recounts that pair
            arrival = log.check_in(s, code_or_attendee="AAAAA5", station="B", method="scan", at_utc=now)
        with other.write() as s:
            log.undo(s, arrival.entry_uid, station="B", at_utc=now)
        assert watcher.changed()
        with mine.read() as s:
            event_undone = live_counts(s, tally, session_uids=(None,))
            event_fresh = live_counts(s, session_uids=(None,))
        watcher.close()
    assert event_undone.session(None) == event_fresh.session(None)
    assert event_undone.people_present == event_fresh.people_present
    assert undone.session(s3) == SessionCount(1, 2) == fresh.session(s3)
    assert (undone.checkins, undone.people_present, undone.hub_arrivals) == \
           (fresh.checkins, fresh.people_present, fresh.hub_arrivals)
    assert undone.log_id == entries
