"""The event file: open or create it, check it is ours, migrate it (with a backup first)."""

from __future__ import annotations

import re
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from learningday.errors import EventFileError, MigrationError, NewerEventFileError
from learningday.store.folding import register_sql_functions

if TYPE_CHECKING:
    from alembic.config import Config

#: written into the SQLite header (PRAGMA application_id): 'LDay'
APPLICATION_ID = 0x4C446179
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
EXTENSION = ".lday"
#: SQLite's page cache per connection (grown as used, not reserved)
CACHE_KIB = 64 * 1024
MIGRATIONS = Path(__file__).with_name("migrations")


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

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read transaction."""
        with self.factory.begin() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: a write transaction, committed (durably) when the block ends."""
        with self.write_factory.begin() as session:
            yield session

    @property
    def label(self) -> str:
        return str(self.path) if self.path else make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> EventFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def alembic_config() -> Config:
    from alembic.config import Config  # alembic costs ~0.7 s to import: only when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+)['\"]?", re.MULTILINE)


@lru_cache(maxsize=1)
def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration scripts' text (no alembic import)."""
    graph: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        fields = dict((k, v) for k, v in _REVISION_LINE.findall(script.read_text(encoding="utf-8")))
        if "revision" in fields:
            down = fields.get("down_revision")
            graph[fields["revision"]] = None if down in (None, "None") else down
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    heads = sorted(set(graph) - {down for down in graph.values() if down})
    assert len(heads) == 1, f"migrations have several heads: {heads}"
    return heads[0]


def _known_revision(revision: str) -> bool:
    return revision in _revision_graph()


def _sqlite_path(target: str | Path) -> Path | None:
    """The file path behind ``target`` when it is a SQLite file, else None (a server URL)."""
    if isinstance(target, Path):
        return target
    if "://" not in target:
        return Path(target)
    url = make_url(target)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise EventFileError("an in-memory database cannot hold an event file")
        return Path(url.database)
    return None


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, and leaves no -wal/-shm beside a file nobody has open."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not Path(f"{path}-wal").exists():
        uri += "&immutable=1"  # no writer is active: skip locking and the shared-memory file
    return sqlite3.connect(uri, uri=True)


def _inspect_sqlite_file(path: Path) -> str | None:
    """Check, without writing a byte, that ``path`` is an event file; return its revision."""
    shown = str(path)
    if path.is_dir():
        raise EventFileError(f"{shown} is a folder, not an event file")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise EventFileError(f"cannot read {shown}: {exc.strerror or exc}") from None
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
    if change_counter == valid_for and page_count and size < page_size * page_count:
        raise EventFileError(
            f"{shown} is damaged: it is cut short ({size:,} of {page_size * page_count:,} bytes); "
            "open a backup copy instead"
        )
    try:
        con = _read_only(path)
    except sqlite3.Error as exc:
        raise EventFileError(f"cannot open {shown}: {exc}") from None
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id not in (0, APPLICATION_ID) or "alembic_version" not in tables or "event" not in tables:
            raise EventFileError(f"{shown} is a SQLite database, but not a LearningDay event file")
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        # B-tree structure of every page (~0.1 s for 100k attendees): damage is caught at the door.
        verdict = con.execute("PRAGMA quick_check(1)").fetchone()[0]
        if verdict != "ok":
            raise EventFileError(f"{shown} is damaged ({verdict}); open a backup copy instead")
    except sqlite3.DatabaseError as exc:
        raise EventFileError(f"{shown} is damaged and cannot be read ({exc}); open a backup copy instead") from None
    finally:
        con.close()
    if row is None:
        raise EventFileError(f"{shown} is damaged: it does not say which version wrote it")
    return str(row[0])


def _backup_sqlite(path: Path, revision: str) -> Path:
    """A consistent copy (WAL content included) beside the file, before it is migrated."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.stem}.before-{revision}-{stamp}{path.suffix}.bak")
    src = _read_only(path)
    dst = sqlite3.connect(backup)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return backup


def _sqlite_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is lazy and wrong).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed check-in survives a power cut, not only a crash of the app.
        cursor.execute("PRAGMA synchronous = FULL")
        # 2 MB (the default) thrashes on a 100k roster: filtering it per keystroke reads the same pages
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.close()
        register_sql_functions(dbapi_connection)  # the search-term triggers call it

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        immediate = connection.get_execution_options().get("sqlite_immediate")  # type: ignore[attr-defined]
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")  # type: ignore[attr-defined]

    return engine


def _migrate(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
        if connection.dialect.name == "sqlite":
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise MigrationError(f"migration left {len(broken)} broken references")
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def open_event(target: str | Path, *, create: bool = False) -> EventFile:
    """Open the event file (a ``.lday`` path or a SQLAlchemy URL) at the latest schema.

    A missing file is created only with ``create=True``. A file that is not an event file,
    is damaged or was written by a newer app raises EventFileError and is left untouched.
    An older file is copied to a ``.bak`` beside it, then migrated.
    """
    path = _sqlite_path(target)
    head = head_revision()
    backup: Path | None = None
    if path is not None:
        path = path.expanduser()
        if not path.exists():
            if not create:
                raise EventFileError(f"no such event file: {path}")
            if not path.parent.is_dir():
                raise EventFileError(f"cannot create {path}: folder {path.parent} does not exist")
            revision = None
        else:
            revision = _inspect_sqlite_file(path)
        if revision is not None and revision != head:
            if not _known_revision(revision):
                raise NewerEventFileError(
                    f"{path} was written by a newer LearningDay (schema {revision}); "
                    "update the app to open it"
                )
            backup = _backup_sqlite(path, revision)
        url = f"sqlite:///{path}"
        if revision != head:
            migration_engine = _sqlite_engine(path, foreign_keys=False)
            try:
                _migrate(migration_engine)
            except Exception as exc:  # alembic's CommandError, SQLAlchemy errors, our own
                where = f"; the file before migration is kept as {backup}" if backup else ""
                raise MigrationError(f"could not bring {path} up to date: {exc}{where}") from exc
            finally:
                migration_engine.dispose()
        engine = _sqlite_engine(path)
    else:
        url = str(target)
        revision = None
        try:
            engine = create_engine(url, pool_pre_ping=True)
            tables = set(inspect(engine).get_table_names())
            if tables and "alembic_version" not in tables:
                raise EventFileError(f"{make_url(url).render_as_string()} holds tables that are not an event")
            if "alembic_version" in tables:
                with engine.connect() as connection:
                    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if revision is not None and not _known_revision(revision):
                raise NewerEventFileError(f"the database was written by a newer LearningDay (schema {revision})")
            if revision != head:
                _migrate(engine)
        except SQLAlchemyError as exc:
            raise EventFileError(f"cannot open the database: {exc.__class__.__name__}: {exc.orig or exc}") from None
    factory = sessionmaker(engine, expire_on_commit=False)
    write_factory = sessionmaker(engine.execution_options(sqlite_immediate=True), expire_on_commit=False)
    return EventFile(
        url=url,
        path=path,
        engine=engine,
        factory=factory,
        write_factory=write_factory,
        migrated_from=revision if revision != head else None,
        backup_path=backup,
        revision=head,
    )
