"""A long merge writes in short steps: a check-in beside it never fails, and the steps add up to one merge."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from learningday.checkin import log as checkin
from learningday.checkin import station_log
from learningday.checkin.station_log import merge_log, merge_log_in_steps
from learningday.errors import LearningDayError
from learningday.setup.event import get_event
from learningday.store import db
from learningday.store.backups import list_backups
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn
from tests.helpers.backends import as_file
from tests.helpers.planning import START, Small

ENTRIES = 6000
DOOR_PEOPLE = 400


def _people(path: Path, count: int, first: int = 0) -> list[tuple[str, str, str]]:
    """``count`` attendees added to the file: (uid, name, code) each."""
    people = [(str(uuid.UUID(int=k + 1, version=4)), f"Person {k}", f"P{k:05d}") for k in range(first, first + count)]
    with open_event(path) as ef, ef.write() as s:
        s.execute(insert(Attendee), [{"uid": u, "name": n, "code": c, "email": "", "created_utc": START}
                                     for u, n, c in people])
    return people


def _log(path: Path, people: list[tuple[str, str, str]], entries: int) -> dict:
    """A station's log of ``entries`` event check-ins of ``people`` (none of them in the file yet)."""
    with open_event(path) as ef, ef.read() as s:
        event_uid = get_event(s).uid
    return {"format": "learningday-station-log", "version": 1, "event_uid": event_uid,
            "attendees": [{"uid": u, "name": n, "code": c, "email": "", "walk_in": False} for u, n, c in people],
            "entries": [{"uid": str(uuid.UUID(int=10**9 + k, version=4)), "kind": "check_in",
                         "attendee_uid": people[k % len(people)][0], "session_uid": None,
                         "at_utc": (START + timedelta(seconds=k)).isoformat(), "station": "Door B",
                         "facilitator_name": "", "method": "scan", "reverses_uid": None}
                        for k in range(entries)]}


def test_a_merge_in_another_thread_never_fails_a_check_in(small: Small, monkeypatch: pytest.MonkeyPatch) -> None:
    # A check-in gives up after 1 s here, not 5: a merge holding the write lock throughout (it took
    # seconds for these entries) failed the door; a merge in short steps never does.
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 1000)
    monkeypatch.setattr(station_log, "MAX_STEP", 200)  # ~30 steps, so the door meets the merge mid-way
    door = _people(small.path, DOOR_PEOPLE)
    log = _log(small.path, _people(small.path, 100, first=DOOR_PEOPLE), ENTRIES)
    failures: list[BaseException] = []

    def merge() -> None:
        try:
            with open_event(small.path) as event_file:
                merge_log_in_steps(event_file, log, progress=lambda _f, _m: first_step.set())
        except BaseException as exc:  # noqa: BLE001 - the main thread reports it
            failures.append(exc)

    merging = threading.Thread(target=merge, daemon=True)
    first_step = threading.Event()  # the merge has checked and planned the log and written one step
    results = []
    with open_event(small.path) as event_file:
        merging.start()
        assert first_step.wait(120), "the merge never wrote its first step"
        for _, _, code in door:
            if not merging.is_alive():
                break
            try:
                with event_file.write() as session:
                    results.append(checkin.check_in(session, code_or_attendee=code, station="Door A",
                                                    method="scan", at_utc=START))
            except LearningDayError as exc:  # "database is locked" is not one: it would fail the test as it is
                failures.append(exc)
    merging.join()
    assert failures == [] and {r.status for r in results} == {"checked_in"}
    with open_event(small.path) as ef, ef.read() as s:
        stations = dict(s.execute(select(CheckIn.id, CheckIn.station_id)).all())
        door_ids = set(s.scalars(select(CheckIn.id).where(CheckIn.uid.in_([r.entry_uid for r in results]))))
    merged_ids = set(stations) - door_ids
    assert len(merged_ids) == ENTRIES and len(door_ids) == len(results)
    # the door's check-ins went in between the merge's steps: the merge let go of the lock as it went
    assert any(min(merged_ids) < i < max(merged_ids) for i in door_ids)


def test_a_merge_in_steps_ends_where_one_transaction_ends(small: Small, tmp_path: Path) -> None:
    people = _people(small.path, 30)
    log = _log(small.path, people, 900)
    other = as_file(small.path, tmp_path / "other.lday")
    with open_event(small.path) as ef:
        stepped = merge_log_in_steps(ef, log)
        again = merge_log_in_steps(ef, log)
    with open_event(other) as ef, ef.write() as s:
        whole = merge_log(s, log)
    assert stepped == whole and stepped.entries_added == 900 and stepped.stations_created == 1
    assert (again.entries_added, again.entries_already_present, again.changed) == (0, 900, False)

    def entries(path: Path | str) -> list[tuple]:
        with open_event(path) as ef, ef.read() as s:
            return [tuple(r) for r in s.execute(select(CheckIn.uid, CheckIn.kind, CheckIn.attendee_id, CheckIn.at_utc,
                                                       CheckIn.method).order_by(CheckIn.id))]

    assert entries(small.path) == entries(other)


@pytest.mark.sqlite_only("the file's own safety around a merge: SQLite's synchronous pragma, and the file's backup")
def test_a_merge_in_steps_keeps_the_file_as_it_was_and_its_check_ins_waiting_for_the_disk(small: Small) -> None:
    log = _log(small.path, _people(small.path, 30), 900)
    with open_event(small.path) as ef:
        with ef.read() as s:
            before = s.scalar(select(func.count()).select_from(CheckIn))
        merge_log_in_steps(ef, log)
        merge_log_in_steps(ef, log)
        with ef.write() as s:  # the steps wrote without waiting for the disk; a check-in still waits
            assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    # the merge kept the event as it was before it; the second, writing nothing, kept nothing
    [backup] = list_backups(small.path)
    assert backup.reason == "before-merge" and backup.path.read_bytes()[:16] == b"SQLite format 3\x00"
    with open_event(backup.path) as ef, ef.read() as s:
        assert s.scalar(select(func.count()).select_from(CheckIn)) == before
