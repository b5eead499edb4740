"""The import's bulk write gives the same rows as one insert at a time would: uuid4 uids, json.dumps intervals."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from learningday.attendance.dto import Person
from learningday.attendance.recording import import_attendance
from learningday.attendance.writing import intervals_json, new_uids
from learningday.store.db import open_event
from learningday.store.models import CheckIn, VirtualAttendance
from learningday.timeutil import UTC
from tests.core.attendance.test_import import NOW, ZOOM


def test_new_uids_are_distinct_version_4_uuids_as_uuid4_writes_them() -> None:
    uids = new_uids(2000)
    assert len(set(uids)) == 2000
    for text in uids:
        value = uuid.UUID(text)
        assert (value.version, value.variant, str(value)) == (4, uuid.RFC_4122, text)
    assert new_uids(0) == []


def test_intervals_json_is_what_json_dumps_writes() -> None:
    start = datetime(2026, 10, 25, 0, 59, 59, 123456, tzinfo=UTC)
    spans = [(), ((start, start + timedelta(minutes=5)),),
             ((start, start + timedelta(hours=1)), (start + timedelta(hours=2), start + timedelta(hours=3)))]
    for intervals in spans:
        person = Person("k", "n", "", "", 1, intervals, 0, 0.0, False, False)
        assert intervals_json(person, {}) == json.dumps([[a.isoformat(), b.isoformat()] for a, b in intervals])


def test_each_written_minutes_row_belongs_to_its_own_virtual_entry(autumn: Path) -> None:
    with open_event(autumn) as event_file, event_file.write() as s:
        before = s.scalar(select(CheckIn.id).order_by(CheckIn.id.desc()).limit(1)) or 0
        result = import_attendance(s, [ZOOM], at_utc=NOW)
    with open_event(autumn) as event_file, event_file.read() as s:
        rows = s.execute(select(CheckIn.id, CheckIn.uid, CheckIn.method, VirtualAttendance.checkin_id)
                         .join(VirtualAttendance, VirtualAttendance.checkin_id == CheckIn.id)).all()
        new = s.scalars(select(CheckIn.id).where(CheckIn.id > before).order_by(CheckIn.id)).all()
    assert len(rows) == result.entries_written > 0
    assert all(method == "virtual" and uuid.UUID(uid).version == 4 for _, uid, method, _ in rows)
    assert new == list(range(before + 1, before + 1 + len(new)))  # the next free ids, in the log's order
