"""Agenda Versions: save the agenda under a name, compare a version with now, restore one (undoable)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from learningday.plan.dto import FIELD_LABELS, Comparison, SavedSession, SnapshotRow, value_text
from ui.changes import EVENT, PLAN, SETUP, Changes
from ui.commands import FileCommand
from ui.document import EventDocument
from ui.errors import attempt, show_info
from ui.widgets import ask_text, heading

#: group heading colours: added green, removed red, moved blue, changed amber
KIND_COLOURS = {"added": "#1a7f37", "removed": "#b42318", "moved": "#2e5fa8", "changed": "#9a6700"}


class RestoreVersion(FileCommand):
    """Restore a saved version; undo restores the version saved automatically just before."""

    def __init__(self, document: EventDocument, snapshot: SnapshotRow) -> None:
        super().__init__(document, f"Restore version “{snapshot.name}”")
        self.snapshot = snapshot
        self.backup: SnapshotRow | None = None

    def apply_first(self) -> bool:  # type: ignore[override]
        """Restore now (a refusal raises); False when the agenda already matched."""
        self.backup = self.document.restore_snapshot(self.snapshot.uid).value.backup
        self._applied = True
        return self.backup is not None

    def forward(self) -> None:
        self.document.restore_snapshot(self.snapshot.uid, backup=False)

    def backward(self) -> None:
        assert self.backup is not None
        self.document.restore_snapshot(self.backup.uid, backup=False)


class _ValueDelegate(QStyledItemDelegate):
    """Titles elide at the end; before/after values in the middle (a retitle differs at its end)."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802, ANN001 - Qt's name and types
        super().initStyleOption(option, index)
        if index.column() >= 2:
            option.textElideMode = Qt.TextElideMode.ElideMiddle


def _where(s: SavedSession) -> str:
    parts = [value_text("start_utc", s.start_utc.isoformat() if s.start_utc else None),
             f"{s.duration_minutes} min", s.venue or "no venue"]
    return ", ".join(parts)


class SnapshotsDialog(QDialog):
    """The saved versions on the left, a comparison with the agenda now on the right."""

    def __init__(self, document: EventDocument, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agenda Versions")
        self.document, self.undo_stack = document, undo_stack
        self.rows: list[SnapshotRow] = []
        self.comparison: Comparison | None = None
        self.versions = QTableWidget(0, 3)
        self.versions.setObjectName("versions")
        self.versions.setHorizontalHeaderLabels(["Version", "Saved (UTC)", "Sessions"])
        self.versions.verticalHeader().hide()
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.versions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.versions.itemSelectionChanged.connect(self._on_versions_itemSelectionChanged)
        self.versions.cellDoubleClicked.connect(lambda *_: self.compare_selected())
        self.summary = QLabel("Choose a version and press Compare to see what changed since.")
        self.summary.setObjectName("subheading")
        self.summary.setWordWrap(True)
        self.changes = QTreeWidget()
        self.changes.setObjectName("comparison")
        self.changes.setHeaderLabels(["Session", "Change", "In the version", "Now"])
        for column, width in enumerate((320, 76, 290)):
            self.changes.setColumnWidth(column, width)
        self.changes.setItemDelegate(_ValueDelegate(self.changes))
        self.changes.setAlternatingRowColors(True)
        self.save_button = QPushButton("Save Current As…")
        self.compare_button = QPushButton("Compare")
        self.restore_button = QPushButton("Restore…")
        close = QPushButton("Close")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.compare_button.clicked.connect(self.compare_selected)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        close.clicked.connect(self.accept)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(heading("Saved versions", sub=True))
        left_layout.addWidget(self.versions)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.changes, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([330, 990])
        buttons = QHBoxLayout()
        for button in (self.save_button, self.compare_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(1320, 580)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        document.changed.connect(self._on_document_changed)
        self.reload()

    def _on_document_changed(self, changes: Changes) -> None:
        """An edit, an undo or a restore of the agenda: the list and the comparison shown follow the file."""
        if not self.isVisible() or not changes.touches(PLAN, SETUP, EVENT):
            return
        selected = self.selected()
        self.reload(select_uid=selected.uid if selected else None)
        if self.comparison is not None:
            self.compare_selected()

    # -- the list -----------------------------------------------------------------------------
    def reload(self, select_uid: str | None = None) -> None:
        self.rows = self.document.snapshots()
        self.versions.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            cells = (row.name, f"{row.created_utc:%d %b %Y %H:%M}", str(row.sessions))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{row.name}\n{row.sessions} sessions ({row.scheduled} scheduled)\nid {row.uid}")
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.versions.setItem(r, c, item)
        index = next((i for i, row in enumerate(self.rows) if row.uid == select_uid), 0 if self.rows else -1)
        if index >= 0:
            self.versions.selectRow(index)
        self._on_versions_itemSelectionChanged()

    def selected(self) -> SnapshotRow | None:
        rows = self.versions.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _on_versions_itemSelectionChanged(self) -> None:
        chosen = self.selected() is not None
        self.compare_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen)

    # -- save ---------------------------------------------------------------------------------
    def _on_save_button_clicked(self) -> None:
        name, ok = ask_text(self, "Save Current As", "Name of this version of the agenda:")
        if ok:
            self.save_current(name)

    def save_current(self, name: str) -> SnapshotRow | None:
        row = attempt(lambda: self.document.save_snapshot(name), parent=self, title="The version was not saved")
        if row is None:
            return None
        self.reload(select_uid=row.uid)
        return row

    # -- compare ------------------------------------------------------------------------------
    def compare_selected(self) -> Comparison | None:
        row = self.selected()
        if row is None:
            return None
        comparison = attempt(lambda: self.document.compare_snapshot(row.uid), parent=self, title="Cannot compare")
        if comparison is None:
            return None
        self.comparison = comparison
        self._show(self.comparison)
        return self.comparison

    def _show(self, result: Comparison) -> None:
        snap = result.snapshot
        groups = (("added", result.added), ("removed", result.removed), ("moved", result.moved),
                  ("changed", result.changed))
        counts = " · ".join(f"{len(items)} {kind}" for kind, items in groups)
        saved = f"saved {snap.created_utc:%a %d %b %H:%M} UTC"
        self.summary.setText(f"The agenda now, since “{snap.name}” ({saved}): "
                             + ("no differences." if result.identical else counts))
        self.changes.clear()
        bold = QFont(self.changes.font())
        bold.setBold(True)
        for kind, items in groups:
            if not items:
                continue
            group = QTreeWidgetItem([f"{kind.capitalize()} ({len(items)})"])
            group.setFont(0, bold)
            group.setForeground(0, QBrush(QColor(KIND_COLOURS[kind])))
            self.changes.addTopLevelItem(group)
            for change in items:
                if kind in ("added", "removed"):
                    was = _where(change.before) if change.before else "—"
                    now = _where(change.after) if change.after else "—"
                    rows = [("", was, now)]
                else:
                    rows = [(FIELD_LABELS.get(f.field, f.field), value_text(f.field, f.before),
                             value_text(f.field, f.after)) for f in change.fields]
                item = QTreeWidgetItem(group, [change.title, *rows[0]])
                item.setData(0, Qt.ItemDataRole.UserRole, change.uid)
                item.setToolTip(0, change.title)
                for label, was, now in rows[1:]:
                    QTreeWidgetItem(item, ["", label, was, now])
                for line in [item] + [item.child(i) for i in range(item.childCount())]:
                    for column in (2, 3):
                        line.setToolTip(column, line.text(column))
                item.setExpanded(True)
            group.setExpanded(True)

    # -- restore ------------------------------------------------------------------------------
    def _on_restore_button_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(
            self, "Restore version",
            f"Bring the agenda back to “{row.name}”?\n\nSessions move back to their saved times and "
            "venues, sessions added since are deleted and removed ones come back. The agenda as it is "
            "now is saved first, and Edit ▸ Undo takes you back to it.")
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(row)

    def restore(self, row: SnapshotRow) -> bool:
        """Restore ``row`` through the undo stack; False when refused or nothing differed."""
        command = RestoreVersion(self.document, row)
        changed = attempt(command.apply_first, parent=self, title="The agenda was not changed")
        if changed is None:
            return False
        if not changed:
            show_info(parent=self, text=f"The agenda already matches “{row.name}”.", title="Restore version")
            return False
        self.undo_stack.push(command)
        self.reload(select_uid=row.uid)
        self.compare_selected()  # shows "no differences"
        return True
