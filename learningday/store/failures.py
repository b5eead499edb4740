"""What the system said when the event file could not be read or written, in words a user can act on."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from learningday.errors import EventFileError, LearningDayError, NotSaved

# SQLite's primary result codes (an extended code keeps its primary one in the low byte)
_PERM, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 3, 8, 10, 11, 13, 14, 26
_BUSY, _LOCKED = 5, 6
DISK_FULL = "the disk is full"


class DamagedValue(ValueError):
    """A value read from the file that no LearningDay wrote (a date that is no date, JSON that is no JSON)."""


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    return orig if isinstance(orig, sqlite3.Error) else None


def busy(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite giving up on a lock another connection held for a whole busy timeout."""
    error = _sqlite_error(exc)
    return error is not None and (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF in (_BUSY, _LOCKED)


class ServerGone(NotSaved):
    """A database server that cannot be reached (stopped, the network cut) or refuses every write (a read-only
    database, no INSERT right); the same write may succeed later (a station's outbox). One whose COMMIT lost
    its answer may have been written after all: a retry checks by the entry's uid before writing again."""


#: SQLSTATEs of a server that refuses writes for now: a read-only transaction or database, a revoked right
_REFUSED = {"25006": "the database is read-only", "42501": "permission denied"}
SERVER_GONE = "the server cannot be reached"


def server_failure(exc: BaseException) -> str | None:
    """The short reason when ``exc`` is a database server gone or refusing writes (not bad input), else None."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not type(orig).__module__.startswith("psycopg"):
        return None
    state = getattr(orig, "sqlstate", None) or ""
    if state in _REFUSED:
        return f"the server refused the write: {_REFUSED[state]}"
    # class 08: the connection; 53: out of room or connections; 57P0x: shut down or terminated by an operator;
    # no state: libpq's own (refused, reset, timed out). A serialization failure (40001) is an
    # OperationalError too, but one a retry of the transaction resolves: not "gone".
    kinds = {kind.__name__ for kind in type(orig).__mro__}
    gone = state.startswith(("08", "53", "57P")) or (not state and bool(kinds & {"OperationalError", "InterfaceError"}))
    return SERVER_GONE if gone else None


def server_gone(exc: BaseException, *, doing: str, after: str = "") -> ServerGone | None:
    """``exc`` as ServerGone ("{doing}: the server cannot be reached (libpq's first line){after}"), or None."""
    reason = server_failure(exc)
    if reason is None:
        return None
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return ServerGone(f"{doing}: {reason} ({detail}){after}", reason=reason)


def damaged(label: str, detail: str) -> EventFileError:
    return EventFileError(f"{label} is damaged ({detail}); open a backup copy instead")


def worded(exc: BaseException, *, label: str, writing: bool) -> LearningDayError | None:
    """The user's words for a failure of the file itself; None when ``exc`` is not one (a bug: let it show)."""
    if isinstance(exc, (DamagedValue, UnicodeDecodeError)):
        return damaged(label, f"a value cannot be read: {exc}")
    gone = server_gone(exc, doing=f"not saved: {label}" if writing else f"cannot read {label}",
                       after="; nothing was changed" if writing else "")
    if gone is not None:
        return gone if writing else LearningDayError(gone.message)
    error = _sqlite_error(exc)
    if error is None:
        return None
    text = str(error)
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_CORRUPT, _NOTADB) or text.startswith(("Could not decode", "foreign key mismatch")):  # a flipped schema
        return damaged(label, text)
    if code == _IOERR and _no_space_left(label):  # growing the -shm or the log on a full disk
        code = _FULL
    reason = {_FULL: DISK_FULL, _READONLY: "the file is read-only", _PERM: "the system refused access",
              _CANTOPEN: "the file cannot be opened",
              _IOERR: f"the disk reported an input/output error ({getattr(error, 'sqlite_errorname', text)})"}.get(code)
    if reason is None:
        return None
    if writing:
        return NotSaved(f"not saved: {label}: {reason}; nothing was changed", reason=reason)
    return LearningDayError(f"cannot read {label}: {reason}")


def _no_space_left(label: str) -> bool:
    try:
        disk = os.statvfs(Path(label).parent)
    except (OSError, ValueError):  # not a file's path (a server's URL)
        return False
    return disk.f_bavail * disk.f_frsize < 64 * 1024


def short_reason(exc: BaseException, *, label: str) -> str:
    """The short cause of a write the system refused ("the disk is full"), from SQLite or the file system."""
    if isinstance(exc, OSError):
        return DISK_FULL if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
    failure = worded(exc, label=label, writing=True)
    return failure.reason if isinstance(failure, NotSaved) else str(exc)


@contextmanager
def in_words(label: str, *, writing: bool) -> Iterator[None]:
    """Run a transaction; a full disk, a read-only file or a damaged value becomes one LearningDayError."""
    try:
        yield
    except (DBAPIError, sqlite3.Error, DamagedValue, UnicodeDecodeError) as exc:
        failure = worded(exc, label=label, writing=writing)
        if failure is None:
            raise
        raise failure from exc
