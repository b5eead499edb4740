"""The main window's status bar follows the check-in log: the station, the kiosk, a walk-in, an undo, a merge."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from ui.document import EventDocument
from ui.main_window import MainWindow

CHECK_IN_TAB = 2


def _count(window: MainWindow) -> int:
    found = re.search(r"([\d,]+) check-ins", window.statusBar().currentMessage())
    assert found, window.statusBar().currentMessage()
    return int(found.group(1).replace(",", ""))


def _wait_count(qtbot, window: MainWindow, expected: int) -> None:
    qtbot.waitUntil(lambda: _count(window) == expected, timeout=5000)


def test_the_check_in_count_follows_every_way_in(window: MainWindow, small_event_file: Path | str,
                                                 small_event_template: Path, tmp_path: Path, qtbot) -> None:
    # a station log from another laptop (a copy of the event as it was handed out), with one check-in the
    # organiser's event lacks
    copy = tmp_path / "door-c.lday"
    shutil.copyfile(small_event_template, copy)
    door_c = EventDocument.open(copy)
    door_c.check_in("AAAAA4", session_uid=None, station="Door C", facilitator="", method="scan")
    door_c.write_station_log(tmp_path / "door-c.json")
    door_c.close()

    assert window.open_path(small_event_file)
    window.tabs.setCurrentIndex(CHECK_IN_TAB)  # the station stays on screen: nothing else reads the summary
    count = _count(window)
    station = window.checkin
    qtbot.keyClicks(station.search, "AAAAA3")  # the station, by badge code
    qtbot.keyClick(station.search, Qt.Key.Key_Return)
    _wait_count(qtbot, window, count + 1)

    document = window.document
    assert document is not None
    kiosk = document.check_in("AAAAA6", session_uid=None, station="Kiosk", facilitator="", method="kiosk")
    _wait_count(qtbot, window, count + 2)

    document.undo_entry(kiosk.entry_uid, station="Kiosk", facilitator="")
    _wait_count(qtbot, window, count + 1)

    document.walk_in(name="Zoë Walk-In", email="zoe@example.com", hub=None, session_uid=None,
                     station="Door B", facilitator="")
    _wait_count(qtbot, window, count + 2)

    report = document.merge_station_log(tmp_path / "door-c.json")
    assert report.changed, report
    _wait_count(qtbot, window, count + 3)
