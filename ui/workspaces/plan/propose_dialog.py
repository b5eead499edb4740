"""Propose plan…: the planner's options (grid, minimum per cell, time limit, keep times, pinned sessions), remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from learningday.plan.dto import SessionRow
from learningday.plan.planner import PlanOptions
from learningday.plan.planner.model import GRIDS
from ui import settings

UID_ROLE = Qt.ItemDataRole.UserRole
KEY = "plan/propose/"


def remembered() -> PlanOptions:
    """The options last chosen (the planner's defaults the first time); unreadable values fall back."""
    stored, default = settings.settings(), PlanOptions()

    def read(name: str, kind: type, fallback):  # noqa: ANN001, ANN202 - a value of ``kind``
        try:
            return kind(stored.value(KEY + name, fallback))
        except (TypeError, ValueError):
            return fallback

    pinned = stored.value(KEY + "pinned", [])
    options = PlanOptions(grid_minutes=read("grid", int, default.grid_minutes),
                          min_per_cell=read("min_per_cell", int, default.min_per_cell),
                          time_limit=read("time_limit", float, default.time_limit),
                          keep_times=str(stored.value(KEY + "keep_times", default.keep_times)).lower() == "true",
                          pinned=frozenset([pinned] if isinstance(pinned, str) else pinned or ()))
    return options if not options.problems() else default


def remember(options: PlanOptions) -> None:
    stored = settings.settings()
    for name, value in (("grid", options.grid_minutes), ("min_per_cell", options.min_per_cell),
                        ("time_limit", options.time_limit), ("keep_times", options.keep_times),
                        ("pinned", sorted(options.pinned))):
        stored.setValue(KEY + name, value)


class ProposeDialog(QDialog):
    """Returns ``options()`` once accepted; the scheduled sessions are listed to be left pinned."""

    def __init__(self, sessions: list[SessionRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposePlan")
        self.setWindowTitle(self.tr("Propose plan"))
        start = remembered()
        self.grid = QComboBox()
        for minutes in GRIDS:
            self.grid.addItem(self.tr("%n min", "", minutes), minutes)
        self.grid.setCurrentIndex(self.grid.findData(start.grid_minutes))
        self.minimum = QSpinBox()
        self.minimum.setRange(0, 20)
        self.minimum.setValue(start.min_per_cell)
        self.minimum.setToolTip(self.tr("Sessions each level needs inside each hub's working hours"))
        self.time_limit = QDoubleSpinBox()
        self.time_limit.setRange(1, 600)
        self.time_limit.setDecimals(0)
        self.time_limit.setSuffix(" s")
        self.time_limit.setValue(start.time_limit)
        self.keep_times = QCheckBox(self.tr("Keep existing times where possible"))
        self.keep_times.setChecked(start.keep_times)
        self.pinned = QListWidget()
        self.pinned.setObjectName("pinnedSessions")
        for row in sessions:
            if row.start_utc is None:
                continue  # a draft has no time to keep
            item = QListWidgetItem(f"{row.title}  ·  {row.start_utc:%a %H:%M} UTC  ·  {row.venue or 'no venue'}")
            item.setData(UID_ROLE, row.uid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row.uid in start.pinned or row.pinned
                               else Qt.CheckState.Unchecked)
            if row.pinned:  # pinned on the session itself: the planner leaves it whatever is ticked here
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(self.tr("Pinned in the session: unpin it from the timeline or the session editor"))
            self.pinned.addItem(item)
        form = QFormLayout()
        form.addRow(self.tr("Grid"), self.grid)
        form.addRow(self.tr("Minimum per level and hub"), self.minimum)
        form.addRow(self.tr("Time limit"), self.time_limit)
        form.addRow("", self.keep_times)
        marks = QHBoxLayout()
        marks.addWidget(QLabel(self.tr("Leave these sessions where they are (pinned):")), 1)
        for text, state in ((self.tr("None"), Qt.CheckState.Unchecked), (self.tr("All"), Qt.CheckState.Checked)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=state: self.mark_all(s))
            marks.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Propose"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(marks)
        layout.addWidget(self.pinned, 1)
        layout.addWidget(buttons)
        self.resize(520, 480)

    def mark_all(self, state: Qt.CheckState) -> None:
        for i in range(self.pinned.count()):
            if self.pinned.item(i).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.pinned.item(i).setCheckState(state)

    def set_pinned(self, uids: set[str]) -> None:
        for i in range(self.pinned.count()):
            item = self.pinned.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(Qt.CheckState.Checked if item.data(UID_ROLE) in uids else Qt.CheckState.Unchecked)

    def options(self) -> PlanOptions:
        pinned = frozenset(self.pinned.item(i).data(UID_ROLE) for i in range(self.pinned.count())
                           if self.pinned.item(i).checkState() == Qt.CheckState.Checked)
        return PlanOptions(grid_minutes=int(self.grid.currentData()), min_per_cell=self.minimum.value(),
                           time_limit=float(self.time_limit.value()), keep_times=self.keep_times.isChecked(),
                           pinned=pinned)

    def accept(self) -> None:
        remember(self.options())
        super().accept()
