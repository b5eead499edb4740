"""A session's attendance: per person, in the room or online, minutes, late, left early (learningday.attendance)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from learningday.attendance.rule import Presence, session_attendance
from learningday.plan.dto import SessionRow
from ui.document import EventDocument
from ui.models import DISPLAY, Index, RowsModel
from ui.workspaces.attendees.registrations_panel import choose_session


def where(presence: Presence) -> str:
    return " + ".join(w for w, here in (("in the room", presence.in_room), ("online", presence.online)) if here)


class SessionAttendanceModel(RowsModel):
    HEADERS = ("Name", "Where", "Minutes", "Late", "Left early")

    def set_rows(self, rows: Sequence[tuple[str, str, Presence]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role != DISPLAY or not index.isValid():
            return None
        _uid, name, p = self._rows[index.row()]
        return (name, where(p), p.minutes, "yes" if p.late else "", "yes" if p.left_early else "")[index.column()]


class SessionAttendanceDialog(QDialog):
    def __init__(self, title: str, rows: Sequence[tuple[str, str, Presence]], *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who came: {0}").format(title))
        self.model = SessionAttendanceModel(self)
        self.model.set_rows(rows)
        table = QTableView()
        table.setModel(self.model)
        table.resizeColumnsToContents()
        online = sum(p.online and not p.in_room for _, _, p in rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("{0} joined, {1} of them online only").format(len(rows), online)))
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)


def open_session_attendance(document: EventDocument | None, sessions: Sequence[SessionRow], *,
                            parent: QWidget | None = None) -> None:
    session_id = choose_session(parent, sessions, "Show who came to:") if document else None
    if document is None or session_id is None:
        return
    rows = document.read_with(lambda s: session_attendance(s, session_id))
    title = next((s.title for s in sessions if s.id == session_id), "")
    SessionAttendanceDialog(title, rows, parent=parent).exec()
