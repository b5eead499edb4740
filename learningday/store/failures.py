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


def damaged(label: str, detail: str) -> EventFileError:
    return EventFileError(f"{label} is damaged ({detail}); open a backup copy instead")


def worded(exc: BaseException, *, label: str, writing: bool) -> LearningDayError | None:
    """The user's words for a failure of the file itself; None when ``exc`` is not one (a bug: let it show)."""
    if isinstance(exc, (DamagedValue, UnicodeDecodeError)):
        return damaged(label, f"a value cannot be read: {exc}")
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
