"""The hub rulers of the live day: each hub's local hours across the event, working hours shaded, and the now-line."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from learningday.setup.clock import HubClock, hub_clock
from learningday.setup.dto import EventDTO, HubDTO
from learningday.timeutil import to_local
from ui.workspaces.plan.timeline import AWAKE_COLOUR as AWAKE
from ui.workspaces.plan.timeline import NIGHT, WORKING

ROW_H = 26
LABEL_W = 110
NOW = QColor("#e15554")


class HubRulers(QWidget):
    """One ruler per hub over the event's window, and a red line at ``now``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clocks: list[HubClock] = []
        self.start: datetime | None = None
        self.end: datetime | None = None
        self.now: datetime | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_hubs(self, event: EventDTO, hubs: tuple[HubDTO, ...]) -> None:
        self.start, self.end = event.start_utc, event.end_utc
        self.clocks = [hub_clock(h.name, h.zone, event.start_utc, event.end_utc, h.work_start_min, h.work_end_min)
                       for h in hubs]
        self.setFixedHeight(ROW_H * max(1, len(self.clocks)) + 4)
        self.update()

    def set_now(self, now: datetime) -> None:
        self.now = now
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, ROW_H * max(1, len(self.clocks)) + 4)

    def _x(self, instant: datetime) -> float:
        assert self.start is not None and self.end is not None
        span = (self.end - self.start).total_seconds()
        return LABEL_W + (self.width() - LABEL_W - 8) * (instant - self.start).total_seconds() / span

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self.start is None or self.end is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for row, clock in enumerate(self.clocks):
            y = row * ROW_H + 2
            painter.setPen(QColor("#1f2a44"))
            painter.drawText(QRectF(4, y, LABEL_W - 8, ROW_H), Qt.AlignmentFlag.AlignVCenter, clock.name)
            painter.fillRect(QRectF(self._x(self.start), y + 2, self._x(self.end) - self._x(self.start), ROW_H - 4),
                             AWAKE)
            for windows, colour in ((clock.night, NIGHT), (clock.working, WORKING)):
                for w in windows:
                    painter.fillRect(QRectF(self._x(w.start), y + 2, self._x(w.end) - self._x(w.start), ROW_H - 4),
                                     colour)
            hour = self.start.replace(minute=0, second=0, microsecond=0)
            while hour <= self.end:  # local hour labels every three UTC hours (a +05:45 hub shows :45)
                if hour >= self.start and hour.hour % 3 == 0 and self._x(hour) + 40 < self.width():
                    local = to_local(hour, clock.zone)
                    dark = any(w.start <= hour < w.end for w in clock.night)
                    painter.setPen(QColor("#e8ecf4") if dark else QColor("#1f2a44"))
                    painter.drawText(QPointF(self._x(hour) + 2, y + ROW_H - 8), f"{local:%H:%M}")
                hour += timedelta(hours=1)
            for change in clock.date_changes:
                painter.setPen(QPen(QColor("#b42318"), 1.5))
                x = self._x(change.at)
                painter.drawLine(QPointF(x, y + 2), QPointF(x, y + ROW_H - 2))
        if self.now is not None and self.start <= self.now <= self.end:
            painter.setPen(QPen(NOW, 3))
            x = self._x(self.now)
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        painter.end()
