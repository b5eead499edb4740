"""Undoable agenda changes: each command writes one transaction to the event file."""

from __future__ import annotations

from learningday.plan.dto import SessionDraft
from ui.commands import FileCommand
from ui.document import EventDocument


class ChangeSession(FileCommand):
    """A move, a resize or an edit: the session's draft before and after."""

    def __init__(self, document: EventDocument, uid: str, before: SessionDraft, after: SessionDraft,
                 text: str) -> None:
        super().__init__(document, text)
        self.uid, self.before, self.after = uid, before, after

    def forward(self) -> None:
        self.document.save_session(self.uid, self.after)

    def backward(self) -> None:
        self.document.save_session(self.uid, self.before)


class CreateSession(FileCommand):
    def __init__(self, document: EventDocument, draft: SessionDraft) -> None:
        super().__init__(document, f"New session “{draft.title}”")
        self.draft = draft
        self.uid: str | None = None

    def forward(self) -> None:
        self.uid = self.document.create_session(self.draft, uid=self.uid)

    def backward(self) -> None:
        assert self.uid is not None
        self.document.delete_session(self.uid)


class DeleteSession(FileCommand):
    """Delete a session; undo creates it again with the same uid."""

    def __init__(self, document: EventDocument, uid: str, title: str) -> None:
        super().__init__(document, f"Delete “{title}”")
        self.uid = uid
        self.draft: SessionDraft | None = None

    def forward(self) -> None:
        draft = self.document.delete_session(self.uid)
        self.draft = self.draft or draft

    def backward(self) -> None:
        assert self.draft is not None
        self.document.create_session(self.draft, uid=self.uid)
