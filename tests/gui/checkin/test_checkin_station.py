"""A full station flow by keyboard, checked on disk after each step; kiosk mode keeps its PIN."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from sqlalchemy import select

from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, Registration
from learningday.store.models import Session as LearningSession
from ui.main_window import MainWindow
from ui.workspaces.checkin.walk_in import WalkInDialog


def _log(path: Path) -> list[tuple[str, str, str]]:
    with open_event(path) as event_file, event_file.read() as session:
        return [tuple(r) for r in session.execute(
            select(CheckIn.kind, Attendee.name, CheckIn.method).join(Attendee, Attendee.id == CheckIn.attendee_id)
            .order_by(CheckIn.id))]


def _pick_session_and_people(path: Path):
    """A session with registered people who have not checked in yet."""
    with open_event(path) as event_file, event_file.read() as session:
        here = select(CheckIn.attendee_id).where(CheckIn.session_id == LearningSession.id)
        rows = session.execute(
            select(LearningSession.uid, Attendee.name, Attendee.code)
            .join(Registration, Registration.session_id == LearningSession.id)
            .join(Attendee, Attendee.id == Registration.attendee_id)
            .where(Registration.status == "registered", Attendee.id.not_in(here))
            .order_by(LearningSession.id, Attendee.id)
        ).all()
    by_session: dict[str, list[tuple[str, str]]] = {}
    for uid, name, code in rows:
        by_session.setdefault(uid, []).append((name, code))
    uid = max(by_session, key=lambda u: len(by_session[u]))
    assert len(by_session[uid]) >= 2
    return uid, by_session[uid]


@pytest.fixture()
def station(window: MainWindow, demo_file: Path, qtbot):
    window.open_path(demo_file)
    window.tabs.setCurrentIndex(2)
    work = window.checkin
    uid, people = _pick_session_and_people(demo_file)
    work.session_box.setCurrentIndex(work.session_box.findData(uid))
    work.station.setText("Door B")
    return work, people


def test_keyboard_flow_type_enter_scan_undo_walk_in(station, demo_file: Path, qtbot, monkeypatch) -> None:
    work, people = station
    before = len(_log(demo_file))
    # 1. type part of a name, Enter checks in the highlighted person
    (name1, _code1), (name2, code2) = people[0], people[1]
    qtbot.keyClicks(work.search, name1.split()[0][:4] if " " in name1 else name1[:2])
    qtbot.waitUntil(lambda: work.results.count() > 0)
    target = work.results.currentItem().text().split("   ·   ")[0]
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert work.banner.text().startswith("✓") and target in work.banner.text()
    assert _log(demo_file)[-1] == ("check_in", target, "search")
    assert work.search.text() == "" and work.search.hasFocus()
    # 2. a scanner types a code and Enter
    qtbot.keyClicks(work.search, code2.lower())
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert _log(demo_file)[-1][1] == name2 and name2 in work.banner.text()
    # 3. the same code again: "already", nothing written
    qtbot.keyClicks(work.search, code2)
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert work.banner.text().startswith("Already checked in") and len(_log(demo_file)) == before + 2
    # 4. an unknown code: red, nothing written
    qtbot.keyClicks(work.search, "ZZZZZZ")
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert work.banner.text().startswith("Unknown code ZZZZZZ") and len(_log(demo_file)) == before + 2
    # 5. undo the last check-in from the list: a compensating entry, nothing deleted
    assert work.recent.rowCount() >= 2
    work.recent.cellWidget(0, 3).click()
    assert _log(demo_file)[-1][0] == "undo" and len(_log(demo_file)) == before + 3
    assert work.recent.item(1, 1).font().strikeOut()
    # 6. a walk-in
    def fill(dialog: WalkInDialog) -> int:
        dialog.name.setText("Zoë Walk-In")
        dialog.email.setText("zoe.walkin@example.com")
        return WalkInDialog.DialogCode.Accepted

    monkeypatch.setattr(WalkInDialog, "exec", fill)
    qtbot.keyClick(work, Qt.Key.Key_F2)
    assert _log(demo_file)[-1] == ("walk_in", "Zoë Walk-In", "walk_in")
    assert "Zoë Walk-In" in work.banner.text() and "new badge code" in work.banner.text()
    assert work.counters["walk_ins"].value.text() != "0"


def test_arrow_keys_choose_among_results_without_leaving_the_box(station, demo_file: Path, qtbot) -> None:
    work, _people = station
    qtbot.keyClicks(work.search, "a")
    qtbot.waitUntil(lambda: work.results.count() > 2)
    qtbot.keyClick(work.search, Qt.Key.Key_Down)
    qtbot.keyClick(work.search, Qt.Key.Key_Down)
    assert work.results.currentRow() == 2 and work.search.hasFocus()
    chosen = work.results.currentItem().text().split("   ·   ")[0]
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert _log(demo_file)[-1][1] == chosen


def test_kiosk_cannot_be_left_without_the_pin(window: MainWindow, demo_file: Path, qtbot, monkeypatch) -> None:
    window.open_path(demo_file)
    answers = iter([("1234", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
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
    with open_event(demo_file) as event_file, event_file.read() as session:
        name, code = session.execute(select(Attendee.name, Attendee.code).order_by(Attendee.id.desc())).first()
    qtbot.keyClicks(kiosk.code, code)
    qtbot.keyClick(kiosk.code, Qt.Key.Key_Return)
    assert name in kiosk.banner.text()
    assert _log(demo_file)[-1][1:] == (name, "kiosk")
    answers = iter([("1234", True)])
    assert kiosk.try_leave()
    assert not kiosk.isVisible() and window.kiosk is None


def test_station_log_exported_from_a_copy_merges_once_from_the_ui(window: MainWindow, demo_file: Path, tmp_path: Path,
                                                                    qtbot, monkeypatch) -> None:
    import hashlib
    import shutil

    from PySide6.QtWidgets import QFileDialog

    from ui import errors

    copy = tmp_path / "door-c-copy.lday"
    shutil.copyfile(demo_file, copy)
    uid, people = _pick_session_and_people(copy)
    window.open_path(copy)
    window.tabs.setCurrentIndex(2)
    work = window.checkin
    work.session_box.setCurrentIndex(work.session_box.findData(uid))
    work.station.setText("Door C")
    qtbot.keyClicks(work.search, people[0][1])
    qtbot.keyClick(work.search, Qt.Key.Key_Return)
    assert _log(copy)[-1][1] == people[0][0]
    assert _log(demo_file)[-1][1:] != _log(copy)[-1][1:]

    exported = tmp_path / "door-c.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    work.export_log()
    assert exported.exists() and "Wrote" in errors.shown[-1]

    window.open_path(demo_file)
    window.tabs.setCurrentIndex(2)
    before = len(_log(demo_file))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    work.merge_log()
    assert "1 entries added" in errors.shown[-1]
    after = _log(demo_file)
    assert len(after) == before + 1 and after[-1][1] == people[0][0]

    work.merge_log()  # merging again changes nothing
    assert "0 entries added" in errors.shown[-1]
    assert len(_log(demo_file)) == before + 1

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    window.document.file.close()  # let the WAL settle so the bytes can be compared
    window.open_path(demo_file)
    digest = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    work.merge_log()
    assert "not a readable station log" in errors.shown[-1]
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == digest
