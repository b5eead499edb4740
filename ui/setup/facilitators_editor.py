"""Event ▸ Facilitators…: name, email, home zone, availability in their own local time, levels."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from learningday.setup import services as setup
from learningday.setup.dto import EventProps, FacilitatorDraft
from learningday.setup.event import list_levels
from learningday.timeutil import UTC
from ui.setup.editor import SetupEditor
from ui.widgets import minutes_of, time_edit
from ui.zone_input import ZoneEdit, event_windows_text, offset_text


class FacilitatorsEditor(SetupEditor):
    kind, title = "facilitator", "Facilitators"
    columns = ("Facilitator", "Email", "Home zone", "Available (their time)", "Levels")
    first_size = (1280, 600)

    def build_form(self, form: QFormLayout) -> None:
        self.event = EventProps("", "", datetime(2000, 1, 1, tzinfo=UTC), 1440)
        self.name = QLineEdit()
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@example.com")
        self.zone = ZoneEdit()
        self.offset = QLabel()
        self.offset.setObjectName("subheading")
        self.zone.textChanged.connect(self._show_times)
        self.windows = QListWidget()
        self.windows.setObjectName("availability")
        self.windows.setFixedHeight(84)
        self.window_start, self.window_end = time_edit(minutes=9 * 60), time_edit(end=True, minutes=17 * 60)
        self.add_window_button = QPushButton("Add")
        self.add_window_button.clicked.connect(self._on_add_window_button_clicked)
        self.remove_window_button = QPushButton("Remove")
        self.remove_window_button.clicked.connect(self._on_remove_window_button_clicked)
        adder = QHBoxLayout()
        for widget in (self.window_start, QLabel("to"), self.window_end, self.add_window_button,
                       self.remove_window_button):
            adder.addWidget(widget)
        adder.addStretch(1)
        self.in_utc = QLabel()
        self.in_utc.setObjectName("subheading")
        self.in_utc.setWordWrap(True)
        self.windows.model().rowsInserted.connect(self._show_times)
        self.windows.model().rowsRemoved.connect(self._show_times)
        note = QLabel("In their own local time, on every day of the event. None listed: any time.")
        note.setObjectName("subheading")
        note.setWordWrap(True)
        availability = QVBoxLayout()
        availability.setContentsMargins(0, 0, 0, 0)
        availability.addWidget(self.windows)
        availability.addLayout(adder)
        availability.addWidget(note)
        availability.addWidget(self.in_utc)
        self.level_boxes: dict[int, QCheckBox] = {}
        self.levels_grid = QGridLayout()
        self.levels_grid.setContentsMargins(0, 0, 0, 0)
        levels = QWidget()
        levels.setLayout(self.levels_grid)
        form.addRow("Name", self.name)
        form.addRow("Email", self.email)
        form.addRow("Home zone", self.zone)
        form.addRow("", self.offset)
        form.addRow("Available", availability)
        form.addRow("Can teach", levels)

    def before_reload(self, session) -> None:  # noqa: ANN001
        self.event = setup.event_props(session)
        if not self.level_boxes:
            for k, level in enumerate(list_levels(session)):
                box = QCheckBox(f"{level.id} · {level.name}")
                self.level_boxes[level.id] = box
                self.levels_grid.addWidget(box, k // 2, k % 2)

    def load(self, session):  # noqa: ANN001, ANN201
        return setup.facilitator_drafts(session)

    def usage(self, session, ident: int):  # noqa: ANN001, ANN201
        return setup.facilitator_usage(session, ident)

    def cells(self, d: FacilitatorDraft) -> list[str]:
        hours = ", ".join(setup.format_window(a, b) for a, b in d.availability) or "any time"
        return [d.name, d.email, d.zone, hours, ", ".join(map(str, d.level_ids))]

    def blank(self) -> FacilitatorDraft:
        return FacilitatorDraft("", zone="")

    def show_draft(self, d: FacilitatorDraft) -> None:
        self.name.setText(d.name)
        self.email.setText(d.email)
        self.zone.setText(d.zone)
        self.windows.clear()
        for start, end in d.availability:
            self._add_window_item(start, end)
        for ident, box in self.level_boxes.items():
            box.setChecked(ident in d.level_ids)
        self._show_times()

    def _show_times(self) -> None:
        zone = self.zone.zone()
        self.offset.setText(offset_text(zone, self.event.start_utc))
        self.in_utc.setText(event_windows_text(zone, self.event.start_utc, self.event.length_minutes,
                                               list(self.availability())))

    def availability(self) -> tuple[tuple[int, int], ...]:
        return tuple(tuple(self.windows.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.windows.count()))

    def form_draft(self) -> FacilitatorDraft:
        return FacilitatorDraft(self.name.text(), self.email.text(), self.zone.zone(), self.availability(),
                                tuple(i for i, box in self.level_boxes.items() if box.isChecked()))

    def _add_window_item(self, start: int, end: int) -> None:
        item = QListWidgetItem(setup.format_window(start, end))
        item.setData(Qt.ItemDataRole.UserRole, (start, end))
        self.windows.addItem(item)

    def add_window(self, start: int, end: int) -> None:
        """Put a window in the list, in time order (saved with the rest of the form)."""
        windows = sorted(set(self.availability()) | {(start, end)})
        self.windows.clear()
        for a, b in windows:
            self._add_window_item(a, b)

    def _on_add_window_button_clicked(self) -> None:
        start, end = minutes_of(self.window_start), minutes_of(self.window_end, end=True)
        if problem := self.window_start.problem or self.window_end.problem:
            self.error.setText(f"Availability: {problem}")
            return
        if start >= end:
            self.error.setText("An availability window must end after it starts.")
            return
        self.error.setText("")
        self.add_window(start, end)

    def _on_remove_window_button_clicked(self) -> None:
        for item in self.windows.selectedItems():
            self.windows.takeItem(self.windows.row(item))
