"""A scrolled list of editable rows with a placeholder, as the wizard's hubs and venues pages show them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

Row = TypeVar("Row", bound=QWidget)


class RowList(QScrollArea, Generic[Row]):
    """Rows top-down (``rows``), the ``empty`` words while there are none; Tab goes through ``head``,
    then through each row's ``focus_chain()``."""

    def __init__(self, empty: str, head: Sequence[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._head = list(head)
        box = QWidget()
        self._layout = QVBoxLayout(box)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self.empty = QLabel(empty)
        self.empty.setObjectName("placeholder")
        self._layout.insertWidget(0, self.empty)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(box)

    def append(self, row: Row) -> None:
        self.rows.append(row)
        self._layout.insertWidget(len(self.rows), row)
        self.empty.hide()
        self._relink_focus()

    def remove(self, row: Row) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.empty.setVisible(not self.rows)
        self._relink_focus()

    def _relink_focus(self) -> None:
        chain = list(self._head)
        for row in self.rows:
            chain.extend(row.focus_chain())  # type: ignore[attr-defined]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
