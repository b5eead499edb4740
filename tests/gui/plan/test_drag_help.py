"""Help while dragging: the band model of a known event, the live time readout, Fit 24 h, Ctrl+wheel, side by side."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent

from learningday.setup.dto import HubDTO
from learningday.timeutil import parse_utc
from tests.gui.plan.planned import planned_event
from tests.gui.plan.test_timeline import START, _row
from tests.helpers.planning import at
from ui.main_window import MainWindow
from ui.workspaces.plan.bands import time_readout
from ui.workspaces.plan.timeline import LABEL_W, LANE_H, TimelineView


def _open(window: MainWindow, tmp_path: Path) -> TimelineView:
    window.resize(1400, 900)
    window.open_path(planned_event(tmp_path))
    timeline = window.plan.timeline
    timeline.set_zoom(1.2, anchor_x=0)
    timeline.horizontalScrollBar().setValue(int(600 * 1.2))  # 07:00Z: London's welcome (09:00Z) in view
    timeline.verticalScrollBar().setValue(0)
    return timeline


def test_dragging_shows_where_the_session_may_go(window: MainWindow, tmp_path: Path, qtbot) -> None:
    timeline = _open(window, tmp_path)
    rect = timeline.block_rect("london")
    press = QPoint(int(rect.center().x()), int(rect.center().y()))
    qtbot.mousePress(timeline.viewport(), Qt.MouseButton.LeftButton, pos=press)
    qtbot.mouseMove(timeline.viewport(), pos=QPoint(press.x() + 40, press.y()))  # +33 min: snapped to +30
    bands = timeline.drag_bands
    assert bands is not None and bands.uid == "london" and bands.minutes == 60
    # Ann (London, 08:00-18:00; GMT is UTC in March): minutes from the 21:00Z start
    assert bands.allowed == ((660, 1215),)  # 08:00Z up to 17:00Z: the hour ends by 18:00
    assert bands.preferred == ((720, 1155),)  # inside London's 09:00-17:00
    # 21:00-22:00Z is outside her hours, her night is 22:00-07:00, then 07:00-08:00Z and from 18:00Z
    assert bands.unavailable == (("Ann", "unavailable", 0, 60), ("Ann", "night", 60, 600),
                                 ("Ann", "unavailable", 600, 660), ("Ann", "unavailable", 1260, 1440))
    assert bands.working == (("London", 720, 1200),)
    assert bands.allows(930) and not bands.allows(1300) and bands.prefers(930)
    assert timeline.readout() == "09:30–10:30 UTC · London Thu 11 09:30–10:30"
    assert bands.verdict(930) == "✓ in the working hours of London"
    assert bands.verdict(670) == "✓ allowed, outside its hubs' working hours"
    assert bands.verdict(30) == "✗ not allowed: Ann: unavailable"
    assert bands.verdict(1250) == "✗ not allowed: Ann: unavailable"
    timeline.grab().save("/tmp/planui-drag.png")
    qtbot.mouseRelease(timeline.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(press.x() + 40, press.y()))
    assert timeline.drag_bands is None and timeline.readout() is None


def test_resizing_reads_out_the_new_length(window: MainWindow, tmp_path: Path, qtbot) -> None:
    timeline = _open(window, tmp_path)
    rect = timeline.block_rect("london")
    edge = QPoint(int(rect.right()) - 2, int(rect.center().y()))
    qtbot.mousePress(timeline.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(timeline.viewport(), pos=QPoint(edge.x() + 36, edge.y()))  # +30 min
    assert timeline.readout() == "09:00–10:30 UTC · London Thu 11 09:00–10:30"
    qtbot.mouseRelease(timeline.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge.x() + 36, edge.y()))


def test_readout_adds_the_zone_mark_when_the_clock_changed_since_the_day_began() -> None:
    london = HubDTO(1, "London", "Europe/London", 540, 1020)
    # 28 March 2027: London goes from GMT to BST at 01:00Z; a day begun the evening before began on GMT
    began = parse_utc("2027-03-27T21:00Z")
    assert time_readout(parse_utc("2027-03-28T10:00Z"), 60, london, began) == \
        "10:00–11:00 UTC · London Sun 28 11:00–12:00 BST"
    assert time_readout(parse_utc("2027-03-28T00:30Z"), 60, london, began) == \
        "00:30–01:30 UTC · London Sun 28 00:30 GMT–02:30 BST"
    assert time_readout(parse_utc("2027-03-29T10:00Z"), 60, london, parse_utc("2027-03-28T21:00Z")) == \
        "10:00–11:00 UTC · London Mon 29 11:00–12:00"
    kathmandu = HubDTO(2, "Kathmandu", "Asia/Kathmandu", 540, 1020)
    assert time_readout(at(3), 45, kathmandu, at(0)) == "00:00–00:45 UTC · Kathmandu Thu 11 05:45–06:30"
    assert time_readout(at(3), 45, None, at(0)) == "00:00–00:45 UTC"


def test_fit_24_h_shows_the_whole_window(window: MainWindow, tmp_path: Path) -> None:
    timeline = _open(window, tmp_path)
    action = window.plan.auto_plan.fit_action
    assert action.shortcut().toString() == "Ctrl+0"
    action.trigger()
    assert timeline.horizontalScrollBar().maximum() == 0
    assert timeline.minutes == 24 * 60
    assert timeline.minutes * timeline.ppm <= timeline.viewport().width() - LABEL_W


def test_ctrl_wheel_zooms_about_the_pointer(window: MainWindow, tmp_path: Path) -> None:
    timeline = _open(window, tmp_path)
    before = timeline.ppm
    pos = QPointF(LABEL_W + 300, 200)
    wheel = QWheelEvent(pos, timeline.mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    timeline.wheelEvent(wheel)
    assert timeline.ppm > before


def test_overlapping_sessions_in_a_lane_are_drawn_side_by_side(qtbot) -> None:
    from tests.gui.plan.test_timeline import HUBS, LEVELS, VENUES

    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1400, 500)
    rows = [_row("a", START + timedelta(hours=2), 60, "Room A"), _row("b", START + timedelta(hours=2, minutes=30), 60,
                                                                      "Room A"),
            _row("c", START + timedelta(hours=5), 60, "Room A")]
    view.set_data(start=START, end=START + timedelta(hours=24), hubs=HUBS, venues=VENUES, sessions=rows, levels=LEVELS)
    a, b, c = (view.block_rect(uid) for uid in "abc")
    assert a.top() < b.top() and a.bottom() <= b.top()  # one above the other, not on top of each other
    assert a.height() < (LANE_H - 6) / 2 + 1 and b.height() == a.height()
    assert c.height() == LANE_H - 6  # alone: the whole lane
    assert a.width() == b.width() == c.width()  # each its real length
