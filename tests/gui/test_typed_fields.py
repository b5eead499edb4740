"""The shared typed UTC start box (ui/typed_fields.UtcField) in the session editor: a typed day and time are the start."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, QTimeZone

from learningday.plan.dto import SessionDraft
from ui.workspaces.plan.session_editor import SessionEditor

START = datetime(2027, 3, 10, 21, 0, tzinfo=UTC)


def editor(qtbot) -> SessionEditor:
    dialog = SessionEditor(SessionDraft("Prompting", 1, START), levels=(), venues=(), hubs=(), facilitators=(),
                           default_start=START)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_into(qtbot, box, text: str) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, text)


def test_a_sessions_typed_start_is_read_whole(qtbot) -> None:
    dialog = editor(qtbot)
    with qtbot.waitSignal(dialog.start.dateTimeChanged):
        type_into(qtbot, dialog.start.day, "11 Mar")
    type_into(qtbot, dialog.start.clock, "0345")
    assert dialog.start_utc() == datetime(2027, 3, 11, 3, 45, tzinfo=UTC)


def test_the_start_is_set_like_a_date_time_box(qtbot) -> None:
    dialog = editor(qtbot)
    with qtbot.waitSignals([dialog.start.dateTimeChanged]):
        dialog.start.setDateTime(QDateTime.fromSecsSinceEpoch(int(datetime(2027, 3, 11, 5, 30, tzinfo=UTC)
                                                                   .timestamp()), QTimeZone.utc()))
    assert (dialog.start.day.text(), dialog.start.clock.text()) == ("Thu 11 Mar 2027", "05:30")
    assert dialog.start_utc() == datetime(2027, 3, 11, 5, 30, tzinfo=UTC)
    dialog.scheduled.setChecked(False)
    assert not dialog.start.isEnabled() and dialog.start_utc() is None
