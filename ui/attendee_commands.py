"""Undoable roster changes: each command writes one transaction; people are named by uid (ids change on undo)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from learningday.dto import DeletedAttendee

from .document import EventDocument

Fields = dict[str, str | int | None]


class _WrittenFirst(QUndoCommand):
    """A change written by ``apply_first`` before it is pushed (a refusal raises and nothing is pushed);
    the stack's first ``redo`` then has nothing left to do."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._applied = False

    def _write(self) -> None:
        raise NotImplementedError

    def apply_first(self) -> None:
        self._write()
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._write()


class EditAttendee(_WrittenFirst):
    """The attendee editor's Save: the fields before and after."""

    def __init__(self, document: EventDocument, uid: str, before: Fields, after: Fields, name: str) -> None:
        super().__init__(f"Edit “{name}”")
        self.document, self.uid, self.before, self.after = document, uid, before, after

    def _write(self) -> None:
        self.document.update_attendee(self.uid, self.after)

    def undo(self) -> None:
        self.document.update_attendee(self.uid, self.before)


class DeleteAttendee(_WrittenFirst):
    """Delete someone (their places go to the waitlists); undo puts them back, asking again for their places."""

    def __init__(self, document: EventDocument, uid: str, name: str) -> None:
        super().__init__(f"Delete “{name}”")
        self.document, self.uid = document, uid
        self.deleted: DeletedAttendee | None = None

    def _write(self) -> None:
        self.deleted = self.document.delete_attendee(self.uid)

    def undo(self) -> None:
        assert self.deleted is not None
        self.document.restore_attendee(self.deleted)
