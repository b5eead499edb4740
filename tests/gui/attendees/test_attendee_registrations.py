"""Places through the Attendees workspace: cancel promotes the waitlist, overlaps are refused, bulk from the filters.

After each step the event on disk is read back outside the app.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from sqlalchemy import select

from learningday.plan.dto import SessionDraft
from learningday.store.db import open_event
from learningday.store.models import Attendee, Registration
from learningday.store.models import Session as LearningSession
from tests.gui.documents import digest
from tests.helpers import rows
from ui import errors
from ui.main_window import MainWindow
from ui.workspaces.attendees import workspace as attendees_workspace


def _status(path: Path | str, session_id: int, attendee_id: int) -> str | None:
    found = rows(path, "SELECT status FROM registrations WHERE session_id = :session AND attendee_id = :attendee",
                 session=session_id, attendee=attendee_id)
    return found[0][0] if found else None


def _overlapping(path: Path | str) -> tuple[int, str, str, int, str]:
    """The first attendee (by id) registered for a session that overlaps another (by id) they hold no place in:
    the attendee's id and code, the held session's title, the other session's id and title."""
    with open_event(path) as event_file, event_file.read() as session:
        times = {s.id: (s.start_utc, s.start_utc + timedelta(minutes=s.duration_minutes), s.title)
                 for s in session.scalars(select(LearningSession).where(LearningSession.start_utc.is_not(None))
                                          .order_by(LearningSession.id))}
        places = session.execute(select(Registration.attendee_id, Registration.session_id, Registration.status,
                                        Attendee.code).join(Attendee).order_by(Attendee.id)).all()
    held = {(a, s) for a, s, _, _ in places}
    for attendee, one, status, code in places:
        if status != "registered" or one not in times:
            continue
        start, end, title = times[one]
        for other, (other_start, other_end, other_title) in times.items():
            if other != one and other_start < end and other_end > start and (attendee, other) not in held:
                return attendee, code, title, other, other_title
    raise AssertionError("the demo has nobody who could be double-booked")


def _find(window: MainWindow, qtbot, code: str) -> None:
    """Type a badge code into the search box and select the one row it leaves."""
    work = window.attendees
    work.search.setText(code)
    qtbot.waitUntil(lambda: work.model.rowCount() == 1 and work.model.query.text == code)
    qtbot.mouseClick(work.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=work.table.visualRect(work.model.index(0, 0)).center())
    assert work.panel.details is not None and work.panel.details.code == code


def test_cancelling_a_place_promotes_the_first_waiting_person(window: MainWindow, demo_file: Path | str, qtbot) -> None:
    session_id, title, capacity = rows(demo_file, """
        SELECT s.id, s.title, COALESCE(s.capacity, v.capacity) FROM sessions AS s JOIN venues AS v ON v.id = s.venue_id
        WHERE EXISTS (SELECT 1 FROM registrations AS r WHERE r.session_id = s.id AND r.status = 'waitlisted')
        ORDER BY s.id LIMIT 1""")[0]
    leaving, code = rows(demo_file, "SELECT a.id, a.code FROM registrations AS r JOIN attendees AS a ON a.id = "
                                    "r.attendee_id WHERE r.session_id = :session AND r.status = 'registered' "
                                    "ORDER BY a.id LIMIT 1", session=session_id)[0]
    first, second = rows(demo_file, "SELECT a.id, a.name FROM registrations AS r JOIN attendees AS a ON a.id = "
                                    "r.attendee_id WHERE r.session_id = :session AND r.status = 'waitlisted' "
                                    "ORDER BY r.created_utc, r.id LIMIT 2", session=session_id)
    registered = rows(demo_file, "SELECT COUNT(*) FROM registrations WHERE session_id = :session "
                      "AND status = 'registered'", session=session_id)[0][0]
    assert registered == capacity  # full, with people waiting
    window.open_path(demo_file)
    window.tabs.setCurrentIndex(1)
    _find(window, qtbot, code)
    panel = window.attendees.panel
    row = next(r for r in range(panel.places.rowCount()) if panel.places.row_at(r).session_id == session_id)
    assert panel.places.data(panel.places.index(row, 3)).startswith("registered")
    assert not panel.cancel_button.isEnabled()  # no place chosen yet
    panel.table.selectionModel().select(panel.places.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                        | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    # on disk: the place is cancelled, the oldest waiting person has it, the next one still waits
    assert _status(demo_file, session_id, leaving) == "cancelled"
    assert _status(demo_file, session_id, first[0]) == "registered"
    assert _status(demo_file, session_id, second[0]) == "waitlisted"
    assert f"promoted from the waitlist: {first[1]}" in panel.status.text() and title in panel.status.text()
    assert panel.details.code == code and all(panel.places.row_at(r).session_id != session_id
                                              for r in range(panel.places.rowCount()))
    # the promoted person's own panel shows the place
    _find(window, qtbot, rows(demo_file, "SELECT code FROM attendees WHERE id = :id", id=first[0])[0][0])
    assert any(p.session_id == session_id and p.status == "registered"
               for p in (panel.places.row_at(r) for r in range(panel.places.rowCount())))


def test_registering_into_an_overlapping_session_is_refused_and_nothing_changes(
        window: MainWindow, demo_file: Path | str, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    attendee_id, code, held, other, other_title = _overlapping(demo_file)
    window.open_path(demo_file)
    window.tabs.setCurrentIndex(1)
    _find(window, qtbot, code)
    before = digest(window.document)
    monkeypatch.setattr(attendees_workspace, "choose_session", lambda *args: other)
    qtbot.mouseClick(window.attendees.panel.register_button, Qt.MouseButton.LeftButton)
    assert "overlaps" in errors.shown[-1] and held in errors.shown[-1] and other_title in errors.shown[-1]
    assert _status(demo_file, other, attendee_id) is None
    assert digest(window.document) == before


def test_register_everyone_the_filters_show(window: MainWindow, demo_file: Path | str, qtbot) -> None:
    window.open_path(demo_file)
    work = window.attendees
    work.hub_box.setCurrentIndex(work.hub_box.findText("Bangalore"))
    work.level_box.setCurrentIndex(work.level_box.findData(2))
    shown = work.model.rowCount()
    (hub_id,), = rows(demo_file, "SELECT id FROM hubs WHERE name = 'Bangalore'")
    people = {i for (i,) in rows(demo_file, "SELECT id FROM attendees WHERE hub_id = :hub AND level_id = 2",
                                 hub=hub_id)}
    assert shown == len(people) > 0
    # a session without a time never overlaps: everyone can be placed (or wait)
    window.document.create_session(SessionDraft(title="Bangalore L2 lab", level_id=2, start_utc=None))
    (session_id,), = rows(demo_file, "SELECT id FROM sessions WHERE title = 'Bangalore L2 lab'")
    assert work.model.rowCount() == shown  # the filters survive the refresh
    work.register_shown(session_id=session_id)
    placed = dict(rows(demo_file, "SELECT attendee_id, status FROM registrations WHERE session_id = :session",
                       session=session_id))
    assert set(placed) == people and set(placed.values()) == {"registered"}
    assert errors.shown[-1].startswith(f"{len(people):,} registered")
