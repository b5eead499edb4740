"""The station's own views: its Undo buttons sit in their column, the picker shows a whole label, "Who came"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from learningday.attendance.recording import import_attendance
from learningday.store.db import open_event
from learningday.timeutil import UTC, to_local
from tests.helpers.attendance import REPORTS, build_attendance_event
from tests.helpers.small_event import TITLES
from ui.document import EventDocument
from ui.models import DISPLAY
from ui.workspaces.checkin.workspace import CheckinWorkspace


def _station(document: EventDocument, qtbot, title: str | None) -> CheckinWorkspace:
    work = CheckinWorkspace()
    qtbot.addWidget(work)
    sessions = document.sessions()
    work.show_event(document, document.summary(), sessions)
    if title is not None:
        work.session_box.setCurrentIndex(work.session_box.findData(next(s.uid for s in sessions if s.title == title)))
    work.resize(1366, 768)
    work.show()
    qtbot.waitExposed(work)
    return work


def test_undo_buttons_sit_in_their_column_only(small_document: EventDocument, qtbot) -> None:
    work = _station(small_document, qtbot, None)
    work.station.setText("Door B")
    for code in ("AAAAA3", "AAAAA5"):
        work.check_in(code, method="scan")
    column = work.recent.columnViewportPosition(3)
    shown = [b for b in work.recent.viewport().findChildren(QPushButton) if b.isVisible()]
    assert len(shown) == 2  # one per row: none left over from the read before
    assert all(b.geometry().x() >= column for b in shown)
    work.grab().save("/tmp/counters-station.png")


def test_the_session_box_shows_its_whole_label(small_document: EventDocument, qtbot) -> None:
    work = _station(small_document, qtbot, TITLES[0])
    text = work.session_box.currentText()
    assert work.session_box.fontMetrics().horizontalAdvance(text) < work.session_box.width() - 30  # the arrow


def test_who_came_at_the_station(qtbot, tmp_path: Path) -> None:
    path = build_attendance_event(tmp_path / "autumn.lday")
    with open_event(path) as event_file, event_file.write() as s:
        import_attendance(s, [REPORTS / "zoom_chicago.csv"], at_utc=datetime(2026, 10, 26, tzinfo=UTC))
    document = EventDocument.open(path)
    try:
        work = _station(document, qtbot, "Chicago only")
        dialog = work.who_came()
        assert dialog is not None
        model = dialog.model
        shown = [tuple(model.data(model.index(r, c), DISPLAY) for c in range(5)) for r in range(model.rowCount())]
        assert shown == [("Ana Silva", "online", 55, "", ""), ("Dev Patel", "online", 60, "", ""),
                         ("Eve Moss", "online", 20, "yes", "yes")]
        dialog.grab().save("/tmp/counters-who-came.png")
        dialog.close()
        work.session_box.setCurrentIndex(0)  # the whole event: no one session to show
        assert not work.came_button.isEnabled() and work.who_came() is None
    finally:
        document.close()


def test_last_check_ins_read_on_the_station_hubs_clock(small_document: EventDocument, qtbot) -> None:
    work = _station(small_document, qtbot, None)
    work.station.setText("Door B")
    work.check_in("AAAAA3", method="scan")
    entry = small_document.recent_entries("Door B", None)[0]
    hub = next(h for h in small_document.summary().hubs if h.zone == "Asia/Kathmandu")
    work.picker.hub_box.setCurrentIndex(work.picker.hub_box.findData(hub.name))
    work.picker.hub_box.activated.emit(work.picker.hub_box.currentIndex())
    expected = to_local(entry.at_utc, "Asia/Kathmandu").strftime("%H:%M:%S")  # +05:45, not the machine's zone
    qtbot.waitUntil(lambda: work.recent.item(0, 0) is not None and work.recent.item(0, 0).text() == expected)
    assert work.recent.horizontalHeaderItem(0).text() == f"Time ({hub.name})"
