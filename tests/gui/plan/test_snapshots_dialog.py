"""Agenda Versions dialog: save, compare, restore (confirmed) and undo/redo through the window's stack."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from learningday.plan.dto import SessionDraft
from learningday.plan.sessions import create_session
from learningday.plan.snapshots import current_sessions, list_snapshots
from learningday.store.db import open_event
from learningday.store.models import Attendee, Registration
from learningday.store.models import Session as LearningSession
from tests.helpers import sha256
from tests.helpers.planning import Small, at
from ui import errors
from ui.main_window import MainWindow
from ui.workspaces.plan import versions_dialog
from ui.workspaces.plan.versions_dialog import SnapshotsDialog


def on_disk(path: Path | str):
    with open_event(path) as ef, ef.read() as s:
        return current_sessions(s)


@pytest.fixture()
def planned(small: Small) -> tuple[Small, dict[str, str]]:
    v = small.venues
    with open_event(small.path) as ef, ef.write() as s:
        uids = {
            "A": create_session(s, SessionDraft("A: AI literacy", 1, at(1), 60, v["Room A"])),
            "B": create_session(s, SessionDraft("B: Prompting", 2, at(2), 60, v["Room B"])),
        }
    return small, uids


def open_dialog(window: MainWindow, path: Path, qtbot, monkeypatch) -> SnapshotsDialog:
    window.open_path(path)
    dialog = window.plan.open_versions()
    assert dialog is not None
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return dialog


def save_as(dialog: SnapshotsDialog, qtbot, monkeypatch, name: str) -> None:
    monkeypatch.setattr(versions_dialog, "ask_text", lambda *a, **k: (name, True))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def tree_rows(dialog: SnapshotsDialog) -> list[tuple[str, ...]]:
    rows = []
    for g in range(dialog.changes.topLevelItemCount()):
        group = dialog.changes.topLevelItem(g)
        rows.append((group.text(0),))
        for i in range(group.childCount()):
            item = group.child(i)
            rows.append(tuple(item.text(c) for c in range(4)))
            rows += [tuple(item.child(j).text(c) for c in range(4)) for j in range(item.childCount())]
    return rows


def test_save_compare_restore_undo_and_redo(window: MainWindow, planned, qtbot, monkeypatch) -> None:
    small, uids = planned
    dialog = open_dialog(window, small.path, qtbot, monkeypatch)
    save_as(dialog, qtbot, monkeypatch, "  Agreed ")
    assert [dialog.versions.item(r, 0).text() for r in range(dialog.versions.rowCount())] == ["Agreed"]
    saved = on_disk(small.path)
    before = sha256(small.path)
    save_as(dialog, qtbot, monkeypatch, "agreed")  # taken: said, nothing written
    assert "already a saved version called 'Agreed'" in errors.shown[-1] and sha256(small.path) == before

    plan = window.plan
    plan.place_session(uids["A"], at(1.5), "Room A", 60)  # moved 30 min later
    plan.delete_session(uids["B"])
    changed = on_disk(small.path)
    assert window.undo_stack.count() == 2

    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    assert tree_rows(dialog) == [
        ("Removed (1)",), ("B: Prompting", "", "Wed 10 Mar 23:00 UTC, 60 min, Room B", "—"),
        ("Moved (1)",), ("A: AI literacy", "start", "Wed 10 Mar 22:00 UTC", "Wed 10 Mar 22:30 UTC"),
    ]
    assert "1 removed · 1 moved" in dialog.summary.text()

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert on_disk(small.path) == saved
    assert {s.uid for s in plan.sessions} == set(uids.values())  # the plan refreshed
    assert window.undo_stack.undoText() == "Restore version “Agreed”"
    assert [dialog.versions.item(r, 0).text() for r in range(dialog.versions.rowCount())] == [
        "Before restoring Agreed", "Agreed"]  # newest first
    assert dialog.summary.text().endswith("no differences.")

    window.undo_stack.undo()
    assert on_disk(small.path) == changed and {s.uid for s in plan.sessions} == {uids["A"]}
    window.undo_stack.redo()
    assert on_disk(small.path) == saved
    window.undo_stack.undo()
    window.undo_stack.undo()  # the delete of B, then the move of A: back to the start
    window.undo_stack.undo()
    assert on_disk(small.path) == saved
    with open_event(small.path) as ef, ef.read() as s:
        assert len(list_snapshots(s)) == 2  # undo and redo save no further versions


def test_a_refused_restore_says_why_and_changes_nothing(window: MainWindow, planned, qtbot, monkeypatch) -> None:
    small, _ = planned
    dialog = open_dialog(window, small.path, qtbot, monkeypatch)
    save_as(dialog, qtbot, monkeypatch, "Agreed")
    with open_event(small.path) as ef, ef.write() as s:
        late = create_session(s, SessionDraft("Late addition", 3, at(5), 30))
        sid = s.scalar(select(LearningSession.id).where(LearningSession.uid == late))
        person = Attendee(code="ABC123", name="Mia", created_utc=at(0))
        s.add(person)
        s.flush()
        s.add(Registration(attendee_id=person.id, session_id=sid, created_utc=at(0)))
    before = sha256(small.path)
    dialog.versions.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "'Late addition' (1 registrations)" in errors.shown[-1]
    assert sha256(small.path) == before and window.undo_stack.count() == 0
    assert dialog.versions.rowCount() == 1


def test_restoring_a_version_the_agenda_matches_pushes_nothing(window, planned, qtbot, monkeypatch) -> None:
    small, uids = planned
    dialog = open_dialog(window, small.path, qtbot, monkeypatch)
    save_as(dialog, qtbot, monkeypatch, "Agreed")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert errors.shown[-1] == "The agenda already matches “Agreed”."
    assert window.undo_stack.count() == 0 and dialog.versions.rowCount() == 1
    assert set(on_disk(small.path)) == set(uids.values())


def test_the_dialog_follows_later_edits_and_an_undo_that_cannot_replay_clears_the_history(
        window: MainWindow, planned, qtbot, monkeypatch) -> None:
    small, uids = planned
    dialog = open_dialog(window, small.path, qtbot, monkeypatch)
    save_as(dialog, qtbot, monkeypatch, "Agreed")
    window.plan.delete_session(uids["B"])
    dialog.compare_selected()
    assert tree_rows(dialog)[0] == ("Removed (1)",)
    assert dialog.restore(dialog.selected())  # B comes back; undo would delete it again
    window.plan.place_session(uids["A"], at(4), "Room A", 60)  # the open comparison follows
    assert tree_rows(dialog) == [
        ("Moved (1)",), ("A: AI literacy", "start", "Wed 10 Mar 22:00 UTC", "Thu 11 Mar 01:00 UTC")]
    window.undo_stack.undo()  # the move
    with open_event(small.path) as ef, ef.write() as s:  # someone registers for the re-created B
        sid = s.scalar(select(LearningSession.id).where(LearningSession.uid == uids["B"]))
        person = Attendee(code="ABC123", name="Mia", created_utc=at(0))
        s.add(person)
        s.flush()
        s.add(Registration(attendee_id=person.id, session_id=sid, created_utc=at(0)))
    before = sha256(small.path)
    window.undo_stack.undo()  # undoing the restore would delete B: refused and said
    assert "'B: Prompting' (1 registrations)" in errors.shown[-1]
    assert errors.shown[-1].endswith("The undo history is cleared: it no longer matches the event file.")
    qtbot.waitUntil(lambda: window.undo_stack.count() == 0)  # what is left of it expects another agenda
    assert sha256(small.path) == before
    assert uids["B"] in on_disk(small.path)
