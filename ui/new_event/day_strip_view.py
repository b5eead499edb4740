"""The preview strip: a hub's local day across the event window, working / awake / night."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolTip, QWidget

from learningday.setup.clock import NIGHT_END_MIN, NIGHT_START_MIN
from learningday.setup.day_strip import AWAKE, NIGHT, WORKING, DayStrip, Segment
from learningday.setup.rules import hhmm

COLOURS = {WORKING: QColor("#5cb874"), AWAKE: QColor("#e9edf2"), NIGHT: QColor("#3a4150")}
TEXT_ON = {WORKING: QColor("#0f3d1c"), AWAKE: QColor("#4a5568"), NIGHT: QColor("#e8ebf0")}
NAMES = {WORKING: "working", AWAKE: "awake", NIGHT: "night"}
DATE_CHANGE = QColor("#c0392b")
BAR_H = 20
LABEL_GAP = 3


def _hm(segment_time) -> str:
    return f"{segment_time:%H:%M}"


def describe(segment: Segment) -> str:
    """'working 09:00–17:00 local (03:15–11:15 UTC)'."""
    return (f"{NAMES[segment.kind]} {_hm(segment.local_start)}–{_hm(segment.local_end)} local "
            f"({segment.start:%H:%M}–{segment.end:%H:%M} UTC)")


class DayStripView(QWidget):
    """Paints a DayStrip: coloured stretches, a red tick where the local date turns, the local
    times at both ends underneath; hovering a stretch tells its times."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip: DayStrip | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, small.pointSizeF() * 0.85))
        self._small = small
        self.setFixedHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(420, BAR_H + LABEL_GAP + QFontMetrics(self._small).height() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self.strip.segments if self.strip else ()

    def set_strip(self, strip: DayStrip | None) -> None:
        self.strip = strip
        self.setAccessibleDescription("; ".join(describe(s) for s in self.segments))
        self.update()

    # -- geometry -------------------------------------------------------------------------
    def _x(self, minutes: float) -> float:
        assert self.strip is not None
        total = (self.strip.end - self.strip.start).total_seconds() / 60
        return (self.width() - 1) * minutes / total if total else 0.0

    def minutes_x(self, instant: datetime) -> float:
        """The x of ``instant`` on the bar."""
        assert self.strip is not None
        return self._x(self.strip.minutes_from_start(instant))

    def span(self, segment: Segment) -> QRectF:
        """Where ``segment`` sits on the bar."""
        lo, hi = self.minutes_x(segment.start), self.minutes_x(segment.end)
        return QRectF(lo, 0, hi - lo, BAR_H)

    def segment_at(self, x: float) -> Segment | None:
        for segment in self.segments:
            rect = self.span(segment)
            if rect.left() <= x < rect.right() or (segment is self.segments[-1] and x >= rect.left()):
                return segment
        return None

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        strip = self.strip
        if strip is None:
            return
        painter.setFont(self._small)
        metrics = QFontMetrics(self._small)
        bars = [(segment, self.span(segment)) for segment in strip.segments]
        for segment, rect in bars:
            painter.fillRect(rect, COLOURS[segment.kind])
        painter.setPen(QPen(QColor("#aab3bf"), 1))
        painter.drawRect(QRectF(0, 0, self.width() - 1, BAR_H))
        # each date change as a red tick with the new date under it
        baseline = BAR_H + LABEL_GAP + metrics.ascent()
        taken: list[tuple[float, float]] = []
        for change in strip.date_changes:
            x = self.minutes_x(change.at)
            painter.setPen(QPen(DATE_CHANGE, 2))
            painter.drawLine(QPointF(x, 0), QPointF(x, BAR_H + LABEL_GAP + 1))
            label = f"{change.after:%a %d}"
            width = metrics.horizontalAdvance(label)
            left = min(max(0.0, x - width / 2), self.width() - width)
            painter.setPen(DATE_CHANGE)
            painter.drawText(QPointF(left, baseline), label)
            taken.append((left - 6, left + width + 6))
        # local hours on working and night stretches wide enough, over the ticks
        for segment, rect in bars:
            text = f"{_hm(segment.local_start)}–{_hm(segment.local_end)}"
            width = metrics.horizontalAdvance(text)
            if segment.kind != AWAKE and width + 8 < rect.width():
                box = QRectF(rect.center().x() - width / 2 - 2, 2, width + 4, BAR_H - 4)
                painter.fillRect(box, COLOURS[segment.kind])
                painter.setPen(TEXT_ON[segment.kind])
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        # the local date and time at both ends where no date label sits
        start_text = f"{strip.segments[0].local_start:%a %d %b %H:%M}" if strip.segments else ""
        end_text = f"{strip.segments[-1].local_end:%a %d %H:%M}" if strip.segments else ""
        painter.setPen(QColor("#4a5568"))
        for text, left in ((start_text, 0.0), (end_text, self.width() - metrics.horizontalAdvance(end_text))):
            right = left + metrics.horizontalAdvance(text)
            if not any(lo < right and left < hi for lo, hi in taken):
                painter.drawText(QPointF(left, baseline), text)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            segment = self.segment_at(event.pos().x())
            if segment is not None:
                QToolTip.showText(event.globalPos(), describe(segment).capitalize(), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def legend() -> QWidget:
    """Three swatches saying what the strip's colours mean."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    for kind, text in ((WORKING, "working hours"), (AWAKE, "awake"), (NIGHT, f"night ({hhmm(NIGHT_START_MIN)}–{hhmm(NIGHT_END_MIN)})")):
        swatch = QLabel()
        swatch.setFixedSize(14, 14)
        swatch.setStyleSheet(f"background: {COLOURS[kind].name()}; border: 1px solid #aab3bf;")
        layout.addWidget(swatch)
        layout.addWidget(QLabel(text))
        layout.addSpacing(10)
    marker = QLabel("┃ date changes")
    marker.setStyleSheet(f"color: {DATE_CHANGE.name()};")
    layout.addWidget(marker)
    layout.addStretch(1)
    return row
