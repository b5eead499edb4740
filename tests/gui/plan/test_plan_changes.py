"""A drag says what it changed: only the plan's views follow, and undo needs no read of its own."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from learningday.plan import sessions as agenda
from learningday.plan.dto import SessionDraft, SessionRow
from learningday.store.db import open_event
from ui.changes import PLAN, Changes
from ui.main_window import MainWindow


def _on_disk(path: Path, uid: str) -> SessionDraft:
    with open_event(path) as event_file, event_file.read() as session:
        return agenda.session_draft(session, uid)


def _count_reads(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Every read the window's document makes from now on, by name (a draft read fails the test)."""
    reads: Counter = Counter()
    document = window.document
    for name in ("summary", "sessions", "venues", "plan_checks", "first_attendee_page", "attendee_page",
                 "departments", "presence", "facilitators"):
        def counted(*args, _read=getattr(document, name), _name=name, **kwargs):
            reads[_name] += 1
            return _read(*args, **kwargs)

        monkeypatch.setattr(document, name, counted)
    monkeypatch.setattr(document, "session_draft", lambda uid: pytest.fail(f"read the draft of {uid} again"))
    return reads


def _drag_one_hour_later(qtbot, window: MainWindow) -> SessionRow:
    """Drag a block fully in view one hour to the right with the mouse; the row it was."""
    timeline = window.plan.timeline
    timeline.set_zoom(1.2, anchor_x=0)
    timeline.horizontalScrollBar().setValue(0)
    width = timeline.viewport().width()
    rect, row = next((r, s) for r, s in timeline.blocks()
                     if r.left() > 210 and r.right() + 80 < width and r.top() > timeline.lanes_top())
    start = QPoint(int(rect.center().x()), int(rect.center().y()))
    end = QPoint(start.x() + 72, start.y())  # 72 px at 1.2 px/min: one hour, same lane
    with qtbot.waitSignal(window.plan.changes_shown) as shown:
        qtbot.mousePress(timeline.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(timeline.viewport(), pos=end)
        qtbot.mouseRelease(timeline.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert shown.args == [Changes.of(PLAN, sessions={row.uid})]
    return row


@pytest.fixture()
def on_plan(window: MainWindow, demo_file: Path) -> MainWindow:
    window.resize(1400, 900)
    window.open_path(demo_file)
    window.show_workspace(0)
    return window


def test_a_drag_refreshes_the_plans_views_and_nothing_else(on_plan: MainWindow, demo_file: Path, qtbot,
                                                           monkeypatch) -> None:
    window = on_plan
    reads = _count_reads(window, monkeypatch)
    sessions_offered = window.checkin.session_box.count()
    with qtbot.assertNotEmitted(window.attendees.model.modelReset):
        row = _drag_one_hour_later(qtbot, window)
    # the moved row and the checks over the agenda, and no more: no summary, no attendee page
    assert reads == Counter(sessions=1, plan_checks=1)
    moved = next(s for s in window.plan.sessions if s.uid == row.uid)
    assert moved.start_utc == row.start_utc + timedelta(hours=1) == _on_disk(demo_file, row.uid).start_utc
    assert (moved.registered, moved.checked_in) == (row.registered, row.checked_in)
    assert moved in window.plan.timeline.sessions
    assert any(window.plan.model.row_at(r) == moved for r in range(window.plan.model.rowCount()))
    assert [s.start_utc for s in window.plan.sessions if s.start_utc] == sorted(
        s.start_utc for s in window.plan.sessions if s.start_utc)
    # the other workspaces follow when shown; the attendee table is not read again for an agenda change
    with qtbot.assertNotEmitted(window.attendees.model.modelReset):
        window.show_workspace(1)
    assert next(s for s in window.attendees.sessions if s.uid == row.uid).start_utc == moved.start_utc
    window.show_workspace(2)
    box = window.checkin.session_box
    assert box.count() == sessions_offered
    assert f"({moved.start_utc:%H:%M} UTC)" in box.itemText(box.findData(row.uid))  # the hub's clock, UTC beside
    assert reads["first_attendee_page"] == reads["summary"] == 0


def test_undo_of_a_drag_writes_back_what_the_drag_replaced(on_plan: MainWindow, demo_file: Path, qtbot,
                                                           monkeypatch) -> None:
    window = on_plan
    reads = _count_reads(window, monkeypatch)  # any read of a session's draft fails the test
    row = _drag_one_hour_later(qtbot, window)
    before = window.undo_stack.command(0).before  # what the write answered, kept for undo
    assert before.start_utc == row.start_utc and window.undo_stack.undoText() == f"Move “{row.title}”"
    with qtbot.waitSignal(window.plan.changes_shown) as shown:
        window.undo_stack.undo()
    assert shown.args == [Changes.of(PLAN, sessions={row.uid})]
    assert _on_disk(demo_file, row.uid) == before
    assert next(s for s in window.plan.sessions if s.uid == row.uid) == row
    window.undo_stack.redo()
    assert _on_disk(demo_file, row.uid).start_utc == row.start_utc + timedelta(hours=1)
    assert reads["summary"] == 0


def test_scheduling_a_draft_reads_the_totals_again(on_plan: MainWindow, qtbot, monkeypatch) -> None:
    window = on_plan
    assert window.plan.create_session(SessionDraft(title="Pop-up clinic", level_id=1, start_utc=None))
    draft = next(s for s in window.plan.sessions if s.title == "Pop-up clinic")
    venue = window.plan.venues[0]
    reads = _count_reads(window, monkeypatch)
    start = window.plan.summary.event.start_utc + timedelta(hours=1)
    with qtbot.waitSignal(window.plan.changes_shown) as shown:
        assert window.plan.place_session(draft.uid, start, venue.name, 45)
    assert shown.args[0].counts and reads["summary"] == 1  # one fewer unscheduled draft
    assert window.undo_stack.undoText() == "Schedule “Pop-up clinic”"
    assert draft.uid not in window.plan.unscheduled.uids()
    placed = next(s for s in window.plan.sessions if s.uid == draft.uid)
    assert (placed.start_utc, placed.venue, placed.duration_minutes) == (start, venue.name, 45)
