"""The Live workspace: now and next per hub at a simulated now, counts that follow, Ctrl+5 and full screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from learningday.timeutil import parse_utc
from tests.helpers.backends import Backend
from tests.helpers.dst_event import build_dst_event
from ui.document import EventDocument
from ui.main_window import MainWindow
from ui.workspaces.live.workspace import LiveWorkspace


@pytest.fixture()
def autumn(backend: Backend) -> Iterator[EventDocument]:
    document = EventDocument.open(build_dst_event(backend))
    yield document
    document.close()


def _panel(live: LiveWorkspace, hub: str) -> str:
    return next(p.text.text() for p in live.panels if f"<b>{hub}</b>" in p.text.text())


def test_a_simulated_now_shows_each_hub_in_its_own_time(autumn: EventDocument, qtbot) -> None:
    live = LiveWorkspace()
    qtbot.addWidget(live)
    live.show_event(autumn)
    live.set_simulated(parse_utc("2026-10-25T03:20Z"))
    kathmandu = _panel(live, "Kathmandu")
    assert "Sun 25 09:05" in kathmandu and "08:45–09:45" in kathmandu and "Kathmandu only" in kathmandu
    assert "Chicago only" not in _panel(live, "Chicago")  # ran on the 24th
    assert "(simulated)" in live.title.text() and live.rulers.now == parse_utc("2026-10-25T03:20Z")
    # ten minutes before "For everyone" (Owl facilitates) nobody has signed in for it
    live.set_simulated(parse_utc("2026-10-25T01:50Z"))
    assert "Is the facilitator here?" in live.missing.text() and "For everyone" in live.missing.text()
    london = _panel(live, "London")
    assert "01:50" in london and "GMT" in london  # after the autumn change
    assert "02:00–03:00 GMT" in london  # next, marked: the day began on BST


def test_ctrl_5_and_the_wall_display(window: MainWindow, small_event_file: Path, qtbot) -> None:
    assert window.open_path(small_event_file)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.live
    window.live.full_screen.click()
    qtbot.waitUntil(window.isFullScreen)
    assert not window.menuBar().isVisible()
    qtbot.keyClick(window.live, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.menuBar().isVisible()
