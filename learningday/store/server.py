"""An event on a database server (a SQLAlchemy URL): connect, check it holds an event, migrate it."""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DisconnectionError, NoSuchModuleError, SQLAlchemyError

from learningday.errors import EventFileError, NewerEventFileError
from learningday.store.failures import server_gone
from learningday.store.inspection import expected_columns
from learningday.store.revisions import head_revision, known_revision, migrate
from learningday.store.term_upkeep import keep_terms

#: seconds libpq waits for a server that does not answer (its own default: for ever): a station then queues
CONNECT_TIMEOUT_S = 10
#: a pooled connection idle longer than this (seconds) is pinged before a write run by EventFile.run_write (a
#: check-in), and replaced when the server has gone meanwhile (a restart, a network drop); one used more recently
#: goes straight to work, a round trip less per scan. If that unpinged connection proves dropped at a statement
#: before the COMMIT, nothing was written, and run_write runs the transaction once more, pinging first. Every
#: other use pings first.
PING_AFTER_IDLE_S = 1.0
#: inside EventFile.run_write: a list the checkout appends to when it hands over a connection without its ping;
#: None elsewhere (every checkout pings)
unpinged: ContextVar[list[bool] | None] = ContextVar("unpinged", default=None)
#: what to install for a server the URL names (until the shared-database issue settles the drivers)
DRIVERS = {"postgresql": "psycopg[binary] (and write the URL as postgresql+psycopg://…)"}


def server_label(url: str) -> str:
    """How a database on a server is named to a user (title bar, messages): 'dbname on host:port', no password."""
    parts = make_url(url)
    host = parts.host or parts.query.get("host") or "localhost"
    host = host if isinstance(host, str) else ",".join(host)
    return f"{parts.database or parts.username or 'the default database'} on {host}{f':{parts.port}' if parts.port else ''}"


def _connect(url: str) -> Engine:
    shown = make_url(url).render_as_string(hide_password=True)
    try:
        parts = make_url(url)
        waits = ({"connect_timeout": CONNECT_TIMEOUT_S}
                 if parts.get_backend_name() == "postgresql" and "connect_timeout" not in parts.query else {})
        engine = create_engine(url, connect_args=waits)
    except (ImportError, NoSuchModuleError) as exc:
        backend = make_url(url).get_backend_name()
        install = DRIVERS.get(backend)
        hint = f"; install {install}" if install else ""
        raise EventFileError(f"cannot open {shown}: LearningDay has no driver for {backend} databases "
                             f"here ({exc}){hint}") from None
    keep_terms(engine)
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """SQLAlchemy's pre-ping, but not for run_write's connection used within PING_AFTER_IDLE_S."""

    @event.listens_for(engine, "connect")
    def _made(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _taken(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        skipped = unpinged.get()
        if skipped is not None and time.monotonic() - record.info.get("idle_since", 0.0) < PING_AFTER_IDLE_S:
            skipped.append(True)
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # the driver's own error: the pool replaces the connection and tries again
            raise DisconnectionError(f"the server did not answer a ping: {exc}") from exc
        if not alive:
            raise DisconnectionError("the server did not answer a ping")


def probe(url: str) -> str | None:
    """Connect once: None when the server lets us in, else why (libpq's words, or the driver to install)."""
    try:
        engine = _connect(url)
    except EventFileError as exc:
        return str(exc)
    try:
        with engine.connect():
            return None
    except SQLAlchemyError as exc:
        return str(getattr(exc, "orig", None) or exc)
    finally:
        engine.dispose()


def _check_tables(engine: Engine, shown: str, revision: str) -> None:
    """Every table of ``revision`` with its columns, as a file's are checked (store.inspection): a database that
    only says it holds an event is refused here, not by a raw error on some later read."""
    found = {table: {column["name"] for column in columns}
             for (_schema, table), columns in inspect(engine).get_multi_columns().items()}
    for table, columns in expected_columns(revision).items():
        if found.get(table) != columns:
            raise EventFileError(f"{shown} holds tables that are not an event (its table {table!r} is not as "
                                 "LearningDay wrote it)")


def open_server(url: str) -> tuple[Engine, str | None]:
    """The engine on ``url`` at the head revision, and the revision it was at before (None: it was empty)."""
    engine = _connect(url)
    shown = make_url(url).render_as_string(hide_password=True)
    revision = None
    try:
        tables = set(inspect(engine).get_table_names())
        if tables and "alembic_version" not in tables:
            raise EventFileError(f"{shown} holds tables that are not an event")
        if "alembic_version" in tables:
            with engine.connect() as connection:
                revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if revision is not None and not known_revision(revision):
            raise NewerEventFileError(f"the database was written by a newer LearningDay (schema {revision})")
        if revision is not None:
            _check_tables(engine, shown, revision)
        if revision != head_revision():
            migrate(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        gone = server_gone(exc, doing=f"cannot open {shown}")
        if gone is not None:  # not a bad URL: the same command may work once the server is back
            raise gone from None
        raise EventFileError(f"cannot open the database: {exc.__class__.__name__}: "
                             f"{getattr(exc, 'orig', None) or exc}") from None
    except EventFileError:
        engine.dispose()
        raise
    return engine, revision
