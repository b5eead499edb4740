"""The autumn DST event (tests/helpers/dst_event.py) with the people tests/data/attendance's reports name.

Bobby Jones in the Teams report is Robert (a nickname); its guest is on no roster."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from learningday.store.db import open_event
from learningday.store.models import Attendee
from tests import DATA
from tests.helpers.backends import Backend
from tests.helpers.dst_event import START, build_dst_event

REPORTS = DATA / "attendance"
PEOPLE = (("ANA001", "Ana Silva", "ana@example.com"), ("ROB001", "Robert Jones", "rob@example.com"),
          ("DEV001", "Dev Patel", ""), ("EVE001", "Eve Moss", "eve@example.com"))


def build_attendance_event(path: Path | Backend) -> Path | str:
    path = build_dst_event(path)
    with open_event(path) as event_file, event_file.write() as s:
        s.add_all(Attendee(code=code, name=name, email=email, created_utc=START - timedelta(days=1))
                  for code, name, email in PEOPLE)
    return path
