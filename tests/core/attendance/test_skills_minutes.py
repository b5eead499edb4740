"""A meeting report's minutes decide a skills completion; its entries are never a whole session in the room."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from learningday.attendance.recording import import_attendance
from learningday.skills.completion import completions
from learningday.store.db import open_event
from learningday.store.models import Attendee
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC
from tests import DATA

NOW = datetime(2026, 10, 26, 9, 0, tzinfo=UTC)


def test_online_minutes_complete_a_session_by_its_rule(autumn: Path) -> None:
    with open_event(autumn) as event_file, event_file.write() as s:
        import_attendance(s, [DATA / "attendance" / "zoom_chicago.csv"], at_utc=NOW)
    with open_event(autumn) as event_file, event_file.read() as s:
        chicago = s.scalar(select(LearningSession.id).where(LearningSession.title == "Chicago only"))
        names = dict(s.execute(select(Attendee.id, Attendee.name)).all())
        done = {names[c.attendee_id]: (round(c.percent, 1), c.completed)
                for c in completions(s) if c.session_id == chicago}
    # Zoom, a 60-minute session: Ana 55 min, Eve 20, Dev 60; the default rule asks for 75 %
    assert done == {"Ana Silva": (91.7, True), "Eve Moss": (33.3, False), "Dev Patel": (100.0, True)}
