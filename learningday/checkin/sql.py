"""Plain SQL on the check-in path, straight to the driver (SQLite's, psycopg's), past SQLAlchemy's per-statement work."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from learningday.store.lean import DriverTransaction, Link
from learningday.timeutil import UTC

# The check-in path runs a handful of tiny statements per scan. On SQLite they go straight to
# the driver connection of the session's transaction: SQLAlchemy's per-statement work (cache
# keys, coercion, result wrapping) otherwise costs several times what SQLite itself does.
_NAMED = re.compile(r"(?<![:\w]):(\w+)")


def stamp(value: datetime) -> str:
    """An instant as SQLAlchemy's SQLite DateTime column stores it ('%Y-%m-%d %H:%M:%S.%f', for statements
    run on the driver); isoformat writes the same text several times faster than strftime."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


@cache
def _pyformat(sql: str) -> str:
    """``:name`` parameters as psycopg's ``%(name)s`` (a literal ``%`` doubled)."""
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))


def _stamped(params: dict[str, object]) -> dict[str, object]:
    return {key: stamp(value) if isinstance(value, datetime) else value for key, value in params.items()}


def rows(session: Link, sql: str, params: dict[str, object]) -> list[tuple]:
    """The rows of one statement (``:name`` parameters; none for a write without RETURNING)."""
    if type(session) is DriverTransaction:  # EventFile.run_lean_write's, on SQLite: nothing between
        return session.connection.execute(sql, _stamped(params)).fetchall()
    connection = session.connection()
    name = connection.dialect.name
    if name == "sqlite":
        driver = connection.connection.driver_connection
        return driver.execute(sql, _stamped(params)).fetchall()  # type: ignore[union-attr]
    if name == "postgresql":  # the same shortcut: SQLAlchemy's work per statement is most of a scan's client time
        dbapi = connection.dialect.loaded_dbapi
        try:
            cursor = connection.connection.driver_connection.execute(_pyformat(sql), params)  # type: ignore[union-attr]
        except dbapi.Error as exc:  # wrapped as SQLAlchemy would: callers tell a refusal by DBAPIError
            raise DBAPIError.instance(sql, params, exc, dbapi.Error, dialect=connection.dialect) from exc
        return cursor.fetchall() if cursor.description is not None else []
    result = connection.execute(text(sql), params)
    return [tuple(row) for row in result] if result.returns_rows else []  # an INSERT without RETURNING: none


def instant(value: str | datetime) -> datetime:
    """A stored instant (driver text, or a datetime) as an aware UTC datetime."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def round_trips(session: Link) -> bool:
    """Whether each statement is a round trip to a server: there a check-in folds its reads into fewer statements;
    SQLite runs in this process, where the plain statements are the faster ones (no RETURNING, fewer joins)."""
    return type(session) is not DriverTransaction and session.connection().dialect.name != "sqlite"


def held(alias: str) -> str:
    """The clause that takes the row a statement reads from ``alias`` for this transaction, as ``hold`` does, in
    the same round trip: for a server only (on SQLite the write lock taken at BEGIN already lets one writer in)."""
    return f" FOR NO KEY UPDATE OF {alias}"


def hold(session: Link, table: str, row_id: int) -> None:
    """Take the row ``row_id`` of ``table`` for this transaction, on a server: another station's transaction that
    holds it too waits here until this one ends, then reads what it wrote (READ COMMITTED reads afresh per
    statement). On SQLite the write lock taken at BEGIN already lets one writer in at a time."""
    if round_trips(session):
        rows(session, f"SELECT id FROM {table} WHERE id = :id FOR NO KEY UPDATE", {"id": row_id})
