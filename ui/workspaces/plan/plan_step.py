"""A plan (or one Place it) as one undoable step: undo puts every session back where the plan found it."""

from __future__ import annotations

from learningday.plan.dto import SnapshotRow
from learningday.plan.planner import PlanResult
from ui.commands import FileCommand
from ui.document import EventDocument


class ApplyPlan(FileCommand):
    """Writes every move and placement of ``result`` in one transaction. With ``backup`` the first
    write is ``apply_plan``, which saves the agenda as a version first; a redo writes the moves alone
    (the version is there already)."""

    def __init__(self, document: EventDocument, result: PlanResult, text: str, *, backup: bool = True) -> None:
        super().__init__(document, text)
        self.result = result
        self.backup = backup
        #: the version saved before the first write (None: not saved, or nothing to save)
        self.saved: SnapshotRow | None = None
        self._written = False

    def forward(self) -> None:
        if self.backup and not self._written:
            self.saved = self.document.apply_plan(self.result).value
        else:
            self.document.move_sessions([(p.uid, p.start_utc, p.venue_id) for p in self.result.changes])
        self._written = True

    def backward(self) -> None:
        self.document.move_sessions([(p.uid, p.before_start, p.before_venue_id) for p in self.result.changes])
