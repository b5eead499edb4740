"""A write run again from its start when the database put it behind another station's (PostgreSQL, SQLite busy).

Two stations that read the same rows and then write (a check-in reads where the person stands and the seats
left, then appends) must not both act on what they read. On PostgreSQL such a write runs at SERIALIZABLE: the
server refuses one of two transactions that would not have given the same result one after the other
(SQLSTATE 40001, or a deadlock, 40P01), and that one is run again, and now reads the other's row. On SQLite
the write takes the file's write lock at BEGIN (IMMEDIATE), so writers already follow one another; a station
that waited out the whole busy timeout is run again too rather than shown "database is locked".
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from learningday.errors import NotSaved
from learningday.store.failures import busy

T = TypeVar("T")

#: how often a write is tried before the station is told the event is too busy (each try is a few ms)
ATTEMPTS = 30
#: the longest pause between two tries (seconds); the pauses grow and are jittered so stations spread out
MAX_PAUSE_S = 0.05
#: serialization failure, deadlock: "run the transaction again" in PostgreSQL's words
_RUN_AGAIN = frozenset({"40001", "40P01"})
BUSY = "other stations are writing to it"


def conflict(exc: BaseException) -> bool:
    """Whether ``exc`` says the write lost its turn to another transaction (and nothing of it was kept)."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    return getattr(orig, "sqlstate", None) in _RUN_AGAIN or busy(exc)


def run_again(attempt: Callable[[], T], *, label: str, attempts: int = ATTEMPTS) -> T:
    """``attempt()`` (one whole transaction, rolled back when it raises), tried up to ``attempts`` times while the
    database says it lost its turn; after that NotSaved (nothing was written)."""
    for tries in range(1, attempts + 1):
        try:
            return attempt()
        except DBAPIError as exc:
            if not conflict(exc):
                raise
            if tries == attempts:
                raise NotSaved(f"not saved: {label}: {BUSY} and this write lost its turn {attempts} times; "
                               "nothing was changed, try again", reason=BUSY) from exc
        time.sleep(random.uniform(0, min(MAX_PAUSE_S, 0.001 * 2 ** tries)))
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises
