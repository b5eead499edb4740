"""Attendees workspace: the roster, searched and filtered in SQL, paged into the view."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from learningday.dto import AttendeeQuery, EventSummary

from ..document import EventDocument
from ..models import AttendeeWindowModel
from ..widgets import heading, search_box, table_view


class AttendeesWorkspace(QWidget):
    SEARCH_DELAY_MS = 120

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: EventDocument | None = None
        self.search = search_box("attendeeSearch", "Search name, email, employee ID or badge code…")
        self.hub_box = QComboBox()
        self.level_box = QComboBox()
        self.count_label = QLabel()
        self.count_label.setObjectName("subheading")
        self.model = AttendeeWindowModel(self._count, self._page, self)
        self.table = table_view(self.model, row_numbers=True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._apply_query)
        self.search.textChanged.connect(self._on_search_textChanged)
        self.hub_box.currentIndexChanged.connect(self._apply_query)
        self.level_box.currentIndexChanged.connect(self._apply_query)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel("Hub"))
        filters.addWidget(self.hub_box, 1)
        filters.addWidget(QLabel("Level"))
        filters.addWidget(self.level_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Attendees"))
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

    def _count(self, query: AttendeeQuery) -> int:
        return self.document.count_attendees(query) if self.document else 0

    def _page(self, query: AttendeeQuery, offset: int, limit: int):
        return self.document.attendee_page(query, offset, limit) if self.document else []

    def show_event(self, document: EventDocument, summary: EventSummary) -> None:
        self.document = document
        self._total = summary.attendees
        self.model.set_levels(summary.levels)
        for box in (self.hub_box, self.level_box):
            box.blockSignals(True)
            box.clear()
        self.hub_box.addItem("All hubs", None)
        for hub in summary.hubs:
            self.hub_box.addItem(hub.name, hub.id)
        self.level_box.addItem("All levels", None)
        for level in summary.levels:
            self.level_box.addItem(f"{level.id} · {level.name}", level.id)
        for box in (self.hub_box, self.level_box):
            box.blockSignals(False)
        self._apply_query()
        for column, width in enumerate((200, 70, 240, 90, 150, 220, 100)):
            self.table.setColumnWidth(column, width)

    def _on_search_textChanged(self, _text: str) -> None:
        self._debounce.start()

    def _apply_query(self) -> None:
        query = AttendeeQuery(
            text=self.search.text(), hub_id=self.hub_box.currentData(), level_id=self.level_box.currentData()
        )
        self.model.set_query(query)
        shown = self.model.rowCount()
        total = getattr(self, "_total", shown)
        self.count_label.setText(
            f"{total:,} attendees" if shown == total else f"{shown:,} of {total:,} attendees match"
        )
