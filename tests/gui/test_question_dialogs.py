"""Small questions (a version's name, the kiosk PIN, a session to register for) show their titles whole
(issue 13, item 10): a title bar reads "<title> — LearningDay", and QInputDialog's static helpers sized the
dialog to its label alone, so it read "Save Curr… rningDay"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ui import widgets
from ui.main_window import MainWindow

#: the window's icon and its buttons beside a title: about 5 × 28 px on the common desktops
FRAME = 140


def _title_bar_needs(dialog: QWidget) -> int:
    font = QFont(dialog.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(f"{dialog.windowTitle()} — LearningDay") + FRAME


@pytest.mark.parametrize("title, label, items", [
    ("Save Current As", "Name of this version of the agenda:", None),
    ("Leave kiosk mode", "PIN", None),
    ("Register", "Register Ann for which session?", ["Wed 21:30 UTC · Intro to AI"]),
])
def test_a_question_is_wide_enough_for_its_whole_title(qtbot, title: str, label: str,
                                                       items: list[str] | None) -> None:
    dialog = widgets.question_dialog(None, title, label, items=items)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == title and dialog.width() >= _title_bar_needs(dialog)


def test_saving_a_version_asks_in_a_dialog_with_its_title_whole(window: MainWindow, small_event_file: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, int, QLineEdit.EchoMode]] = []

    def answer(dialog: QInputDialog) -> int:  # instead of the modal loop: note what would show, then Cancel
        room = dialog.minimumSizeHint().width() - _title_bar_needs(dialog)
        asked.append((dialog.windowTitle(), room, dialog.textEchoMode()))
        return 0

    monkeypatch.setattr(QInputDialog, "exec", answer)
    window.open_path(small_event_file)
    versions = window.plan.open_versions()
    versions.save_button.click()
    versions.close()
    assert [(title, room >= 0) for title, room, _echo in asked] == [("Save Current As", True)]
    assert widgets.ask_text(None, "Leave kiosk mode", "PIN", QLineEdit.EchoMode.Password) == ("", False)
    assert asked[-1][0] == "Leave kiosk mode" and asked[-1][2] == QLineEdit.EchoMode.Password


def test_choosing_the_kiosk_pin_asks_with_the_title_whole(window: MainWindow, small_event_file: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, bool, QLineEdit.EchoMode]] = []

    def answer(dialog: QInputDialog) -> int:  # instead of the modal loop: note what would show, then Cancel
        asked.append((dialog.windowTitle(), dialog.minimumSizeHint().width() >= _title_bar_needs(dialog),
                       dialog.textEchoMode()))
        return 0

    monkeypatch.setattr(QInputDialog, "exec", answer)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))  # the static helper sized to its label
    window.open_path(small_event_file)
    window.start_kiosk()
    assert asked == [("Kiosk mode", True, QLineEdit.EchoMode.Password)] and window.kiosk is None
