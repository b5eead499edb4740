"""Pinning from the GUI: the session editor's Pinned box and preferred start, the timeline's Pin/Unpin menu
(one undoable edit each, with a pin drawn on the block), and Propose plan starting from the stored pins."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from learningday.plan.dto import SessionDraft
from learningday.plan.sessions import session_draft
from learningday.setup.dto import LevelDTO
from learningday.store.db import open_event
from tests.gui.plan.planned import planned_event, sessions_table
from tests.helpers.planning import at
from ui.main_window import MainWindow
from ui.workspaces.plan.propose_dialog import ProposeDialog
from ui.workspaces.plan.session_editor import SessionEditor


def _on_disk(path: Path, uid: str) -> SessionDraft:
    with open_event(path) as ef, ef.read() as s:
        return session_draft(s, uid)


def _open(window: MainWindow, tmp_path: Path) -> Path:
    path = planned_event(tmp_path)
    window.resize(1400, 900)
    window.open_path(path)
    return path


def test_the_editor_shows_and_hands_back_the_pin_and_the_preferred_start(qtbot) -> None:
    level = (LevelDTO(1, "AI literacy", "Everyone", "#2E86AB", True),)
    draft = SessionDraft("Pinned talk", 1, at(2), pinned=True, preferred_start_utc=at(3))
    editor = SessionEditor(draft, levels=level, venues=(), hubs=(), facilitators=(), default_start=at(0))
    qtbot.addWidget(editor)
    assert editor.pinned.isChecked() and editor.has_preferred.isChecked() and editor.preferred.isEnabled()
    assert editor.draft().pinned is True and editor.draft().preferred_start_utc == at(3)
    editor.pinned.setChecked(False)
    editor.has_preferred.setChecked(False)
    assert editor.draft().pinned is False and editor.draft().preferred_start_utc is None
    fresh = SessionEditor(SessionDraft("", 1, None), levels=level, venues=(), hubs=(), facilitators=(),
                          default_start=at(0))
    qtbot.addWidget(fresh)
    assert not fresh.pinned.isChecked() and not fresh.preferred.isEnabled()


def test_pin_from_the_timeline_menu_draws_the_pin_and_undo_unpins(window: MainWindow, tmp_path: Path) -> None:
    path = _open(window, tmp_path)
    timeline = window.plan.timeline
    before = sessions_table(path)
    menu = timeline.menu_for("london")
    pin = next(a for a in menu.actions() if a.objectName() == "pinSession")
    assert pin.text().startswith("Pin")
    pin.trigger()
    assert _on_disk(path, "london").pinned
    assert next(r for r in timeline.sessions if r.uid == "london").pinned  # the block is drawn with its pin
    timeline.grab().save(str(tmp_path / "pinned-block.png"))
    unpin = next(a for a in timeline.menu_for("london").actions() if a.objectName() == "pinSession")
    assert unpin.text().startswith("Unpin")
    window.undo_stack.undo()
    assert not _on_disk(path, "london").pinned and sessions_table(path) == before
    window.undo_stack.redo()
    assert _on_disk(path, "london").pinned


def test_propose_plan_starts_from_the_stored_pins(window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    window.plan.set_pinned("bangalore", True)
    dialog = ProposeDialog(window.plan.sessions)
    items = {dialog.pinned.item(i).data(Qt.ItemDataRole.UserRole): dialog.pinned.item(i)
             for i in range(dialog.pinned.count())}
    assert items["bangalore"].checkState() == Qt.CheckState.Checked
    assert not items["bangalore"].flags() & Qt.ItemFlag.ItemIsEnabled  # unpinned on the session, not here
    dialog.mark_all(Qt.CheckState.Unchecked)
    assert items["bangalore"].checkState() == Qt.CheckState.Checked
    assert "bangalore" in dialog.options().pinned
