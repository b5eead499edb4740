"""Guard against the PySide6 6.12.0 / CPython 3.11 bug that frees None (none_dealloc)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit


def test_void_calls_do_not_drop_references_to_none(qtbot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    if sys.version_info >= (3, 12):
        before = None  # None is immortal there; the count is meaningless
    else:
        before = sys.getrefcount(None)
    for i in range(5000):
        edit.setText(str(i))
    assert edit.text() == "4999"
    if before is not None:
        assert sys.getrefcount(None) >= before - 50
