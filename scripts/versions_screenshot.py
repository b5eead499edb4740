"""docs/agenda-versions.png: the Agenda Versions dialog comparing a saved version with a reworked agenda.

Called by scripts/screenshots.py (make screenshots), after the other pictures: it changes the agenda.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from learningday.plan.dto import SessionDraft


def rework_agenda(document) -> None:  # noqa: ANN001 - ui.document.EventDocument
    """Save "Agreed with the hubs", then move, retime, retitle, drop and add a few sessions."""
    sessions = document.sessions()
    venues = document.venues()
    start = document.summary().event.start_utc
    dropped = document.create_session(SessionDraft("Lunch and learn: AI in HR", 1, start + timedelta(hours=16), 30,
                                                   venue_id=venues[-2].id)).value
    document.save_snapshot("Draft 1 (all hubs)")
    document.save_snapshot("Agreed with the hubs")
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
    document.delete_session(dropped)  # nobody registered yet: it can go
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

