"""File ▸ New: name, theme, start (in UTC), length and where to save the event file."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from learningday.db import EXTENSION
from learningday.event import create_event_file
from learningday.timeutil import UTC


class NewEventDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New event")
        self.name = QLineEdit("AI Learning Day")
        self.theme = QLineEdit()
        self.theme.setPlaceholderText("e.g. Follow the sun: from AI literacy to AI systems")
        tomorrow = (datetime.now(UTC) + timedelta(days=30)).replace(hour=21, minute=0, second=0, microsecond=0)
        self.start = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(int(tomorrow.timestamp()), QTimeZone.utc()))
        self.start.setTimeZone(QTimeZone.utc())
        self.start.setDisplayFormat("ddd d MMM yyyy HH:mm 'UTC'")
        self.start.setCalendarPopup(True)
        self.length = QSpinBox()
        self.length.setRange(1, 72)
        self.length.setValue(24)
        self.length.setSuffix(" hours")
        self.path = QLineEdit()
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._on_browse_clicked)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create")
        self.path.textChanged.connect(self._on_path_textChanged)
        self._on_path_textChanged("")
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Theme", self.theme)
        form.addRow("Starts", self.start)
        form.addRow("Length", self.length)
        form.addRow("Event file", where)
        form.addRow(buttons)

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the new event as", self.path.text(),
                                              f"LearningDay events (*{EXTENSION})")
        if path:
            self.path.setText(path if path.endswith(EXTENSION) else path + EXTENSION)

    def _on_path_textChanged(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))

    def start_utc(self) -> datetime:
        return datetime.fromtimestamp(self.start.dateTime().toSecsSinceEpoch(), UTC)

    def create(self) -> Path:
        """Write the event file the dialog describes (a chosen existing file was confirmed)."""
        return create_event_file(
            Path(self.path.text().strip()),
            name=self.name.text(),
            theme=self.theme.text(),
            start_utc=self.start_utc(),
            length_minutes=self.length.value() * 60,
            replace=True,
        )
