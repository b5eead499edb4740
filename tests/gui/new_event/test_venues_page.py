"""The wizard's venues page: a channel per hub offered, rooms added, edited and removed, refusals in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWizard

from learningday.setup.event import list_venues
from learningday.setup.new_event import HubSpec, VenueSpec
from learningday.store.db import open_event
from ui import errors
from ui.new_event.wizard import NewEventWizard


@pytest.fixture()
def wizard(qtbot) -> NewEventWizard:
    wizard = NewEventWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.event_page.date.setDate(QDate(2027, 3, 10))
    wizard.next()
    wizard.hubs_page.add_hub(HubSpec("Lisbon", "Europe/Lisbon"))
    wizard.hubs_page.add_hub(HubSpec("Tokyo", "Asia/Tokyo"))
    wizard.next()
    assert wizard.currentPage() is wizard.venues_page
    return wizard


def add(qtbot, page, button, name: str, seats: str = ""):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    row = page.rows[-1]
    qtbot.keyClicks(row.name, name)
    qtbot.keyClicks(row.seats, seats)
    return row


def test_a_channel_per_hub_is_offered_ticked(wizard: NewEventWizard, qtbot) -> None:
    page = wizard.venues_page
    assert page.per_hub.isChecked() and page.rows == [] and page.empty.isVisible()
    assert page.per_hub_names.text() == "Adds Lisbon online, Tokyo online."
    assert page.venues() == [VenueSpec("Lisbon online", "virtual", "Lisbon"), VenueSpec("Tokyo online", "virtual", "Tokyo")]
    page.per_hub.click()
    assert page.venues() == [] and not page.per_hub_names.isEnabled()


def test_rooms_and_channels_are_added_edited_and_removed(wizard: NewEventWizard, qtbot) -> None:
    page = wizard.venues_page
    hall = add(qtbot, page, page.add_room, "Main hall", "120")
    assert hall.hub.currentText() == "Lisbon" and not page.empty.isVisible()
    teams = add(qtbot, page, page.add_channel, "Teams")
    assert teams.hub.currentText() == "No hub" and teams.kind.currentData() == "virtual"
    spare = add(qtbot, page, page.add_room, "Spare")
    hall.hub.setCurrentIndex(hall.hub.findText("Tokyo"))
    qtbot.keyClicks(hall.name, " East")
    qtbot.mouseClick(spare.remove, Qt.MouseButton.LeftButton)
    assert page.venues()[:2] == [VenueSpec("Main hall East", "room", "Tokyo", 120), VenueSpec("Teams", "virtual")]
    assert len(page.venues()) == 4
    # a hub renamed on the hubs page: its rooms say 'No hub' instead of pointing at a name that went
    wizard.back()
    wizard.hubs_page.rows[1].name.setText("Tokyo HQ")
    wizard.next()
    assert hall.hub.currentText() == "No hub" and [hall.hub.itemText(k) for k in range(3)] == ["No hub", "Lisbon",
                                                                                                 "Tokyo HQ"]
    assert page.per_hub_names.text() == "Adds Lisbon online, Tokyo HQ online."


@pytest.mark.parametrize(("name", "seats", "message"), [
    ("", "", "venue '': the venue name must not be empty"),
    ("lisbon ONLINE", "", "venue 'Lisbon online': two venues are called 'Lisbon online'; give each venue its own name"),
    ("Hall", "forty", "venue 'Hall': a capacity is a whole number of seats, not 'forty'"),
    ("Hall", "0", "venue 'Hall': a capacity is a whole number of seats, at least 1, not '0'"),
    ("Hall", "2.5", "venue 'Hall': a capacity is a whole number of seats, at least 1, not '2.5'"),
])
def test_bad_venues_hold_the_page_with_a_message(wizard: NewEventWizard, qtbot, name: str, seats: str,
                                                 message: str) -> None:
    page = wizard.venues_page
    add(qtbot, page, page.add_room, name, seats)
    wizard.next()
    assert wizard.currentPage() is page and page.message.isVisible() and page.message.text() == message
    qtbot.keyClicks(page.rows[0].name, "x")  # an edit clears the message
    assert not page.message.isVisible()


def test_finish_writes_the_venues(wizard: NewEventWizard, qtbot, tmp_path: Path, monkeypatch) -> None:
    page = wizard.venues_page
    add(qtbot, page, page.add_room, "Alfama", "30")
    add(qtbot, page, page.add_channel, "Zoom", "500")
    page.per_hub.click()
    wizard.next()
    monkeypatch.setattr(wizard, "choose_path", lambda: str(tmp_path / "venues"))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted and errors.shown == []
    with open_event(wizard.created_path) as event_file, event_file.read() as session:
        assert [(v.name, v.kind, v.hub, v.capacity) for v in list_venues(session)] == [
            ("Alfama", "room", "Lisbon", 30), ("Zoom", "virtual", "", 500)]
