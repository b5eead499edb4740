"""Plain SQL on either backend: the search paths' statements are written once, with SQLite's ``?`` marks.

Those paths skip SQLAlchemy's expression layer for speed (checkin.search, roster.query); psycopg wants ``%s``
marks instead, and a few SQLite functions have other names on PostgreSQL (``SQL`` holds both spellings).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

#: a piece of SQL by backend: the ids of a subquery's ``id`` column as one JSON text, and the test for them
SQL = {
    "sqlite": {"ids_json": "json_group_array(id)", "in_ids_json": "IN (SELECT value FROM json_each(?))"},
    "postgresql": {"ids_json": "COALESCE(json_agg(id), '[]')::text",
                   "in_ids_json": "IN (SELECT value::int FROM json_array_elements_text(?::json))"},
}


def runner(session: Session) -> Callable[..., CursorResult[Any]]:
    """``run(sql, params)`` on the session's connection, the ``?`` marks turned into the driver's own."""
    connection = session.connection()
    if connection.dialect.paramstyle == "qmark":
        return connection.exec_driver_sql

    def run(sql: str, params: Sequence[object] = ()) -> CursorResult[Any]:
        # the statements hold no '?' or '%' of their own: every one is a parameter mark
        return connection.exec_driver_sql(sql.replace("?", "%s"), tuple(params))

    return run


def piece(session: Session, name: str) -> str:
    """The backend's spelling of a piece of SQL (``SQL``)."""
    return SQL[session.connection().dialect.name][name]
