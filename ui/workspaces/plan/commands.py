"""Undoable agenda changes: each command writes one transaction; undo data comes back from the write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from learningday.plan.dto import SessionDraft
from ui.changes import Written
from ui.commands import FileCommand
from ui.document import EventDocument


class SessionStep(FileCommand):
    """One session rewritten. The write answers with the draft it replaced, which undo writes back
    (taken afresh on every redo, so it is what the file held just before)."""

    def __init__(self, document: EventDocument, uid: str, text: str) -> None:
        super().__init__(document, text)
        self.uid = uid
        self.before: SessionDraft | None = None

    def write(self) -> Written[SessionDraft]:
        raise NotImplementedError

    def forward(self) -> None:
        self.before = self.write().value

    def backward(self) -> None:
        assert self.before is not None
        self.document.save_session(self.uid, self.before)


class ChangeSession(SessionStep):
    """An edit: every field from the editor."""

    def __init__(self, document: EventDocument, uid: str, after: SessionDraft, text: str) -> None:
        super().__init__(document, uid, text)
        self.after = after

    def write(self) -> Written[SessionDraft]:
        return self.document.save_session(self.uid, self.after)


@dataclass(frozen=True)
class Placement:
    """Where a timeline drag puts a session: start (UTC), venue, length; its other fields stay."""

    start_utc: datetime
    venue_id: int | None
    duration_minutes: int


class MoveSession(SessionStep):
    """A drag: a move, a resize, or a draft scheduled; nothing is read before the write."""

    def __init__(self, document: EventDocument, uid: str, place: Placement, text: str) -> None:
        super().__init__(document, uid, text)
        self.place = place

    def write(self) -> Written[SessionDraft]:
        return self.document.move_session(self.uid, start_utc=self.place.start_utc, venue_id=self.place.venue_id,
                                          duration_minutes=self.place.duration_minutes)


class CreateSession(FileCommand):
    def __init__(self, document: EventDocument, draft: SessionDraft) -> None:
        super().__init__(document, f"New session “{draft.title}”")
        self.draft = draft
        self.uid: str | None = None

    def forward(self) -> None:
        self.uid = self.document.create_session(self.draft, uid=self.uid).value

    def backward(self) -> None:
        assert self.uid is not None
        self.document.delete_session(self.uid)


class DeleteSession(FileCommand):
    """Delete a session; undo creates it again with the same uid, from the draft the delete returned."""

    def __init__(self, document: EventDocument, uid: str, title: str) -> None:
        super().__init__(document, f"Delete “{title}”")
        self.uid = uid
        self.draft: SessionDraft | None = None

    def forward(self) -> None:
        self.draft = self.document.delete_session(self.uid).value

    def backward(self) -> None:
        assert self.draft is not None
        self.document.create_session(self.draft, uid=self.uid)
