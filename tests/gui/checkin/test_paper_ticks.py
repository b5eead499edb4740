"""Ticks from a paper sheet: tick a list, confirm, written as "paper" check-ins through the one check-in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from learningday.checkin.paper import paper_sheet
from learningday.store.models import Attendee, CheckIn
from learningday.store.models import Session as LearningSession
from tests.helpers.small_event import TITLES
from ui.document import EventDocument
from ui.workspaces.checkin.paper import PaperTicksDialog, enter_paper_ticks


def test_ticked_people_are_checked_in_from_paper(small_document: EventDocument, qtbot) -> None:
    uid = small_document.read_with(
        lambda s: s.query(LearningSession.uid).filter(LearningSession.title == TITLES[2]).scalar())
    sheet = small_document.read_with(lambda s: paper_sheet(s, uid))
    dialog = PaperTicksDialog(sheet)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing ticked yet
    qtbot.keyClicks(dialog.filter, "ivan")  # folded: Иван is not matched by Latin; the code is
    assert all(dialog.people.item(i).isHidden() for i in range(dialog.people.count()))
    dialog.filter.clear()
    dialog.people.item(0).setCheckState(Qt.CheckState.Checked)
    assert ok.isEnabled() and ok.text() == "Check in 1 from paper"
    results = enter_paper_ticks(small_document, uid, dialog.ticked(), station="Paper desk", facilitator="Gus")
    assert [r.status for r in results] == ["checked_in"]
    written = small_document.read_with(lambda s: s.query(Attendee.code, CheckIn.method, CheckIn.facilitator_name)
                                       .join(Attendee).join(LearningSession).filter(LearningSession.uid == uid).all())
    assert written == [(sheet.people[0].code, "paper", "Gus")]
