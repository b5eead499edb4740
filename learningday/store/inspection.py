"""The look at a file before it is opened, without writing a byte: is it an intact LearningDay event file?"""

from __future__ import annotations

import sqlite3
import stat
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from learningday.errors import EventFileError
from learningday.store.failures import damaged, worded
from learningday.store.revisions import APPLICATION_ID, head_revision, known_revision, schema_at, schema_of

SQLITE_MAGIC = b"SQLite format 3\x00"


def side_files(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and its index SQLite keeps beside the file while it is open."""
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def has_wal(path: Path) -> bool:
    """Committed pages may wait in the write-ahead log (after a crash, or while another station writes)."""
    try:
        return side_files(path)[0].stat().st_size > 0
    except OSError:
        return False


def read_only_uri(path: Path) -> str:
    """A URI that cannot write, and leaves no -wal/-shm beside a file nobody has open."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not side_files(path)[0].exists():
        uri += "&immutable=1"  # no writer is active: skip locking and the shared-memory file
    return uri


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection. An index file (-shm) SQLite makes for a log left without one stays: another
    station may have opened the file meanwhile and be using it, and removing it under them corrupts the file."""
    con = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        yield con
    finally:
        con.close()


def _check_header(path: Path, shown: str) -> None:
    try:
        info = path.stat()
    except OSError as exc:
        raise EventFileError(f"cannot read {shown}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise EventFileError(f"{shown} is a folder, not an event file")
    if not stat.S_ISREG(info.st_mode):  # a pipe would block the open; a device would read forever
        raise EventFileError(f"{shown} is not a file (it is a device, a pipe or a socket)")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise EventFileError(f"cannot read {shown}: {exc.strerror or exc}") from None
    size = info.st_size
    if size == 0:
        raise EventFileError(f"{shown} is empty: it is not an event file")
    if not header.startswith(SQLITE_MAGIC):
        raise EventFileError(f"{shown} is not a LearningDay event file (it is not a SQLite database)")
    if len(header) < 100:
        raise EventFileError(f"{shown} is damaged: its header is cut short")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    # With pages still in the write-ahead log (a crash, or a checkpoint cut short) the header may count
    # pages the file does not hold yet: SQLite reads them from the log, so only SQLite can tell.
    if change_counter == valid_for and page_count and size < page_size * page_count and not has_wal(path):
        raise EventFileError(
            f"{shown} is damaged: it is cut short ({size:,} of {page_size * page_count:,} bytes); "
            "open a backup copy instead"
        )


def _ours(con: sqlite3.Connection, shown: str) -> str:
    """The revision of an event file; a foreign database is refused before anything opens it for writing."""
    foreign = EventFileError(f"{shown} is a SQLite database, but not a LearningDay event file")
    app_id = con.execute("PRAGMA application_id").fetchone()[0]
    tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app_id not in (0, APPLICATION_ID) or "alembic_version" not in tables or "event" not in tables:
        raise foreign
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None:
        raise EventFileError(f"{shown} is damaged: it does not say which version wrote it")
    revision = str(row[0])
    # Every file the app writes carries its id; without it only the very schema of a known revision passes.
    if app_id == 0 and (not known_revision(revision) or schema_of(con) != schema_at(revision)):
        raise foreign
    if known_revision(revision):
        _check_columns(con, shown, revision)
    return revision


def expected_columns(revision: str) -> dict[str, set[str]]:
    """Each table's columns at ``revision``: the models' at the head (no migration needed, so no alembic),
    else as the migrations build them (the file is about to be migrated: alembic is loaded anyway)."""
    if revision == head_revision():
        from learningday.store.models import Base

        return {t.name: {c.name for c in t.columns} for t in Base.metadata.sorted_tables}
    return {name: set(columns.split(",")) for kind, name, columns in schema_at(revision) if kind == "columns"}


def _check_columns(con: sqlite3.Connection, shown: str, revision: str) -> None:
    """Every table with its columns: a flipped byte in the schema's text shows here, not as "no such column"
    on some later read, and a forged file is refused before a backup or a migration touches it."""
    for table, columns in expected_columns(revision).items():
        found = {row[0] for row in con.execute("SELECT name FROM pragma_table_info(?)", (table,))}
        if found != columns:
            raise damaged(shown, f"its table {table!r} is not as LearningDay wrote it")


def inspect_event_file(path: Path) -> str:
    """Check, without writing a byte, that ``path`` is an intact event file; return its revision."""
    shown = str(path)
    _check_header(path, shown)
    try:
        with _reading(path) as con:
            revision = _ours(con, shown)
            # B-tree structure of every page (~0.1 s for 100k attendees): damage is caught at the door.
            verdict = con.execute("PRAGMA quick_check(1)").fetchone()[0]
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise worded(exc, label=shown, writing=False) or EventFileError(f"cannot open {shown}: {exc}") from None
    if verdict != "ok":
        raise damaged(shown, verdict)
    return revision
