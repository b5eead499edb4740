"""The one place that words errors for people and shows them (tests switch dialogs off)."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from learningday.errors import LearningDayError

log = logging.getLogger("learningday")

#: tests set this to False; errors are then only logged (and kept in ``shown``)
DIALOGS = True
shown: list[str] = []
T = TypeVar("T")


def describe(exc: BaseException) -> str:
    if isinstance(exc, LearningDayError):
        return exc.message
    if isinstance(exc, OSError) and exc.strerror:  # a file the system would not open, write or replace
        return f"Could not open {exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return f"Something went wrong that LearningDay did not expect ({exc.__class__.__name__}: {exc})."


def _record(exc: BaseException, title: str) -> str:
    text = describe(exc)
    shown.append(text)
    log.warning("%s: %s", title, text)
    return text


def show_error(*, parent: QWidget | None, exc: BaseException, title: str = "LearningDay") -> None:
    text = _record(exc, title)
    if DIALOGS:
        QMessageBox.warning(parent, title, text)


def say_error(*, label: QLabel, exc: BaseException, title: str = "LearningDay") -> None:
    """Word an error in a status line the user is watching (a progress panel's): the same words and
    log as a message box, without the box."""
    label.setText(_record(exc, title))


def attempt(action: Callable[[], T], *, parent: QWidget | None, title: str) -> T | None:
    """Run a user's change now; a refusal (or a file the system refused) is shown and gives None.

    The core validates before it writes, so after a refusal the event file is as it was.
    """
    try:
        return action()
    except (LearningDayError, OSError) as exc:
        show_error(parent=parent, exc=exc, title=title)
        return None


def show_info(*, parent: QWidget | None, text: str, title: str = "LearningDay") -> None:
    shown.append(text)
    if DIALOGS:
        QMessageBox.information(parent, title, text)


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    show_error(parent=None, exc=exc, title="Unexpected error")


def install_excepthook() -> None:
    """Unexpected exceptions in slots are logged and shown, not lost on stderr."""
    sys.excepthook = _excepthook
