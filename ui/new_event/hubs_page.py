"""The New Event wizard's hubs page: pick cities or zones, set working hours, see each hub's day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from learningday.errors import InvalidInput
from learningday.setup.clock import clock_label
from learningday.setup.day_strip import day_strip
from learningday.setup.new_event import HubSpec, check_hubs
from ui.new_event.city_search import CitySearch
from ui.new_event.day_strip_view import DayStripView, legend
from ui.new_event.row_list import RowList
from ui.typed_fields import TimeField

#: (start UTC, length in minutes) of the event being set up, or None while page 1 is incomplete
WindowSource = Callable[[], "tuple[datetime, int] | None"]


class HubRow(QFrame):
    """One chosen hub: editable name, its zone, working hours and the preview strip."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, hub: HubSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hubRow")
        self.zone = hub.zone
        self.name = QLineEdit(hub.name)
        self.name.setAccessibleName("Hub name")
        self.name.setMaxLength(100)
        self.zone_label = QLabel(hub.zone)
        self.zone_label.setObjectName("hubZone")
        self.work_start = TimeField(minutes=hub.work_start_min)
        self.work_start.setAccessibleName("Working hours start")
        self.work_end = TimeField(end=True, minutes=hub.work_end_min)
        self.work_end.setAccessibleName("Working hours end (00:00 = midnight)")
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName(f"Remove hub {hub.name}")
        self.strip = DayStripView()
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(self.zone_label, 0, 1)
        grid.addWidget(QLabel("works"), 0, 2)
        grid.addWidget(self.work_start, 0, 3)
        grid.addWidget(QLabel("to"), 0, 4)
        grid.addWidget(self.work_end, 0, 5)
        grid.addWidget(self.remove, 0, 6)
        grid.addWidget(self.strip, 1, 0, 1, 7)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        for edit in (self.work_start, self.work_end):
            edit.timeChanged.connect(lambda _time: self.changed.emit())
        self.name.textChanged.connect(lambda _text: self.changed.emit())
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def focus_chain(self) -> list[QWidget]:
        return [self.name, self.work_start, self.work_end, self.remove]

    def spec(self) -> HubSpec:
        return HubSpec(self.name.text().strip(), self.zone, self.work_start.minutes(), self.work_end.minutes())

    def show_window(self, window: tuple[datetime, int] | None) -> None:
        hub = self.spec()
        if window is None:
            self.zone_label.setText(hub.zone)
            self.strip.set_strip(None)
            return
        start, minutes = window
        self.zone_label.setText(f"{hub.zone} · {clock_label(start, hub.zone)}")
        if hub.work_start_min < hub.work_end_min:
            self.strip.set_strip(day_strip(start, minutes, hub.zone, hub.work_start_min, hub.work_end_min))
        else:
            self.strip.set_strip(day_strip(start, minutes, hub.zone, 0, 0))  # no working stretch to show


class HubsPage(QWizardPage):
    """Page 2: the hubs, each with working hours and its local day across the event window."""

    def __init__(self, window: WindowSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self.setTitle("Hubs")
        self.setSubTitle("Where people join from. Type a city or a time zone and press Enter; "
                         "set each hub's working hours in its local time.")
        self.search = CitySearch()
        self.search.setObjectName("hubSearch")
        self.search.setPlaceholderText("Add a hub: a city (Bangalore, Saigon…) or a zone (Asia/Kathmandu)")
        self.search.setAccessibleName("Add a hub")
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.row_list: RowList[HubRow] = RowList("No hubs yet.", [self.search])
        self.rows, self.empty = self.row_list.rows, self.row_list.empty
        self.window_label = QLabel()
        self.window_label.setObjectName("hubZone")
        key = QHBoxLayout()
        key.addWidget(legend(), 1)
        key.addWidget(self.window_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.message)
        layout.addLayout(key)
        layout.addWidget(self.row_list, 1)
        self.search.picked.connect(self._on_search_picked)
        self.search.not_found.connect(self.show_message)

    # -- hubs -----------------------------------------------------------------------------
    def hubs(self) -> list[HubSpec]:
        return [row.spec() for row in self.rows]

    def add_hub(self, hub: HubSpec) -> HubRow | None:
        if any(row.spec().name.casefold() == hub.name.casefold() for row in self.rows):
            self.show_message(f"{hub.name} is a hub already; rename it first to add another hub there.")
            return None
        row = HubRow(hub)
        row.changed.connect(lambda row=row: self._on_row_changed(row))
        row.remove_requested.connect(self.remove_row)
        self.row_list.append(row)
        row.show_window(self._window())
        self.show_message("")
        self.completeChanged.emit()
        return row

    def remove_row(self, row: HubRow) -> None:
        self.row_list.remove(row)
        self.search.setFocus()
        self.completeChanged.emit()

    def _on_search_picked(self, hub: HubSpec) -> None:
        self.add_hub(hub)

    def _on_row_changed(self, row: HubRow) -> None:
        row.show_window(self._window())
        self.show_message("")

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- QWizardPage ----------------------------------------------------------------------
    def initializePage(self) -> None:
        window = self._window()
        if window is not None:
            start, minutes = window
            end = start + timedelta(minutes=minutes)
            self.window_label.setText(f"the event: {start:%a %d %b %H:%M} → {end:%a %d %b %H:%M} UTC")
        for row in self.rows:
            row.show_window(window)
        self.search.setFocus()

    def isComplete(self) -> bool:
        return bool(self.rows)

    def validatePage(self) -> bool:
        typed = [(row, box.problem) for row in self.rows for box in (row.work_start, row.work_end) if box.problem]
        if typed:
            row, problem = typed[0]
            self.show_message(f"hub {row.spec().name!r}: working hours: {problem}")
            return False
        try:
            check_hubs(self.hubs())
        except InvalidInput as exc:
            self.show_message(exc.message)
            return False
        return True
