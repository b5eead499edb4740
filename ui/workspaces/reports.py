"""Reports workspace: the headline figures now; the PDF, workbook and certificates to come."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from learningday.dto import EventSummary, SessionRow

from ..widgets import Card, card_row, heading, percent

PLANNED = (
    "Still to come in this workspace: the post-event PDF report for leaders (cover, executive "
    "summary, charts by level, hub and hour, per-session table), the Excel workbook for analysts "
    "(summary with native charts, sessions, attendees, the raw check-in log, levels × hubs) and a "
    "certificate for every attendee who attended a session."
)


class ReportsWorkspace(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registered = Card("registered places")
        self.attended = Card("session attendances")
        self.rate = Card("attendance rate (registered places)")
        self.people = Card("people who attended")
        self.waitlisted = Card("on waitlists")
        self.by_level = QTableWidget(0, 5)
        self.by_level.setObjectName("byLevel")
        self.by_level.setHorizontalHeaderLabels(["Level", "Sessions", "Registered", "Checked in", "Rate"])
        self.by_level.verticalHeader().hide()
        self.by_level.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.by_level.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        planned = QLabel(PLANNED)
        planned.setObjectName("placeholder")
        planned.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Reports"))
        layout.addWidget(card_row([self.registered, self.attended, self.rate, self.people, self.waitlisted]))
        layout.addWidget(heading("By level", sub=True))
        layout.addWidget(self.by_level, 1)
        layout.addWidget(planned)

    def show_event(self, summary: EventSummary, sessions: list[SessionRow], walk_ins: dict[int | None, int]) -> None:
        def registered_present(rows: list[SessionRow]) -> int:
            return sum(s.checked_in - walk_ins.get(s.id, 0) for s in rows)

        self.registered.set_value(f"{summary.registrations:,}")
        self.attended.set_value(f"{summary.checkins:,}")
        self.rate.set_value(percent(registered_present(sessions), summary.registrations))
        self.people.set_value(f"{summary.attendees_checked_in:,}")
        self.waitlisted.set_value(f"{summary.waitlisted:,}")
        self.by_level.setRowCount(len(summary.levels))
        for row, level in enumerate(summary.levels):
            mine = [s for s in sessions if s.level_id == level.id]
            registered = sum(s.registered for s in mine)
            present = sum(s.checked_in for s in mine)
            values = (f"{level.id} · {level.name}", f"{len(mine)}", f"{registered:,}", f"{present:,}",
                      percent(registered_present(mine), registered))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setData(Qt.ItemDataRole.DecorationRole, QColor(level.colour))
                self.by_level.setItem(row, column, item)
