"""The attendee panel beside the roster: who they are, their sessions (registered / waitlisted), cancel and register."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from learningday.plan.dto import SessionRow
from learningday.roster.dto import AttendeeDetails, AttendeeRegistration
from learningday.setup.clock import clock_label
from learningday.setup.dto import HubDTO, LevelDTO
from learningday.timeutil import to_local
from ui.models import ALIGN, DECORATION, DISPLAY, RowsModel, level_label
from ui.widgets import ask_item, heading, table_view

Index = QModelIndex | QPersistentModelIndex


def choose_session(parent: QWidget, sessions: Sequence[SessionRow], prompt: str) -> int | None:
    """Ask which session (by start and title); None when the user cancels."""
    labels = [f"{s.start_utc:%a %H:%M} UTC · {s.title}" if s.start_utc else f"unscheduled · {s.title}"
              for s in sessions]
    label, ok = ask_item(parent, "Register", prompt, labels)
    return sessions[labels.index(label)].id if ok and label in labels else None


class PlacesModel(RowsModel):
    """An attendee's sessions, times in their hub's zone (UTC without a hub)."""

    HEADERS = ("When", "Session", "Level", "Status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AttendeeRegistration] = []
        self._levels: dict[int, LevelDTO] = {}
        self._zone: str | None = None

    def set_rows(self, rows: Sequence[AttendeeRegistration], levels: Sequence[LevelDTO], zone: str | None) -> None:
        self.beginResetModel()
        self._rows, self._levels, self._zone = list(rows), {lv.id: lv for lv in levels}, zone
        self.endResetModel()

    def row_at(self, row: int) -> AttendeeRegistration:
        return self._rows[row]

    def _when(self, r: AttendeeRegistration) -> str:
        if r.start_utc is None:
            return "unscheduled"
        return to_local(r.start_utc, self._zone).strftime("%a %H:%M") if self._zone else f"{r.start_utc:%a %H:%M}"

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, column = self._rows[index.row()], index.column()
        if role == DISPLAY:
            status = r.status if r.waitlist_position is None else f"waitlisted · #{r.waitlist_position}"
            if r.checked_in:
                status += " · here"
            return (self._when(r), r.title, str(r.level_id), status)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.title}\n{level_label(self._levels, r.level_id)}"
        if role == DECORATION and column == 2 and r.level_id in self._levels:
            return QColor(self._levels[r.level_id].colour)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and r.status == "waitlisted":
            return QColor("#9a5b00")
        if role == ALIGN and column == 0:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None


class RegistrationsPanel(QWidget):
    """Shows one attendee; its buttons ask the workspace to act (it owns the document and the undo stack)."""

    edit_requested = Signal(int)
    delete_requested = Signal(int)
    register_requested = Signal(int)
    cancel_requested = Signal(int, int)  # session id, attendee id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details: AttendeeDetails | None = None
        self.title = heading("No attendee selected")
        self.title.setWordWrap(True)
        self.facts = QLabel("Select a row to see the person's sessions; double-click it to edit them.")
        self.facts.setObjectName("subheading")
        self.facts.setWordWrap(True)
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.places = PlacesModel(self)
        self.table = table_view(self.places)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.places_label = QLabel("Sessions")
        self.places_label.setObjectName("subheading")
        self.register_button = QPushButton("Register to a session…")
        self.cancel_button = QPushButton("Cancel place")
        self.status = QLabel()
        self.status.setObjectName("panelStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        self.edit_button.clicked.connect(lambda: self._ask(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._ask(self.delete_requested))
        self.register_button.clicked.connect(lambda: self._ask(self.register_requested))
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        top = QHBoxLayout()
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.register_button)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(top)
        layout.addWidget(self.places_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        self._update_buttons()

    def _ask(self, signal: Signal) -> None:
        if self.details is not None:
            signal.emit(self.details.id)

    def selected_place(self) -> AttendeeRegistration | None:
        rows = self.table.selectionModel().selectedRows()
        return self.places.row_at(rows[0].row()) if rows else None

    def _on_cancel_button_clicked(self) -> None:
        place = self.selected_place()
        if self.details is not None and place is not None:
            self.cancel_requested.emit(place.session_id, self.details.id)

    def _update_buttons(self) -> None:
        shown = self.details is not None
        for button in (self.edit_button, self.delete_button, self.register_button):
            button.setEnabled(shown)
        self.cancel_button.setEnabled(shown and self.selected_place() is not None)

    def show_attendee(self, details: AttendeeDetails | None, places: Sequence[AttendeeRegistration] = (), *,
                      hubs: Sequence[HubDTO] = (), levels: Sequence[LevelDTO] = ()) -> None:
        self.details = details
        if details is None:
            self.title.setText("No attendee selected")
            self.facts.setText("Select a row to see the person's sessions; double-click it to edit them.")
            self.places.set_rows([], levels, None)
        else:
            zone = next((h.zone for h in hubs if h.id == details.hub_id), None)
            self.title.setText(details.name)
            level = level_label({lv.id: lv for lv in levels}, details.level_id) or "no level"
            lines = [f"{details.code} · {details.hub or 'no hub'} · {level}",
                     " · ".join(x for x in (details.email, details.employee_id or "", details.department,
                                            details.role) if x)]
            self.facts.setText("\n".join(line for line in lines if line))
            self.places.set_rows(places, levels, zone)
            first = next((p.start_utc for p in places if p.start_utc), None)
            shown_in = clock_label(first, zone) if zone and first else "UTC"
            waiting = sum(p.status == "waitlisted" for p in places)
            self.places_label.setText(f"Sessions: {len(places) - waiting} registered, {waiting} waitlisted "
                                      f"(times in {shown_in})")
        self._update_buttons()

    def say(self, text: str) -> None:
        """A line about the last action (who was promoted, where someone was placed)."""
        self.status.setText(text)
        self.status.setVisible(bool(text))
