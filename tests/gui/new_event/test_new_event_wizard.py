"""The New Event wizard end to end: city search, zones, working hours, levels, the file it writes."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QWizard

from learningday.setup.day_strip import AWAKE, NIGHT, WORKING
from learningday.setup.event import event_summary, list_venues
from learningday.setup.new_event import HubSpec
from learningday.store.db import open_event
from ui import errors, settings
from ui.new_event.day_strip_view import BAR_H, COLOURS, DATE_CHANGE
from ui.new_event.wizard import NewEventWizard

# the completer's popup asks the offscreen platform for things it cannot do
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def segments(row) -> list[tuple[str, str, str]]:
    return [(s.kind, f"{s.local_start:%a %H:%M}", f"{s.start:%d %H:%M}") for s in row.strip.segments]


def retype(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


@pytest.fixture()
def wizard(qtbot) -> NewEventWizard:
    wizard = NewEventWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_the_wizard_writes_the_event_it_shows(wizard: NewEventWizard, qtbot, tmp_path: Path, monkeypatch) -> None:
    page = wizard.event_page
    retype(qtbot, page.name, "Follow the Sun")
    qtbot.keyClicks(page.theme, "Agents at work")
    retype(qtbot, page.date, "2027-03-10")
    retype(qtbot, page.time, "9:00")
    # the start is given in Kathmandu time, found by typing part of the city's name
    retype(qtbot, page.zone_search, "Kath")
    assert page.zone_search.suggestion_texts() == ["Kathmandu — Asia/Kathmandu"]
    qtbot.keyClick(page.zone_search, Qt.Key.Key_Return)
    assert page.zone.currentText() == "Asia/Kathmandu" and wizard.currentPage() is page
    assert page.start_utc() == utc(2027, 3, 10, 3, 15)  # 09:00 at UTC+05:45
    assert "In UTC:</b> Wed 10 Mar 2027 03:15 → Thu 11 Mar 2027 03:15" in page.preview.text()

    wizard.next()
    hubs = wizard.hubs_page
    assert wizard.currentPage() is hubs and not hubs.isComplete()
    qtbot.keyClicks(hubs.search, "Bang")
    assert hubs.search.popup_visible
    assert hubs.search.suggestion_texts()[:2] == ["Bangalore — Asia/Kolkata", "Bangkok — Asia/Bangkok"]
    qtbot.keyClick(hubs.search, Qt.Key.Key_Return)  # Enter adds the first suggestion, the wizard stays
    assert wizard.currentPage() is hubs and hubs.search.text() == ""
    qtbot.keyClicks(hubs.search, "Kath")
    qtbot.keyClick(hubs.search, Qt.Key.Key_Enter)
    qtbot.keyClicks(hubs.search, "America/Los_Angeles")
    qtbot.keyClick(hubs.search, Qt.Key.Key_Return)
    assert [(h.name, h.zone) for h in hubs.hubs()] == [
        ("Bangalore", "Asia/Kolkata"), ("Kathmandu", "Asia/Kathmandu"), ("Los Angeles", "America/Los_Angeles")]
    bangalore, kathmandu, west = hubs.rows
    # unknown places and a second hub of the same name are refused in words, nothing added
    qtbot.keyClicks(hubs.search, "Atlantis")
    qtbot.keyClick(hubs.search, Qt.Key.Key_Return)
    assert "unknown time zone or city: 'Atlantis'" in hubs.message.text() and len(hubs.rows) == 3
    assert hubs.search.text() == "Atlantis"  # kept, to be corrected
    retype(qtbot, hubs.search, "Bangalore")
    qtbot.keyClick(hubs.search, Qt.Key.Key_Return)
    assert "Bangalore is a hub already" in hubs.message.text() and len(hubs.rows) == 3

    kathmandu.work_start.setTime(QTime(8, 30))
    kathmandu.work_end.setTime(QTime(16, 30))
    retype(qtbot, west.name, "West Coast")
    # Kathmandu (+05:45): the window starts at 09:00 on Wed 10 there
    assert segments(kathmandu) == [
        (WORKING, "Wed 09:00", "10 03:15"), (AWAKE, "Wed 16:30", "10 10:45"), (NIGHT, "Wed 22:00", "10 16:15"),
        (AWAKE, "Thu 07:00", "11 01:15"), (WORKING, "Thu 08:30", "11 02:45")]
    assert [(c.at, f"{c.after:%a %d}") for c in kathmandu.strip.strip.date_changes] == [(utc(2027, 3, 10, 18, 15),
                                                                                         "Thu 11")]
    assert "UTC+05:45" in kathmandu.zone_label.text()
    # painted as computed: green working stretch, dark night, a red tick at local midnight
    image = kathmandu.strip.grab().toImage()
    working, _, night = (kathmandu.strip.span(s) for s in kathmandu.strip.segments[:3])
    middle = BAR_H // 2
    assert image.pixelColor(int(working.left()) + 3, middle) == COLOURS[WORKING]
    assert image.pixelColor(int(night.left()) + 3, middle) == COLOURS[NIGHT]
    tick = kathmandu.strip.minutes_x(kathmandu.strip.strip.date_changes[0].at)
    assert image.pixelColor(round(tick), BAR_H + 1) == DATE_CHANGE
    # Los Angeles is still on Tuesday the 9th when the event starts
    assert segments(west) == [
        (AWAKE, "Tue 19:15", "10 03:15"), (NIGHT, "Tue 22:00", "10 06:00"), (AWAKE, "Wed 07:00", "10 15:00"),
        (WORKING, "Wed 09:00", "10 17:00"), (AWAKE, "Wed 17:00", "11 01:00")]
    assert [c.at for c in west.strip.strip.date_changes] == [utc(2027, 3, 10, 8)]

    # back on page 1 the start stays in the zone chosen by hand, and every hub shows its local time
    wizard.back()
    assert page.zone.currentText() == "Asia/Kathmandu" and page.start_utc() == utc(2027, 3, 10, 3, 15)
    assert "Tue 09 Mar 2027 19:15 → Wed 10 Mar 2027 19:15" in page.preview.text()
    wizard.next()
    wizard.next()
    venues = wizard.venues_page
    assert wizard.currentPage() is venues and venues.per_hub.isChecked()
    assert venues.per_hub_names.text() == "Adds Bangalore online, Kathmandu online, West Coast online."
    qtbot.mouseClick(venues.add_room, Qt.MouseButton.LeftButton)
    room = venues.rows[0]
    qtbot.keyClicks(room.name, "Lotus room")
    qtbot.keyClicks(room.seats, "40")
    assert room.hub.currentText() == "Bangalore"  # a new room is at the first hub
    wizard.next()
    levels = wizard.levels_page
    assert wizard.currentPage() is levels
    assert [e.text() for e in levels.labels] == ["AI literacy", "Hands-on with AI", "Creating with AI",
                                                 "Building AI systems", "Specialists"]
    retype(qtbot, levels.labels[0], "AI for everyone")
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args: QColor("#123456"))
    qtbot.mouseClick(levels.colour_buttons[2], Qt.MouseButton.LeftButton)

    monkeypatch.setattr(wizard, "choose_path", lambda: str(tmp_path / "follow-the-sun"))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted and errors.shown == []
    assert wizard.created_path == tmp_path / "follow-the-sun.lday"
    assert settings.last_folder() == str(tmp_path)
    with open_event(wizard.created_path) as event_file, event_file.read() as session:
        written = event_summary(session)
    assert (written.event.name, written.event.theme) == ("Follow the Sun", "Agents at work")
    assert (written.event.start_utc, written.event.length_minutes) == (utc(2027, 3, 10, 3, 15), 24 * 60)
    assert [(h.name, h.zone, h.work_start_min, h.work_end_min) for h in written.hubs] == [
        ("Bangalore", "Asia/Kolkata", 540, 1020),
        ("Kathmandu", "Asia/Kathmandu", 510, 990),
        ("West Coast", "America/Los_Angeles", 540, 1020),
    ]
    with open_event(wizard.created_path) as event_file, event_file.read() as session:
        assert [(v.name, v.kind, v.hub, v.capacity) for v in list_venues(session)] == [
            ("Lotus room", "room", "Bangalore", 40), ("Bangalore online", "virtual", "Bangalore", None),
            ("Kathmandu online", "virtual", "Kathmandu", None), ("West Coast online", "virtual", "West Coast", None)]
    assert [(lv.name, lv.colour) for lv in written.levels][:3] == [
        ("AI for everyone", "#2E86AB"), ("Hands-on with AI", "#3BB273"), ("Creating with AI", "#123456")]


def test_the_start_zone_follows_the_first_hub_until_chosen(wizard: NewEventWizard, qtbot) -> None:
    page = wizard.event_page
    page.date.setDate(QDate(2027, 3, 10))
    page.time.setTime(QTime(21, 0))
    assert page.zone.currentText() == "UTC"
    wizard.next()
    wizard.hubs_page.add_hub(HubSpec("Auckland", "Pacific/Auckland"))
    wizard.back()
    # the same instant, now shown in Auckland (UTC+13): 10:00 on the next day
    assert page.zone.currentText() == "Pacific/Auckland"
    assert (page.date.date(), page.time.time()) == (QDate(2027, 3, 11), QTime(10, 0))
    assert page.start_utc() == utc(2027, 3, 10, 21)
    assert [page.zone.itemText(k) for k in range(page.zone.count())] == ["UTC", "Pacific/Auckland"]


def test_bad_hubs_and_levels_are_refused_in_words_and_nothing_is_written(wizard: NewEventWizard, qtbot,
                                                                          tmp_path: Path, monkeypatch) -> None:
    page = wizard.event_page
    retype(qtbot, page.zone_search, "Mars")
    assert not page.isComplete() and "Unknown time zone 'Mars'" in page.preview.text()
    retype(qtbot, page.zone_search, "UTC")
    assert page.isComplete()
    wizard.next()
    hubs = wizard.hubs_page
    first, second = hubs.add_hub(HubSpec("Lisbon", "Europe/Lisbon")), hubs.add_hub(HubSpec("Porto", "Europe/Lisbon"))
    retype(qtbot, second.name, "lisbon")
    wizard.next()
    assert wizard.currentPage() is hubs and "two hubs are called 'lisbon'" in hubs.message.text()
    retype(qtbot, second.name, "Porto")
    first.work_start.setTime(QTime(18, 0))
    wizard.next()
    assert wizard.currentPage() is hubs and "working hours must end after they start" in hubs.message.text()
    first.work_start.setTime(QTime(9, 0))
    qtbot.mouseClick(second.remove, Qt.MouseButton.LeftButton)
    assert hubs.hubs() == [HubSpec("Lisbon", "Europe/Lisbon")]
    wizard.next()
    wizard.next()
    levels = wizard.levels_page
    levels.labels[4].clear()
    wizard.next()
    assert "level 5 needs a label" in levels.message.text()
    # Finish with an empty label: a readable error, no question where to save, no file
    asked: list[bool] = []
    monkeypatch.setattr(wizard, "choose_path", lambda: asked.append(True) or str(tmp_path / "x.lday"))
    wizard.accept()
    assert errors.shown[-1] == "level 5 needs a label" and asked == [] and wizard.result() != QWizard.DialogCode.Accepted
    levels.labels[4].setText("Experts")
    # a folder that does not exist: refused, the wizard stays open
    monkeypatch.setattr(wizard, "choose_path", lambda: str(tmp_path / "missing" / "x.lday"))
    wizard.accept()
    assert "does not exist" in errors.shown[-1] and wizard.created_path is None
    assert list(tmp_path.iterdir()) == [tmp_path / "settings"]


def test_a_hub_can_be_written_as_on_the_command_line(wizard: NewEventWizard, qtbot) -> None:
    wizard.next()
    hubs = wizard.hubs_page
    qtbot.keyClicks(hubs.search, "HQ=Europe/London@08:00-16:00")
    qtbot.keyClick(hubs.search, Qt.Key.Key_Return)
    assert hubs.hubs() == [HubSpec("HQ", "Europe/London", 480, 960)]
    assert (hubs.rows[0].work_start.time(), hubs.rows[0].work_end.time()) == (QTime(8, 0), QTime(16, 0))
