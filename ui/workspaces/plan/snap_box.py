"""The Plan workspace's "Snap" choice: the grid timeline drags land on, remembered in the settings."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ui import settings
from ui.workspaces.plan.timeline import TimelineView


class SnapBox(QComboBox):
    """5 / 15 / 30 minutes; choosing one sets the timeline's grid and remembers it."""

    def __init__(self, timeline: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("snapMinutes")
        self.setToolTip("Moving or resizing a session on the timeline lands on this grid of UTC clock times")
        self.timeline = timeline
        for minutes in settings.SNAP_CHOICES:
            self.addItem(self.tr("%n min", "", minutes), minutes)
        self.setCurrentIndex(self.findData(settings.snap_minutes()))
        timeline.snap_minutes = self.minutes()
        self.currentIndexChanged.connect(self._on_self_currentIndexChanged)

    def minutes(self) -> int:
        return int(self.currentData())

    def set_minutes(self, minutes: int) -> None:
        self.setCurrentIndex(self.findData(minutes))

    def _on_self_currentIndexChanged(self, _index: int) -> None:
        self.timeline.snap_minutes = self.minutes()
        settings.save_snap_minutes(self.minutes())
