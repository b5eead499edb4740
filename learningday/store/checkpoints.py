"""WAL checkpoints off the commit path: run once the event file has been quiet a moment, on a thread of their own."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.engine import Engine

#: how long the file stays without a commit before the log is copied into it (a door pauses longer between people)
IDLE_SECONDS = 0.5
#: SQLite's own checkpoint, inside a commit, once the log holds this many pages (40 MiB at 4 KiB): the bound on
#: the log when writes never pause. Its default, 1,000 pages, put a checkpoint (5-85 ms) on every ~170th check-in.
CAP_PAGES = 10_000


class Checkpointer:
    """Copies the write-ahead log into the file (a PASSIVE checkpoint: it waits for no one) ``idle`` seconds
    after the last commit. A commit is durable once it is in the log; a checkpoint only keeps the log short."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], idle: float = IDLE_SECONDS) -> None:
        self._connect = connect
        self.idle = idle
        self._lock = threading.Lock()
        self._last = 0.0
        self._pending = False
        self._worker: threading.Thread | None = None
        self._stopping = threading.Event()

    def committed(self, *_args: object) -> None:
        """A transaction is committing: start counting the quiet from now."""
        with self._lock:
            self._last = time.monotonic()
            self._pending = True
            if self._worker is None and not self._stopping.is_set():
                self._worker = threading.Thread(target=self._wait_for_quiet, name="wal-checkpoint", daemon=True)
                self._worker.start()

    def _wait_for_quiet(self) -> None:
        while True:
            with self._lock:
                left = self._last + self.idle - time.monotonic()
                if self._stopping.is_set() or left <= 0:
                    self._worker = None
                    break
            self._stopping.wait(left)
        if not self._stopping.is_set():
            self.checkpoint()

    def checkpoint(self) -> tuple[int, int, int] | None:
        """One PASSIVE checkpoint now: (busy, pages in the log, pages copied), or None when SQLite could not run
        it (it runs again after the next commit; nothing committed depends on it)."""
        with self._lock:
            self._pending = False
        try:
            connection = self._connect()
            try:
                return connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                connection.close()
        except sqlite3.Error:
            return None

    def stop(self) -> None:
        """No more checkpoints from the thread; the log is copied once more if a commit is still waiting for it."""
        self._stopping.set()
        worker = self._worker
        if worker is not None:
            worker.join()
        if self._pending:
            self.checkpoint()


def watch(engine: Engine, connect: Callable[[], sqlite3.Connection]) -> Checkpointer:
    """Checkpoint the file behind ``engine`` when it goes quiet (its connections set ``CAP_PAGES``); stop the
    checkpointer before the engine is disposed of."""
    checkpointer = Checkpointer(connect)
    event.listen(engine, "commit", checkpointer.committed)
    return checkpointer
