"""The event file is never lost or wrongly refused: crash leftovers, foreign databases, odd paths, damaged values."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from learningday.errors import EventFileError
from learningday.setup.event import event_summary
from learningday.store.db import APPLICATION_ID, head_revision, open_event
from learningday.store.models import Attendee, CheckIn
from tests.helpers import sha256
from tests.helpers.wal import cut_checkpoint_short

#: a station checks everyone in (one transaction: the file grows by many pages), then dies before any checkpoint
CRASHING_STATION = r"""
import os, sys
from datetime import datetime, timezone
from sqlalchemy import select
from learningday.checkin import log as checkin
from learningday.store.db import open_event
from learningday.store.models import Attendee

with open_event(sys.argv[1]) as ef:
    with ef.write() as s:
        written = [checkin.check_in(s, code_or_attendee=code, station="Door C", method="scan",
                                    at_utc=datetime.now(timezone.utc)).entry_uid
                   for code in s.scalars(select(Attendee.code)).all()]
    print(sum(1 for uid in written if uid), flush=True)  # committed: the block has ended
    os._exit(0)  # killed: the -wal and -shm stay, nothing was checkpointed
"""


def _checkpoint_cut_short(path: Path) -> int:
    """A station confirms many entries and dies; a checkpoint was copying them when it died. Returns how
    many entries the station confirmed."""
    station = subprocess.run([sys.executable, "-c", CRASHING_STATION, str(path)], check=True,
                             capture_output=True, text=True)
    assert cut_checkpoint_short(path), "the setup must leave the file shorter than its header says"
    return int(station.stdout)


@pytest.mark.sqlite_only("SQLite's write-ahead log, cut short in the file")
def test_a_crash_in_the_middle_of_a_checkpoint_is_not_refused(demo_file: Path) -> None:
    with open_event(demo_file) as event_file, event_file.read() as session:
        before = session.scalar(select(func.count(CheckIn.id)))
    confirmed = _checkpoint_cut_short(demo_file)
    con = sqlite3.connect(f"{demo_file.as_uri()}?mode=ro", uri=True)  # reading only: no recovery, no checkpoint
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"  # SQLite itself finds it intact
    con.close()
    with open_event(demo_file) as event_file, event_file.read() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == before + confirmed > before


def _foreign(path: Path, revision: str, app_id: int) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE event (id INTEGER PRIMARY KEY, title TEXT)")
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    con.execute("INSERT INTO event (title) VALUES ('their data')")
    con.execute(f"PRAGMA application_id = {app_id}")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize(("revision", "app_id", "expect"), [
    ("head", 0, "not a LearningDay event file"),
    ("0001", 0, "not a LearningDay event file"),
    ("0001", APPLICATION_ID, "damaged"),  # our id, forged: still not migrated, nor backed up
])
def test_a_foreign_database_with_our_table_names_is_refused_untouched(
    revision: str, app_id: int, expect: str, tmp_path: Path
) -> None:
    path = _foreign(tmp_path / "theirs.db", head_revision() if revision == "head" else revision, app_id)
    before = sha256(path)
    with pytest.raises(EventFileError, match=expect):
        open_event(path)
    assert sha256(path) == before  # not switched to WAL, not migrated
    assert [p.name for p in tmp_path.iterdir()] == ["theirs.db"]  # no -wal, -shm, nor a backup copy


@pytest.mark.sqlite_only("the application id is in the SQLite file's header")
def test_our_schema_without_our_id_still_opens(demo_file: Path) -> None:
    con = sqlite3.connect(demo_file)
    con.execute("PRAGMA application_id = 0")
    con.commit()
    con.close()
    with open_event(demo_file) as event_file, event_file.read() as session:
        assert event_summary(session).attendees == 1000


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_anything_but_a_regular_file_is_refused_at_once(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "pipe.lday"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    def hung(*_: object) -> None:
        raise TimeoutError("open_event blocked on a pipe")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)  # a FIFO used to block the open for ever: fail instead of hanging the run
    try:
        with pytest.raises(EventFileError, match="not a file"):
            open_event(path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(importlib.util.find_spec("psycopg2") is not None, reason="the PostgreSQL driver is installed")
def test_a_server_url_without_its_driver_says_what_to_install() -> None:
    with pytest.raises(EventFileError, match=r"no driver for postgresql.*install psycopg"):
        open_event("postgresql://door@localhost/event")


@pytest.mark.sqlite_only("a file name's path handling")
def test_a_question_mark_in_the_name_is_part_of_the_name(demo_file: Path) -> None:
    odd = demo_file.with_name("door?a#1.lday")
    shutil.move(demo_file, odd)
    with open_event(odd) as event_file, event_file.read() as session:
        assert event_summary(session).attendees == 1000
    assert sorted(p.name for p in odd.parent.iterdir()) == ["door?a#1.lday"]


def _tamper(path: Path, sql: str) -> None:
    """Write bytes no LearningDay writes, behind the app's back (quick_check still passes)."""
    con = sqlite3.connect(path)
    con.create_function("ld_search_terms", 4, lambda *_: "[]")  # the search-term trigger's function
    con.execute(sql)
    con.commit()
    con.close()


@pytest.mark.sqlite_only("damage only a file holds: SQLite keeps any bytes in any column (PostgreSQL types refuse them)")
@pytest.mark.parametrize("sql", [
    "UPDATE event SET start_utc = '2027-0x-10 21:00:00.000000'",
    "UPDATE attendees SET department = CAST(X'4164FF61' AS TEXT)",
    "UPDATE sessions SET topics = '[not json'",
])
def test_a_value_that_cannot_be_read_is_damage_not_a_traceback(sql: str, demo_file: Path) -> None:
    _tamper(demo_file, sql)
    with open_event(demo_file) as event_file:
        with pytest.raises(EventFileError, match="is damaged .*open a backup copy"):
            with event_file.read() as session:
                event_summary(session)
                session.scalars(select(Attendee.department)).all()
                from learningday.plan.sessions import list_sessions

                list_sessions(session, None)


@pytest.mark.sqlite_only("a damaged file: the schema text in sqlite_master")
def test_a_flipped_byte_in_the_schema_is_damage_at_the_door(demo_file: Path) -> None:
    con = sqlite3.connect(demo_file)
    con.execute("PRAGMA writable_schema = ON")
    con.execute("UPDATE sqlite_master SET sql = replace(sql, 'audience', 'audiencf') WHERE name = 'levels'")
    con.commit()
    con.close()
    with pytest.raises(EventFileError, match="damaged .*'levels'"):
        open_event(demo_file)
