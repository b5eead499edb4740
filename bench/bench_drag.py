"""A drag on the 100k-attendee event as the window pays it: the write, the undo step, the refresh."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from datetime import timedelta
from pathlib import Path

from bench import Result, benchmark, demo_event, median_seconds


def _quiet_settings(folder: Path) -> None:
    """Recent files and geometry go to a scratch folder, not the user's settings."""
    from PySide6.QtCore import QSettings, QStandardPaths

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QStandardPaths.setTestModeEnabled(True)


@benchmark("drag")
def drag_100k() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui import errors
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    errors.DIALOGS = False
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        _quiet_settings(folder)
        path = folder / "drag.lday"  # the drags write: never into the cached demo
        shutil.copyfile(demo_event(100_000), path)
        window = MainWindow()
        window.resize(1600, 1000)
        window.show()
        assert window.open_path(path)
        window.show_workspace(0)
        app.processEvents()
        row = next(s for s in window.plan.sessions if s.start_utc is not None)
        starts = [row.start_utc, row.start_utc + timedelta(minutes=15)]

        def drag() -> None:
            """Move the block 15 minutes and back, as a mouse release would (signal → undoable write → views)."""
            starts.reverse()
            window.plan.timeline.session_changed.emit(row.uid, starts[0], row.venue, row.duration_minutes)
            app.processEvents()

        ours = median_seconds(drag, repeat=15)
        window.close()  # closes the event file too
        db = sqlite3.connect(path)
        db.execute("PRAGMA synchronous=FULL")
        session_id = db.execute("SELECT id FROM sessions WHERE uid = ?", (row.uid,)).fetchone()[0]
        raw_starts = ["2000-01-01 00:00:00.000000", "2000-01-01 00:15:00.000000"]

        def bare_update() -> None:  # the raw baseline: the one UPDATE of the start, committed
            raw_starts.reverse()
            with db:
                db.execute("UPDATE sessions SET start_utc = ? WHERE id = ?", (raw_starts[0], session_id))

        base = median_seconds(bare_update, repeat=15)
        db.close()
    return [Result("drag one session, 100k attendees: write + refresh", ours * 1000, "ms", base * 1000,
                   "under 100 ms (210 ms when every view re-read)",
                   "sqlite3 UPDATE of the session's start, committed", limit=100)]
