"""The wizard's date and time boxes take what is typed: ISO dates, months in words, digits, '09:30'."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QWizard

from ui.typed_fields import DateField, TimeField
from ui.new_event.wizard import NewEventWizard

# the city search's popup asks the offscreen platform for things it cannot do
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")


@pytest.fixture()
def wizard(qtbot) -> NewEventWizard:
    wizard = NewEventWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.event_page.date.setDate(QDate(2027, 1, 6))
    return wizard


def type_into(qtbot, field, text: str) -> None:
    """As a user does: click into the box (its text is then selected) and type."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=field.rect().center())
    qtbot.waitUntil(lambda: field.selectedText() == field.text())
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize(("text", "day"), [
    ("2027-03-10", QDate(2027, 3, 10)),
    ("10 Mar 2027", QDate(2027, 3, 10)),
    ("Wed 10 March 2027", QDate(2027, 3, 10)),
    ("March 10", QDate(2027, 3, 10)),
    ("April", QDate(2027, 4, 6)),  # a month name: the same day of that month
    ("15", QDate(2027, 1, 15)),  # digits: that day of the month shown
])
def test_a_typed_date_takes_effect(wizard: NewEventWizard, qtbot, text: str, day: QDate) -> None:
    page = wizard.event_page
    type_into(qtbot, page.date, text)
    assert page.date.date() == day and page.date.problem == ""
    qtbot.keyClick(page.date, Qt.Key.Key_Tab)  # leaving the box writes the date the usual way
    assert page.date.text() == day.toString("ddd d MMM yyyy")
    assert page.start_utc() == datetime(day.year(), day.month(), day.day(), 9, tzinfo=timezone.utc)


@pytest.mark.parametrize(("text", "minutes"), [("09:30", 570), ("9:30", 570), ("1415", 855), ("17h45", 1065),
                                               ("7", 420)])
def test_a_typed_time_takes_effect(wizard: NewEventWizard, qtbot, text: str, minutes: int) -> None:
    page = wizard.event_page
    type_into(qtbot, page.time, text)
    assert page.time.minutes() == minutes and page.time.time() == QTime(minutes // 60, minutes % 60)
    assert page.start_utc() == datetime(2027, 1, 6, minutes // 60, minutes % 60, tzinfo=timezone.utc)


def test_text_that_is_no_date_is_shown_in_words_and_holds_the_page(wizard: NewEventWizard, qtbot) -> None:
    page = wizard.event_page
    type_into(qtbot, page.date, "10/03/2027")
    assert "give the month as a word" in page.preview.text() and not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClick(page.date, Qt.Key.Key_Tab)
    assert page.date.text() == "10/03/2027"  # kept, to be corrected
    type_into(qtbot, page.date, "10 Oct 2027")
    assert page.isComplete() and page.date.date() == QDate(2027, 10, 10) and "In UTC" in page.preview.text()
    type_into(qtbot, page.time, "24:00")
    assert "a start is 00:00 to 23:59" in page.preview.text() and not page.isComplete()


def test_up_and_down_step_and_the_calendar_picks(qtbot) -> None:
    date_box, time_box = DateField(QDate(2027, 3, 10)), TimeField(minutes=9 * 60 + 7)
    for box in (date_box, time_box):
        qtbot.addWidget(box)
    qtbot.keyClick(date_box, Qt.Key.Key_Up)
    assert date_box.date() == QDate(2027, 3, 11)
    qtbot.keyClick(time_box, Qt.Key.Key_Down)
    assert time_box.text() == "09:00"
    qtbot.keyClick(time_box, Qt.Key.Key_Up)
    assert time_box.text() == "09:15"
    with qtbot.waitSignal(date_box.dateChanged):
        date_box.calendar.clicked.emit(QDate(2027, 5, 1))
    assert date_box.text() == "Sat 1 May 2027"


def test_an_end_of_working_hours_may_be_midnight(qtbot) -> None:
    end = TimeField(end=True, minutes=17 * 60)
    qtbot.addWidget(end)
    for text, minutes in (("24:00", 1440), ("00:00", 1440), ("16:30", 990)):
        end.selectAll()
        qtbot.keyClicks(end, text)
        assert end.minutes() == minutes
    end.selectAll()
    qtbot.keyClicks(end, "25:00")
    assert end.problem == "the time '25:00' does not exist (a day runs from 00:00 to 24:00)"


def test_typed_working_hours_reach_the_hub_and_bad_ones_hold_the_page(wizard: NewEventWizard, qtbot) -> None:
    wizard.next()
    hubs = wizard.hubs_page
    qtbot.keyClicks(hubs.search, "Kathmandu")
    qtbot.keyClick(hubs.search, Qt.Key.Key_Return)
    row = hubs.rows[0]
    for box, text in ((row.work_start, "0830"), (row.work_end, "16:30")):
        box.setFocus(Qt.FocusReason.TabFocusReason)  # (offscreen, a click in the scrolled rows misses them)
        qtbot.waitUntil(lambda box=box: box.selectedText() == box.text())  # the text is selected: typing replaces it
        qtbot.keyClicks(box, text)
    assert (hubs.hubs()[0].work_start_min, hubs.hubs()[0].work_end_min) == (510, 990)
    row.work_end.selectAll()
    qtbot.keyClicks(row.work_end, "4pm")
    wizard.next()
    assert wizard.currentPage() is hubs
    assert hubs.message.text() == "hub 'Kathmandu': working hours: not a time of day like 09:00: '4pm'"
