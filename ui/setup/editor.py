"""The frame every setup editor shares: a list on the left, a form on the right, undoable saves.

Each save, addition or removal is a SetupCommand on the window's undo stack; the editor reloads
from the file whenever the document changes, so Ctrl+Z (here or in the main window) shows at once.
A refused edit is shown under the form and writes nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from learningday.errors import LearningDayError
from learningday.setup.dto import Usage
from ui import errors
from ui.changes import EVENT, SETUP, Changes
from ui.document import EventDocument
from ui.setup.commands import SetupCommand, add_command, edit_command, remove_command

ERROR_STYLE = "color: #b42318; font-weight: 600;"


def confirm(*, parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before a change that touches other rows (tests replace this function)."""
    if not errors.DIALOGS:
        return True
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def push(command: SetupCommand, undo_stack: QUndoStack, error_label: QLabel) -> bool:
    """Write ``command`` now and put it on the undo stack; a refusal is shown, nothing written."""
    try:
        command.push_onto(undo_stack)
    except LearningDayError as exc:
        error_label.setText(errors.describe(exc))
        errors.shown.append(errors.describe(exc))
        return False
    error_label.setText("")
    return True


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("formError")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


class SetupEditor(QDialog):
    """Subclasses set ``kind``, ``title``, ``columns`` and fill the form; the rest is here."""

    kind = ""
    title = ""
    columns: tuple[str, ...] = ()
    #: the window's first size (width, height)
    first_size = (1000, 520)

    def __init__(self, document: EventDocument, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.title)
        self.document, self.undo_stack = document, undo_stack
        self.drafts: dict[int, Any] = {}
        self.current: int | None = None
        #: the form holds a new row (not saved yet)
        self.adding = False
        #: the file changed while the window was closed: read it again when it is shown
        self._stale = False
        self.table = QTableWidget(0, len(self.columns))
        self.table.setObjectName(f"{self.kind}Table")
        self.table.setHorizontalHeaderLabels(list(self.columns))
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._on_table_itemSelectionChanged)
        self.new_button = QPushButton(f"Add {self.kind}")
        self.new_button.clicked.connect(self.start_new)
        self.remove_button = QPushButton("Remove…")
        self.remove_button.clicked.connect(self.remove_current)
        self.save_button = QPushButton("Save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Revert")
        self.revert_button.clicked.connect(self._on_revert_button_clicked)
        self.error = error_label()
        self.form_box = QGroupBox()
        self.form = QFormLayout()
        box_layout = QVBoxLayout(self.form_box)
        box_layout.addLayout(self.form)
        box_layout.addStretch(1)  # the fields stay together at the top
        self.build_form(self.form)
        self.form.addRow(self.error)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)
        self.form.addRow(actions)

        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.remove_button)
        for button in self.extra_buttons():
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(list_buttons)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.form_box, 2)
        bottom = QHBoxLayout()
        for text, make, keys in (("Undo", self.undo_stack.createUndoAction, QKeySequence.StandardKey.Undo),
                                 ("Redo", self.undo_stack.createRedoAction, QKeySequence("Ctrl+Shift+Z"))):
            action = make(self, text)
            action.setShortcut(keys)
            self.addAction(action)  # Ctrl+Z works while the editor has the focus
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bottom.addWidget(button)
        bottom.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)
        document.changed.connect(self._on_document_changed)
        self.reload()

    # -- what a subclass provides -------------------------------------------------------------
    def build_form(self, form: QFormLayout) -> None:
        raise NotImplementedError

    def extra_buttons(self) -> list[QPushButton]:
        return []

    def load(self, session) -> dict[int, Any]:  # noqa: ANN001 - a SQLAlchemy session
        raise NotImplementedError

    def cells(self, draft: Any) -> list[str]:
        raise NotImplementedError

    def blank(self) -> Any:
        raise NotImplementedError

    def show_draft(self, draft: Any) -> None:
        raise NotImplementedError

    def form_draft(self) -> Any:
        raise NotImplementedError

    def typed_problem(self) -> str:
        """What a box of the form that reads typed text cannot read ('' when all can): saving waits for it."""
        return ""

    def usage(self, session, ident: int) -> Usage:  # noqa: ANN001
        raise NotImplementedError

    def before_reload(self, session) -> None:  # noqa: ANN001 - read what the form needs besides the rows
        pass

    # -- the list --------------------------------------------------------------------------------
    def _on_document_changed(self, changes: Changes) -> None:
        if not changes.touches(SETUP, EVENT):  # the lists show hubs, venues, facilitators and the event's start
            return
        if self.isVisible():
            self.reload()
        else:  # a closed editor stays connected until the event closes; it catches up when shown
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's name
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Show the file as it is now; keep the row being edited selected when it still exists."""

        def read(session):  # noqa: ANN001, ANN202
            self.before_reload(session)
            return self.load(session)

        self._stale = False
        self.drafts = self.document.read_with(read)
        header = self.table.horizontalHeader()
        # Columns sized to their contents re-measure every row after each cell set (150 ms for 30 rows):
        # fill first, then size them once.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.drafts))
        for row, (ident, draft) in enumerate(self.drafts.items()):
            for column, text in enumerate(self.cells(draft)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, ident)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if self.adding:
            return  # a new row being typed: leave the form alone
        if self.current not in self.drafts:
            self.current = next(iter(self.drafts), None)
        self.select(self.current)

    def row_of(self, ident: int) -> int:
        return list(self.drafts).index(ident)

    def select(self, ident: int | None) -> None:
        """Edit row ``ident`` (None: nothing to edit, the form is for a new one)."""
        self.current, self.adding = ident, False
        self.table.blockSignals(True)
        self.table.clearSelection()
        if ident is not None:
            self.table.selectRow(self.row_of(ident))
        self.table.blockSignals(False)
        self.remove_button.setEnabled(ident is not None)
        if ident is None:
            self.start_new()
            return
        self.form_box.setTitle(f"{self.kind.capitalize()} “{self.drafts[ident].name}”")
        self.show_draft(self.drafts[ident])
        self.error.setText("")

    def _on_table_itemSelectionChanged(self) -> None:
        items = self.table.selectedItems()
        if items:
            self.select(items[0].data(Qt.ItemDataRole.UserRole))

    def start_new(self) -> None:
        self.current, self.adding = None, True
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.blockSignals(False)
        self.remove_button.setEnabled(False)
        self.form_box.setTitle(f"New {self.kind}")
        self.show_draft(self.blank())
        self.error.setText("")

    def _on_revert_button_clicked(self) -> None:
        self.select(self.current) if self.current is not None else self.start_new()

    # -- changes -----------------------------------------------------------------------------------
    def save(self) -> bool:
        """Add the new row or save the edited one; returns whether the file changed."""
        if problem := self.typed_problem():
            self.error.setText(problem)  # the box keeps its last good value: saving that would not be what was typed
            return False
        draft = self.form_draft()
        if self.current is None:
            command = add_command(self.document, self.kind, draft)
            if not push(command, self.undo_stack, self.error):
                return False
            self.select(command.state)
            return True
        if draft == self.drafts[self.current]:
            return False
        return push(edit_command(self.document, self.kind, self.current, draft), self.undo_stack, self.error)

    def remove_current(self) -> bool:
        if self.current is None:
            return False
        ident, name = self.current, self.drafts[self.current].name
        usage = self.document.read_with(lambda s: self.usage(s, ident))
        from learningday.setup.services import usage_words

        text = f"Remove {self.kind} “{name}”?"
        if not usage.empty:
            text += "\n\n" + usage_words(f"{self.kind} '{name}'", usage).replace("; ", ".\n") + "."
        text += "\n\nEdit ▸ Undo brings it back."
        if not confirm(parent=self, title=f"Remove {self.kind}", text=text):
            return False
        return push(remove_command(self.document, self.kind, ident, name), self.undo_stack, self.error)

    def push_command(self, command: SetupCommand) -> bool:
        return push(command, self.undo_stack, self.error)

