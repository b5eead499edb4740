"""File ▸ Restore Backup… and the rolling backups the window keeps of the open file."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from learningday.store.backups import list_backups, take_backup
from ui.restore_backup import RestoreBackupDialog

FILE_ONLY = pytest.mark.sqlite_only("rolling backups copy the event file (SQLite online backup)")


def _attendees(path: Path) -> int:
    with closing(sqlite3.connect(path)) as con:
        return con.execute("SELECT count(*) FROM attendees").fetchone()[0]


@FILE_ONLY
def test_the_window_backs_up_the_open_file_off_the_gui_thread_when_it_changed(qtbot, window,
                                                                              small_event_file: Path) -> None:
    assert window.open_path(small_event_file) and window.restore_action.isEnabled()
    keeper = window.backup_keeper
    assert keeper.path == small_event_file and keeper._timer.interval() == 10 * 60_000  # the default setting
    with qtbot.waitSignal(keeper.backed_up) as taken:
        keeper.back_up_now()
    assert [b.path for b in list_backups(small_event_file)] == [taken.args[0]]
    keeper.back_up_now()  # nothing changed since: no second backup
    qtbot.waitUntil(lambda: not keeper._running)
    assert len(list_backups(small_event_file)) == 1
    window.close_event_file()
    assert keeper.path is None and not keeper._timer.isActive() and not window.restore_action.isEnabled()


@FILE_ONLY
def test_restore_backup_puts_the_file_back_and_reopens_it(qtbot, window, small_event_file: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    backup = take_backup(small_event_file)
    before = _attendees(small_event_file)
    assert window.open_path(small_event_file)
    con = sqlite3.connect(small_event_file)  # another station removes what the backup still holds
    with con:
        con.execute("DELETE FROM registrations")
        con.execute("DELETE FROM attendee_terms")
        con.execute("DELETE FROM checkins")
        con.execute("DELETE FROM attendees")
    con.close()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda self: (self.accept(), self.result())[1])
    window.restore_backup()
    assert asked and "kept as a backup first" in asked[0]
    assert _attendees(small_event_file) == before
    assert window.document is not None and window.document.path == small_event_file
    assert window.document.summary().attendees == before  # reopened: the window shows the restored event
    assert [b.reason for b in list_backups(small_event_file)] == ["before-restore", ""]
    assert list_backups(small_event_file)[1].path == backup


@FILE_ONLY
def test_the_dialog_lists_local_times_sizes_and_why(qtbot, small_event_file: Path) -> None:
    take_backup(small_event_file)
    take_backup(small_event_file, reason="before-0003")
    dialog = RestoreBackupDialog(small_event_file)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = [[dialog.tree.topLevelItem(i).text(c) for c in range(3)] for i in range(dialog.tree.topLevelItemCount())]
    assert [r[2] for r in rows] == ["before the file was brought up to date (schema 0003)", "every few minutes"]
    assert all(r[1].endswith(" MB") for r in rows) and dialog.restore_button.isEnabled()
    dialog.grab().save("/tmp/pg2/restore-dialog.png")


def test_an_event_on_a_server_keeps_no_file_backups(window, small_event_file: Path | str) -> None:
    assert window.open_path(small_event_file)
    on_a_server = not isinstance(small_event_file, Path)  # the server's own backups are its administrator's
    assert window.restore_action.isEnabled() is not on_a_server
    assert (window.backup_keeper.path is None) is on_a_server
