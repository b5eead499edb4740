"""EventFile.run_lean_write, the station's check-in transaction: on a SQLite file SQLite's own (store/lean.py).
Committed durably and seen by every reader, nothing kept of an action that raises, its turn waited for and taken
again like run_write's, the checkpointer told; on a server an ordinary Session."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from learningday.errors import NotSaved
from learningday.setup.event import create_event_file
from learningday.store import db
from learningday.store.db import open_event
from learningday.store.lean import DriverTransaction
from tests.helpers.backends import Backend
from tests.helpers.disks import locked

AT = datetime(2027, 3, 11, 9, tzinfo=timezone.utc)


def _station(name: str) -> object:
    """An action that writes one station row and returns its id."""
    def write(link: DriverTransaction) -> int:
        return link.connection.execute("INSERT INTO stations (uid, name, created_utc) VALUES (?, ?, ?) RETURNING id",
                                       (f"uid-{name}", name, "2027-03-11 09:00:00.000000")).fetchone()[0]
    return write


def _stations(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT name FROM stations ORDER BY id")]
    finally:
        con.close()


def _no_write_lock_left(path: Path) -> None:
    """Another connection takes the file's write lock at once (it fails at once if the lock is still held)."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


@pytest.fixture
def event(tmp_path: Path) -> Path:
    return create_event_file(tmp_path / "lean.lday", name="Lean day", start_utc=AT)


def test_a_lean_write_is_committed_for_every_reader_and_then_copied_into_the_file(event: Path, tmp_path: Path) -> None:
    with open_event(event) as event_file:
        assert event_file.checkpointer is not None
        event_file.checkpointer.idle = 0.2
        made = event_file.run_lean_write(_station("Door A"))  # type: ignore[arg-type]
        assert isinstance(made, int)
        assert _stations(event) == ["Door A"]  # another connection sees it at once: committed
        # told of the commit, the checkpointer copies the log into the file once it is quiet
        alone = tmp_path / "alone.lday"
        deadline = time.monotonic() + 30  # a condition waited for, not a duration measured
        while time.monotonic() < deadline:
            shutil.copyfile(event, alone)  # the file without its write-ahead log
            if _stations(alone) == ["Door A"]:
                break
            time.sleep(0.05)
        assert _stations(alone) == ["Door A"]


def test_an_action_that_raises_keeps_nothing_and_leaves_the_file_free(event: Path) -> None:
    def half_then_fail(link: DriverTransaction) -> None:
        _station("Door A")(link)  # type: ignore[operator]
        raise ValueError("the scan went wrong")

    with open_event(event) as event_file:
        with pytest.raises(ValueError, match="went wrong"):
            event_file.run_lean_write(half_then_fail)
        assert _stations(event) == []
        _no_write_lock_left(event)
        event_file.run_lean_write(_station("Door B"))  # type: ignore[arg-type]
    assert _stations(event) == ["Door B"]


def test_a_commit_that_fails_keeps_nothing_and_leaves_the_file_free(event: Path) -> None:
    """A COMMIT SQLite refuses (here a deferred foreign key that points nowhere): the error is the caller's, the
    transaction is rolled back, the write lock let go."""
    def dangling(link: DriverTransaction) -> None:
        _station("Door A")(link)  # type: ignore[operator]
        link.connection.execute("PRAGMA defer_foreign_keys = ON")
        link.connection.execute("INSERT INTO checkins (uid, kind, attendee_id, at_utc, facilitator_name, method) "
                                "VALUES ('u1', 'check_in', 999999, '2027-03-11 09:00:00.000000', '', 'scan')")

    with open_event(event) as event_file:
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            event_file.run_lean_write(dangling)
        _no_write_lock_left(event)
        event_file.run_lean_write(_station("Door B"))  # type: ignore[arg-type]
    assert _stations(event) == ["Door B"]


def _held(path: Path, seconds: float | None, taken: threading.Event, release: threading.Event) -> threading.Thread:
    """Another station holding the file's write lock, for ``seconds`` or until ``release``."""
    def hold() -> None:
        con = sqlite3.connect(path, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        taken.set()
        release.wait(seconds)
        con.execute("ROLLBACK")
        con.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert taken.wait(10)
    return thread


def test_a_lean_write_runs_again_when_another_station_held_the_file_past_the_busy_timeout(
        event: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    runs = []

    def counted(link: DriverTransaction) -> int:
        runs.append(1)
        return _station("Door A")(link)  # type: ignore[operator]

    with open_event(event) as event_file:
        holder = _held(event, 0.4, threading.Event(), threading.Event())
        event_file.run_lean_write(counted)
        holder.join()
    assert _stations(event) == ["Door A"]  # written once
    assert len(runs) == 1  # BEGIN IMMEDIATE is what waited: the action ran once, after the lock was free


def test_a_lean_write_that_never_gets_its_turn_is_not_saved_and_writes_nothing(
        event: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 20)
    release = threading.Event()
    with open_event(event) as event_file:
        holder = _held(event, None, threading.Event(), release)
        try:
            with pytest.raises(NotSaved, match="lost its turn"):
                event_file.run_lean_write(_station("Door A"))  # type: ignore[arg-type]
        finally:
            release.set()
            holder.join()
        assert _stations(event) == []
        event_file.run_lean_write(_station("Door A"))  # type: ignore[arg-type]
    assert _stations(event) == ["Door A"]


def test_a_read_only_file_refuses_a_lean_write_and_is_left_as_it_was(event: Path) -> None:
    before = event.read_bytes()
    with locked(event), open_event(event) as event_file:
        assert event_file.read_only == "the file is read-only"
        with pytest.raises(NotSaved, match="reading only"):
            event_file.run_lean_write(_station("Door A"))  # type: ignore[arg-type]
    assert event.read_bytes() == before
    assert _stations(event) == []


def test_on_a_server_the_action_gets_a_session(backend: Backend) -> None:
    target = backend.create_event(name="Lean day", start_utc=AT)
    with open_event(target) as event_file:
        kind = event_file.run_lean_write(type)
    assert issubclass(kind, Session) if backend.name == "postgresql" else kind is DriverTransaction
