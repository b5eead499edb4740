"""Start-up opens the event in the workspace on screen first; the others show it when first shown, or one at a
time once the window is idle (issue 13, item 9)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ui import settings
from ui.main_window import MainWindow
from ui.window_pages import WORKSPACES


def test_the_workspace_on_screen_shows_the_event_first(window: MainWindow, demo_file: Path | str, qtbot) -> None:
    shown: list[tuple[object, object, object]] = []
    window.event_shown.connect(lambda: shown.append((window.plan.document, window.attendees.document,
                                                     window.checkin.document)))
    assert window.open_path(demo_file, others_later=True)
    document = window.document
    assert shown == [(document, None, None)] and window.tabs.currentWidget() is window.plan
    assert window.plan.model.rowCount() == window.summary.sessions
    qtbot.waitUntil(lambda: window.attendees.document is document and window.checkin.document is document)
    assert window.attendees.model.rowCount() == window.summary.attendees == 1000


def test_a_workspace_shown_before_the_idle_fill_shows_the_event_at_once(window: MainWindow, demo_file: Path | str,
                                                                      small_event_template: Path,
                                                                      tmp_path: Path) -> None:
    settings.save_last_workspace(WORKSPACES.index("Check-in"))
    assert window.open_path(demo_file, others_later=True)
    assert window.tabs.currentWidget() is window.checkin and window.checkin.document is window.document
    assert window.plan.document is None
    window.show_workspace(0)
    assert window.plan.document is window.document and window.plan.model.rowCount() == window.summary.sessions
    other = tmp_path / "other.lday"  # the test's backend holds one event: the other is a file
    shutil.copyfile(small_event_template, other)
    assert window.open_path(other)  # an open from the File menu: every workspace at once
    assert {w.document for w in (window.plan, window.attendees, window.checkin)} == {window.document}
