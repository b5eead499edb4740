"""File ▸ New: a wizard for the event (date first), its hubs, its venues and its level labels."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
    QWizard,
    QWizardPage,
)

from learningday.errors import InvalidInput
from learningday.setup.clock import clock_label, local_time, wall_to_utc
from learningday.setup.event import check_event, create_event_file
from learningday.setup.new_event import HubSpec, LevelSpec, check_levels, zone_of
from learningday.store.db import EXTENSION
from learningday.store.framework import FRAMEWORK
from ui import settings
from ui.errors import attempt, show_error
from ui.new_event.city_search import CitySearch
from ui.new_event.hubs_page import HubsPage
from ui.typed_fields import DateField, TimeField
from ui.new_event.venues_page import VenuesPage


def _when(instant: datetime) -> str:
    return f"{instant:%a %d %b %Y %H:%M}"


class EventPage(QWizardPage):
    """Page 1: name, theme, the date first, the start time in a zone, the length."""

    def __init__(self, hubs: Callable[[], list[HubSpec]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hubs = hubs
        self.zone_touched = False
        self.setTitle("The event")
        self.setSubTitle("Pick the date first: the hubs' offsets from UTC depend on it.")
        self.name = QLineEdit("AI Learning Day")
        self.name.setMaxLength(200)
        self.theme = QLineEdit()
        self.theme.setPlaceholderText("e.g. Follow the sun: from AI literacy to AI systems")
        self.theme.setMaxLength(200)
        self.date = DateField(QDate.currentDate().addDays(30))
        self.date.setAccessibleName("Date of the event")
        self.time = TimeField(minutes=9 * 60)
        self.time.setAccessibleName("Start time")
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_search = CitySearch()
        self.zone.setLineEdit(self.zone_search)
        self.zone.addItem("UTC")
        self.zone.setMinimumContentsLength(22)
        self.zone.setAccessibleName("Time zone of the start time")
        self.length = QSpinBox()
        self.length.setRange(1, 72)
        self.length.setValue(24)
        self.length.setSuffix(" hours")
        self.date.setMinimumWidth(180)
        for widget in (self.date, self.length):
            widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.preview = QLabel()
        self.preview.setObjectName("windowPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.time)
        row.addWidget(QLabel("in"))
        row.addWidget(self.zone, 1)
        row.addStretch(1)
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Theme", self.theme)
        form.addRow("&Date", self.date)
        form.addRow("&Starts at", when)
        form.addRow("&Length", self.length)
        form.addRow(self.preview)
        form.labelForField(when).setBuddy(self.time)
        self.name.textChanged.connect(self._on_field_changed)
        self.date.dateChanged.connect(self._on_field_changed)
        self.time.timeChanged.connect(self._on_field_changed)
        self.length.valueChanged.connect(self._on_field_changed)
        self.zone.currentTextChanged.connect(self._on_field_changed)
        self.zone_search.textEdited.connect(self._on_zone_search_textEdited)
        self.zone.activated.connect(self._on_zone_search_textEdited)
        self.zone_search.picked.connect(self._on_zone_search_picked)
        self.zone_search.not_found.connect(lambda _message: self._on_field_changed())
        self._on_field_changed()

    # -- what the page says ---------------------------------------------------------------
    def zone_name(self) -> str | None:
        try:
            return zone_of(self.zone.currentText())
        except InvalidInput:
            return None

    def start_utc(self) -> datetime | None:
        zone_name = self.zone_name()
        if zone_name is None:
            return None
        d = self.date.date()
        return wall_to_utc(date(d.year(), d.month(), d.day()), self.time.minutes(), zone_name)

    def window(self) -> tuple[datetime, int] | None:
        start = self.start_utc()
        return None if start is None else (start, self.length.value() * 60)

    def set_start(self, start: datetime, zone_name: str) -> None:
        """Show ``start`` as a wall time in ``zone_name``."""
        local = local_time(start, zone_name)
        for widget in (self.date, self.time, self.zone):
            widget.blockSignals(True)
        self.date.setDate(QDate(local.year, local.month, local.day))
        self.time.setTime(QTime(local.hour, local.minute))
        self.zone.setCurrentText(zone_name)
        for widget in (self.date, self.time, self.zone):
            widget.blockSignals(False)
        self._on_field_changed()

    def follow_first_hub(self) -> None:
        """Until the zone is chosen by hand, the start is shown in the first hub's zone (same instant)."""
        hubs: list[HubSpec] = self._hubs()
        zones = ["UTC"] + [h.zone for h in hubs if h.zone != "UTC"]
        current, start = self.zone.currentText(), self.start_utc()
        self.zone.blockSignals(True)
        self.zone.clear()
        self.zone.addItems(list(dict.fromkeys(zones)))
        self.zone.setCurrentText(current)
        self.zone.blockSignals(False)
        if hubs and not self.zone_touched and start is not None and hubs[0].zone != self.zone_name():
            self.set_start(start, hubs[0].zone)
        self._on_field_changed()

    def _on_zone_search_textEdited(self, *_args) -> None:
        self.zone_touched = True
        self._on_field_changed()

    def _on_zone_search_picked(self, hub: HubSpec) -> None:
        self.choose_zone(hub.zone)

    def choose_zone(self, zone_name: str) -> None:
        """The start time is given in ``zone_name`` from now on (it no longer follows the first hub)."""
        self.zone_touched = True
        self.zone.setCurrentText(zone_name)
        self._on_field_changed()

    def _on_field_changed(self, *_args) -> None:
        self.preview.setText(self._preview_html())
        self.completeChanged.emit()

    def _preview_html(self) -> str:
        typed = [field.problem for field in (self.date, self.time) if field.problem]
        if typed:
            return "<br>".join(f"<span style='color:#b42318'>{escape(problem)}</span>" for problem in typed)
        zone_name = self.zone_name()
        if zone_name is None:
            return (f"<span style='color:#b42318'>Unknown time zone {escape(self.zone.currentText())!r}: "
                    "type a city or an IANA name such as Asia/Kolkata.</span>")
        start = self.start_utc()
        assert start is not None
        end = start + timedelta(hours=self.length.value())
        lines = [f"<b>In UTC:</b> {_when(start)} → {_when(end)}"]
        shown = local_time(start, zone_name)
        if (shown.hour, shown.minute) != (self.time.time().hour(), self.time.time().minute()):
            lines.append(f"<span style='color:#b42318'>{self.time.time().toString('HH:mm')} does not exist on that "
                         f"day in {escape(zone_name)} (the clocks go forward); the event starts at "
                         f"{shown:%H:%M}.</span>")
        hubs: list[HubSpec] = self._hubs()
        if not hubs:
            lines.append("<span style='color:#4a5568'>The hubs you add on the next page show here in their "
                         "local time.</span>")
            return "<br>".join(lines)
        rows = "".join(
            f"<tr><td style='padding-right:14px'><b>{escape(h.name)}</b></td>"
            f"<td style='padding-right:14px'>{_when(local_time(start, h.zone))} → {_when(local_time(end, h.zone))}</td>"
            f"<td>{escape(clock_label(start, h.zone))}</td></tr>"
            for h in hubs
        )
        return "<br>".join(lines) + f"<table style='margin-top:6px'>{rows}</table>"

    def isComplete(self) -> bool:
        return (bool(self.name.text().strip()) and self.zone_name() is not None
                and not self.date.problem and not self.time.problem)


class LevelsPage(QWizardPage):
    """Page 4: the framework's five levels, with labels and colours the event may change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Levels")
        self.setSubTitle("The five levels of the AI skills framework. Rename them or change their colours "
                         "to match your programme.")
        self.labels: list[QLineEdit] = []
        self.colour_buttons: list[QPushButton] = []
        self.colours: list[str] = []
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        for row, seed in enumerate(FRAMEWORK):
            label = QLineEdit(seed.name)
            label.setMaxLength(100)
            label.setAccessibleName(f"Label of level {seed.id}")
            button = QPushButton("Colour…")
            button.setAccessibleName(f"Colour of level {seed.id}")
            button.clicked.connect(lambda _checked=False, k=row: self.choose_colour(k))
            audience = QLabel(seed.audience)
            audience.setObjectName("subheading")
            grid.addWidget(QLabel(f"<b>{seed.id}</b>"), row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2)
            grid.addWidget(audience, row, 3)
            self.labels.append(label)
            self.colour_buttons.append(button)
            self.colours.append(seed.colour)
            self._paint(row)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 3)
        grid.setRowStretch(len(FRAMEWORK), 1)
        self.message = QLabel()
        self.message.setObjectName("error")
        grid.addWidget(self.message, len(FRAMEWORK) + 1, 0, 1, 4)

    def _paint(self, row: int) -> None:
        colour = QColor(self.colours[row])
        luminance = 0.2126 * colour.redF() ** 2.2 + 0.7152 * colour.greenF() ** 2.2 + 0.0722 * colour.blueF() ** 2.2
        text = "#1f2a44" if luminance > 0.4 else "#ffffff"
        self.colour_buttons[row].setStyleSheet(
            f"QPushButton {{ background: {colour.name()}; color: {text}; border: 1px solid #8a94a3;"
            " border-radius: 4px; padding: 4px 12px; } QPushButton:focus { border: 2px solid #1f2a44; }")

    def choose_colour(self, row: int) -> None:
        chosen = QColorDialog.getColor(QColor(self.colours[row]), self, f"Colour of level {row + 1}")
        if chosen.isValid():
            self.colours[row] = chosen.name().upper()
            self._paint(row)

    def levels(self) -> list[LevelSpec]:
        return [LevelSpec(seed.id, edit.text().strip(), colour)
                for seed, edit, colour in zip(FRAMEWORK, self.labels, self.colours)]

    def validatePage(self) -> bool:
        try:
            check_levels(self.levels())
        except InvalidInput as exc:
            self.message.setText(exc.message)
            return False
        return True


def default_folder() -> Path:
    remembered = settings.last_folder()
    return Path(remembered) if remembered and Path(remembered).is_dir() else settings.documents_folder()


class NewEventWizard(QWizard):
    """Writes the event file it describes on Finish; ``created_path`` is then the new file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New event")
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.created_path: Path | None = None
        self.hubs_page: HubsPage | None = None
        self.event_page = EventPage(lambda: self.hubs_page.hubs() if self.hubs_page else [])
        self.hubs_page = HubsPage(self.event_page.window)
        self.venues_page = VenuesPage(self.hubs_page.hubs)
        self.levels_page = LevelsPage()
        for page in (self.event_page, self.hubs_page, self.venues_page, self.levels_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Create…")
        self.currentIdChanged.connect(self._on_self_currentIdChanged)
        self.resize(880, 640)

    def _on_self_currentIdChanged(self, _page_id: int) -> None:
        if self.currentPage() is self.event_page:
            self.event_page.follow_first_hub()

    def choose_path(self) -> str:
        """Ask where to save (tests replace this)."""
        name = re.sub(r"[^\w\- ]+", "", self.event_page.name.text()).strip() or "event"
        path, _ = QFileDialog.getSaveFileName(self, "Save the new event as", str(default_folder() / f"{name}{EXTENSION}"),
                                              f"LearningDay events (*{EXTENSION})")
        return path

    def accept(self) -> None:
        start = self.event_page.start_utc()
        try:
            fields = dict(name=self.event_page.name.text(), length_minutes=self.event_page.length.value() * 60,
                          hubs=self.hubs_page.hubs(), venues=self.venues_page.venues(),
                          levels=self.levels_page.levels())
            if start is None:
                raise InvalidInput(f"unknown time zone {self.event_page.zone.currentText()!r} for the start")
            check_event(start_utc=start, **fields)
        except InvalidInput as exc:
            show_error(parent=self, exc=exc, title="Cannot create the event")
            return
        if not self.validateCurrentPage():
            return
        chosen = self.choose_path()
        if not chosen:
            return
        path = Path(chosen if chosen.endswith(EXTENSION) else chosen + EXTENSION)
        if attempt(lambda: create_event_file(path, theme=self.event_page.theme.text(), start_utc=start, replace=True,
                                             **fields), parent=self, title="Cannot create the event") is None:
            return
        settings.save_last_folder(path.parent)
        self.created_path = path
        super().accept()
