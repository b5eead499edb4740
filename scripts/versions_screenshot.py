"""docs/agenda-versions.png: the Agenda Versions dialog comparing a saved version with a reworked agenda.

Called by scripts/screenshots.py; on its own: QT_QPA_PLATFORM=offscreen python scripts/versions_screenshot.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rework_agenda(document) -> None:  # noqa: ANN001 - ui.document.EventDocument
    """Save "Agreed with the hubs", then move, retime, retitle, drop and add a few sessions."""
    from learningday.dto import SessionDraft

    document.save_snapshot("Draft 1 (all hubs)")
    document.save_snapshot("Agreed with the hubs")
    sessions = document.sessions()
    venues = document.venues()
    first, second, third, fourth = sessions[2], sessions[7], sessions[12], sessions[20]
    draft = document.session_draft(first.uid)
    document.save_session(first.uid, replace(draft, start_utc=draft.start_utc + timedelta(minutes=30)))
    draft = document.session_draft(second.uid)
    other = next(v for v in venues if v.name != second.venue and v.kind == second.venue_kind)
    document.save_session(second.uid, replace(draft, venue_id=other.id, start_utc=draft.start_utc + timedelta(hours=1)))
    draft = document.session_draft(third.uid)
    document.save_session(third.uid, replace(draft, duration_minutes=draft.duration_minutes + 30))
    draft = document.session_draft(fourth.uid)
    document.save_session(fourth.uid, replace(draft, title=draft.title + " (hands-on)"))
    from learningday.errors import InvalidInput

    for row in reversed(sessions[30:]):  # one nobody has checked in to yet (the log is append-only)
        try:
            document.delete_session(row.uid, drop_registrations=True)
            break
        except InvalidInput:
            continue
    start = document.summary().event.start_utc
    document.create_session(SessionDraft("Office hours: ask an AI engineer", 3, start + timedelta(hours=14), 45,
                                         venue_id=venues[-1].id))


def versions_screenshot(app, window, out: Path) -> Path:  # noqa: ANN001 - QApplication, MainWindow
    window.tabs.setCurrentIndex(0)
    rework_agenda(window.document)
    dialog = window.plan.open_versions()
    dialog.versions.selectRow(0)
    dialog.compare_selected()
    app.processEvents()
    path = out / "agenda-versions.png"
    dialog.grab().save(str(path))
    dialog.close()
    print(path)
    return path


if __name__ == "__main__":
    import tempfile

    from PySide6.QtCore import QSettings, QStandardPaths

    from learningday.demo import build_demo
    from ui.app import make_app
    from ui.main_window import MainWindow

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        QStandardPaths.setTestModeEnabled(True)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        event = build_demo(Path(tmp) / "demo.lday", attendees=300, seed=1)
        application = make_app()
        main = MainWindow()
        main.resize(1440, 900)
        main.show()
        main.open_path(event)
        versions_screenshot(application, main, target)
        main.close()
