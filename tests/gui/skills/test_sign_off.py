"""The facilitator's sign-off on the check-in screen: ticked for people checked in, taken back with Undo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.helpers.skills_event import UIDS
from ui import errors
from ui.document import EventDocument
from ui.workspaces.checkin.sign_off import SignOffDialog
from ui.workspaces.checkin.workspace import CheckinWorkspace


def _signed(document: EventDocument, session_uid: str) -> dict[str, bool]:
    return {p.name: p.signed for p in document.here_for_sign_off(session_uid)}


def _station(document: EventDocument, qtbot, session_uid: str | None) -> CheckinWorkspace:
    work = CheckinWorkspace()
    qtbot.addWidget(work)
    work.show_event(document, document.summary(), document.sessions())
    work.session_box.setCurrentIndex(work.session_box.findData(session_uid))
    work.facilitator.setText("Fay")
    return work


def test_a_sign_off_is_ticked_for_the_station_session_and_undone(skills_document: EventDocument, qtbot) -> None:
    work = _station(skills_document, qtbot, UIDS["L2"])
    dialog = work.sign_off_button.open_dialog()
    assert isinstance(dialog, SignOffDialog)
    qtbot.addWidget(dialog)
    # P1 and P2 are checked in to L2; P2 was signed off already, P3 (undone) and P4 are not there
    assert _signed(skills_document, UIDS["L2"]) == {"Pia One": False, "Paul Two": True}
    assert dialog.people.count() == 2
    pia = dialog.item_of(skills_document.attendee_details("PPPPP1").uid)
    assert pia is not None and pia.checkState() == Qt.CheckState.Unchecked
    pia.setCheckState(Qt.CheckState.Checked)
    assert _signed(skills_document, UIDS["L2"]) == {"Pia One": True, "Paul Two": True}
    assert "2 of 2" in dialog.status.text()
    dialog.grab().save("/tmp/skillsui-signoff.png")
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert _signed(skills_document, UIDS["L2"]) == {"Pia One": False, "Paul Two": True}
    # taking back Paul's (made by someone else) and undoing it puts it back
    paul = dialog.item_of(skills_document.attendee_details("PPPPP2").uid)
    assert paul is not None
    paul.setCheckState(Qt.CheckState.Unchecked)
    assert _signed(skills_document, UIDS["L2"])["Paul Two"] is False
    dialog.undo_button.click()
    assert _signed(skills_document, UIDS["L2"])["Paul Two"] is True
    assert not dialog.undo_button.isEnabled()
    work.grab().save("/tmp/skillsui-station.png")


def test_the_whole_event_has_no_sign_off(skills_document: EventDocument, qtbot) -> None:
    work = _station(skills_document, qtbot, None)
    assert work.sign_off_button.open_dialog() is None
    assert errors.shown and "choose the session first" in str(errors.shown[-1])
