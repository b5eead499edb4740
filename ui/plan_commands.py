"""Undoable agenda changes: each command writes one transaction to the event file."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from learningday.dto import SessionDraft

from .document import EventDocument


class ChangeSession(QUndoCommand):
    """A move, a resize or an edit: the session's draft before and after."""

    def __init__(self, document: EventDocument, uid: str, before: SessionDraft, after: SessionDraft,
                 text: str) -> None:
        super().__init__(text)
        self.document, self.uid, self.before, self.after = document, uid, before, after
        self._applied = False

    def apply_first(self) -> None:
        """Write the change now (a refusal raises, and nothing is pushed)."""
        self.document.save_session(self.uid, self.after)
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # already written by apply_first
            self._applied = False
            return
        self.document.save_session(self.uid, self.after)

    def undo(self) -> None:
        self.document.save_session(self.uid, self.before)


class CreateSession(QUndoCommand):
    def __init__(self, document: EventDocument, draft: SessionDraft) -> None:
        super().__init__(f"New session “{draft.title}”")
        self.document, self.draft = document, draft
        self.uid: str | None = None
        self._applied = False

    def apply_first(self) -> None:
        self.uid = self.document.create_session(self.draft)
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.document.create_session(self.draft, uid=self.uid)

    def undo(self) -> None:
        assert self.uid is not None
        self.document.delete_session(self.uid)


class DeleteSession(QUndoCommand):
    """Delete a session; undo creates it again with the same uid."""

    def __init__(self, document: EventDocument, uid: str, title: str) -> None:
        super().__init__(f"Delete “{title}”")
        self.document, self.uid = document, uid
        self.draft: SessionDraft | None = None
        self._applied = False

    def apply_first(self) -> None:
        self.draft = self.document.delete_session(self.uid)
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.document.delete_session(self.uid)

    def undo(self) -> None:
        assert self.draft is not None
        self.document.create_session(self.draft, uid=self.uid)
