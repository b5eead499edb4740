"""Revision 0008 on an old file: the attended share defaults to 50 %, 'virtual' entries are accepted, the log's
other checks survive the table's rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from learningday.attendance.rule import attended_percent, set_attended_percent
from learningday.errors import InvalidInput
from learningday.store.db import open_event
from learningday.store.models import CheckIn
from tests import DATA


def _insert(s, method: str, kind: str = "check_in") -> None:  # noqa: ANN001
    first = s.execute(select(CheckIn.attendee_id, CheckIn.at_utc).limit(1)).one()
    s.execute(text("INSERT INTO checkins (uid, kind, attendee_id, at_utc, facilitator_name, method) "
                   "VALUES (:uid, :kind, :a, :at, '', :method)"),
              {"uid": f"test-{method}-{kind}", "kind": kind, "a": first[0], "at": first[1].replace(tzinfo=None),
               "method": method})


def test_an_old_file_gains_the_setting_and_the_virtual_method(tmp_path: Path) -> None:
    copy = tmp_path / "old.lday"
    shutil.copyfile(DATA / "event_rev0001.lday", copy)
    with open_event(copy) as event_file:
        with event_file.write() as s:
            assert attended_percent(s) == 50
            _insert(s, "virtual")
            assert set_attended_percent(s, 75) == 50
        with event_file.read() as s:
            assert attended_percent(s) == 75
        for method, kind in (("bogus", "check_in"), ("virtual", "bogus")):
            with pytest.raises(IntegrityError), event_file.write() as s:
                _insert(s, method, kind)
        with pytest.raises(InvalidInput), event_file.write() as s:
            set_attended_percent(s, 101)
