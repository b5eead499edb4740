"""The kiosk's "Where do you stand today?": asked after a check-in of someone not self-assessed before the day."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.documents import digest, target
from tests.gui.skills.test_kiosk_feedback import _kiosk, _scan
from tests.helpers import rows
from tests.helpers.skills_event import CODES, UIDS, at
from ui.document import EventDocument
from ui.workspaces.checkin import unsaved
from ui.workspaces.checkin.kiosk import RESET_AFTER_MS


@pytest.fixture(autouse=True)
def station_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unsaved, "now", lambda: at(10, 10))  # inside the day, during L1


def _assessments(document: EventDocument, code: str) -> list[tuple]:
    return rows(target(document), "SELECT s.phase, s.level, s.score, s.source FROM assessments AS s JOIN attendees "
                "AS a ON a.id = s.attendee_id WHERE a.code = :code ORDER BY s.phase, s.level", code=code)


def test_a_check_in_asks_where_they_stand_and_a_tap_writes_before_2(skills_document: EventDocument, qtbot) -> None:
    kiosk = _kiosk(skills_document, qtbot, None)  # the whole event's kiosk
    page = kiosk.assessment
    _scan(kiosk, qtbot, CODES["P4"])  # Paz has an "after" only: still asked "before"
    assert kiosk.stack.currentWidget() is page and page.note.text().startswith("Where do you stand today?")
    assert page.banner.style_name == "ok" and "Checked in" in page.banner.text()
    labels = [button.text() for button in page.group.buttons()]
    assert labels == ["1\nAI literacy", "2\nHands-on with AI", "3\nCreating with AI", labels[3], labels[4]]
    kiosk.resize(1280, 800)
    kiosk.grab().save("/tmp/kioskskills-assess.png")
    qtbot.mouseClick(page.group.button(2), Qt.MouseButton.LeftButton)
    assert _assessments(skills_document, CODES["P4"]) == [("post", 0, 3, "import"), ("pre", 0, 2, "kiosk")]
    assert page.note.text() == "Thank you — noted: 2 · Hands-on with AI" and page.undo_button.isVisible()
    kiosk.grab().save("/tmp/kioskskills-assess-noted.png")
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)  # a wrong tap, taken back: asked again
    assert _assessments(skills_document, CODES["P4"]) == [("post", 0, 3, "import")]
    assert kiosk.stack.currentWidget() is page and not page.undo_button.isVisible()
    qtbot.mouseClick(page.group.button(3), Qt.MouseButton.LeftButton)
    assert _assessments(skills_document, CODES["P4"]) == [("post", 0, 3, "import"), ("pre", 0, 3, "kiosk")]
    assert kiosk._reset.isActive() and kiosk._reset.interval() == RESET_AFTER_MS  # the kiosk's usual reset,
    kiosk._reset.start(1)  # brought forward, then its start
    qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.pages["enter"])


def test_skip_writes_nothing_and_someone_assessed_already_is_not_asked(skills_document: EventDocument,
                                                                       qtbot) -> None:
    kiosk = _kiosk(skills_document, qtbot, None)  # the whole event's kiosk
    before = digest(skills_document)
    _scan(kiosk, qtbot, CODES["P4"])
    after_check_in = digest(skills_document)
    assert after_check_in != before and kiosk.stack.currentWidget() is kiosk.assessment
    qtbot.mouseClick(kiosk.assessment.skip, Qt.MouseButton.LeftButton)
    assert digest(skills_document) == after_check_in  # the check-in, and nothing of a self-assessment
    assert kiosk.stack.currentWidget() is kiosk.pages["outcome"] and "Checked in" in kiosk.banner.text()
    for who in ("P3", "P2"):  # an overall "before" (P3), per-level "before"s only (P2): not asked
        _scan(kiosk, qtbot, CODES[who])
        assert kiosk.stack.currentWidget() is kiosk.pages["outcome"] and kiosk.banner.style_name == "ok"


def test_a_check_out_asks_where_they_stand_after_the_day_then_the_feedback(skills_document: EventDocument,
                                                                           qtbot) -> None:
    kiosk = _kiosk(skills_document, qtbot, UIDS["L1"])
    dialog = kiosk.check_out_button.open_dialog()
    qtbot.addWidget(dialog)
    pia = skills_document.search(CODES["P1"], None, limit=1)[0].uid
    skills_document.set_scores(pia, {("post", 0): None})  # Pia (checked in to L1) has said nothing "after" yet
    _scan(dialog, qtbot, CODES["P1"])
    page = dialog.after
    assert dialog.pages.currentWidget() is page and page.note.text().startswith("Where do you stand now")
    dialog.grab().save("/tmp/kioskskills-checkout-assess.png")
    qtbot.mouseClick(page.group.button(4), Qt.MouseButton.LeftButton)
    assert _assessments(skills_document, CODES["P1"]) == [("post", 0, 4, "kiosk"), ("pre", 0, 2, "import")]
    assert dialog._to_feedback.isActive()
    dialog._to_feedback.start(1)  # brought forward: the feedback questions come next
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert "Pia" in dialog.greeting.text()
    # someone with an "after" already goes straight to the feedback: test_kiosk_feedback.py's Pia
