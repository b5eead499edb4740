"""The base of every undoable change to the event file: one transaction per step.

A step written once may not replay later: someone registered for a session whose deletion is
being redone, another window removed the venue a move is undone into. Such a step changes
nothing (the core refuses first); the command then tells the document, whose window shows why
and drops the undo history, which no longer matches the file.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from learningday.errors import LearningDayError
from ui.document import EventDocument


class FileCommand(QUndoCommand):
    """Subclasses write in ``forward`` and take it back in ``backward``. ``apply_first`` runs the
    first forward outside the stack, so a refusal raises and nothing is pushed."""

    def __init__(self, document: EventDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        self._applied = False

    def forward(self) -> None:
        raise NotImplementedError

    def backward(self) -> None:
        raise NotImplementedError

    def apply_first(self) -> None:
        self.forward()
        self._applied = True

    def push_onto(self, stack: QUndoStack) -> FileCommand:
        """Write the change now, then put it on ``stack``; a refusal raises and pushes nothing."""
        self.apply_first()
        stack.push(self)
        return self

    def redo(self) -> None:
        if self._applied:  # already written by apply_first
            self._applied = False
            return
        self._replay(self.forward, "redo")

    def undo(self) -> None:
        self._replay(self.backward, "undo")

    def _replay(self, step: Callable[[], None], verb: str) -> None:
        try:
            step()
        except LearningDayError as exc:
            self.document.history_broken.emit(f"Could not {verb} “{self.text()}”: {exc.message}")
