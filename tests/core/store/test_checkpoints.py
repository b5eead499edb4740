"""WAL checkpoints off the commit path: none inside a burst of check-ins, one once the file is quiet, a bounded log."""

from __future__ import annotations

import random
import shutil
import sqlite3
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import event, insert, select

from learningday.checkin.log import check_in
from learningday.roster.codes import new_code
from learningday.setup.event import create_event_file
from learningday.store.checkpoints import CAP_PAGES
from learningday.store.db import EventFile, open_event
from learningday.store.models import Attendee, new_uid

AT = datetime(2027, 3, 11, 9, tzinfo=timezone.utc)
#: more pages than SQLite's default checkpoint threshold (1,000) at about six pages a check-in
BURST = 250
WAITING = 60.0  # seconds: far longer than any test here lasts, so that only what the test does checkpoints


def _event_with(path: Path, people: int) -> list[int]:
    """A new event of ``people`` attendees; their ids."""
    create_event_file(path, name="Checkpoint day", start_utc=AT)
    rng, taken = random.Random(5), set()
    rows = [{"uid": new_uid(), "code": new_code(rng, taken), "name": f"Person {i}", "email": "", "department": "",
             "role": "", "created_utc": AT} for i in range(people)]
    with open_event(path) as event_file, event_file.write() as session:
        session.execute(insert(Attendee), rows)
        return list(session.scalars(select(Attendee.id).order_by(Attendee.id)))


def _check_in(event_file: EventFile, ids: list[int], *, lean: bool = False) -> None:
    """Each one in its own transaction: an ORM Session's, or (``lean``) as the station writes it."""
    for attendee in ids:
        if lean:
            result = event_file.run_lean_write(lambda s, attendee=attendee: check_in(
                s, code_or_attendee=attendee, station="Door C", at_utc=AT))
        else:
            with event_file.write() as session:
                result = check_in(session, code_or_attendee=attendee, station="Door C", at_utc=AT)
        assert result.status == "checked_in"


def _in_the_file_itself(path: Path, tmp: Path) -> int:
    """Check-ins the file holds without its write-ahead log (what checkpoints have copied into it)."""
    alone = tmp / "alone.lday"
    shutil.copyfile(path, alone)
    con = sqlite3.connect(alone)
    try:
        return con.execute("SELECT COUNT(*) FROM checkins").fetchone()[0]
    finally:
        con.close()


def _checkpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "wal-checkpoint"]


def test_a_burst_of_check_ins_runs_no_checkpoint_inside_its_commits_and_closing_copies_the_log(tmp_path: Path) -> None:
    path = tmp_path / "day.lday"
    ids = _event_with(path, BURST)
    with open_event(path) as event_file:
        assert event_file.checkpointer is not None
        event_file.checkpointer.idle = WAITING
        before = _in_the_file_itself(path, tmp_path)
        _check_in(event_file, ids)
        assert _in_the_file_itself(path, tmp_path) == before  # every check-in is in the log only
        with event_file.read() as session:  # and committed: every reader sees it
            assert session.connection().exec_driver_sql("SELECT COUNT(*) FROM checkins").scalar() == before + BURST
    assert _in_the_file_itself(path, tmp_path) == before + BURST
    assert not _checkpoint_threads()


@pytest.mark.parametrize("lean", [False, True], ids=["session", "lean"])
def test_once_the_file_is_quiet_the_log_is_copied_into_it(tmp_path: Path, lean: bool) -> None:
    """Whichever way a check-in is written: in an ORM Session, or as the station writes it (SQLite's own)."""
    path = tmp_path / "day.lday"
    ids = _event_with(path, 3)
    with open_event(path) as event_file:
        before = _in_the_file_itself(path, tmp_path)
        _check_in(event_file, ids, lean=lean)
        deadline = time.monotonic() + 30  # a condition waited for, not a duration measured
        while _in_the_file_itself(path, tmp_path) != before + 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _in_the_file_itself(path, tmp_path) == before + 3
        assert not _checkpoint_threads()  # the thread ends once it has checkpointed


def test_5000_check_ins_without_a_pause_keep_the_log_bounded(tmp_path: Path) -> None:
    path = tmp_path / "day.lday"
    ids = _event_with(path, 5000)
    wal = Path(f"{path}-wal")
    largest = 0
    with open_event(path) as event_file:
        assert event_file.checkpointer is not None
        event_file.checkpointer.idle = WAITING  # never quiet: only the cap checkpoints
        # the log's growth, not the disk's flushes, is under test: 5,000 fsyncs would take a minute on a slow disk
        event.listen(event_file.engine, "connect", lambda con, _record: con.execute("PRAGMA synchronous = OFF"))
        for start in range(0, len(ids), 100):
            _check_in(event_file, ids[start:start + 100])
            largest = max(largest, wal.stat().st_size)
        with event_file.read() as session:
            page = session.connection().exec_driver_sql("PRAGMA page_size").scalar()
        in_file = _in_the_file_itself(path, tmp_path)
    frame = 24 + page
    assert largest <= 32 + (CAP_PAGES + 100) * frame  # the cap, and the pages of the commit that crossed it
    assert in_file > 0  # checkpoints ran during the burst
