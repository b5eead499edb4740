"""A timeline block's pin: the mark drawn on a pinned session, and the block's right-click menu."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QMenu, QWidget

from learningday.plan.dto import SessionRow

PIN = QColor("#b91c1c")


def paint_pin(painter: QPainter, rect: QRectF) -> None:
    """A push-pin in the block's top-right corner: a round head on a short needle, outlined in white so
    it shows on every level's colour."""
    if rect.width() < 16:
        return
    head = QPointF(rect.right() - 7, rect.top() + 7)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#ffffff"), 1.5))
    painter.drawLine(head, head + QPointF(-4, 7))
    painter.setBrush(PIN)
    painter.drawEllipse(head, 4, 4)
    painter.restore()


def block_menu(parent: QWidget, row: SessionRow, *, edit, pin, delete) -> QMenu:  # noqa: ANN001 - callbacks
    """Edit…, Pin or Unpin, Delete for one block; each action calls back with the session's uid."""
    menu = QMenu(parent)
    menu.addAction(parent.tr("Edit…"), lambda: edit(row.uid)).setObjectName("editSession")
    text = parent.tr("Unpin: Propose plan may move it") if row.pinned else parent.tr("Pin: Propose plan leaves it here")
    menu.addAction(text, lambda: pin(row.uid, not row.pinned)).setObjectName("pinSession")
    menu.addSeparator()
    menu.addAction(parent.tr("Delete"), lambda: delete(row.uid)).setObjectName("deleteSession")
    return menu

