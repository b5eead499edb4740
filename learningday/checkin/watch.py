"""Whether another connection (another station, another process) has written to the event since the last look."""

from __future__ import annotations

import sqlite3
import time

from learningday.store.db import EventFile

#: on a database server there is no data_version: say "changed" at most this often (the counts re-read)
SERVER_POLL_S = 5.0


class ChangeWatcher:
    """Asks SQLite's ``PRAGMA data_version`` on a connection of its own, so that every commit by any other
    connection, in this process or another, shows (a connection never sees its own commits there). It costs
    a few microseconds: a UI may ask on a short timer. Close it with the event."""

    def __init__(self, event_file: EventFile) -> None:
        self._connection: sqlite3.Connection | None = None
        self._version: int | None = None
        self._asked = 0.0
        if event_file.path is not None:
            self._connection = sqlite3.connect(event_file.path.resolve().as_uri() + "?mode=ro", uri=True,
                                               check_same_thread=False)
            self._version = self._data_version()

    def _data_version(self) -> int:
        assert self._connection is not None
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """True once after each commit by another connection (several commits since the last look: once)."""
        if self._connection is None:  # PostgreSQL: plugs in its own signal later; until then, poll slowly
            now = time.monotonic()
            if now - self._asked < SERVER_POLL_S:
                return False
            self._asked = now
            return True
        version = self._data_version()
        if version == self._version:
            return False
        self._version = version
        return True

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
