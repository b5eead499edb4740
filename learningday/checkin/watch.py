"""Whether another connection (another station, another process) has written to the event since the last look."""

from __future__ import annotations

import sqlite3

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from learningday.store.db import EventFile

#: on a server: the newest log entry and the newest attendee (a walk-in), read by their primary keys' last index
#: page, one round trip. A poll rather than LISTEN/NOTIFY: a NOTIFY takes a lock every committing notifier
#: queues on, and a trigger on the log would put that on every station's check-in
_SERVER_MARK = text("SELECT (SELECT max(id) FROM checkins), (SELECT max(id) FROM attendees)")


class ChangeWatcher:
    """On SQLite, asks ``PRAGMA data_version`` on a connection of its own, so that every commit by any other
    connection, in this process or another, shows (a connection never sees its own commits there). On a server,
    the newest check-in and attendee ids, which every station's scan or walk-in moves. Either costs well under a
    millisecond: a UI may ask on a short timer. Close it with the event."""

    def __init__(self, event_file: EventFile) -> None:
        self._event_file = event_file
        self._connection: sqlite3.Connection | None = None
        self._server: Connection | None = None
        self._mark: object = None
        if event_file.path is not None:
            self._connection = sqlite3.connect(event_file.path.resolve().as_uri() + "?mode=ro", uri=True,
                                               check_same_thread=False)
        self._mark = self._look()

    def _look(self) -> object:
        """What moves when another connection writes; None when a server cannot be reached just now."""
        if self._connection is not None:
            return int(self._connection.execute("PRAGMA data_version").fetchone()[0])
        try:
            if self._server is None:
                self._server = self._event_file.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            return tuple(self._server.execute(_SERVER_MARK).one())
        except SQLAlchemyError:  # the network dropped: ask again on a fresh connection next time
            self._close_server()
            return None

    def changed(self) -> bool:
        """True once after each commit by another connection (several commits since the last look: once)."""
        mark = self._look()
        if mark is None or mark == self._mark:
            return False
        self._mark = mark
        return True

    def _close_server(self) -> None:
        if self._server is not None:
            try:
                self._server.close()
            except SQLAlchemyError:
                pass
            self._server = None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._close_server()
