"""Counters follow other stations: two windows on one event file, a check-in through one shows in the other."""

from __future__ import annotations

from pathlib import Path

from ui.document import EventDocument
from ui.main_window import MainWindow
from ui.workspaces.live.counter import LiveCounter


def test_a_check_in_elsewhere_shows_in_the_other_counters(small_event_file: Path, qtbot) -> None:
    here = EventDocument.open(small_event_file)
    there = EventDocument.open(small_event_file)
    counter = LiveCounter(here)
    try:
        qtbot.waitUntil(lambda: counter.counts is not None, timeout=2000)
        before = counter.counts
        with qtbot.waitSignal(counter.counted, timeout=2000,
                              check_params_cb=lambda counts, external: external and counts.checkins == before.checkins + 1):
            there.check_in("AAAAA3", session_uid=None, station="Door C", facilitator="", method="scan")
        assert counter.counts.log_id == before.log_id + 1
    finally:
        counter.stop()
        here.close()
        there.close()


def test_the_status_bar_follows_another_process(window: MainWindow, small_event_file: Path, qtbot) -> None:
    assert window.open_path(small_event_file)
    qtbot.waitUntil(lambda: "7 check-ins" in window.statusBar().currentMessage(), timeout=2000)
    window.tabs.setCurrentIndex(2)  # the station on screen: its counters follow too
    station = window.checkin
    station.session_box.setCurrentIndex(0)  # the whole event
    shown = station.counters["checked_in"].value.text()
    other = EventDocument.open(small_event_file)
    try:
        other.check_in("AAAAA3", session_uid=None, station="Door C", facilitator="", method="scan")
        other.check_in("AAAAA5", session_uid=None, station="Door C", facilitator="", method="scan")
        # no keystroke here: the window sees the other station's writes by itself
        qtbot.waitUntil(lambda: "9 check-ins" in window.statusBar().currentMessage(), timeout=2000)
        qtbot.waitUntil(lambda: station.counters["checked_in"].value.text() == str(int(shown) + 2), timeout=2000)
    finally:
        other.close()


def test_the_station_and_attendees_follow_a_walk_in_elsewhere(window: MainWindow, small_event_file: Path,
                                                               qtbot) -> None:
    assert window.open_path(small_event_file)
    window.tabs.setCurrentIndex(2)
    station = window.checkin
    station.session_box.setCurrentIndex(0)  # the whole event
    qtbot.waitUntil(lambda: window.counter is not None and window.counter.counts is not None, timeout=2000)
    here, walk_ins = (int(station.counters[k].value.text()) for k in ("checked_in", "walk_ins"))
    assert window.attendees.count_label.text() == "6 attendees"
    other = EventDocument.open(small_event_file)
    try:
        other.walk_in(name="Zoë Walk-In", email="zoe@example.com", hub=None, session_uid=None, station="Door C",
                      facilitator="")
        # no keystroke: the window's change watcher tick carries it to every screen's counts
        qtbot.waitUntil(lambda: station.counters["checked_in"].value.text() == str(here + 1), timeout=2000)
        assert station.counters["walk_ins"].value.text() == str(walk_ins + 1)
        qtbot.waitUntil(lambda: window.attendees.count_label.text().endswith("of 7 attendees match"), timeout=2000)
        window.tabs.setCurrentIndex(1)  # shown: the table reads the new person
        qtbot.waitUntil(lambda: window.attendees.count_label.text() == "7 attendees", timeout=2000)
    finally:
        other.close()
