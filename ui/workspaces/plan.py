"""Plan workspace: the event window in every hub's clock and the agenda by level."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from learningday.dto import EventSummary, SessionRow
from learningday.timeutil import offset_label, to_local

from ..models import SessionTableModel
from ..widgets import Card, card_row, heading


def _window_text(summary: EventSummary) -> str:
    ev = summary.event
    return (f"{ev.start_utc:%a %d %b %Y %H:%M} UTC → {ev.end_utc:%a %d %b %H:%M} UTC"
            f" · {ev.length_minutes / 60:g} hours · {len(summary.hubs)} hubs")


class PlanWorkspace(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("Agenda")
        self.window_label = heading("", sub=True)
        self.zone_box = QComboBox()
        self.zone_box.setObjectName("showTimesIn")
        self.zone_box.currentIndexChanged.connect(self._on_zone_box_changed)
        self.level_cards: list[Card] = []
        self.level_row = QHBoxLayout()
        self.hubs = QTableWidget(0, 5)
        self.hubs.setHorizontalHeaderLabels(["Hub", "Zone", "Offset", "Event starts (local)", "Event ends (local)"])
        self.hubs.verticalHeader().hide()
        self.hubs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hubs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.hubs.verticalHeader().setDefaultSectionSize(22)
        self.model = SessionTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(QLabel("Show times in"))
        top.addWidget(self.zone_box)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.hubs)
        split.addWidget(self.table)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.window_label)
        layout.addLayout(self.level_row)
        layout.addWidget(split, 1)

    def show_event(self, summary: EventSummary, sessions: list[SessionRow]) -> None:
        self.window_label.setText(_window_text(summary))
        self.model.set_rows(sessions, summary.levels)
        self.zone_box.blockSignals(True)
        self.zone_box.clear()
        self.zone_box.addItem("UTC", None)
        for hub in summary.hubs:
            self.zone_box.addItem(f"{hub.name} ({offset_label(summary.event.start_utc, hub.zone)})", hub.zone)
        self.zone_box.blockSignals(False)
        self.model.set_display_zone(None)
        self._show_levels(summary, sessions)
        self._show_hubs(summary)
        for column, width in enumerate((130, 130, 170, 330, 170, 160, 200, 90, 70, 80)):
            self.table.setColumnWidth(column, width)  # fixed: sizing to contents reads every row

    def _show_levels(self, summary: EventSummary, sessions: list[SessionRow]) -> None:
        for card in self.level_cards:
            card.deleteLater()
        self.level_cards = []
        for level in summary.levels:
            count = sum(1 for s in sessions if s.level_id == level.id)
            card = Card(f"sessions · level {level.id} {level.name}\n{level.audience}")
            card.set_value(f"{count}", colour=level.colour)
            self.level_row.addWidget(card)
            self.level_cards.append(card)

    def _show_hubs(self, summary: EventSummary) -> None:
        ev = summary.event
        self.hubs.setRowCount(len(summary.hubs))
        for row, hub in enumerate(summary.hubs):
            start, end = to_local(ev.start_utc, hub.zone), to_local(ev.end_utc, hub.zone)
            values = (hub.name, hub.zone, offset_label(ev.start_utc, hub.zone),
                      f"{start:%a %d %b %H:%M}", f"{end:%a %d %b %H:%M}")
            for column, value in enumerate(values):
                self.hubs.setItem(row, column, QTableWidgetItem(value))
        height = self.hubs.verticalHeader().length() + self.hubs.horizontalHeader().height() + 6
        self.hubs.setMaximumHeight(height)
        self.hubs.setMinimumHeight(min(height, 260))

    def _on_zone_box_changed(self, index: int) -> None:
        self.model.set_display_zone(self.zone_box.itemData(index))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
