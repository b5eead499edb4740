"""Write the README's screenshots: the main window on a demo event, one PNG per workspace.

Run: QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402
from dst_screenshot import dst_screenshot  # noqa: E402
from versions_screenshot import versions_screenshot  # noqa: E402  (scripts/ is on sys.path as the script's folder)
from wizard_screenshots import wizard_screenshots  # noqa: E402

from learningday.demo.build import build_demo
from ui.app import make_app  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

NAMES = ("plan", "attendees", "checkin", "reports")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        QStandardPaths.setTestModeEnabled(True)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        event = build_demo(Path(tmp) / "demo.lday", attendees=2000, seed=1)
        app = make_app()
        window = MainWindow()
        window.resize(1440, 900)
        window.show()
        window.open_path(event)
        for index, name in enumerate(NAMES):
            window.tabs.setCurrentIndex(index)
            app.processEvents()
            while name == "reports" and window.reports.analytics is None:  # computed off the GUI thread
                app.processEvents()
            window.grab().save(str(out / f"{name}.png"))
            print(out / f"{name}.png")
        _attendee_panel_and_editor(app, window, out)
        _station_and_kiosk(app, window, out)
        wizard_screenshots(app, out)
        _setup_editors(app, window, out)
        versions_screenshot(app, window, out)  # these last two change the agenda
        _agenda_import(app, window, out)
        dst_screenshot(app, window, Path(tmp), out)
        window.close()


def _attendee_panel_and_editor(app, window: MainWindow, out: Path) -> None:
    """attendees.png: the waitlisted people, one selected; attendee-editor.png: a cancelled place (who moved
    up) and the editor refusing an email, drawn over the window."""
    from PySide6.QtGui import QColor, QPainter

    window.tabs.setCurrentIndex(1)
    work = window.attendees
    work.state_box.setCurrentIndex(work.state_box.findData("waitlisted"))
    work.select_row(3)
    app.processEvents()
    window.grab().save(str(out / "attendees.png"))
    print(out / "attendees.png")
    panel, waiting = work.panel, {s.id for s in work.sessions if s.waitlisted}
    for row in range(work.model.rowCount()):  # someone holding a place others wait for
        work.select_row(row)
        place = next((p for p in map(panel.places.row_at, range(panel.places.rowCount()))
                      if p.status == "registered" and p.session_id in waiting), None)
        if place is not None:
            break
    work.cancel_place(place.session_id, panel.details.id)
    editor = work.edit_attendee(panel.details.id)
    editor.email.setText(editor.email.text().replace("@", " at "))
    editor.accept()  # refused: the problem shows under the field
    app.processEvents()
    picture = window.grab()
    painter = QPainter(picture)
    dialog = editor.grab()
    x, y = (picture.width() - dialog.width()) // 2 - 160, (picture.height() - dialog.height()) // 2
    painter.fillRect(x + 6, y + 6, dialog.width(), dialog.height(), QColor(0, 0, 0, 60))  # a shadow
    painter.drawPixmap(x, y, dialog)
    painter.setPen(QColor("#8a94a6"))
    painter.drawRect(x, y, dialog.width() - 1, dialog.height() - 1)
    painter.end()
    picture.save(str(out / "attendee-editor.png"))
    print(out / "attendee-editor.png")
    editor.reject()


def _station_and_kiosk(app, window: MainWindow, out: Path) -> None:
    """The check-in station at a session's time, a walk-in held amber, at 1366×768; the kiosk asking "Is this
    you?" (the station's clock is set inside the session: the door rules judge the time)."""
    from datetime import timedelta

    from PySide6.QtWidgets import QHeaderView

    from ui.workspaces.checkin import unsaved
    from ui.workspaces.checkin.kiosk import KioskWindow

    window.resize(1366, 768)
    window.show_workspace(2)
    station = window.checkin
    station.picker.hub_box.setCurrentIndex(station.picker.hub_box.findData("Sydney"))
    station.picker.fill()
    station.session_box.setCurrentIndex(5)
    chosen = next(s for s in window.document.sessions() if s.uid == station.session_uid)
    unsaved.now = lambda: chosen.start_utc + timedelta(minutes=4)
    station.picker.fill(chosen.start_utc + timedelta(minutes=4))
    station.station.setText("Door A")
    registered = window.document.not_yet_here(station.session_uid, limit=1)
    if registered:
        station.check_in(registered[0].uid, method="search", shown=registered[0].name)
    station.search.setText("mar")
    station._run_search()
    station.check_in(station.results.item(station.results.count() - 1).data(256), method="search")
    station.recent.resizeColumnsToContents()  # the table places its Undo buttons once laid out
    station.recent.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    app.processEvents()
    window.grab().save(str(out / "station.png"))
    print(out / "station.png")
    kiosk = KioskWindow(window.document, session_uid=station.session_uid,
                        session_title=chosen.title, station="Kiosk 1", pin="1234", hub="Sydney")
    kiosk.resize(1366, 768)
    kiosk.show()
    kiosk.code.setText("mar")
    kiosk._on_code_returnPressed()
    app.processEvents()
    kiosk.grab().save(str(out / "kiosk.png"))
    print(out / "kiosk.png")
    waiting = window.document.not_yet_here(station.session_uid, limit=200)
    fresh = next((p for p in waiting if not window.document.assessments(p.uid).pre), None)
    if fresh is not None:  # kiosk-assessment.png: checked in, then "Where do you stand today?"
        kiosk._check_in(fresh.uid, shown=fresh.name)
        app.processEvents()
        kiosk.grab().save(str(out / "kiosk-assessment.png"))
        print(out / "kiosk-assessment.png")
    kiosk._unlocked = True
    kiosk.close()


def _agenda_import(app, window: MainWindow, out: Path) -> None:
    """The import wizard's report on the agenda fixture, then the Plan workspace with its drafts."""
    agenda = Path(__file__).resolve().parent.parent / "tests" / "data" / "agenda"
    for name in ("venues.csv", "facilitators_cp1252.csv"):
        window.document.import_agenda(agenda / name)
    window.resize(1440, 900)
    window.tabs.setCurrentIndex(0)
    wizard = window.plan.import_agenda(path=str(agenda / "sessions_title_row.xlsx"))
    wizard.next()
    wizard.next()
    while wizard.import_page.running or not wizard.import_page.refused:
        app.processEvents()
    wizard.grab().save(str(out / "agenda-import-wizard.png"))
    print(out / "agenda-import-wizard.png")
    wizard.target.create_missing.setChecked(True)
    while wizard.import_page.result is None:
        app.processEvents()
    wizard.close()
    app.processEvents()
    window.grab().save(str(out / "agenda-import.png"))
    print(out / "agenda-import.png")


def _setup_editors(app, window: MainWindow, out: Path) -> None:
    """Event ▸ Hubs… and Event ▸ Facilitators… on the demo event, a row selected in each."""
    for kind, row in (("hubs", 3), ("facilitators", 3)):
        editor = window.open_setup(kind)
        editor.select(list(editor.drafts)[row])
        app.processEvents()
        editor.grab().save(str(out / f"editor-{kind}.png"))
        print(out / f"editor-{kind}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs")
