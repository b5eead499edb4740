"""The report's counts, attendance rate and learning hours move by exactly what the imported minutes imply."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from learningday.attendance.recording import import_attendance
from learningday.attendance.rule import set_attended_percent
from learningday.checkin.log import check_in
from learningday.reporting.analytics import analyse
from learningday.store.db import open_event
from learningday.store.models import Attendee, Registration
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC
from tests import DATA
from tests.helpers.doors import open_door

NOW = datetime(2026, 10, 26, 9, 0, tzinfo=UTC)


def _chicago(path: Path) -> tuple[float | None, int, int, float]:
    with open_event(path) as event_file, event_file.read() as s:
        figures = analyse(s)
    chicago = next(o for o in figures.sessions if o.title == "Chicago only")
    return chicago.rate, chicago.attended, figures.overall.learning_minutes, figures.learning_hours


def test_imported_minutes_in_the_rate_and_the_learning_hours(autumn: Path) -> None:
    open_door(autumn)  # Robert's check-in is stamped after the session: the door rules have their own tests
    with open_event(autumn) as event_file, event_file.write() as s:
        sid, uid = s.execute(select(LearningSession.id, LearningSession.uid)
                             .where(LearningSession.title == "Chicago only")).one()
        ids = dict(s.execute(select(Attendee.name, Attendee.id)).all())
        s.add_all(Registration(attendee_id=ids[n], session_id=sid, created_utc=NOW)
                  for n in ("Ana Silva", "Eve Moss", "Robert Jones"))
        check_in(s, code_or_attendee="ROB001", session_uid=uid, station="Door", at_utc=NOW)  # in the room
    assert _chicago(autumn) == (1 / 3, 1, 60, 1.0)
    with open_event(autumn) as event_file, event_file.write() as s:
        import_attendance(s, [DATA / "attendance" / "zoom_chicago.csv"], at_utc=NOW)
    # Zoom: Ana 55 min (92 %), Eve 20 (33 %, under the 50 % default), Dev 60 (a walk-in: not registered).
    # Came: Robert (room, 60), Ana (55), Dev (60) -> rate 2 of 3 registered; minutes 60 + 55 + 60.
    assert _chicago(autumn) == (2 / 3, 3, 175, 175 / 60)
    with open_event(autumn) as event_file, event_file.write() as s:
        set_attended_percent(s, 30)
    assert _chicago(autumn) == (1.0, 4, 195, 195 / 60)  # Eve's 20 of 60 minutes now count
