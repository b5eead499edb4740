"""Plan workspace: drag, undo and redo reach the file; conflicts and coverage follow."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from learningday.plan import sessions as agenda
from learningday.plan.dto import SessionDraft
from learningday.store.db import open_event
from ui import errors
from ui.main_window import MainWindow


def _on_disk(path: Path, uid: str) -> SessionDraft:
    with open_event(path) as event_file, event_file.read() as session:
        return agenda.session_draft(session, uid)


def _drag(qtbot, view, start: QPoint, end: QPoint) -> None:
    with qtbot.waitSignal(view.session_changed):
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(view.viewport(), pos=end)
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


def test_drag_to_a_new_time_and_venue_then_undo_and_redo(window: MainWindow, demo_file: Path, qtbot) -> None:
    window.resize(1400, 900)
    window.open_path(demo_file)
    timeline = window.plan.timeline
    timeline.set_zoom(1.2, anchor_x=0)
    timeline.horizontalScrollBar().setValue(0)
    timeline.verticalScrollBar().setValue(0)
    size = timeline.viewport().size()
    rect, row = next(
        (r, s) for r, s in timeline.blocks()
        if r.left() > 210 and r.right() + 80 < size.width() and r.bottom() + 40 < size.height()
        and r.top() > timeline.lanes_top() and s.venue != timeline.lanes[-1].name
    )
    before = _on_disk(demo_file, row.uid)
    lane = next(i for i, v in enumerate(timeline.lanes) if v.name == row.venue)
    start = QPoint(int(rect.center().x()), int(rect.center().y()))
    _drag(qtbot, timeline, start, QPoint(start.x() + 72, start.y() + 34))  # +60 min, one lane down
    moved = _on_disk(demo_file, row.uid)
    assert moved.start_utc == before.start_utc + timedelta(minutes=60)
    assert moved.venue_id == timeline.lanes[lane + 1].id
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText().startswith("Move")
    window.undo_stack.undo()
    assert _on_disk(demo_file, row.uid) == before
    window.undo_stack.redo()
    assert _on_disk(demo_file, row.uid) == moved


def test_conflicts_panel_updates_on_the_same_action(window: MainWindow, demo_file: Path, qtbot) -> None:
    window.open_path(demo_file)
    plan = window.plan
    doubles = [c for c in plan.conflicts if c.kind == "venue_double_booked"]
    assert doubles == []
    rows = [s for s in plan.sessions if s.venue_kind == "room"]
    a, b = rows[0], next(s for s in rows[1:] if s.venue != rows[0].venue)
    # put b into a's room at a's time: a venue double-booking appears, then goes with undo
    draft = _on_disk(demo_file, b.uid)
    target = _on_disk(demo_file, a.uid)
    plan.place_session(b.uid, target.start_utc, a.venue, draft.duration_minutes)
    kinds = {c.kind for c in plan.conflicts}
    assert "venue_double_booked" in kinds
    assert any(a.title in plan.conflict_table.item(r, 1).text() for r in range(plan.conflict_table.rowCount()))
    window.undo_stack.undo()
    assert "venue_double_booked" not in {c.kind for c in plan.conflicts}


def test_a_refused_change_writes_nothing_and_says_why(window: MainWindow, demo_file: Path) -> None:
    window.open_path(demo_file)
    plan = window.plan
    row = plan.sessions[0]
    before = _on_disk(demo_file, row.uid)
    late = plan.summary.event.end_utc + timedelta(hours=1)
    plan.place_session(row.uid, late, row.venue, row.duration_minutes)
    assert _on_disk(demo_file, row.uid) == before
    assert window.undo_stack.count() == 0
    assert errors.shown and "window" in errors.shown[-1]


def test_coverage_matrix_is_real_and_a_cell_click_highlights_the_hub(window: MainWindow, demo_file: Path) -> None:
    window.open_path(demo_file)
    plan = window.plan
    table = plan.coverage_table
    assert (table.rowCount(), table.columnCount()) == (10, 5)  # a row per hub, a column per level
    counts = [int(table.item(r, c).text()) for r in range(10) for c in range(5)]
    assert sum(counts) > 40 and max(counts) >= 1
    sydney = [h.name for h in plan.summary.hubs].index("Sydney")
    plan._on_coverage_table_cellClicked(sydney, 0)
    assert plan.timeline.highlight is not None
    a, b = plan.timeline.highlight
    assert b - a == 8 * 60  # 09:00-17:00 in Sydney's own day


def test_delete_and_undo_restore_the_same_session(window: MainWindow, tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from learningday.setup.event import create_event_file

    path = create_event_file(tmp_path / "e.lday", name="Day", start_utc=datetime(2027, 3, 10, 21, tzinfo=timezone.utc))
    window.open_path(path)
    plan = window.plan
    draft = SessionDraft(title="Prompting 101", level_id=2, start_utc=datetime(2027, 3, 10, 22, tzinfo=timezone.utc))
    assert plan.create_session(draft)
    uid = plan.sessions[0].uid
    plan.delete_session(uid)
    assert plan.sessions == []
    window.undo_stack.undo()
    assert [s.uid for s in plan.sessions] == [uid] and _on_disk(path, uid) == draft
    window.undo_stack.undo()
    assert plan.sessions == []
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert plan.sessions == []


def test_an_undo_the_file_no_longer_allows_changes_nothing_says_why_and_clears_history(
        window: MainWindow, tmp_path: Path, qtbot) -> None:
    import hashlib
    from datetime import datetime, timezone

    from sqlalchemy import delete

    from learningday.setup.event import create_event_file
    from learningday.store.models import Level
    from learningday.store.models import Session as LearningSession
    path = create_event_file(tmp_path / "e.lday", name="Day", start_utc=datetime(2027, 3, 10, 21, tzinfo=timezone.utc))
    window.open_path(path)
    draft = SessionDraft(title="Prompting 101", level_id=2, start_utc=datetime(2027, 3, 10, 22, tzinfo=timezone.utc))
    assert window.plan.create_session(draft)
    uid = window.plan.sessions[0].uid
    window.plan.delete_session(uid)
    with open_event(path) as event_file, event_file.write() as session:  # another window drops level 2
        session.execute(delete(LearningSession).where(LearningSession.level_id == 2))
        session.execute(delete(Level).where(Level.id == 2))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    window.undo_stack.undo()  # re-creating the level-2 session is refused by the core
    assert errors.shown[-1].startswith("Could not undo “Delete “Prompting 101””")
    assert errors.shown[-1].endswith("The undo history is cleared: it no longer matches the event file.")
    qtbot.waitUntil(lambda: window.undo_stack.count() == 0)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert window.plan.sessions == []
