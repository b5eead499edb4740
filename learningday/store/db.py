"""The event file: open or create it, check it is ours, migrate it (with a backup first)."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from learningday.errors import EventFileError, MigrationError, NewerEventFileError, NotSaved
from learningday.store.backups import backup_before
from learningday.store.checkpoints import CAP_PAGES, Checkpointer, watch
from learningday.store.failures import DISK_FULL, DamagedValue, ServerGone, in_words, worded
from learningday.store.folding import register_sql_functions
from learningday.store.inspection import inspect_event_file, read_only_uri, side_files
from learningday.store.lean import DriverTransaction, Link
from learningday.store.retrying import run_again
from learningday.store.revisions import APPLICATION_ID, head_revision, known_revision, migrate
from learningday.store.server import open_server, server_label, unpinged
from learningday.store.term_upkeep import keep_terms

__all__ = ["APPLICATION_ID", "EventFile", "head_revision", "open_event"]  # the first and third: for tests

T = TypeVar("T")
BUSY_TIMEOUT_MS = 5000
EXTENSION = ".lday"
#: SQLite's page cache per connection (grown as used, not reserved)
CACHE_KIB = 64 * 1024


@dataclass
class EventFile:
    """An open event: its engine and session factories. Close it (or use ``with``)."""

    url: str
    path: Path | None
    engine: Engine
    factory: sessionmaker[Session]
    #: transactions that take SQLite's write lock at BEGIN (no lock upgrade deadlocks)
    write_factory: sessionmaker[Session]
    migrated_from: str | None = None
    backup_path: Path | None = None
    revision: str = field(default="")
    #: why the file was opened for reading only ("the file is read-only"); None: it can be written
    read_only: str | None = None
    #: copies the write-ahead log into the file when it goes quiet (a SQLite file open for writing)
    checkpointer: Checkpointer | None = None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read transaction; a value the file cannot give back is a "damaged" EventFileError."""
        with in_words(self.label, writing=False), self.factory.begin() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: a write transaction, committed (durably) when the block ends. A write the
        system refuses (a full disk, a read-only file) is NotSaved, and nothing was written."""
        self._check_writable()
        with in_words(self.label, writing=True), self.write_factory.begin() as session:
            yield session

    def _check_writable(self) -> None:
        if self.read_only == DISK_FULL and self.path is not None:
            self._writable_again(self.path)
        if self.read_only:
            raise NotSaved(f"not saved: {self.label} is open for reading only ({self.read_only}); "
                           "nothing was changed", reason=self.read_only)

    def run_write(self, action: Callable[[Session], T]) -> T:
        """``action`` as one write transaction, run again from the start (a bounded number of times) when the
        database gives its turn to another station's: SQLite busy past its timeout, a server's deadlock or
        serialization failure (store/retrying.py). Nothing of a refused try is kept, so a scan is written once.
        On a server its connection, if used within the last second, is not pinged first (store/server.py): when
        that connection proves dropped before the COMMIT, the transaction runs once more, pinging first."""
        committing = [False]
        skipped: list[bool] = []

        def attempt() -> T:
            committing[0] = False
            skipped.clear()
            with self.write() as session:
                result = action(session)
                committing[0] = True  # what is left is the COMMIT
            return result

        token = unpinged.set(skipped)
        try:
            return run_again(attempt, label=self.label)
        except ServerGone:
            if committing[0] or not skipped:
                # a COMMIT whose answer was lost may have been written (the caller keeps the entry to retry); a
                # pinged connection that failed is the server gone or refusing, not a drop since the last use
                raise
        finally:
            unpinged.reset(token)
        # the unpinged connection had dropped since its last use: the server kept nothing of this transaction
        return run_again(attempt, label=self.label)

    def run_lean_write(self, action: Callable[[Link], T]) -> T:
        """``run_write`` for an action whose statements all go through ``checkin.sql`` (a check-in, a check-out):
        on a SQLite file its transaction is SQLite's own (store/lean.py), run again as ``run_write``'s is when
        another station holds the file past the busy timeout; on a server it is ``run_write``."""
        if self.path is None:
            return self.run_write(action)
        return run_again(lambda: self._driver_write(action), label=self.label)

    def _driver_write(self, action: Callable[[Link], T]) -> T:
        """``action`` in one write transaction on SQLite's connection (the write lock taken at BEGIN), committed
        durably; rolled back when the action or the COMMIT raises. A failure is worded as ``write``'s are."""
        self._check_writable()
        # the pool's connection, its pragmas set when it was made; closing hands it back
        with in_words(self.label, writing=True), closing(self.engine.raw_connection()) as pooled:
            connection = pooled.driver_connection
            assert isinstance(connection, sqlite3.Connection)
            connection.execute("BEGIN IMMEDIATE")
            try:
                result = action(DriverTransaction(connection))
                connection.execute("COMMIT")
            except BaseException:
                _roll_back(connection)  # (a COMMIT that failed leaves it open)
                raise
        if self.checkpointer is not None:
            self.checkpointer.committed()
        return result

    def _writable_again(self, path: Path) -> None:
        """Opened for reading only on a full disk: once there is room, write as if it had been there."""
        if _first_connection(path) is None:
            self.engine.dispose()
            self.engine = _sqlite_engine(path)
            self.factory, self.write_factory = _factories(self.engine)
            self.checkpointer = _checkpointed(self.engine, path)
            self.read_only = None

    @cached_property
    def label(self) -> str:
        """The file's path, or the server's event without its password (worked out once: every write names it)."""
        return str(self.path) if self.path else server_label(self.url)

    def close(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.engine.dispose()

    def __enter__(self) -> EventFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _roll_back(connection: sqlite3.Connection) -> None:
    """End a failed transaction; a ROLLBACK that fails too leaves it to the pool, which rolls back (or discards
    the connection) as it takes it back: the caller's own error is the one to report."""
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _sqlite_path(target: str | Path) -> Path | None:
    """The file path behind ``target`` when it is a SQLite file, else None (a server URL)."""
    if isinstance(target, Path):
        return target
    if "://" not in target:
        return Path(target)
    try:
        url = make_url(target)
    except ArgumentError:
        raise EventFileError(f"{target} is neither an event file nor a database URL") from None
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise EventFileError("an in-memory database cannot hold an event file")
        return Path(url.database)
    return None


def _damage_checked_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise DamagedValue(f"not JSON: {text[:40]!r}") from exc


def _sqlite_engine(path: Path, *, foreign_keys: bool = True, read_only: bool = False) -> Engine:
    # The file is named by a URI built from the path: a '?' or '#' in a file name is part of the name.
    uri = path.resolve().as_uri()
    engine = create_engine(
        f"sqlite:///{EXTENSION}",  # chooses the dialect and the file pool; connections come from creator
        creator=lambda: sqlite3.connect(read_only_uri(path) if read_only else uri, uri=True,
                                        timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False),
        json_deserializer=_damage_checked_json,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is lazy and wrong).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            # FULL: a committed check-in survives a power cut, not only a crash of the app.
            cursor.execute("PRAGMA synchronous = FULL")
            # the checkpoint SQLite runs inside a commit, rare: the file's Checkpointer runs it when the file is quiet
            cursor.execute(f"PRAGMA wal_autocheckpoint = {CAP_PAGES}")
        # 2 MB (the default) thrashes on a 100k roster: filtering it per keystroke reads the same pages
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.close()
        register_sql_functions(dbapi_connection)  # migration 0002 (an old file on its way up) calls it

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        immediate = connection.get_execution_options().get("sqlite_immediate")  # type: ignore[attr-defined]
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")  # type: ignore[attr-defined]

    keep_terms(engine)
    return engine


def _checkpointed(engine: Engine, path: Path) -> Checkpointer:
    # mode=rw: a checkpoint never creates a file that was deleted or moved away meanwhile
    uri = f"{path.resolve().as_uri()}?mode=rw"
    return watch(engine, lambda: sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000))


def _why_read_only(path: Path) -> str | None:
    """Why the system will not let this file be written (None: it will, as far as it says beforehand)."""
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK | os.X_OK):  # the write-ahead log lives beside the file
        return "its folder is read-only"
    return None


def _first_connection(path: Path) -> str | None:
    """Connect once for writing; when the system refuses (a full disk), say why and take away what the
    attempt made (the file itself when it was new, its -wal and -shm)."""
    made = [p for p in (path, *side_files(path)) if not p.exists()]
    engine = _sqlite_engine(path)
    try:
        with engine.connect():
            return None
    except (DBAPIError, sqlite3.Error, UnicodeDecodeError) as exc:
        engine.dispose()
        # Only a failed attempt tidies up: after a success another station may already be using the
        # -wal/-shm this connection made, and taking its -shm away corrupts the shared file.
        for leftover in made:
            if not (leftover.name.endswith("-wal") and leftover.exists() and leftover.stat().st_size):
                leftover.unlink(missing_ok=True)  # a log holding pages is kept: it may be all there is
        failure = worded(exc, label=str(path), writing=True)
        if failure is None:
            raise
        if not isinstance(failure, NotSaved):
            raise failure from None
        return failure.reason
    finally:
        engine.dispose()


def _migrate_file(path: Path, revision: str | None) -> Path | None:
    """Bring the file to the head revision, a backup first (a new file needs none); the backup's path."""
    backup = None
    if revision is not None:
        backup = backup_before(path, doing="must be brought up to date", reason=f"before-{revision}")
    migration_engine = _sqlite_engine(path, foreign_keys=False)
    try:
        migrate(migration_engine)
    except Exception as exc:  # alembic's CommandError, SQLAlchemy errors, our own
        migration_engine.dispose()
        if revision is None:  # a new file: nothing of it is worth keeping
            for made in (path, *side_files(path)):
                made.unlink(missing_ok=True)
        where = f"; the file before migration is kept as {backup}" if backup else ""
        failure = worded(exc, label=str(path), writing=True)
        if isinstance(failure, NotSaved):
            raise NotSaved(f"{failure}{where}", reason=failure.reason) from exc
        raise MigrationError(f"could not bring {path} up to date: {exc}{where}") from exc
    migration_engine.dispose()
    return backup


def _factories(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """Sessions for reading, and for writing with SQLite's write lock taken at BEGIN."""
    return (sessionmaker(engine, expire_on_commit=False),
            sessionmaker(engine.execution_options(sqlite_immediate=True), expire_on_commit=False))


def _event_file(url: str, path: Path | None, engine: Engine, **fields: Any) -> EventFile:
    factory, write_factory = _factories(engine)
    return EventFile(url=url, path=path, engine=engine, factory=factory, write_factory=write_factory,
                     revision=head_revision(), **fields)


def open_event(target: str | Path, *, create: bool = False) -> EventFile:
    """Open the event file (a ``.lday`` path or a SQLAlchemy URL) at the latest schema.

    A missing file is created only with ``create=True``. A file that is not an event file,
    is damaged or was written by a newer app raises EventFileError and is left untouched: that is
    decided by reading it only, before anything opens it for writing. A file the system will not
    let us write (read-only, in a read-only folder, on a full disk) opens for reading only.
    An older file is copied to a ``.bak`` beside it, then migrated.
    """
    path = _sqlite_path(target)
    if path is None:
        engine, revision = open_server(str(target))
        return _event_file(str(target), None, engine, migrated_from=revision if revision != head_revision() else None)
    path = path.expanduser()
    head = head_revision()
    if os.path.lexists(path):
        revision: str | None = inspect_event_file(path)
        if not known_revision(revision):
            raise NewerEventFileError(f"{path} was written by a newer LearningDay (schema {revision}); "
                                      "update the app to open it")
    elif not create:
        raise EventFileError(f"no such event file: {path}")
    elif not path.parent.is_dir():
        raise EventFileError(f"cannot create {path}: folder {path.parent} does not exist")
    else:
        revision = None
    read_only = _why_read_only(path)
    if read_only and revision != head:
        verb = "create" if revision is None else "bring up to date"
        raise NotSaved(f"not saved: cannot {verb} {path}: {read_only}", reason=read_only)
    if revision == head:  # a full disk shows on the first connection; a migration finds it on its own
        read_only = read_only or _first_connection(path)
        backup = None
    else:
        backup = _migrate_file(path, revision)
    engine = _sqlite_engine(path, read_only=bool(read_only))
    return _event_file(f"sqlite:///{path}", path, engine,
                       migrated_from=revision if revision not in (None, head) else None, backup_path=backup,
                       read_only=read_only, checkpointer=None if read_only else _checkpointed(engine, path))
