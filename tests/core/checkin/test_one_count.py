"""One count for every screen: the station's cards are the door's seats; the tally keeps the figures the log
does not carry (registrations, the attendee total) between ticks; the live view weighs online minutes."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from learningday.attendance.recording import import_attendance
from learningday.attendance.rule import attended_online
from learningday.checkin import log, presence
from learningday.checkin.counts import event_seats, seats
from learningday.checkin.live_counts import LiveTally, SessionCount, live_counts
from learningday.checkin.now import live_day
from learningday.store.db import open_event
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC
from tests.helpers.attendance import REPORTS, build_attendance_event
from tests.helpers.small_event import TITLES, at, build_small_event


def test_the_station_cards_are_the_door_seats(tmp_path: Path) -> None:
    path = build_small_event(tmp_path / "small.lday")
    with open_event(path) as f, f.read() as s:
        for sid, uid in s.execute(select(LearningSession.id, LearningSession.uid)):
            door, cards = seats(s, sid), presence.presence_counts(s, uid)
            assert (cards.checked_in, cards.registered, cards.capacity, cards.walk_ins, cards.not_yet_here) == \
                   (door.here, door.registered, door.capacity, door.unregistered_here, door.not_yet_here)
            # the capacity card's "taken" is the door's: the registered and those here without a place
            assert cards.registered + cards.walk_ins == door.taken
        whole = presence.presence_counts(s)
        # registered anywhere: A1 A2 A3 (S1), A2 A3 (S3); at the event itself: A2
        assert (whole.checked_in, whole.registered, whole.not_yet_here) == (1, 3, 2) == \
               (event_seats(s).here, event_seats(s).registered, event_seats(s).not_yet_here)


def test_the_tally_follows_registrations_and_walk_ins_between_ticks(tmp_path: Path) -> None:
    path = build_small_event(tmp_path / "small.lday")
    tally = LiveTally()
    with open_event(path) as mine, open_event(path) as other:
        with mine.read() as s:
            s1 = s.scalar(select(LearningSession.uid).where(LearningSession.title == TITLES[0]))
            before = live_counts(s, tally, session_uids=(s1,))
        with other.write() as s:  # admitted with an override at the door: registers them
            log.check_in(s, code_or_attendee="AAAAA5", session_uid=s1, station="B", method="scan",
                         at_utc=at(11, 3, 5), override="their manager sent them")
            log.walk_in(s, name="Zoë Walk-In", email="zoe@example.com", session_uid=None, station="B",
                        at_utc=at(11, 3, 6))
        with mine.read() as s:
            after = live_counts(s, tally, session_uids=(s1,))
            fresh = live_counts(s, session_uids=(s1,))  # read whole
    assert after.session(s1).registered == before.session(s1).registered + 1
    assert after.attendees == before.attendees + 1
    assert (after.attendees, after.session(s1), after.checkins) == (fresh.attendees, fresh.session(s1), fresh.checkins)


def test_the_live_view_counts_online_people_by_the_attended_share(tmp_path: Path) -> None:
    path = build_attendance_event(tmp_path / "autumn.lday")
    with open_event(path) as event_file, event_file.write() as s:
        uid = s.scalar(select(LearningSession.uid).where(LearningSession.title == "Chicago only"))
        import_attendance(s, [REPORTS / "zoom_chicago.csv"], at_utc=datetime(2026, 10, 26, tzinfo=UTC))
    with open_event(path) as event_file, event_file.read() as s:
        # Ana 55 min, Dev 60, Eve 20 of 60: at the default 50 %, Eve did not attend
        assert live_counts(s, session_uids=(uid,), attended=attended_online).session(uid) == SessionCount(2, 0)
        assert live_counts(s, session_uids=(uid,)).session(uid).present == 3  # every arrival, without the rule
        end = s.scalar(select(LearningSession.start_utc).where(LearningSession.uid == uid)) + timedelta(minutes=59)
        day = live_day(s, end.replace(tzinfo=UTC), attended=attended_online)  # the Live workspace's and `now`'s
        assert [(x.present, x.registered) for h in day.hubs for x in h.now if x.uid == uid][:1] == [(2, 0)]
