"""Undoable roster changes: each command writes one transaction; people are named by uid (ids change on undo)."""

from __future__ import annotations

from learningday.roster.dto import DeletedAttendee
from ui.commands import FileCommand
from ui.document import EventDocument
from ui.skills_door import Scores
from ui.workspaces.attendees.editor import Fields


class EditAttendee(FileCommand):
    """The attendee editor's Save: the fields before (those the editor was filled with) and after, and the
    self-assessed levels it changed (their scores before come back from the write)."""

    def __init__(self, document: EventDocument, uid: str, before: Fields, after: Fields, name: str,
                 scores: Scores | None = None) -> None:
        super().__init__(document, f"Edit “{name}”")
        self.uid, self.before, self.after = uid, before, after
        self.scores, self.scores_before = scores or {}, {}

    def forward(self) -> None:
        self.document.update_attendee(self.uid, self.after)
        if self.scores:
            self.scores_before = self.document.set_scores(self.uid, self.scores).value

    def backward(self) -> None:
        if self.scores_before:
            self.document.set_scores(self.uid, self.scores_before)
        self.document.update_attendee(self.uid, self.before)


class DeleteAttendee(FileCommand):
    """Delete someone (their places go to the waitlists); undo puts them back, asking again for their places."""

    def __init__(self, document: EventDocument, uid: str, name: str) -> None:
        super().__init__(document, f"Delete “{name}”")
        self.uid = uid
        self.deleted: DeletedAttendee | None = None

    def forward(self) -> None:
        self.deleted = self.document.delete_attendee(self.uid).value  # the person and their places, for undo

    def backward(self) -> None:
        assert self.deleted is not None
        self.document.restore_attendee(self.deleted)
