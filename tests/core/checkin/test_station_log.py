"""Station log merge: idempotent, order-independent, walk-ins merged by email, problems reported."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from learningday.checkin import log as checkin
from learningday.checkin.station_log import export_log, merge_log
from learningday.errors import InvalidInput
from learningday.store import arrival
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn
from learningday.store.models import Session as LearningSession
from tests.helpers.backends import as_file
from tests.helpers.doors import open_door

AT = datetime(2027, 3, 10, 23, 0, tzinfo=timezone.utc)
#: a well-formed uid of a session this event does not have
NO_SESSION = "00000000-0000-4000-8000-0000000000ff"


def _people_and_session(path: Path) -> tuple[list[str], str]:
    with open_event(path) as ef, ef.read() as s:
        session_uid = s.scalar(select(LearningSession.uid))
        codes = s.scalars(select(Attendee.code).where(Attendee.id.not_in(select(CheckIn.attendee_id)))
                          .order_by(Attendee.id).limit(4)).all()
    return list(codes[:4]), session_uid


def _station_logs(demo_file: Path, tmp_path: Path) -> tuple[dict, dict]:
    codes, session_uid = _people_and_session(demo_file)
    a, b = as_file(demo_file, tmp_path / "a.lday"), as_file(demo_file, tmp_path / "b.lday")
    open_door(a)  # the logs' check-ins, not the door rules, are under test here
    open_door(b)
    with open_event(a) as ef:
        with ef.write() as s:
            for k, code in enumerate(codes[:2]):
                checkin.check_in(s, code_or_attendee=code, session_uid=session_uid, station="Door A",
                                 at_utc=AT + timedelta(minutes=k))
        with ef.write() as s:
            walk = checkin.walk_in(s, name="Wendy Walker", email="wendy@example.com", session_uid=session_uid,
                                   station="Door A", at_utc=AT + timedelta(minutes=3))
            mistake = checkin.check_in(s, code_or_attendee=codes[2], session_uid=session_uid, station="Door A",
                                       at_utc=AT + timedelta(minutes=4))
        with ef.write() as s:
            checkin.undo(s, mistake.entry_uid, station="Door A", at_utc=AT + timedelta(minutes=5))
        assert walk.new_attendee
        with ef.read() as s:
            log_a = json.loads(json.dumps(export_log(s)))  # it survives a trip through JSON
    with open_event(b) as ef:
        with ef.write() as s:  # the same person on both doors: overlapping, conflicting entries
            checkin.check_in(s, code_or_attendee=codes[0], session_uid=session_uid, station="Door B",
                             at_utc=AT + timedelta(minutes=2))
            checkin.check_in(s, code_or_attendee=codes[3], session_uid=session_uid, station="Door B",
                             at_utc=AT + timedelta(minutes=2))
            checkin.walk_in(s, name="Wendy W.", email="Wendy@Example.com", session_uid=session_uid,
                            station="Door B", at_utc=AT + timedelta(minutes=6))
        with ef.read() as s:
            log_b = json.loads(json.dumps(export_log(s)))
    return log_a, log_b


def _state(path: Path) -> tuple:
    """What the organiser sees: every entry, who is here where, and the roster by email."""
    with open_event(path) as ef, ef.read() as s:
        entries = frozenset(s.scalars(select(CheckIn.uid)))
        # by email letter case aside: a walk-in typed at two doors keeps the spelling merged first
        here = frozenset(s.execute(
            select(func.lower(Attendee.email), CheckIn.session_id).join(Attendee, Attendee.id == CheckIn.attendee_id)
            .where(arrival.current_arrivals())).all())
        roster = tuple(s.execute(select(func.lower(Attendee.email), func.count()).group_by(func.lower(Attendee.email))
                                 .order_by(func.lower(Attendee.email))).all())
        counts = (arrival.count_current(s), arrival.count_attendees_present(s))
    return entries, here, roster, counts


def test_two_station_logs_merge_to_one_state_in_either_order_and_again_changes_nothing(
    demo_file: Path, tmp_path: Path
) -> None:
    log_a, log_b = _station_logs(demo_file, tmp_path)
    first, second = as_file(demo_file, tmp_path / "ab.lday"), as_file(demo_file, tmp_path / "ba.lday")
    reports = {}
    for path, order in ((first, (log_a, log_b)), (second, (log_b, log_a))):
        with open_event(path) as ef:
            for n, log in enumerate(order):
                with ef.write() as s:
                    reports[(path.name, n)] = merge_log(s, log)
    assert _state(first) == _state(second)
    assert reports[("ab.lday", 0)].entries_added == 5 and reports[("ab.lday", 0)].attendees_created == 1
    assert reports[("ab.lday", 1)].entries_added == 3 and reports[("ab.lday", 1)].attendees_matched_by_email == 1
    assert all(not r.problems for r in reports.values())
    entries, here, roster, _ = _state(first)
    assert dict(roster)["wendy@example.com"] == 1
    before = _state(first)
    with open_event(first) as ef:
        for log in (log_a, log_b):
            with ef.write() as s:
                again = merge_log(s, log)
            assert not again.changed and again.entries_added == 0
    assert _state(first) == before


def test_entries_that_cannot_be_applied_are_reported(demo_file: Path, tmp_path: Path) -> None:
    log_a, _ = _station_logs(demo_file, tmp_path)
    stranger = {"uid": "00000000-0000-4000-8000-000000000001", "email": "", "name": "Nobody", "code": "ZZZZZZ",
                "walk_in": False}
    log_a["attendees"].append(stranger)
    log_a["entries"].append({**log_a["entries"][-1], "uid": "00000000-0000-4000-8000-000000000002",
                             "kind": "check_in", "reverses_uid": None, "attendee_uid": stranger["uid"]})
    log_a["entries"].append({**log_a["entries"][-1], "uid": "00000000-0000-4000-8000-000000000003",
                             "session_uid": NO_SESSION, "attendee_uid": log_a["entries"][0]["attendee_uid"]})
    with open_event(as_file(demo_file, tmp_path / "main.lday")) as ef, ef.write() as s:
        report = merge_log(s, log_a)
    assert report.entries_added == 5
    assert any("Nobody" in p for p in report.problems)
    assert any(NO_SESSION in p for p in report.problems)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "something else"}, "not a LearningDay station log"),
        ({"event_uid": "another"}, "another event"),
        ({"version": 99}, "version 99"),
        ({"entries": [{"uid": NO_SESSION, "kind": "teleport", "method": "scan"}]}, "unknown kind"),
    ],
)
def test_a_bad_log_is_refused_before_anything_is_written(demo_file: Path, tmp_path: Path, change: dict,
                                                          message: str) -> None:
    log_a, _ = _station_logs(demo_file, tmp_path)
    main = as_file(demo_file, tmp_path / "main.lday")
    before = _state(main)
    with open_event(main) as ef, pytest.raises(InvalidInput, match=message), ef.write() as s:
        merge_log(s, {**log_a, **change})
    assert _state(main) == before
