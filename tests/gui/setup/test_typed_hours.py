"""The setup editors' hours and the event's start read what is typed ('0830', '4pm' refused, '10 Mar'), as the wizard's
boxes do; a QTimeEdit dropped typed digits section by section (issue 13, item 10)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from learningday.setup import services as setup
from learningday.store.db import open_event
from tests.helpers import sha256
from tests.helpers.planning import Small
from ui.document import EventDocument
from ui.setup.dialogs import SetupEditors


def type_into(qtbot, box, text: str) -> None:
    """As a user does: click into the box, select all it shows, and type."""
    box.window().show()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, text)


def test_typed_working_hours_are_saved(editors: SetupEditors, document: EventDocument, undo_stack: QUndoStack,
                                       small: Small, qtbot) -> None:
    editor = editors.open("hubs", document, undo_stack)
    editor.select(small.hubs["Tokyo"])
    type_into(qtbot, editor.work_start, "0830")
    type_into(qtbot, editor.work_end, "16:45")
    assert editor.save()
    with open_event(small.path) as ef, ef.read() as s:
        tokyo = setup.hub_drafts(s)[small.hubs["Tokyo"]]
    assert (tokyo.work_start_min, tokyo.work_end_min) == (8 * 60 + 30, 16 * 60 + 45)


def test_hours_that_do_not_read_are_said_and_not_saved(editors: SetupEditors, document: EventDocument,
                                                        undo_stack: QUndoStack, small: Small, qtbot) -> None:
    editor = editors.open("hubs", document, undo_stack)
    editor.select(small.hubs["Tokyo"])
    digest = sha256(small.path)
    type_into(qtbot, editor.work_start, "8.30am")
    assert editor.work_start.problem and editor.work_start.problem in editor.in_utc.text()
    assert not editor.save() and "Working hours:" in editor.error.text()
    assert sha256(small.path) == digest


def test_a_facilitators_typed_window_is_added(editors: SetupEditors, document: EventDocument, undo_stack: QUndoStack,
                                           qtbot) -> None:
    editor = editors.open("facilitators", document, undo_stack)
    editor.start_new()
    type_into(qtbot, editor.window_start, "13")
    type_into(qtbot, editor.window_end, "1730")
    editor.add_window_button.click()
    assert (13 * 60, 17 * 60 + 30) in editor.availability()


def test_the_events_start_takes_a_typed_date_and_time(editors: SetupEditors, document: EventDocument,
                                                       undo_stack: QUndoStack, qtbot) -> None:
    dialog = editors.open("properties", document, undo_stack)
    type_into(qtbot, dialog.start.day, "12 Mar 2027")
    type_into(qtbot, dialog.start.clock, "0615")
    assert dialog.props().start_utc == datetime(2027, 3, 12, 6, 15, tzinfo=UTC)
    qtbot.keyClick(dialog.start.clock, Qt.Key.Key_Tab)
    assert (dialog.start.day.text(), dialog.start.clock.text()) == ("Fri 12 Mar 2027", "06:15")
    type_into(qtbot, dialog.start.day, "31 Feb")
    assert not dialog.save() and "Starts:" in dialog.error.text()
