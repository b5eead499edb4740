"""The station on a shared event whose server refuses writes: the check-in is red and kept, the station and the
status bar say how many wait, and the count goes to 0 once a retry writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from learningday.checkin.outbox_flush import JUDGED_LATER
from tests.helpers.pgcluster import Cluster
from tests.helpers.shared_station import logged, read_only, shared_event
from ui.main_window import MainWindow
from ui.workspaces.checkin import unsaved
from ui.workspaces.checkin.banner import BANNER_STYLES

pytestmark = pytest.mark.postgres
REFUSED = "the server refused the write: the database is read-only"


def _scan(window: MainWindow, qtbot, code: str) -> None:
    qtbot.keyClicks(window.checkin.search, code)
    qtbot.keyClick(window.checkin.search, Qt.Key.Key_Return)


def test_the_station_counts_what_waits_for_the_server_and_sends_it(window: MainWindow, pg_cluster: Cluster,
                                                                  tmp_path: Path, qtbot,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(unsaved, "RETRY_MS", 60_000)  # the retry here is the facilitator's (F6), not the timer's
    url, _ = shared_event(pg_cluster, tmp_path, people=0)
    assert window.open_path(url)
    window.show_workspace(2)
    station = window.checkin
    read_only(pg_cluster, url, True)
    for code in ("AAAAA6", "AAAAA3", "AAAAA1"):
        _scan(window, qtbot, code)
        assert station.banner.text() == f"✗  Not saved: {REFUSED} — {code}\nKept to retry; {JUDGED_LATER}"
        assert BANNER_STYLES["bad"] in station.banner.styleSheet()
    assert station.waiting.text().startswith(f"3 check-ins waiting for the server ({REFUSED})")
    assert window.unsaved_label.isVisible() and window.unsaved_label.text() == "3 check-ins waiting for the server"
    assert station.retry_button.isVisible() and logged(url)[0] == 0
    window.resize(1280, 760)
    window.grab().save("/tmp/outbox-waiting.png")
    qtbot.mouseClick(station.retry_button, Qt.MouseButton.LeftButton)  # still read-only: they keep waiting
    assert len(station.unsaved.scans) == 3 and logged(url)[0] == 0
    read_only(pg_cluster, url, False)
    qtbot.keyClick(station, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: not station.unsaved.scans)
    assert station.banner.text() == "✓  Saved now: the 3 check-ins this station was keeping"
    assert not window.unsaved_label.isVisible() and not station.waiting.isVisible()
    assert logged(url)[:2] == (3, 3)
    window.grab().save("/tmp/outbox-sent.png")
    window.close_event_file()
