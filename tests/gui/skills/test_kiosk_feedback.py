"""The kiosk's check-out feedback: only someone checked in to the session reaches it; "Undo my answers" restores."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.documents import digest, target
from tests.helpers import rows
from tests.helpers.skills_event import CODES, UIDS
from ui.document import EventDocument
from ui.workspaces.checkin.kiosk import KioskWindow
from ui.workspaces.checkin.kiosk_feedback import KioskCheckOut


def _feedback(document: EventDocument, code: str, session_uid: str) -> tuple | None:
    found = rows(target(document), "SELECT f.rating, f.can_apply, f.comment FROM feedback AS f JOIN attendees AS a "
                 "ON a.id = f.attendee_id JOIN sessions AS s ON s.id = f.session_id "
                 "WHERE a.code = :code AND s.uid = :uid", code=code, uid=session_uid)
    return found[0] if found else None


def _kiosk(document: EventDocument, qtbot, session_uid: str | None) -> KioskWindow:
    kiosk = KioskWindow(document, session_uid=session_uid, session_title="Literacy", station="Kiosk", pin="1")
    qtbot.addWidget(kiosk)
    kiosk._unlocked = True  # the test's teardown may close it without the PIN
    kiosk.resize(900, 640)
    kiosk.show()
    return kiosk


def _scan(dialog: KioskCheckOut, qtbot, code: str) -> None:
    dialog.code.setText(code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)


def test_check_out_then_feedback_then_undo(skills_document: EventDocument, qtbot) -> None:
    kiosk = _kiosk(skills_document, qtbot, UIDS["L1"])
    kiosk.grab().save("/tmp/skillsui-kiosk.png")
    dialog = kiosk.check_out_button.open_dialog()
    qtbot.addWidget(dialog)
    # Pat's check-in to L1 was undone: no check-out, no feedback screen, nothing written
    before = digest(skills_document)
    _scan(dialog, qtbot, CODES["P3"])
    assert dialog.pages.currentIndex() == 0 and "not checked in" in dialog.code_message.text()
    assert digest(skills_document) == before
    # Pia is checked in to L1 (and gave 5/4 by a survey): checked out, then asked
    _scan(dialog, qtbot, CODES["P1"].lower())
    assert dialog.pages.currentIndex() == 1 and "Pia" in dialog.greeting.text()
    assert not dialog.send.isEnabled()  # both scales first
    dialog.scales["rating"].choose(2)
    dialog.scales["can_apply"].choose(3)
    dialog.comment.setPlainText("More examples, please")
    assert dialog.send.isEnabled()
    dialog.grab().save("/tmp/skillsui-kiosk-feedback.png")
    qtbot.mouseClick(dialog.send, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 2
    assert _feedback(skills_document, CODES["P1"], UIDS["L1"]) == (2, 3, "More examples, please")
    dialog.grab().save("/tmp/skillsui-kiosk-thanks.png")
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert _feedback(skills_document, CODES["P1"], UIDS["L1"]) == (5, 4, "")
    assert dialog.pages.currentIndex() == 1  # the answers wait to be sent again
    qtbot.mouseClick(dialog.send, Qt.MouseButton.LeftButton)
    assert _feedback(skills_document, CODES["P1"], UIDS["L1"]) == (2, 3, "More examples, please")


def test_skip_writes_no_feedback_and_a_whole_event_kiosk_has_no_check_out(skills_document: EventDocument,
                                                                          qtbot) -> None:
    dialog = _kiosk(skills_document, qtbot, UIDS["L1"]).check_out_button.open_dialog()
    qtbot.addWidget(dialog)
    _scan(dialog, qtbot, CODES["P4"])  # Paz is checked in to L3, not to L1
    assert dialog.pages.currentIndex() == 0
    _scan(dialog, qtbot, CODES["P1"])
    qtbot.mouseClick(dialog.skip, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 2 and not dialog.undo_button.isVisibleTo(dialog)
    assert _feedback(skills_document, CODES["P1"], UIDS["L1"]) == (5, 4, "")  # as the survey left it
    assert _kiosk(skills_document, qtbot, None).check_out_button is None
