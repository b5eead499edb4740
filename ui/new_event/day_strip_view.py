"""The preview strip: a hub's local day across the event window, working / awake / night."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolTip, QWidget

from learningday.setup.clock import NIGHT_END_MIN, NIGHT_START_MIN, local_span, local_text
from learningday.setup.day_strip import AWAKE, NIGHT, WORKING, DayStrip, Segment
from learningday.setup.rules import hhmm

COLOURS = {WORKING: QColor("#5cb874"), AWAKE: QColor("#e9edf2"), NIGHT: QColor("#3a4150")}
TEXT_ON = {WORKING: QColor("#0f3d1c"), AWAKE: QColor("#4a5568"), NIGHT: QColor("#e8ebf0")}
NAMES = {WORKING: "working", AWAKE: "awake", NIGHT: "night"}
DATE_CHANGE = QColor("#c0392b")
MUTED_TEXT = QColor("#4a5568")
BAR_H = 20
LABEL_GAP = 3


def describe(segment: Segment, strip: DayStrip) -> str:
    """'working 09:00–17:00 local (03:15–11:15 UTC)'; after a clock change 'night 22:00–07:00 GMT local …'."""
    local = local_span(segment.start, segment.end, strip.zone, strip.start)
    return f"{NAMES[segment.kind]} {local} local ({segment.start:%H:%M}–{segment.end:%H:%M} UTC)"


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
        self.setAccessibleDescription("; ".join(describe(s, strip) for s in self.segments) if strip else "")
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
        for change in strip.date_changes:  # a red tick where the local date turns
            x = self.minutes_x(change.at)
            painter.setPen(QPen(DATE_CHANGE, 2))
            painter.drawLine(QPointF(x, 0), QPointF(x, BAR_H + LABEL_GAP + 1))
        # local hours on working and night stretches wide enough, over the ticks
        for segment, rect in bars:
            text = local_span(segment.start, segment.end, strip.zone, strip.start)
            width = metrics.horizontalAdvance(text)
            if segment.kind != AWAKE and width + 8 < rect.width():
                box = QRectF(rect.center().x() - width / 2 - 2, 2, width + 4, BAR_H - 4)
                painter.fillRect(box, COLOURS[segment.kind])
                painter.setPen(TEXT_ON[segment.kind])
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        baseline = BAR_H + LABEL_GAP + metrics.ascent()
        for text, left, colour in self.labels():
            painter.setPen(colour)
            painter.drawText(QPointF(left, baseline), text)

    def labels(self) -> list[tuple[str, float, QColor]]:
        """What goes under the bar, none over another: the local date and time at both ends (the end's
        with its zone mark when the clock changed during the day), then each new date under its tick,
        moved clear of the ends' labels ("Sun 31" a few minutes in no longer hides the start)."""
        strip = self.strip
        if strip is None or not strip.segments:
            return []
        metrics = QFontMetrics(self._small)
        start_text = f"{strip.segments[0].local_start:%a %d %b %H:%M}"
        end_text = local_text(strip.end, strip.zone, strip.start, "%a %d %H:%M")
        end_left = self.width() - metrics.horizontalAdvance(end_text)
        found = [(start_text, 0.0, MUTED_TEXT)]
        if end_left > metrics.horizontalAdvance(start_text) + 12:
            found.append((end_text, end_left, MUTED_TEXT))
        taken = [(left - 6, left + metrics.horizontalAdvance(text) + 6) for text, left, _ in found]
        for change in strip.date_changes:
            label = f"{change.after:%a %d}"
            width = metrics.horizontalAdvance(label)
            left = min(max(0.0, self.minutes_x(change.at) - width / 2), self.width() - width)
            for lo, hi in taken:  # slide off an end label, towards the middle
                if lo < left + width and left < hi:
                    left = hi if lo <= 0 else lo - width
            if left < 0 or left + width > self.width() or any(lo < left + width and left < hi for lo, hi in taken):
                continue  # no room: the tick (and the tooltip) still say it
            found.append((label, left, DATE_CHANGE))
            taken.append((left - 6, left + width + 6))
        return found

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            segment = self.segment_at(event.pos().x())
            if segment is not None:
                assert self.strip is not None
                QToolTip.showText(event.globalPos(), describe(segment, self.strip).capitalize(), self)
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
