"""A full station flow by keyboard on the small event, checked on disk after each step; station logs; the kiosk's PIN.

"Nobody came" (S3) has two people registered and nobody arrived: Иван Петров (AAAAA3) and अनिता शर्मा (AAAAA2).
(QTest types ASCII only: names are typed by their Latin ones, people by their badge codes.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn
from tests.gui.documents import digest, target
from tests.helpers.backends import as_file
from tests.helpers.doors import open_door
from tests.helpers.small_event import NAMES, TITLES
from ui import errors
from ui.document import EventDocument
from ui.main_window import MainWindow
from ui.workspaces.checkin import kiosk as kiosk_module
from ui.workspaces.checkin.kiosk import partial_name
from ui.workspaces.checkin.walk_in import WalkInDialog
from ui.workspaces.checkin.workspace import CheckinWorkspace

NOBODY_CAME = TITLES[2]


def _log(path: Path | str) -> list[tuple[str, str, str]]:
    """The check-in log as the file on disk holds it (read through a connection of its own)."""
    with open_event(path) as event_file, event_file.read() as session:
        return [tuple(r) for r in session.execute(
            select(CheckIn.kind, Attendee.name, CheckIn.method).join(Attendee, Attendee.id == CheckIn.attendee_id)
            .order_by(CheckIn.id))]


def _station(document: EventDocument, qtbot, name: str) -> CheckinWorkspace:
    """The Check-in workspace over ``document``, on "Nobody came", at station ``name``."""
    work = CheckinWorkspace()
    qtbot.addWidget(work)
    sessions = document.sessions()
    work.show_event(document, document.summary(), sessions)
    work.session_box.setCurrentIndex(work.session_box.findData(next(s.uid for s in sessions
                                                                     if s.title == NOBODY_CAME)))
    work.station.setText(name)
    work.show()
    qtbot.waitExposed(work)
    return work


@pytest.fixture()
def station(small_document: EventDocument, qtbot) -> CheckinWorkspace:
    return _station(small_document, qtbot, "Door B")


def test_keyboard_flow_type_enter_scan_undo_walk_in(station: CheckinWorkspace, small_event_file: Path, qtbot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    work = station
    before = len(_log(small_event_file))
    assert work.counters["registered"].value.text() == "2" and work.missing.count() == 2
    # 1. type part of a name, Enter: someone who did not register is held (amber) until F3 admits them
    qtbot.keyClicks(work.search, "lucj")
    qtbot.waitUntil(lambda: work.results.count() == 1)
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert work.banner.text() == (f"{NAMES['A1']}\nAAAAA1   ·   Kathmandu   ·   Sales\nNot registered: not registered "
                                  "for this session — Admit… (F3) with a reason")
    assert work.banner.style_name == "warn" and work.admit_button.isVisible()
    assert len(_log(small_event_file)) == before
    monkeypatch.setattr("ui.workspaces.checkin.workspace.ask_text", lambda *a, **k: ("speaker's guest", True))
    qtbot.keyClick(work, Qt.Key.Key_F3)
    assert work.banner.outcome.text() == (f"Checked in — {NOBODY_CAME} (override: speaker's guest); "
                                          "not registered for this session")
    assert work.banner.style_name == "ok" and not work.admit_button.isVisible()
    assert _log(small_event_file)[-1] == ("check_in", NAMES["A1"], "search")
    assert work.search.text() == "" and work.search.hasFocus()
    # 2. a scanner types a code and Enter
    qtbot.keyClicks(work.search, "aaaaa3")
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert _log(small_event_file)[-1] == ("check_in", NAMES["A3"], "scan") and NAMES["A3"] in work.banner.text()
    assert work.counters["checked_in"].value.text() == "2" and work.missing.count() == 1
    # 3. the same code again: "already", nothing written
    qtbot.keyClicks(work.search, "AAAAA3")
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert work.banner.outcome.text().startswith("Already checked in") and len(_log(small_event_file)) == before + 2
    # 4. an unknown code: red, nothing written
    qtbot.keyClicks(work.search, "ZZZZZZ")
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert work.banner.outcome.text().startswith("Unknown code ZZZZZZ") and len(_log(small_event_file)) == before + 2
    # 5. undo the last check-in from the list: a compensating entry, nothing deleted
    assert work.recent.rowCount() == 2
    work.recent.cellWidget(0, 3).click()
    assert _log(small_event_file)[-1][:2] == ("undo", NAMES["A3"]) and len(_log(small_event_file)) == before + 3
    assert work.recent.item(1, 1).font().strikeOut()
    assert work.counters["checked_in"].value.text() == "1" and work.missing.count() == 2

    # 6. a walk-in
    def fill(dialog: WalkInDialog) -> int:
        dialog.name.setText("Zoë Walk-In")
        dialog.email.setText("zoe.walkin@example.com")
        return WalkInDialog.DialogCode.Accepted

    monkeypatch.setattr(WalkInDialog, "exec", fill)
    qtbot.keyClick(work, Qt.Key.Key_F2)
    assert _log(small_event_file)[-1] == ("walk_in", "Zoë Walk-In", "walk_in")
    assert "Zoë Walk-In" in work.banner.text() and "new badge code" in work.banner.text()
    assert work.counters["walk_ins"].value.text() == "1" and work.counters["checked_in"].value.text() == "2"
    assert work.counters["capacity"].value.text() == "no limit"  # a session in a virtual channel


def test_arrow_keys_choose_among_results_without_leaving_the_box(station: CheckinWorkspace, small_event_file: Path,
                                                                 qtbot) -> None:
    work = station
    open_door(small_event_file)  # whoever is third is let in: the door rules have tests of their own
    qtbot.keyClicks(work.search, "a")  # every badge code starts with A
    qtbot.waitUntil(lambda: work.results.count() == 6)
    qtbot.keyClick(work.search, Qt.Key.Key_Down)
    qtbot.keyClick(work.search, Qt.Key.Key_Down)
    assert work.results.currentRow() == 2 and work.search.hasFocus()
    chosen = work.results.currentItem().text().split("   ·   ")[0]
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert _log(small_event_file)[-1] == ("check_in", chosen, "search")


def test_kiosk_cannot_be_left_without_the_pin(window: MainWindow, small_event_file: Path, qtbot,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window.open_path(small_event_file)
    answers = iter([("1234", True)])
    monkeypatch.setattr("ui.main_window.ask_text", lambda *a, **k: next(answers))  # the PIN set
    monkeypatch.setattr(kiosk_module, "ask_text", lambda *a, **k: next(answers))  # the PIN to leave
    window.start_kiosk()
    kiosk = window.kiosk
    assert kiosk is not None and kiosk.isVisible()
    qtbot.addWidget(kiosk)
    kiosk.close()  # the window manager's close: ignored
    assert kiosk.isVisible()
    answers = iter([("0000", True), ("", False)])
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.isVisible()
    assert not kiosk.try_leave()
    assert kiosk.isVisible()
    # a code typed at the kiosk checks that person in to the event
    qtbot.keyClicks(kiosk.code, "AAAAA6")
    qtbot.keyClick(kiosk.code, Qt.Key.Key_Return)
    kiosk.assessment.skip.click()  # "Where do you stand today?" (tests/gui/skills/test_kiosk_assessment.py)
    assert partial_name(NAMES["A6"]) in kiosk.banner.text() and NAMES["A6"] not in kiosk.banner.text()
    assert _log(small_event_file)[-1][1:] == (NAMES["A6"], "kiosk")
    answers = iter([("1234", True)])
    assert kiosk.try_leave()
    assert not kiosk.isVisible() and window.kiosk is None


def test_station_log_exported_from_a_copy_merges_once_from_the_ui(small_document: EventDocument, tmp_path: Path,
                                                                    qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    organiser = target(small_document)
    copy = as_file(organiser, tmp_path / "door-c-copy.lday")
    door_c = EventDocument.open(copy)
    work = _station(door_c, qtbot, "Door C")
    qtbot.keyClicks(work.search, "AAAAA3")
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert _log(copy)[-1][1] == NAMES["A3"] and _log(organiser)[-1][1] != NAMES["A3"]

    exported = tmp_path / "door-c.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    work.export_log()
    assert exported.exists() and errors.shown[-1].startswith("Wrote ")
    door_c.close()

    work.show_event(small_document, small_document.summary(), small_document.sessions())
    before = len(_log(organiser))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    work.merge_log()
    assert "1 entries added" in errors.shown[-1]
    after = _log(organiser)
    assert len(after) == before + 1 and after[-1][1] == NAMES["A3"]

    work.merge_log()  # merging again changes nothing
    assert "0 entries added" in errors.shown[-1]
    assert len(_log(organiser)) == before + 1

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    unchanged = digest(small_document)
    work.merge_log()
    assert "not a readable station log" in errors.shown[-1]
    assert digest(small_document) == unchanged
