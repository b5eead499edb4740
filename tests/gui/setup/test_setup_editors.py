"""Setup editors: edits reach the file, the Plan workspace follows at once, Ctrl+Z takes them back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack

from learningday.setup import services as setup
from learningday.setup.dto import FacilitatorDraft, HubDraft, VenueDraft
from learningday.store.db import open_event
from tests.helpers import sha256
from tests.helpers.planning import Small
from ui.document import EventDocument
from ui.main_window import MainWindow
from ui.setup import editor as setup_editor
from ui.setup.dialogs import SetupEditors
from ui.widgets import set_minutes
from ui.zone_input import zone_suggestions


def on_disk(path: Path, reader):
    with open_event(path) as ef, ef.read() as s:
        return reader(s)


def hub_id(editor, name: str) -> int:
    return next(i for i, d in editor.drafts.items() if d.name == name)


def sydney_view(window: MainWindow) -> tuple[int, tuple]:
    """Sydney's coverage (sessions inside its working hours, all levels) and its ruler's working windows."""
    plan = window.plan
    row = [h.name for h in plan.summary.hubs].index("Sydney")
    covered = sum(int(plan.coverage_table.item(row, c).text()) for c in range(plan.coverage_table.columnCount()))
    return covered, tuple((w.start, w.end) for w in plan.timeline.clocks[row].working)


def test_working_hours_edit_reaches_file_and_plan_and_ctrl_z_restores_both(window: MainWindow, demo_file: Path,
                                                                          qtbot) -> None:
    window.open_path(demo_file)
    before_view, before_file = sydney_view(window), sha256(demo_file)
    editor = window.open_setup("hubs")
    sydney = hub_id(editor, "Sydney")
    editor.select(sydney)
    assert editor.zone.text() == "Australia/Sydney" and "UTC+11:00" in editor.offset.text()
    set_minutes(editor.work_start, 17 * 60)
    set_minutes(editor.work_end, 0)  # 00:00 as an end: midnight, 24:00
    assert "Thu 11 06:00–13:00 UTC" in editor.in_utc.text()  # 17:00-24:00 at UTC+11, shown live
    assert editor.save()
    assert on_disk(demo_file, setup.hub_drafts)[sydney] == HubDraft("Sydney", "Australia/Sydney", 1020, 1440, 1)
    covered, ruler = sydney_view(window)
    assert covered < before_view[0]  # the demo teaches Sydney inside 09:00-17:00
    assert ruler[0][0] - before_view[1][0][0] == timedelta(hours=8)
    assert editor.table.item(0, 3).text() == "17:00–24:00"
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keySequence(editor.table, QKeySequence.StandardKey.Undo)
    assert on_disk(demo_file, setup.hub_drafts)[sydney].work_start_min == 9 * 60
    assert sydney_view(window) == before_view
    assert editor.table.item(0, 3).text() == "09:00–17:00" and editor.work_start.time().hour() == 9
    window.close_event_file()  # closes the file: its bytes are the original ones again
    assert sha256(demo_file) == before_file


def test_a_refused_hub_edit_is_shown_inline_and_writes_nothing(editors: SetupEditors, document: EventDocument,
                                                                undo_stack: QUndoStack, small: Small) -> None:
    editor = editors.open("hubs", document, undo_stack)
    editor.select(small.hubs["Tokyo"])
    digest = sha256(small.path)
    editor.zone.setText("Asia/Tokio")
    assert editor.zone.property("invalid") is True and "not a known time zone" in editor.offset.text()
    assert not editor.save()
    assert "unknown time zone 'Asia/Tokio'" in editor.error.text()
    editor.zone.setText("Asia/Tokyo")
    editor.name.setText("London")
    assert not editor.save() and "there is a hub called 'London' already" in editor.error.text()
    assert undo_stack.count() == 0 and sha256(small.path) == digest


def test_add_a_venue_then_undo_and_redo(window: MainWindow, small: Small) -> None:
    window.open_path(small.path)
    editor = window.open_setup("venues")
    editor.start_new()
    editor.name.setText("Kathmandu · Everest Room")
    editor.site.setText("Kathmandu office")
    editor.capacity.setValue(25)
    editor.hub.setCurrentIndex(editor.hub.findText("Bangalore"))
    assert editor.save()
    venue = editor.current
    added = VenueDraft("Kathmandu · Everest Room", "room", "Kathmandu office", 25, small.hubs["Bangalore"], "")
    assert on_disk(small.path, setup.venue_drafts)[venue] == added
    assert "Kathmandu · Everest Room" in [lane.name for lane in window.plan.timeline.lanes]
    window.undo_stack.undo()
    assert venue not in on_disk(small.path, setup.venue_drafts)
    assert "Kathmandu · Everest Room" not in [lane.name for lane in window.plan.timeline.lanes]
    assert editor.current != venue and editor.table.rowCount() == len(on_disk(small.path, setup.venue_drafts))
    window.undo_stack.redo()
    assert on_disk(small.path, setup.venue_drafts)[venue] == added  # the same id again
    editor.select(venue)
    editor.venue_kind.setCurrentIndex(1)
    assert not editor.site.isEnabled()
    editor.link.setText("not a link")
    assert not editor.save() and "http(s)" in editor.error.text()


def test_add_a_facilitator_then_undo_and_redo(editors: SetupEditors, document: EventDocument, undo_stack: QUndoStack,
                                              small: Small) -> None:
    editor = editors.open("facilitators", document, undo_stack)
    editor.start_new()
    editor.name.setText("Zoë Quinn")
    editor.email.setText("zoe.quinn@example.com")
    editor.zone.setText("Asia/Kathmandu")
    assert "UTC+05:45" in editor.offset.text()
    set_minutes(editor.window_start, 13 * 60)
    set_minutes(editor.window_end, 17 * 60)
    editor.add_window_button.click()
    editor.add_window(8 * 60, 12 * 60)
    assert [editor.windows.item(i).text() for i in range(editor.windows.count())] == ["08:00–12:00", "13:00–17:00"]
    # their local day in UTC, at +05:45, inside the event (Wed 10 21:00Z = Thu 11 02:45 in Kathmandu)
    assert editor.in_utc.text() == "In the event: Thu 11 02:15–06:15 UTC; Thu 11 07:15–11:15 UTC"
    editor.level_boxes[1].setChecked(True)
    editor.level_boxes[4].setChecked(True)
    assert editor.save()
    person = editor.current
    added = FacilitatorDraft("Zoë Quinn", "zoe.quinn@example.com", "Asia/Kathmandu", ((480, 720), (780, 1020)), (1, 4))
    assert on_disk(small.path, setup.facilitator_drafts)[person] == added
    assert undo_stack.undoText() == "Add facilitator “Zoë Quinn”"
    undo_stack.undo()
    assert person not in on_disk(small.path, setup.facilitator_drafts)
    undo_stack.redo()
    assert on_disk(small.path, setup.facilitator_drafts)[person] == added
    editor.select(person)
    editor.email.setText("zoe@")
    assert not editor.save() and "not a valid email address" in editor.error.text()


def test_removing_a_hub_in_use_asks_first_and_undo_brings_everything_back(window: MainWindow, demo_file: Path,
                                                                          monkeypatch) -> None:
    window.open_path(demo_file)
    editor = window.open_setup("hubs")
    tokyo = hub_id(editor, "Tokyo")
    editor.select(tokyo)
    asked: list[str] = []
    monkeypatch.setattr(setup_editor, "confirm", lambda **kw: asked.append(kw["text"]) or False)
    digest = sha256(demo_file)
    assert not editor.remove_current() and sha256(demo_file) == digest
    assert "attendees lose their hub" in asked[0] and "open to every hub" in asked[0]
    monkeypatch.setattr(setup_editor, "confirm", lambda **kw: True)
    summary_before = window.document.summary()
    assert editor.remove_current()
    assert "Tokyo" not in [h.name for h in window.plan.summary.hubs]
    assert window.plan.coverage_table.rowCount() == 9
    window.undo_stack.undo()
    assert on_disk(demo_file, setup.hub_drafts)[tokyo].name == "Tokyo"
    assert window.document.summary() == summary_before and window.plan.coverage_table.rowCount() == 10


def test_hub_order_moves_the_rulers(window: MainWindow, small: Small) -> None:
    window.open_path(small.path)
    editor = window.open_setup("hubs")
    editor.select(small.hubs["Tokyo"])
    editor.up.click()
    assert [h.name for h in window.plan.timeline.hubs] == ["London", "Tokyo", "Bangalore"]
    window.undo_stack.undo()
    assert [h.name for h in window.plan.timeline.hubs] == ["London", "Bangalore", "Tokyo"]


def test_event_properties_change_the_window_and_undo(window: MainWindow, demo_file: Path, monkeypatch) -> None:
    window.open_path(demo_file)
    dialog = window.open_setup("properties")
    assert "Bangalore Thu 11 02:30" in dialog.local.text()
    dialog.name.setText("  ")
    assert not dialog.save() and "must not be empty" in dialog.error.text() and window.undo_stack.count() == 0
    dialog.name.setText("Learning Day 2027")
    dialog.length.setValue(12)
    asked: list[str] = []
    monkeypatch.setattr(setup_editor, "confirm", lambda **kw: asked.append(kw["text"]) or True)
    assert dialog.save()
    assert asked and "outside the new window" in asked[0]
    assert window.plan.timeline.minutes == 12 * 60 and "Learning Day 2027" in window.windowTitle()
    window.undo_stack.undo()
    assert window.plan.timeline.minutes == 24 * 60
    assert on_disk(demo_file, setup.event_props).name == "Global AI Learning Day (demo)"


def test_plan_buttons_and_event_menu_open_the_editors(window: MainWindow, small: Small) -> None:
    window.open_path(small.path)
    window.plan.findChild(QAction, "setup_facilitators").trigger()  # Plan ▸ Setup ▸ Facilitators…
    assert window.setup_editors.open_editors["facilitators"].isVisible()
    window.findChild(QAction, "event_venues").trigger()  # Event ▸ Venues…
    assert window.setup_editors.open_editors["venues"].isVisible()
    window.close_event_file()
    assert window.setup_editors.open_editors == {}


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_zone_box_suggests_as_you_type(qtbot) -> None:  # the popup's warnings come from the offscreen plugin
    from ui.zone_input import ZoneEdit

    assert ("Asia/Kathmandu", "Asia/Kathmandu") in zone_suggestions("kathm")
    assert zone_suggestions("new y")[0][1] == "America/New_York"
    box = ZoneEdit()
    qtbot.addWidget(box)
    qtbot.keyClicks(box, "kolk")
    zones = [box.suggestions.item(r).data(Qt.ItemDataRole.UserRole) for r in range(box.suggestions.rowCount())]
    assert "Asia/Kolkata" in zones


def test_a_closed_editor_reads_the_file_again_only_when_shown(editors: SetupEditors, document: EventDocument,
                                                              undo_stack: QUndoStack) -> None:
    editor = editors.open("venues", document, undo_stack)
    editor.close()
    reads = []
    real = editor.load
    editor.load = lambda session: reads.append(1) or real(session)
    from ui.setup.commands import add_command

    pop_up = add_command(document, "venue", VenueDraft("Pop-up room", "room", "Lobby", 12))
    assert editors.open("hubs", document, undo_stack).push_command(pop_up)
    assert reads == []  # closed: nothing read
    assert editors.open("venues", document, undo_stack) is editor and reads == [1]
    assert "Pop-up room" in {d.name for d in editor.drafts.values()}
