"""The autumn DST event (tests/helpers/dst_event.py) with the people the attendance fixtures name."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from learningday.store.db import open_event
from learningday.store.models import Attendee
from tests.helpers.dst_event import START, build_dst_event

#: the roster: Bobby Jones in the Teams report is Robert (a nickname); the guest and Eve's sister are not on it
PEOPLE = (("ANA001", "Ana Silva", "ana@example.com"), ("ROB001", "Robert Jones", "rob@example.com"),
          ("DEV001", "Dev Patel", ""), ("EVE001", "Eve Moss", "eve@example.com"))


@pytest.fixture(scope="session")
def attendance_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_dst_event(tmp_path_factory.mktemp("attendance") / "autumn.lday")
    with open_event(path) as event_file, event_file.write() as s:
        s.add_all(Attendee(code=code, name=name, email=email, created_utc=START - timedelta(days=1))
                  for code, name, email in PEOPLE)
    return path


@pytest.fixture
def autumn(attendance_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "autumn.lday"
    shutil.copyfile(attendance_template, copy)
    return copy
