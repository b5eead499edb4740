"""Propose plan… (options, progress and Cancel, preview, Accept as one undoable step) and Place it on one draft."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog, QPushButton

from learningday.plan.dto import SessionDraft
from tests.gui.documents import held
from tests.gui.plan.planned import planned_event, sessions_table
from tests.helpers.planning import at
from ui import errors
from ui.main_window import MainWindow
from ui.workspaces.plan.propose_dialog import ProposeDialog

OK = QDialogButtonBox.StandardButton.Ok


def _open(window: MainWindow, tmp_path: Path) -> Path:
    path = planned_event(tmp_path)
    window.resize(1400, 900)
    window.open_path(path)
    return path


def _propose(window: MainWindow, qtbot, **choices) -> None:
    dialog = window.plan.auto_plan.propose()
    assert dialog is not None
    dialog.time_limit.setValue(5)
    for name, value in choices.items():
        getattr(dialog, name).setValue(value)
    dialog.buttons.button(OK).click()
    qtbot.waitUntil(lambda: window.plan.auto_plan.preview is not None, timeout=30000)


def test_propose_preview_accept_then_undo_returns_the_sessions_as_they_were(window: MainWindow, tmp_path: Path,
                                                                             qtbot) -> None:
    path = _open(window, tmp_path)
    assert window.plan.auto_plan.propose_action.shortcut().toString() == "Ctrl+Shift+P"
    before = sessions_table(path)
    _propose(window, qtbot)
    preview = window.plan.auto_plan.preview
    assert preview.status.text().startswith("Optimal plan")
    moves = preview.moves
    shown = {moves.item(r, 0).text(): (moves.item(r, 1).text(), moves.item(r, 2).text()) for r in range(moves.rowCount())}
    # the draft gets Kei's morning (00:00Z, 09:00 in Tokyo); the lab moves into Bangalore's working day
    assert shown["Tokyo basics"] == ("unscheduled", "00:00–01:00 UTC · Tokyo Thu 11 09:00–10:00")
    assert shown["Bangalore lab"][0] == "03:00–04:30 UTC · Bangalore Thu 11 08:30–10:00"
    assert preview.coverage.item(0, 2).text() == "0 → 1"  # level 1 in Tokyo: none before, one after
    assert preview.coverage.item(0, 0).text() == "1"  # level 1 in London: as it was
    preview.grab().save("/tmp/planui-preview.png")
    preview.buttons.button(OK).click()
    planned = sessions_table(path)
    assert planned != before
    assert window.undo_stack.undoText().startswith("Auto-plan (")
    assert [v.name for v in window.document.snapshots()][0].startswith("Before auto-plan ")
    assert window.plan.unscheduled.count() == 0
    window.undo_stack.undo()
    assert sessions_table(path) == before
    assert window.plan.unscheduled.uids() == ["tokyo"]
    window.undo_stack.redo()
    assert sessions_table(path) == planned
    assert len(window.document.snapshots()) == 1  # the redo saves no second version


def test_the_options_are_remembered(window: MainWindow, tmp_path: Path, qtbot) -> None:
    _open(window, tmp_path)
    dialog = window.plan.auto_plan.propose()
    dialog.grid.setCurrentIndex(dialog.grid.findData(30))
    dialog.minimum.setValue(2)
    dialog.keep_times.setChecked(False)
    dialog.set_pinned({"london"})
    dialog.buttons.button(OK).click()
    qtbot.waitUntil(lambda: window.plan.auto_plan.preview is not None, timeout=30000)
    window.plan.auto_plan.preview.reject()
    again = ProposeDialog(window.plan.sessions)
    qtbot.addWidget(again)
    options = again.options()
    assert (options.grid_minutes, options.min_per_cell, options.keep_times, options.pinned) == (
        30, 2, False, frozenset({"london"}))


def test_cancel_stops_the_planner_and_changes_nothing(window: MainWindow, tmp_path: Path, qtbot,
                                                      monkeypatch) -> None:
    path = _open(window, tmp_path)
    before = sessions_table(path)
    document, go = window.document, threading.Event()
    monkeypatch.setattr(document, "propose_plan", lambda options, **kw: held(
        lambda **inner: type(document).propose_plan(document, options, **inner), go)(**kw))
    dialog = window.plan.auto_plan.propose()
    dialog.buttons.button(OK).click()
    op = window.plan.auto_plan.op
    assert op is not None
    progress = window.plan.findChild(QProgressDialog)
    qtbot.waitUntil(lambda: progress.value() == 250)  # the job is under way, held
    with qtbot.waitSignal(op.cancelled, timeout=30000):
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # the dialog's Cancel
        go.set()
    assert window.plan.auto_plan.preview is None and sessions_table(path) == before


def test_place_it_on_one_draft_with_undo(window: MainWindow, tmp_path: Path, qtbot) -> None:
    path = _open(window, tmp_path)
    others = [row for row in sessions_table(path) if row[1] != "tokyo"]
    unscheduled = window.plan.unscheduled
    item = unscheduled.list.item(0)
    unscheduled.list.itemDoubleClicked.emit(item)  # double-click: Place it
    qtbot.waitUntil(lambda: window.undo_stack.undoText() == "Place “Tokyo basics”", timeout=30000)
    placed = {s.uid: s for s in window.document.sessions()}["tokyo"]
    assert placed.start_utc == at(3)  # 00:00Z: 09:00 in Tokyo, inside Kei's 09:00-12:00
    assert [row for row in sessions_table(path) if row[1] != "tokyo"] == others  # everything else stayed
    assert window.document.snapshots() == []  # one session placed: no version saved
    window.undo_stack.undo()
    assert {s.uid: s for s in window.document.sessions()}["tokyo"].start_utc is None


def test_place_it_explains_why_a_draft_fits_nowhere(window: MainWindow, tmp_path: Path, qtbot) -> None:
    path = _open(window, tmp_path)
    kei = window.document.session_draft("tokyo").facilitator_ids
    window.document.create_session(SessionDraft("Kei's long lab", 3, None, 240, None, kei), uid="long")
    before = sessions_table(path)
    op = window.plan.auto_plan.place_it("long")
    with qtbot.waitSignal(op.ended, timeout=30000):
        pass
    assert sessions_table(path) == before
    said = errors.shown[-1]
    assert said.startswith("“Kei's long lab” could not be placed.") and "Kei can teach at most 3 h" in said
