"""The event file: creation, pragmas, refusal of bad files without touching them."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import zlib
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, text

from learningday.errors import EventFileError, NewerEventFileError
from learningday.setup.event import create_event_file, event_summary
from learningday.store.backups import take_backup
from learningday.store.db import APPLICATION_ID, head_revision, open_event
from learningday.store.models import Attendee, Level

START = datetime(2027, 3, 10, 21, tzinfo=timezone.utc)


def _png_bytes() -> bytes:
    raw = b"\x00\xff\x00\x00"
    ihdr = (1).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00"

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_new_file_has_the_schema_the_levels_and_the_pragmas(tmp_path: Path) -> None:
    path = create_event_file(tmp_path / "new.lday", name="AI Day", start_utc=START)
    with open_event(path) as event_file, event_file.read() as session:
        assert [lv.name for lv in session.scalars(select(Level).order_by(Level.id))] == [
            "AI literacy", "Hands-on with AI", "Creating with AI", "Building AI systems", "Specialists",
        ]
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        assert session.execute(text("PRAGMA application_id")).scalar() == APPLICATION_ID
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        summary = event_summary(session)
    assert summary.event.name == "AI Day"
    assert summary.event.start_utc == START
    assert summary.event.end_utc == datetime(2027, 3, 11, 21, tzinfo=timezone.utc)


def test_missing_file_is_created_only_when_asked(tmp_path: Path) -> None:
    with pytest.raises(EventFileError, match="no such event file"):
        open_event(tmp_path / "nope.lday")
    assert not (tmp_path / "nope.lday").exists()
    with open_event(tmp_path / "yes.lday", create=True) as event_file:
        assert event_file.path == tmp_path / "yes.lday"
    assert (tmp_path / "yes.lday").exists()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    path = create_event_file(tmp_path / "fk.lday", name="AI Day", start_utc=START)
    with open_event(path) as event_file:
        with pytest.raises(Exception, match="FOREIGN KEY"):
            with event_file.write() as session:
                session.add(Attendee(code="ABCDEF", name="Ada", hub_id=999, created_utc=START))


def test_naive_datetimes_never_reach_the_file(tmp_path: Path) -> None:
    path = create_event_file(tmp_path / "naive.lday", name="AI Day", start_utc=START)
    with open_event(path) as event_file:
        with pytest.raises(Exception, match="naive datetime"):
            with event_file.write() as session:
                session.add(Attendee(code="ABCDEF", name="Ada", created_utc=datetime(2027, 3, 10)))
        with event_file.read() as session:
            assert session.scalar(select(Attendee.id)) is None


def _bad_files(tmp_path: Path, demo_file: Path) -> dict[str, tuple[Path, str]]:
    files: dict[str, tuple[Path, str]] = {}

    def put(name: str, data: bytes, expect: str) -> None:
        path = tmp_path / f"{name}.lday"
        path.write_bytes(data)
        files[name] = (path, expect)

    put("empty", b"", "is empty")
    put("random", os.urandom(8192), "not a SQLite database")
    put("png", _png_bytes(), "not a SQLite database")
    whole = demo_file.read_bytes()
    put("truncated", whole[: len(whole) // 2], "cut short")
    put("header_only", whole[:60], "cut short")
    foreign = tmp_path / "foreign.lday"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('hello')")
    con.commit()
    con.close()
    files["foreign"] = (foreign, "not a LearningDay event file")
    newer = tmp_path / "newer.lday"
    shutil.copyfile(demo_file, newer)
    con = sqlite3.connect(newer)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    files["newer"] = (newer, "newer LearningDay")
    garbled = tmp_path / "garbled.lday"
    data = bytearray(whole)
    data[4096 : 4096 * 3] = os.urandom(8192)  # pages 2-3: the schema's own tables
    garbled.write_bytes(bytes(data))
    files["garbled"] = (garbled, "damaged|not a LearningDay")
    return files


@pytest.mark.sqlite_only("opening a damaged or foreign FILE: its bytes, and no side file left beside it")
@pytest.mark.parametrize(
    "kind", ["empty", "random", "png", "truncated", "header_only", "foreign", "newer", "garbled"]
)
def test_bad_files_give_one_readable_error_and_stay_byte_identical(
    kind: str, tmp_path: Path, demo_file: Path
) -> None:
    path, expect = _bad_files(tmp_path, demo_file)[kind]
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    siblings = set(tmp_path.iterdir())
    with pytest.raises(EventFileError, match=expect) as caught:
        open_event(path).close()
    message = caught.value.message
    assert str(path) in message and "Traceback" not in message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert set(tmp_path.iterdir()) == siblings  # no -wal, -shm or backup left beside it
    if kind == "newer":
        assert isinstance(caught.value, NewerEventFileError)


def test_a_folder_is_not_an_event_file(tmp_path: Path) -> None:
    with pytest.raises(EventFileError, match="is a folder"):
        open_event(tmp_path)


@pytest.mark.sqlite_only("a backup is a copy of the event file (SQLite's online backup)")
def test_backup_copy_holds_the_same_event(demo_file: Path) -> None:
    with open_event(demo_file) as event_file, event_file.read() as session:
        expected = event_summary(session)
    backup = take_backup(demo_file, reason="before-0001")
    assert backup.parent.name == "demo.backups" and backup.name.endswith("-before-0001.lday")
    with open_event(backup) as event_file, event_file.read() as session:
        assert event_summary(session) == expected


def test_write_transactions_commit_and_are_seen_by_another_connection(demo_file: Path) -> None:
    with open_event(demo_file) as writer, open_event(demo_file) as reader:
        with writer.write() as session:
            session.add(Attendee(code="ZZZZZZ", name="Zoë Walk-in", created_utc=START))
        with reader.read() as session:
            assert session.scalar(select(Attendee.name).where(Attendee.code == "ZZZZZZ")) == "Zoë Walk-in"
