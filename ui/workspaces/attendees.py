"""Attendees workspace: the roster, searched and filtered in SQL, paged into the view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QPushButton,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from learningday.dto import AttendeeQuery, EventSummary, SessionRow
from learningday.errors import LearningDayError

from ..document import EventDocument
from ..errors import show_error, show_info
from ..import_wizard import ImportWizard
from ..ops import run_with_progress
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

        self.sessions: list[SessionRow] = []
        self.import_button = QPushButton("Import roster…")
        self.export_button = QPushButton("Export roster…")
        self.badges_button = QPushButton("Badges PDF…")
        self.register_button = QPushButton("Register selected…")
        self.import_button.clicked.connect(self.import_roster)
        self.export_button.clicked.connect(self.export_roster)
        self.badges_button.clicked.connect(self.write_badges)
        self.register_button.clicked.connect(self.register_selected)
        actions = QHBoxLayout()
        actions.addWidget(heading("Attendees"))
        actions.addStretch(1)
        for button in (self.import_button, self.export_button, self.badges_button, self.register_button):
            actions.addWidget(button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel("Hub"))
        filters.addWidget(self.hub_box, 1)
        filters.addWidget(QLabel("Level"))
        filters.addWidget(self.level_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

    def _count(self, query: AttendeeQuery) -> int:
        return self.document.count_attendees(query) if self.document else 0

    def _page(self, query: AttendeeQuery, offset: int, limit: int):
        return self.document.attendee_page(query, offset, limit) if self.document else []

    def show_event(self, document: EventDocument, summary: EventSummary, sessions: list[SessionRow]) -> None:
        self.document = document
        self.sessions = sessions
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

    # -- actions ----------------------------------------------------------------------------
    def import_roster(self, *, path: str = "") -> ImportWizard | None:
        if self.document is None:
            return None
        wizard = ImportWizard(self.document, self, path=path)
        wizard.open()
        return wizard

    def _save_path(self, title: str, default: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, default, filters)
        return Path(path) if path else None

    def _hub_filter(self) -> int | None:
        return self.hub_box.currentData()

    def export_roster(self) -> None:
        if self.document is None:
            return
        out = self._save_path("Export the roster", "roster.xlsx", "Excel workbook (*.xlsx);;CSV (*.csv)")
        if out is None:
            return
        document, hub = self.document, self._hub_filter()
        run_with_progress(parent=self, label=f"Writing {out.name}…",
                          job=lambda progress, cancelled: document.export_roster(out, hub_id=hub),
                          on_done=lambda n: self._done(f"{n:,} attendees written to {out}"))

    def write_badges(self) -> None:
        if self.document is None:
            return
        out = self._save_path("Badge sheet", "badges.pdf", "PDF (*.pdf)")
        if out is None:
            return
        document, hub = self.document, self._hub_filter()
        run_with_progress(parent=self, label=f"Writing {out.name}…",
                          job=lambda progress, cancelled: document.write_badges(out, hub_id=hub),
                          on_done=lambda n: self._done(f"{n:,} badges written to {out}"))

    def _done(self, text: str) -> None:
        self.count_label.setText(text)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r).id for r in rows]

    def register_selected(self, *, session_id: int | None = None) -> None:
        if self.document is None:
            return
        ids = self.selected_ids()
        if not ids:
            show_error(parent=self, exc=LearningDayError("select the attendees to register first"), title="Register")
            return
        if session_id is None:
            labels = [f"{s.start_utc:%a %H:%M} UTC · {s.title}" if s.start_utc else s.title for s in self.sessions]
            label, ok = QInputDialog.getItem(self, "Register", f"Register {len(ids)} attendee(s) to:", labels, 0, False)
            if not ok:
                return
            session_id = self.sessions[labels.index(label)].id
        try:
            result = self.document.register(session_id, ids)
        except LearningDayError as exc:
            show_error(parent=self, exc=exc, title="Not registered")
            return
        text = (f"{len(result.registered)} registered, {len(result.waitlisted)} on the waitlist, "
                f"{len(result.unchanged)} already there")
        self.count_label.setText(text)
        show_info(parent=self, text=text, title="Register")
