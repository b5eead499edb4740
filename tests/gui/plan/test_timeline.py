"""The timeline: hub rulers in local time (odd offsets, date changes) and dragging blocks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QPoint, Qt

from learningday.plan.dto import SessionRow
from learningday.setup.dto import HubDTO, LevelDTO, VenueDTO
from ui.workspaces.plan.timeline import LABEL_W, TimelineView

START = datetime(2027, 3, 10, 21, 0, tzinfo=timezone.utc)
HUBS = (
    HubDTO(1, "Kathmandu", "Asia/Kathmandu", 540, 1020),
    HubDTO(2, "Chatham", "Pacific/Chatham", 540, 1020),
    HubDTO(3, "Chicago", "America/Chicago", 540, 1020),
)
VENUES = (VenueDTO(1, "Room A", "room", "HQ", 30), VenueDTO(2, "Channel 1", "virtual", "", None))
LEVELS = (LevelDTO(1, "AI literacy", "Everyone", "#2E86AB", True),)


def _row(uid: str, start: datetime, minutes: int, venue: str) -> SessionRow:
    return SessionRow(id=1, uid=uid, title=f"Session {uid}", level_id=1, start_utc=start,
                      end_utc=start + timedelta(minutes=minutes), duration_minutes=minutes, venue=venue,
                      venue_kind="room", capacity=None, facilitators=(), target_hubs=())


@pytest.fixture()
def timeline(qtbot) -> TimelineView:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1400, 500)
    view.set_data(start=START, end=START + timedelta(hours=24), hubs=HUBS, venues=VENUES,
                  sessions=[_row("a", START + timedelta(hours=2), 60, "Room A")], levels=LEVELS)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_rulers_show_local_time_for_odd_offsets(timeline: TimelineView) -> None:
    kathmandu, chatham, _ = timeline.rulers
    at_start = next(c for c in kathmandu if c.minute == 0)
    assert (at_start.local.hour, at_start.local.minute) == (2, 45)  # 21:00Z + 05:45
    at_start = next(c for c in chatham if c.minute == 0)
    assert (at_start.local.hour, at_start.local.minute) == (10, 45)  # +13:45 in the southern summer
    assert all(c.minute % 15 == 0 for c in kathmandu)


def test_rulers_mark_where_each_hubs_date_turns(timeline: TimelineView) -> None:
    def turns(cells):
        return [b.minute for a, b in zip(cells, cells[1:]) if a.local.date() != b.local.date()]

    kathmandu, chatham, chicago = timeline.rulers
    assert turns(kathmandu) == [21 * 60 + 15]  # 02:45 on 11 March at the start: midnight 21h15 later
    assert turns(chicago) == [9 * 60]  # 21:00Z = 15:00 CST; midnight falls 9 hours in
    assert turns(chatham) == [13 * 60 + 15]  # 10:45 local at the start


def test_drag_moves_a_session_snapped_to_the_grid(timeline: TimelineView, qtbot) -> None:
    rect = timeline.block_rect("a")  # where it is drawn: geometry, no paint to wait for
    assert rect is not None
    start = QPoint(int(rect.center().x()), int(rect.center().y()))
    # 40 px at 1.2 px/min is 33 min: snapped to 30; one lane down is the virtual channel
    end = QPoint(start.x() + 40, start.y() + 34)
    with qtbot.waitSignal(timeline.session_changed) as signal:
        qtbot.mousePress(timeline.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(timeline.viewport(), pos=end)
        qtbot.mouseRelease(timeline.viewport(), Qt.MouseButton.LeftButton, pos=end)
    uid, new_start, venue, minutes = signal.args
    assert (uid, new_start, venue, minutes) == ("a", START + timedelta(hours=2, minutes=30), "Channel 1", 60)


def test_dragging_the_right_edge_resizes(timeline: TimelineView, qtbot) -> None:
    rect = timeline.block_rect("a")
    edge = QPoint(int(rect.right()) - 2, int(rect.center().y()))
    end = QPoint(edge.x() + 20, edge.y())  # +17 min: snapped to +15
    with qtbot.waitSignal(timeline.session_changed) as signal:
        qtbot.mousePress(timeline.viewport(), Qt.MouseButton.LeftButton, pos=edge)
        qtbot.mouseMove(timeline.viewport(), pos=end)
        qtbot.mouseRelease(timeline.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert signal.args[1] == START + timedelta(hours=2) and signal.args[3] == 75


def test_zoom_keeps_the_time_under_the_cursor(timeline: TimelineView) -> None:
    timeline.horizontalScrollBar().setValue(300)
    anchor = 200
    minute_before = (timeline.horizontalScrollBar().value() + anchor) / timeline.ppm
    timeline.set_zoom(timeline.ppm * 2, anchor_x=anchor)
    minute_after = (timeline.horizontalScrollBar().value() + anchor) / timeline.ppm
    assert abs(minute_after - minute_before) < 1
    assert LABEL_W > 0
