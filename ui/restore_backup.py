"""File ▸ Restore Backup…: the open file's backups with their local times and sizes; one is put back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from learningday.errors import LearningDayError
from learningday.store.backups import Backup, list_backups, restore_backup
from ui.errors import show_error

#: why a backup was taken, as the list says it
REASONS = {"": "every few minutes", "before-merge": "before a station log was merged",
           "before-restore": "before a backup was restored"}


def local_time(backup: Backup) -> str:
    return backup.taken_utc.astimezone().strftime("%a %d %b %Y, %H:%M:%S")


def reason_text(reason: str) -> str:
    if reason.startswith("before-") and reason not in REASONS:
        return f"before the file was brought up to date (schema {reason.removeprefix('before-')})"
    return REASONS.get(reason, reason)


class RestoreBackupDialog(QDialog):
    """Lists the backups of ``event``, newest first; ``chosen`` is the one to restore once accepted."""

    def __init__(self, event: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore Backup"))
        self.backups = list_backups(event)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Taken"), self.tr("Size"), self.tr("Why")])
        for backup in self.backups:
            item = QTreeWidgetItem([local_time(backup), f"{backup.size / 1e6:,.1f} MB", reason_text(backup.reason)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, str(backup.path))
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("Restore…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.tree.itemSelectionChanged.connect(self._on_tree_itemSelectionChanged)
        self.tree.itemDoubleClicked.connect(self.accept)
        layout = QVBoxLayout(self)
        where = self.tr("Backups are kept in %1, beside the event file.").replace("%1", str(event.stem + ".backups"))
        layout.addWidget(QLabel(where if self.backups else self.tr("This event file has no backups yet.")))
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(620, 360)
        if self.backups:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    @property
    def chosen(self) -> Backup | None:
        index = self.tree.indexOfTopLevelItem(self.tree.currentItem()) if self.tree.currentItem() else -1
        return self.backups[index] if index >= 0 else None

    def _on_tree_itemSelectionChanged(self) -> None:
        self.restore_button.setEnabled(self.chosen is not None)

    def accept(self) -> None:
        backup = self.chosen
        if backup is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Restore Backup"),
            self.tr("Put the event back as it was on %1?\n\nThe event as it is now is kept as a backup first, "
                    "so this can be undone by restoring that one.").replace("%1", local_time(backup)))
        if answer == QMessageBox.StandardButton.Yes:
            super().accept()


def run_restore(*, parent: QWidget, event: Path, close: Callable[[], bool],
                reopen: Callable[[Path], object]) -> Path | None:
    """Ask which backup, confirm, ``close`` the event (False: it stays open, nothing is done), restore,
    ``reopen``; the backup of the event as it was, or None when nothing was restored."""
    dialog = RestoreBackupDialog(event, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None or not close():
        return None
    try:
        before = restore_backup(event, dialog.chosen)
    except LearningDayError as exc:  # the core words a failed copy (NotSaved): the file is as it was
        show_error(parent=parent, title="Backup not restored", exc=exc)
        before = None
    reopen(event)
    return before
