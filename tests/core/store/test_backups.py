"""Rolling backups: whole, consistent copies beside the file; pruned to K; taken before a migration; restored."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from learningday.errors import EventFileError, InvalidInput, NotSaved
from learningday.store.backups import (
    backups_folder,
    find_backup,
    list_backups,
    needs_backup,
    prune,
    restore_backup,
    take_backup,
)
from learningday.store.db import open_event
from tests import DATA

T0 = datetime(2020, 3, 10, 21, 0, tzinfo=UTC)

#: the rolling backups are copies of the event FILE (SQLite's online backup API), so every test here is about it
pytestmark = pytest.mark.sqlite_only("the rolling backups are copies of the event file (SQLite's online backup)")


def _rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, to compare two files by content."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def _one(path: Path, sql: str) -> object:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def _integrity(path: Path) -> object:
    return _one(path, "PRAGMA integrity_check")


def _events(path: Path) -> object:
    return _one(path, "SELECT count(*) FROM checkins")


def test_a_backup_is_a_valid_event_file_with_the_same_rows(demo_file: Path) -> None:
    backup = take_backup(demo_file)
    assert backup.parent == backups_folder(demo_file) == demo_file.with_name("demo.backups")
    assert _integrity(backup) == "ok" and _rows(backup) == _rows(demo_file)
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]  # no -wal, -journal or .part
    with open_event(backup) as copy:
        assert copy.read_only is None  # it opens like any event file
    [listed] = list_backups(demo_file)
    assert (listed.path, listed.size, listed.reason) == (backup, backup.stat().st_size, "")


def test_prune_keeps_the_newest_k(demo_file: Path) -> None:
    taken = [take_backup(demo_file, when=T0 + timedelta(minutes=10 * i)) for i in range(5)]
    twin = take_backup(demo_file, when=T0)  # the same second as the first: a name of its own
    assert len(list_backups(demo_file)) == 6
    gone = prune(demo_file, keep=3)
    assert twin.name == "20200310T210000Z-2.lday" and sorted(gone) == sorted([*taken[:2], twin])
    assert [b.path for b in list_backups(demo_file)] == taken[:1:-1]  # newest first
    with pytest.raises(InvalidInput):
        prune(demo_file, keep=0)


def test_opening_an_old_file_takes_a_backup_before_migrating(tmp_path: Path) -> None:
    old = tmp_path / "old.lday"
    shutil.copyfile(DATA / "event_rev0001.lday", old)
    with open_event(old) as event_file:
        assert event_file.migrated_from == "0001"
    [backup] = list_backups(old)
    assert backup.reason == "before-0001" and event_file.backup_path == backup.path
    assert _rows(backup.path) == _rows(DATA / "event_rev0001.lday")


def test_restore_returns_the_file_to_the_backup_and_keeps_the_present_as_a_backup(demo_file: Path) -> None:
    backup = take_backup(demo_file, when=T0)
    before = _rows(demo_file)
    with open_event(demo_file) as event_file, event_file.write() as session:
        session.execute(text("DELETE FROM checkins"))
    changed = _rows(demo_file)
    assert changed != before
    kept = restore_backup(demo_file, find_backup(demo_file, backup.name))
    assert _rows(demo_file) == before and _integrity(demo_file) == "ok"
    assert _rows(kept) == changed and list_backups(demo_file)[0].reason == "before-restore"
    with open_event(demo_file) as event_file:
        assert event_file.read_only is None
        assert event_file.engine.connect().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_restore_the_disk_refuses_says_so_and_leaves_the_file_as_it_was(demo_file: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    backup = take_backup(demo_file, when=T0)
    with open_event(demo_file) as event_file, event_file.write() as session:
        session.execute(text("DELETE FROM checkins"))
    changed = _rows(demo_file)
    real = sqlite3.connect

    def refusing(database, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - sqlite3's own signature
        if str(database) == str(demo_file):  # the event itself: the disk fails as the copy begins
            raise sqlite3.OperationalError("disk I/O error")
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", refusing)
    with pytest.raises(NotSaved, match="could not be restored .*it is as it was"):
        restore_backup(demo_file, find_backup(demo_file, backup.name))
    monkeypatch.undo()
    assert _rows(demo_file) == changed


def test_restore_refuses_a_name_that_is_not_a_backup(demo_file: Path) -> None:
    with pytest.raises(EventFileError, match="has no backup named 'nope.lday'"):
        find_backup(demo_file, "nope.lday")


def test_a_backup_while_another_connection_writes_is_consistent(demo_file: Path) -> None:
    """A writer appends check-ins in many small transactions while backups are taken: each backup is whole
    (integrity ok) and holds exactly the rows of one moment: a count the writer really committed."""
    start = _events(demo_file)
    committed: list[int] = [start]
    stop = threading.Event()

    def write() -> None:
        con = sqlite3.connect(demo_file, timeout=10)
        con.execute("PRAGMA journal_mode = WAL")
        template = con.execute("SELECT * FROM checkins LIMIT 1").fetchone()
        columns = [d[0] for d in con.execute("SELECT * FROM checkins LIMIT 1").description]
        n = 0
        while not stop.is_set() and n < 400:
            row = list(template)
            row[columns.index("id")] = None
            row[columns.index("uid")] = f"burst-{n}"
            with con:
                con.execute(f"INSERT INTO checkins VALUES ({','.join('?' * len(row))})", row)
            n += 1
            committed.append(start + n)
        con.close()

    writer = threading.Thread(target=write)
    writer.start()
    backups = []
    try:
        while writer.is_alive() and len(backups) < 5:
            backups.append(take_backup(demo_file))
    finally:
        stop.set()
        writer.join()
    assert backups
    for backup in backups:
        assert _integrity(backup) == "ok"
        assert _events(backup) in committed


def test_a_backup_is_needed_only_after_a_change(demo_file: Path) -> None:
    assert needs_backup(demo_file)
    with open_event(demo_file) as event_file:
        take_backup(demo_file)
        assert not needs_backup(demo_file)  # reading it for the backup changed nothing
        with event_file.write() as session:
            session.execute(text("UPDATE checkins SET facilitator_name = 'x' WHERE id = 1"))
        assert needs_backup(demo_file)
