"""A write run again from its start when the database gave its turn to another station's (SQLite busy, a deadlock).

A check-in reads and then writes (where the person stands, the seats left, then one entry): two stations must not
both act on what they read. SQLite takes the file's write lock at BEGIN (IMMEDIATE), so writers follow one another;
on a server the check-in takes the person's row (and, when the seats decide, the session's) before it reads
(checkin/sql.py ``held``, in the statement that finds them), so the second station waits and then reads the first
one's entry. What is left is a station that waited out SQLite's whole busy timeout, or a server that broke a
deadlock or a serialization conflict (SQLSTATE 40P01, 40001): that write is run again rather than shown to the
facilitator as an error.
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
        except Exception as exc:  # SQLAlchemy's wrapper, or the driver's own error (checkin/sql.py goes straight to it)
            if not conflict(exc):
                raise
            if tries == attempts:
                raise NotSaved(f"not saved: {label}: {BUSY} and this write lost its turn {attempts} times; "
                               "nothing was changed, try again", reason=BUSY) from exc
        time.sleep(random.uniform(0, min(MAX_PAUSE_S, 0.001 * 2 ** tries)))
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises
