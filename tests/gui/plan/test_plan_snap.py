"""The Plan workspace's Snap setting: drags and resizes land on a 5, 15 or 30 minute UTC grid, remembered."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from learningday.plan.dto import SessionDraft
from learningday.plan.sessions import create_session, session_draft
from learningday.store.db import open_event
from tests.helpers.planning import Small, at
from ui import settings
from ui.main_window import MainWindow
from ui.workspaces.plan.snap_box import SnapBox

STEP_PX = 26  # 21.7 minutes at 1.2 px/min


def on_disk(path: Path, uid: str) -> SessionDraft:
    with open_event(path) as ef, ef.read() as s:
        return session_draft(s, uid)


def drag(qtbot, window: MainWindow, uid: str, *, edge: bool) -> None:
    timeline = window.plan.timeline
    rect = timeline.block_rect(uid)
    assert rect is not None
    x = int(rect.right()) - 2 if edge else int(rect.center().x())
    start = QPoint(x, int(rect.center().y()))
    end = QPoint(start.x() + STEP_PX, start.y())
    with qtbot.waitSignal(timeline.session_changed):
        qtbot.mousePress(timeline.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(timeline.viewport(), pos=end)
        qtbot.mouseRelease(timeline.viewport(), Qt.MouseButton.LeftButton, pos=end)


def test_default_is_15_minutes_and_the_choice_is_remembered(window: MainWindow, qtbot) -> None:
    box = window.plan.snap_box
    assert (box.minutes(), window.plan.timeline.snap_minutes, box.currentText()) == (15, 15, "15 min")
    assert [box.itemText(i) for i in range(box.count())] == ["5 min", "15 min", "30 min"]
    box.set_minutes(30)
    assert settings.snap_minutes() == 30 and window.plan.timeline.snap_minutes == 30
    again = SnapBox(window.plan.timeline)
    qtbot.addWidget(again)
    assert again.minutes() == 30
    settings.settings().setValue("plan/snap_minutes", "7")  # not a choice: the default
    assert settings.snap_minutes() == 15


def test_drag_and_resize_snap_to_each_setting_on_disk(window: MainWindow, small: Small, qtbot) -> None:
    with open_event(small.path) as ef, ef.write() as s:
        uid = create_session(s, SessionDraft("Prompting", 2, at(2), 60, small.venues["Room B"]))
    window.resize(1400, 900)
    window.open_path(small.path)
    timeline = window.plan.timeline
    timeline.set_zoom(1.2, anchor_x=0)
    timeline.horizontalScrollBar().setValue(0)
    # start 23:00Z, 60 min; each drag is +21.7 min: the start (and then the end) lands on the grid
    expected = {  # snap: (start after the move, duration after the resize)
        5: (at(2) + timedelta(minutes=20), 80),     # 23:21.7 -> 23:20; end 00:41.7 -> 00:40
        15: (at(2) + timedelta(minutes=45), 105),   # 23:41.7 -> 23:45; end 01:05 + 21.7 -> 01:30
        30: (at(3), 120),                           # 00:06.7 -> 00:00; end 01:45 + 21.7 -> 02:00
    }
    for snap, (start, minutes) in expected.items():
        window.plan.snap_box.set_minutes(snap)
        drag(qtbot, window, uid, edge=False)
        assert on_disk(small.path, uid).start_utc == start
        drag(qtbot, window, uid, edge=True)
        moved = on_disk(small.path, uid)
        assert (moved.start_utc, moved.duration_minutes) == (start, minutes)
    assert window.undo_stack.count() == 6
