"""The Reports workspace's heat map: attendances by hub × local hour of day, the same figures as the PDF's."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from learningday.reporting.dto import EventAnalytics
from reports.pdf_charts import heat_rows

TITLE = "Attendance across the day, in each hub's local time (session start hour)"
#: the PDF's ramp (reports/pdf_charts.py): white for nothing, then light to dark blue by share of the busiest cell
LIGHT, DARK, INK, MUTED, RULE = "#E8F0F8", "#1F4E79", "#1F2A37", "#6B7280", "#D1D5DB"
LABEL_W, TOP, BOTTOM = 96, 36, 18
ROW_MAX = 34  # a few hubs keep readable rows instead of tall bands


def _shade(value: int, top: int) -> QColor:
    if not value:
        return QColor("white")
    share = 0.15 + 0.85 * value / top
    light, dark = QColor(LIGHT), QColor(DARK)
    return QColor.fromRgbF(*(a + (b - a) * share for a, b in ((light.redF(), dark.redF()),
                                                              (light.greenF(), dark.greenF()),
                                                              (light.blueF(), dark.blueF()))))


class HeatMap(QWidget):
    """Hub rows × 24 local hours; a cell's tooltip says its hub, hour and count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hourHeatMap")
        self.rows: list[tuple[str, tuple[int, ...]]] = []
        self.setMinimumHeight(170)
        self.setMouseTracking(True)

    def show_analytics(self, a: EventAnalytics) -> None:
        self.rows = heat_rows(a)  # one source: the PDF draws these same rows
        self.update()

    def _cell(self) -> tuple[float, float]:
        return (self.width() - LABEL_W - 8) / 24, min(ROW_MAX, (self.height() - TOP - BOTTOM) / max(len(self.rows), 1))

    def cell_at(self, point: QPoint) -> tuple[str, int, int] | None:
        """(hub, local hour, attendances) under ``point``, or None."""
        width, height = self._cell()
        column, row = int((point.x() - LABEL_W) // width), int((point.y() - TOP) // height)
        if point.x() < LABEL_W or point.y() < TOP or not (0 <= column < 24 and 0 <= row < len(self.rows)):
            return None
        hub, values = self.rows[row]
        return hub, column, values[column]

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            QToolTip.hideText()
            return
        hub, hour, value = cell
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"{hub}, {hour:02d}:00–{hour + 1:02d}:00 local: {value:,} attendances", self)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor(INK))
        painter.drawText(QRectF(0, 2, self.width(), 20), Qt.AlignmentFlag.AlignCenter, TITLE)
        width, height = self._cell()
        top = max((v for _hub, values in self.rows for v in values), default=0) or 1
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() - 2))
        painter.setFont(small)
        painter.setPen(QColor(MUTED))
        for hour in range(24):
            painter.drawText(QRectF(LABEL_W + hour * width, TOP - 16, width, 14), Qt.AlignmentFlag.AlignCenter,
                             f"{hour:02d}")
        painter.drawText(QRectF(0, TOP + len(self.rows) * height + 2, self.width(), BOTTOM),
                         Qt.AlignmentFlag.AlignCenter, "local hour of day (each hub's own clock); darker: more attendances")
        for r, (hub, values) in enumerate(self.rows):
            y = TOP + r * height
            painter.setFont(font)
            painter.setPen(QColor(INK))
            painter.drawText(QRectF(0, y, LABEL_W - 6, height),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, hub)
            for hour, value in enumerate(values):
                box = QRectF(LABEL_W + hour * width, y, width, height)
                painter.fillRect(box, _shade(value, top))
                painter.setPen(QColor(RULE))
                painter.drawRect(box)
                if value and height >= 12:
                    painter.setFont(small)
                    painter.setPen(QColor("white") if value / top > 0.45 else QColor(INK))
                    painter.drawText(box, Qt.AlignmentFlag.AlignCenter,
                                     f"{value:,}" if value < 1000 else f"{value / 1000:.0f}k")
        painter.end()
