"""Places through the Attendees workspace: cancel promotes the waitlist, overlaps are refused, bulk from the filters.

After each step the file on disk is read back with plain sqlite3.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from learningday.plan.dto import SessionDraft
from tests.gui.documents import digest
from ui import errors
from ui.main_window import MainWindow
from ui.workspaces.attendees import workspace as attendees_workspace


def _sql(path: Path, sql: str, *params) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _status(path: Path, session_id: int, attendee_id: int) -> str | None:
    rows = _sql(path, "SELECT status FROM registrations WHERE session_id = ? AND attendee_id = ?", session_id,
                attendee_id)
    return rows[0][0] if rows else None


def _find(window: MainWindow, qtbot, code: str) -> None:
    """Type a badge code into the search box and select the one row it leaves."""
    work = window.attendees
    work.search.setText(code)
    qtbot.waitUntil(lambda: work.model.rowCount() == 1 and work.model.query.text == code)
    qtbot.mouseClick(work.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=work.table.visualRect(work.model.index(0, 0)).center())
    assert work.panel.details is not None and work.panel.details.code == code


def test_cancelling_a_place_promotes_the_first_waiting_person(window: MainWindow, demo_file: Path, qtbot) -> None:
    session_id, title, capacity = _sql(demo_file, """
        SELECT s.id, s.title, COALESCE(s.capacity, v.capacity) FROM sessions AS s JOIN venues AS v ON v.id = s.venue_id
        WHERE EXISTS (SELECT 1 FROM registrations AS r WHERE r.session_id = s.id AND r.status = 'waitlisted')
        ORDER BY s.id LIMIT 1""")[0]
    leaving, code = _sql(demo_file, "SELECT a.id, a.code FROM registrations AS r JOIN attendees AS a ON a.id = "
                                    "r.attendee_id WHERE r.session_id = ? AND r.status = 'registered' "
                                    "ORDER BY a.id LIMIT 1", session_id)[0]
    first, second = _sql(demo_file, "SELECT a.id, a.name FROM registrations AS r JOIN attendees AS a ON a.id = "
                                    "r.attendee_id WHERE r.session_id = ? AND r.status = 'waitlisted' "
                                    "ORDER BY r.created_utc, r.id LIMIT 2", session_id)
    registered = _sql(demo_file, "SELECT COUNT(*) FROM registrations WHERE session_id = ? AND status = 'registered'",
                      session_id)[0][0]
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
    _find(window, qtbot, _sql(demo_file, "SELECT code FROM attendees WHERE id = ?", first[0])[0][0])
    assert any(p.session_id == session_id and p.status == "registered"
               for p in (panel.places.row_at(r) for r in range(panel.places.rowCount())))


def test_registering_into_an_overlapping_session_is_refused_and_nothing_changes(
        window: MainWindow, demo_file: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    attendee_id, code, held, other, other_title = _sql(demo_file, """
        SELECT a.id, a.code, s1.title, s2.id, s2.title FROM registrations AS r
        JOIN attendees AS a ON a.id = r.attendee_id JOIN sessions AS s1 ON s1.id = r.session_id
        JOIN sessions AS s2 ON s2.id != s1.id AND s2.start_utc < datetime(s1.start_utc, '+' || s1.duration_minutes
             || ' minutes') AND datetime(s2.start_utc, '+' || s2.duration_minutes || ' minutes') > s1.start_utc
        WHERE r.status = 'registered' AND NOT EXISTS (SELECT 1 FROM registrations AS x WHERE x.attendee_id = a.id
              AND x.session_id = s2.id) ORDER BY a.id, s2.id LIMIT 1""")[0]
    window.open_path(demo_file)
    window.tabs.setCurrentIndex(1)
    _find(window, qtbot, code)
    before = digest(window.document)
    monkeypatch.setattr(attendees_workspace, "choose_session", lambda *args: other)
    qtbot.mouseClick(window.attendees.panel.register_button, Qt.MouseButton.LeftButton)
    assert "overlaps" in errors.shown[-1] and held in errors.shown[-1] and other_title in errors.shown[-1]
    assert _status(demo_file, other, attendee_id) is None
    assert digest(window.document) == before


def test_register_everyone_the_filters_show(window: MainWindow, demo_file: Path, qtbot) -> None:
    window.open_path(demo_file)
    work = window.attendees
    work.hub_box.setCurrentIndex(work.hub_box.findText("Bangalore"))
    work.level_box.setCurrentIndex(work.level_box.findData(2))
    shown = work.model.rowCount()
    (hub_id,), = _sql(demo_file, "SELECT id FROM hubs WHERE name = 'Bangalore'")
    people = {i for (i,) in _sql(demo_file, "SELECT id FROM attendees WHERE hub_id = ? AND level_id = 2", hub_id)}
    assert shown == len(people) > 0
    # a session without a time never overlaps: everyone can be placed (or wait)
    window.document.create_session(SessionDraft(title="Bangalore L2 lab", level_id=2, start_utc=None))
    (session_id,), = _sql(demo_file, "SELECT id FROM sessions WHERE title = 'Bangalore L2 lab'")
    assert work.model.rowCount() == shown  # the filters survive the refresh
    work.register_shown(session_id=session_id)
    placed = dict(_sql(demo_file, "SELECT attendee_id, status FROM registrations WHERE session_id = ?", session_id))
    assert set(placed) == people and set(placed.values()) == {"registered"}
    assert errors.shown[-1].startswith(f"{len(people):,} registered")
