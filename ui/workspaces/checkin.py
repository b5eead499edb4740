"""Check-in workspace: the live counts of the append-only log, by session."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from learningday.dto import EventSummary, SessionRow

from ..models import SessionTableModel
from ..widgets import Card, card_row, heading, percent, table_view

HIDDEN_COLUMNS = (1, 5, 6)  # end, facilitators, audience: the door needs counts, not plans


class CheckinWorkspace(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = Card("people checked in")
        self.attendances = Card("session attendances")
        self.walk_ins = Card("walk-ins")
        self.rate = Card("of registered places checked in")
        self.log = Card("entries in the check-in log")
        self.model = SessionTableModel(self)
        self.table = table_view(self.model)
        for column in HIDDEN_COLUMNS:
            self.table.setColumnHidden(column, True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Check-in"))
        layout.addWidget(heading("Counts derived from the check-in log of this event file (undone entries left out).",
                                 sub=True))
        layout.addWidget(card_row([self.people, self.attendances, self.walk_ins, self.rate, self.log]))
        layout.addWidget(self.table, 1)

    def show_event(self, summary: EventSummary, sessions: list[SessionRow], walk_ins: dict[int | None, int]) -> None:
        self.people.set_value(f"{summary.attendees_checked_in:,}")
        self.attendances.set_value(f"{summary.checkins:,}")
        self.walk_ins.set_value(f"{sum(walk_ins.values()):,}")
        registered_present = summary.checkins - sum(walk_ins.values())
        self.rate.set_value(percent(registered_present, summary.registrations))
        self.log.set_value(f"{summary.checkin_log_entries:,}")
        self.model.set_rows(sessions, summary.levels)
        for column, width in enumerate((130, 130, 170, 330, 170, 160, 200, 90, 70, 80)):
            self.table.setColumnWidth(column, width)  # fixed: sizing to contents reads every row
