"""Errors a user can read; every domain failure is a LearningDayError."""

from __future__ import annotations

from collections.abc import Callable

#: long work reports with ``progress(fraction 0..1, what it is doing)`` ...
Progress = Callable[[float, str], None]
#: ... and asks ``cancel()`` between steps; when it answers True the work raises Cancelled
CancelCheck = Callable[[], bool]


class LearningDayError(Exception):
    """Base of every error the app shows to a user. The message is the whole story."""

    #: exit status the CLI uses for this kind of error (2 = bad input, 1 = failure)
    exit_code = 1

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class InvalidInput(LearningDayError):
    """The user gave something the app cannot accept (bad value, bad file)."""

    exit_code = 2


class EventFileError(InvalidInput):
    """A file that is not a usable event file: missing, foreign, corrupt or too new."""


class NewerEventFileError(EventFileError):
    """An event file written by a newer LearningDay than this one."""


class NotSaved(LearningDayError):
    """The system would not write the event file (a full disk, a read-only file or folder); nothing was
    changed. ``reason`` is the short cause a screen shows: "the disk is full"."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class MigrationError(LearningDayError):
    """Bringing an event file to the current schema failed; the backup copy is intact."""


class Cancelled(LearningDayError):
    """The user stopped long work (an import, a report, a demo); nothing was written.
    The message says what stopped: "import cancelled; nothing was imported"."""


def stop_if_cancelled(cancel: CancelCheck | None, message: str) -> None:
    """Raise Cancelled(``message``) when the caller's ``cancel`` says stop."""
    if cancel is not None and cancel():
        raise Cancelled(message)


def share_of(progress: Progress | None, start: float, share: float) -> Progress | None:
    """A progress callback for one part of the work: its 0..1 becomes ``start`` .. ``start + share``."""
    if progress is None:
        return None
    return lambda fraction, message: progress(start + share * fraction, message)
