"""The session editor: every field of a session, handed back as a SessionDraft."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from learningday.plan.dto import SessionDraft
from learningday.setup.dto import HubDTO, LevelDTO, VenueDTO
from learningday.timeutil import to_local
from ui.widgets import utc_edit, utc_of


def _checklist(items: list[tuple[int, str]], checked: tuple[int, ...]) -> QListWidget:
    widget = QListWidget()
    for ident, name in items:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, ident)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ident in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(120)
    return widget


def _checked(widget: QListWidget) -> tuple[int, ...]:
    return tuple(
        widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    )


class SessionEditor(QDialog):
    def __init__(self, draft: SessionDraft, *, levels: tuple[LevelDTO, ...], venues: tuple[VenueDTO, ...],
                 hubs: tuple[HubDTO, ...], facilitators: tuple[tuple[int, str], ...], default_start: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Session")
        self.hubs = hubs
        self.title = QLineEdit(draft.title)
        self.level = QComboBox()
        for level in levels:
            self.level.addItem(f"{level.id} · {level.name}", level.id)
        self.level.setCurrentIndex(max(0, self.level.findData(draft.level_id)))
        self.scheduled = QCheckBox("Scheduled (unticked: an unscheduled draft)")
        self.scheduled.setChecked(draft.start_utc is not None)
        start = draft.start_utc or default_start
        self.start = utc_edit(start)
        self.local_times = QLabel()
        self.local_times.setObjectName("subheading")
        self.local_times.setWordWrap(True)
        self.duration = QSpinBox()
        self.duration.setRange(5, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration.setValue(draft.duration_minutes)
        self.venue = QComboBox()
        self.venue.addItem("No venue yet", None)
        for venue in venues:
            self.venue.addItem(venue.name, venue.id)
        self.venue.setCurrentIndex(max(0, self.venue.findData(draft.venue_id)))
        self.facilitators = _checklist(list(facilitators), draft.facilitator_ids)
        self.target_hubs = _checklist([(h.id, h.name) for h in hubs], draft.hub_ids)
        self.topics = QLineEdit(", ".join(draft.topics))
        self.topics.setPlaceholderText("comma-separated, e.g. prompting, responsible ai")
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 100_000)
        self.capacity.setSpecialValueText("the venue's")
        self.capacity.setValue(draft.capacity or 0)
        self.pinned = QCheckBox("Pinned: Propose plan leaves it where it is")
        self.pinned.setObjectName("pinned")
        self.pinned.setChecked(draft.pinned is True)
        preferred = draft.preferred_start_utc if isinstance(draft.preferred_start_utc, datetime) else None
        self.has_preferred = QCheckBox("Try to start it at")
        self.has_preferred.setObjectName("hasPreferredStart")
        self.has_preferred.setChecked(preferred is not None)
        self.preferred = utc_edit(preferred or start)
        self.preferred.setObjectName("preferredStart")
        self.preferred.setEnabled(preferred is not None)
        self.has_preferred.toggled.connect(self.preferred.setEnabled)
        preferred_row = QWidget()
        row_layout = QHBoxLayout(preferred_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.has_preferred)
        row_layout.addWidget(self.preferred, 1)
        self.description = QPlainTextEdit(draft.description)
        self.description.setMaximumHeight(80)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for label, widget in (("Title", self.title), ("Level", self.level), ("", self.scheduled),
                              ("Starts", self.start), ("", self.local_times), ("", self.pinned),
                              ("Preferred start", preferred_row), ("Length", self.duration),
                              ("Venue", self.venue), ("Facilitators", self.facilitators),
                              ("For hubs", self.target_hubs), ("Topics", self.topics),
                              ("Capacity", self.capacity), ("Description", self.description)):
            form.addRow(label, widget)
        form.addRow(buttons)
        self.scheduled.toggled.connect(self.start.setEnabled)
        self.start.dateTimeChanged.connect(self._show_local_times)
        self.start.setEnabled(self.scheduled.isChecked())
        self._show_local_times()

    def start_utc(self) -> datetime | None:
        if not self.scheduled.isChecked():
            return None
        return utc_of(self.start)

    def _show_local_times(self) -> None:
        start = self.start_utc()
        if start is None:
            self.local_times.setText("")
            return
        self.local_times.setText(" · ".join(f"{h.name} {to_local(start, h.zone):%a %H:%M}" for h in self.hubs))

    def draft(self) -> SessionDraft:
        return SessionDraft(
            title=self.title.text().strip(),
            level_id=self.level.currentData(),
            start_utc=self.start_utc(),
            duration_minutes=self.duration.value(),
            venue_id=self.venue.currentData(),
            facilitator_ids=_checked(self.facilitators),
            hub_ids=_checked(self.target_hubs),
            topics=tuple(t.strip() for t in self.topics.text().split(",") if t.strip()),
            description=self.description.toPlainText().strip(),
            capacity=self.capacity.value() or None,
            pinned=self.pinned.isChecked(),
            preferred_start_utc=utc_of(self.preferred) if self.has_preferred.isChecked() else None,
        )
