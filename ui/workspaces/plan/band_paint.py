"""Paints the drag help (``bands.DragBands``) over the lanes, and the time readout beside the ghost."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen

from ui.workspaces.plan.bands import DragBands

NIGHT = QColor(58, 65, 80, 70)
UNAVAILABLE = QColor(120, 128, 140, 55)
WORKING = QColor(46, 160, 90, 30)
ALLOWED = QColor("#8fd19e")
PREFERRED = QColor("#2ea05a")
REFUSED = QColor("#d64545")
#: the strip at the top of each lane that marks allowed starts
STRIP_H = 5


def paint_bands(painter: QPainter, bands: DragBands, *, x: Callable[[float], float], top: float, bottom: float,
                lane_tops: list[float]) -> None:
    """Working hours and people's nights across every lane; the allowed starts as a strip atop each lane."""
    def fill(lo: int, hi: int, colour: QColor, y0: float = top, y1: float = bottom,
             brush: Qt.BrushStyle = Qt.BrushStyle.SolidPattern) -> None:
        painter.fillRect(QRectF(x(lo), y0, x(hi) - x(lo), y1 - y0), QBrush(colour, brush))

    for _hub, lo, hi in bands.working:
        fill(lo, hi, WORKING)
    for _name, kind, lo, hi in bands.unavailable:
        fill(lo, hi, NIGHT if kind == "night" else UNAVAILABLE)
        if kind != "night":
            fill(lo, hi, QColor(90, 96, 108, 90), brush=Qt.BrushStyle.BDiagPattern)
    for y in lane_tops:
        for lo, hi in bands.allowed:
            fill(lo, hi, ALLOWED, y, y + STRIP_H)
        for lo, hi in bands.preferred:
            fill(lo, hi, PREFERRED, y, y + STRIP_H)


def paint_readout(painter: QPainter, text: str, ghost: QRectF, *, allowed: bool, metrics: QFontMetrics,
                  right: float) -> None:
    """A label above the ghost (below it when the ghost is at the top), red-edged when the start is not allowed."""
    width, height = metrics.horizontalAdvance(text) + 12, metrics.height() + 6
    left = min(max(ghost.left(), 0.0), right - width)
    above = ghost.top() - height - 2
    box = QRectF(left, above if above > 0 else ghost.bottom() + 2, width, height)
    painter.fillRect(box, QColor("#1f2a44"))
    if not allowed:
        painter.setPen(QPen(REFUSED, 2))
        painter.drawRect(box.adjusted(1, 1, -1, -1))
    painter.setPen(QColor("#ffffff"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
