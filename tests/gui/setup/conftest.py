"""Fixtures of the setup editors' tests: the small event open as the window opens it, the editors without the window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from tests.helpers.planning import Small
from ui.document import EventDocument
from ui.setup.dialogs import SetupEditors


@pytest.fixture()
def document(small: Small) -> Iterator[EventDocument]:
    """The small planning event (London, Bangalore, Tokyo) open as the window opens it, for editors without it."""
    document = EventDocument.open(small.path)
    yield document
    document.close()


@pytest.fixture()
def editors(qtbot) -> SetupEditors:
    """The window's setup editors without the window: their parent is a bare widget."""
    parent = QWidget()
    qtbot.addWidget(parent)
    return SetupEditors(parent)


@pytest.fixture()
def undo_stack() -> QUndoStack:
    """The window's undo stack, without the window."""
    return QUndoStack()
