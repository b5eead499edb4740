"""Errors a user can read; every domain failure is a LearningDayError."""

from __future__ import annotations

from collections.abc import Callable

#: long work reports with ``progress(fraction 0..1, what it is doing)`` ...
Progress = Callable[[float, str], None]
#: ... and asks ``cancelled()`` between steps; a cancel raises the work's own Cancelled error
Cancelled = Callable[[], bool]


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


class MigrationError(LearningDayError):
    """Bringing an event file to the current schema failed; the backup copy is intact."""
