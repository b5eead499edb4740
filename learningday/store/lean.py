"""A write transaction straight on SQLite's own connection, for the check-in path.

A check-in is a handful of tiny indexed statements and one COMMIT. Through SQLAlchemy's Session and Connection
the transaction around them (the Session, the pool's Connection, BEGIN through the "begin" event, the commit and
the close) cost about as much as SQLite spends on the statements themselves (0.25 ms a scan).
``EventFile.run_lean_write`` runs such an action on a ``DriverTransaction`` instead; its statements go through
``checkin.sql.rows``, which takes either. On a server it is an ordinary Session: there the round trips, not the
client, decide.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TypeAlias

from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class DriverTransaction:
    """SQLite's connection inside a write transaction (BEGIN IMMEDIATE taken): what ``checkin.sql`` runs its
    statements on. Its owner commits, or rolls back when the action raises."""

    connection: sqlite3.Connection


#: where the check-in path's statements run: an ORM Session (any backend), or SQLite's own transaction
Link: TypeAlias = Session | DriverTransaction
