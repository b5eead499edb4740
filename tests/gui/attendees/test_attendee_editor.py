"""The attendee editor through the Attendees workspace: saved, undone and redone on disk; refusals inline."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.gui.documents import digest
from tests.helpers import rows
from ui import errors
from ui.main_window import MainWindow
from ui.workspaces.attendees.editor import AttendeeEditor


def _row(path: Path | str, uid: str) -> tuple | None:
    """The attendee as the event on disk holds it (read outside the app)."""
    found = rows(path, "SELECT name, email, employee_id, department, hub_id, level_id FROM attendees "
                 "WHERE uid = :uid", uid=uid)
    return found[0] if found else None


def _terms(path: Path | str, uid: str) -> set[str]:
    return {t for (t,) in rows(path, "SELECT t.term FROM attendee_terms AS t JOIN attendees AS a "
                               "ON a.id = t.attendee_id WHERE a.uid = :uid", uid=uid)}


def _open_editor(window: MainWindow, qtbot, row: int) -> AttendeeEditor:
    work = window.attendees
    rect = work.table.visualRect(work.model.index(row, 0))
    qtbot.mouseClick(work.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(work.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = work.findChild(AttendeeEditor)
    assert editor is not None and editor.isVisible()
    qtbot.addWidget(editor)
    return editor


def test_a_valid_edit_is_written_and_undo_redo_follow_on_disk(window: MainWindow, demo_file: Path | str, qtbot) -> None:
    window.open_path(demo_file)
    window.tabs.setCurrentIndex(1)
    work = window.attendees
    person = work.model.row_at(2)
    before = _row(demo_file, person.uid)
    editor = _open_editor(window, qtbot, 2)
    assert editor.name.text() == person.name and editor.details.uid == person.uid
    editor.name.setText("  Zoë Quintana-Ledesma ")
    editor.email.setText("Zoe.Q@Example.org")
    editor.level.setCurrentIndex(editor.level.findData(5))
    editor.accept()
    assert editor.result() == QDialog.DialogCode.Accepted
    after = _row(demo_file, person.uid)
    assert after[:2] == ("Zoë Quintana-Ledesma", "Zoe.Q@example.org") and after[5] == 5
    assert after[2:5] == before[2:5]  # untouched fields kept
    assert {"zoe", "quintana", "ledesma", "zoe.q@example.org"} <= _terms(demo_file, person.uid)
    assert window.attendees.panel.details.name == "Zoë Quintana-Ledesma"  # the panel follows
    window.undo_stack.undo()
    assert _row(demo_file, person.uid) == before
    assert "zoe" not in _terms(demo_file, person.uid)
    window.undo_stack.redo()
    assert _row(demo_file, person.uid) == after


def test_an_invalid_email_is_refused_inline_and_the_file_is_unchanged(window: MainWindow, demo_file: Path | str,
                                                                      qtbot) -> None:
    window.open_path(demo_file)
    window.tabs.setCurrentIndex(1)
    editor = _open_editor(window, qtbot, 0)
    before = digest(window.document)
    editor.email.setText("nobody(at)example.com")
    editor.employee_id.setText(window.attendees.model.row_at(1).employee_id)  # someone else's
    editor.accept()
    assert editor.isVisible() and editor.result() != QDialog.DialogCode.Accepted
    assert editor.errors["email"].isVisibleTo(editor) and "not a valid email" in editor.errors["email"].text()
    assert "already has this employee id" in editor.errors["employee_id"].text()
    assert not editor.errors["name"].isVisibleTo(editor)
    assert window.undo_stack.count() == 0
    assert digest(window.document) == before
    editor.reject()


def test_delete_then_undo_and_someone_in_the_log_is_kept(window: MainWindow, demo_file: Path | str) -> None:
    window.open_path(demo_file)
    logged, quiet = (rows(demo_file, f"SELECT id, uid, name FROM attendees WHERE id {op} "
                          "(SELECT attendee_id FROM checkins) ORDER BY id LIMIT 1")[0]
                     for op in ("IN", "NOT IN"))
    work = window.attendees
    work.delete_attendee(logged[0], confirm=False)
    assert "append-only" in errors.shown[-1] and _row(demo_file, logged[1]) is not None
    before = _row(demo_file, quiet[1])
    work.delete_attendee(quiet[0], confirm=False)
    assert _row(demo_file, quiet[1]) is None and work.panel.status.text().startswith(f"{quiet[2]} was deleted")
    window.undo_stack.undo()
    assert _row(demo_file, quiet[1]) == before
