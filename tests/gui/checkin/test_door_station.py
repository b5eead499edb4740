"""The station and kiosk at the door: each banner state, auto-clear and Esc, a walk-in from an empty result,
the session picker, and a kiosk check-in by name that shows only the partial name."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from learningday.checkin.dto import CheckInResult
from learningday.setup.services import edit_event, event_props
from learningday.store.db import open_event
from learningday.store.models import CheckIn
from learningday.timeutil import to_local, utc
from tests.helpers.small_event import NAMES, TITLES
from ui import settings
from ui.document import EventDocument
from ui.workspaces.checkin.banner import banner_for
from ui.workspaces.checkin.kiosk import KioskWindow, partial_name
from ui.workspaces.checkin.walk_in import WalkInDialog
from ui.workspaces.checkin.workspace import CheckinWorkspace


@pytest.fixture()
def work(small_document: EventDocument, qtbot) -> CheckinWorkspace:
    """The station on "Nobody came" (Иван Петров AAAAA3 is registered; Łucja Żak AAAAA1 is not)."""
    station = CheckinWorkspace()
    qtbot.addWidget(station)
    station.show_event(small_document, small_document.summary(), small_document.sessions())
    station.session_box.setCurrentIndex(station.session_box.findText(TITLES[2], Qt.MatchFlag.MatchContains))
    station.show()
    qtbot.waitExposed(station)
    return station


def _scan(qtbot, work: CheckinWorkspace, text: str) -> None:
    qtbot.keyClicks(work.search, text)
    qtbot.keyClick(work.search, Qt.Key.Key_Return)


@pytest.mark.parametrize(("code", "style", "outcome"), [
    ("AAAAA3", "ok", f"Checked in — {TITLES[2]}"),
    ("AAAAA1", "warn", "Not registered: not registered for this session — Admit… (F3) with a reason"),
    ("ZZZZZZ", "bad", "Unknown code ZZZZZZ: nobody on the list has it"),
])
def test_each_banner_state_says_who_and_what_in_its_colour(work: CheckinWorkspace, qtbot, code: str, style: str,
                                                          outcome: str) -> None:
    _scan(qtbot, work, code)
    assert (work.banner.style_name, work.banner.outcome.text()) == (style, outcome)
    assert work.banner.icon.pixmap() is not None and not work.banner.icon.pixmap().isNull()
    if style != "bad":
        assert work.banner.details.text().startswith(code)


def test_the_already_and_red_full_states(work: CheckinWorkspace, small_event_file: Path, qtbot) -> None:
    _scan(qtbot, work, "AAAAA3")
    _scan(qtbot, work, "AAAAA3")
    assert work.banner.style_name == "warn" and work.banner.outcome.text().startswith("Already checked in")
    with open_event(small_event_file) as ef, ef.write() as s:
        edit_event(s, replace(event_props(s), door_policy="registered_only"))
    _scan(qtbot, work, "AAAAA1")
    assert work.banner.style_name == "bad" and not work.admit_button.isVisible()


def test_already_says_when_in_the_station_hub_s_clock_as_its_table_does(work: CheckinWorkspace,
                                                                       small_event_file: Path | str, qtbot) -> None:
    work.picker.hub_box.setCurrentIndex(work.picker.hub_box.findData("Kathmandu"))  # UTC+05:45
    _scan(qtbot, work, "AAAAA3")
    _scan(qtbot, work, "AAAAA3")
    with open_event(small_event_file) as ef, ef.read() as s:
        first = s.scalars(select(CheckIn.at_utc).order_by(CheckIn.id.desc()).limit(1)).one()
    kathmandu = to_local(utc(first), "Asia/Kathmandu")
    assert work.banner.outcome.text().startswith(f"Already checked in (at {kathmandu:%H:%M}")
    assert work.recent.item(0, 0).text().startswith(f"{kathmandu:%H:%M}")


def test_without_a_hub_the_banner_says_its_time_is_utc() -> None:
    earlier = datetime(2027, 3, 11, 23, 40, tzinfo=timezone.utc)
    result = CheckInResult("already", "Иван Петров", "Nobody came", earlier, None, earlier_at_utc=earlier,
                           earlier_station="Door A")
    assert banner_for(result) == ("warn", "Already checked in (at 23:40 UTC by station Door A)")
    assert banner_for(result, "Asia/Kathmandu", earlier)[1] == "Already checked in (at 05:25 by station Door A)"


def test_the_banner_clears_itself_at_the_next_keystroke_and_esc_clears_the_box(work: CheckinWorkspace,
                                                                              qtbot) -> None:
    _scan(qtbot, work, "AAAAA3")
    assert work.banner.showing_outcome
    qtbot.keyClicks(work.search, "iv")
    assert not work.banner.showing_outcome and work.search.text() == "iv"
    qtbot.keyClick(work.search, Qt.Key.Key_Escape)
    assert work.search.text() == "" and work.results.count() == 0
    _scan(qtbot, work, "ZZZZZZ")
    work.banner._clear.setInterval(10)  # the few seconds, shortened
    work.banner._clear.start()
    qtbot.waitUntil(lambda: not work.banner.showing_outcome)


def test_a_walk_in_from_an_empty_result_starts_with_the_typed_name_and_the_station_hub(
        work: CheckinWorkspace, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    work.picker.hub_box.setCurrentIndex(work.picker.hub_box.findData("Kathmandu"))
    qtbot.keyClicks(work.search, "Nobody Known")
    qtbot.waitUntil(lambda: work.no_match.isVisible())
    assert work.no_match.text() == "No one matches — F2 adds a walk-in"
    seen = {}

    def accept(dialog: WalkInDialog) -> int:
        seen.update(name=dialog.name.text(), hub=dialog.hub.currentData())
        return WalkInDialog.DialogCode.Accepted

    monkeypatch.setattr(WalkInDialog, "exec", accept)
    qtbot.keyClick(work, Qt.Key.Key_F2)
    assert seen == {"name": "Nobody Known", "hub": "Kathmandu"}
    assert work.banner.who.text() == "Nobody Known" and "new badge code" in work.banner.outcome.text()


def test_the_session_picker_puts_now_first_in_the_hub_s_time_and_remembers_the_hub(work: CheckinWorkspace,
                                                                                  qtbot) -> None:
    from tests.gui.checkin.conftest import IN_NOBODY_CAME

    work.picker.hub_box.setCurrentIndex(work.picker.hub_box.findData("Kathmandu"))
    work.picker.hub_box.activated.emit(work.picker.hub_box.currentIndex())
    work.picker.fill(IN_NOBODY_CAME)
    assert work.session_box.itemText(1) == f"Now · Thu 19:45 Kathmandu (14:00 UTC) · {TITLES[2]} · Virtual"
    assert work.session_box.itemText(2).startswith("Next · Thu 20:45 Kathmandu (15:00 UTC)")
    assert settings.settings().value("station/hub") == "Kathmandu"


def test_a_kiosk_check_in_by_name_shows_only_the_partial_name(small_document: EventDocument,
                                                               small_event_file: Path, qtbot) -> None:
    kiosk = KioskWindow(small_document, session_uid=None, session_title="Welcome", station="Kiosk", pin="1234",
                        hub="Kathmandu")
    qtbot.addWidget(kiosk)
    kiosk.show()
    assert kiosk.instruction.text().startswith("Type your name") and "Kathmandu" in kiosk.heading.text()
    qtbot.keyClicks(kiosk.code, "lucja")
    assert kiosk.instruction.isVisible()  # it stays while the box has focus and text
    qtbot.keyClick(kiosk.code, Qt.Key.Key_Return)
    assert kiosk.stack.currentWidget() is kiosk.pages["confirm"] and kiosk.instruction.text() == "Is this you?"
    assert kiosk.who.text() == f"{partial_name(NAMES['A1'])}   ·   Kathmandu" and NAMES["A1"] not in kiosk.who.text()
    kiosk.yes.click()
    kiosk.assessment.skip.click()  # "Where do you stand today?" (tests/gui/skills/test_kiosk_assessment.py)
    assert kiosk.banner.style_name == "ok" and partial_name(NAMES["A1"]) in kiosk.banner.text()
    kiosk._unlocked = True


def test_a_strict_kiosk_asks_for_the_badge_code_s_end_and_a_red_result_sends_to_the_facilitator(
        small_document: EventDocument, small_event_file: Path, qtbot) -> None:
    with open_event(small_event_file) as ef, ef.write() as s:
        edit_event(s, replace(event_props(s), kiosk_strict=True))
    uid = next(x.uid for x in small_document.sessions() if x.title == TITLES[2])
    kiosk = KioskWindow(small_document, session_uid=uid, session_title=TITLES[2], station="Kiosk", pin="1234")
    qtbot.addWidget(kiosk)
    kiosk.show()
    qtbot.keyClicks(kiosk.code, "lucja")
    qtbot.keyClick(kiosk.code, Qt.Key.Key_Return)
    assert kiosk.code_end.isVisible() and kiosk.instruction.text().startswith("Type the last 3 characters")
    qtbot.keyClicks(kiosk.code_end, "AA1")
    qtbot.keyClick(kiosk.code_end, Qt.Key.Key_Return)
    assert kiosk.banner.style_name == "bad" and kiosk.banner.text().endswith("please see the facilitator")
    kiosk._unlocked = True


def test_the_event_editor_sets_the_door_policy_and_keeps_it_otherwise(small_document: EventDocument, qtbot) -> None:
    from PySide6.QtGui import QUndoStack

    from ui.setup.dialogs import EventPropertiesDialog

    dialog = EventPropertiesDialog(small_document, QUndoStack())
    qtbot.addWidget(dialog)
    assert dialog.props() == dialog.before  # opening and saving changes nothing: the policy is kept
    dialog.door.setCurrentIndex(dialog.door.findData("registered_only"))
    dialog.kiosk_strict.setChecked(True)
    dialog.save()
    props = small_document.read_with(event_props)
    assert (props.door_policy, props.kiosk_strict) == ("registered_only", True)
