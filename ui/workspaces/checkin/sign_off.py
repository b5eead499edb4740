"""Facilitator sign-off at the check-in station: "Completed the hands-on exercise" for people checked in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from learningday.errors import LearningDayError
from ui.commands import FileCommand
from ui.document import EventDocument
from ui.errors import attempt, show_error

EXERCISE = "Completed the hands-on exercise"
UID_ROLE = Qt.ItemDataRole.UserRole


class SignOff(FileCommand):
    """Tick or untick one person; undo writes back what the write says was there before."""

    def __init__(self, document: EventDocument, uid: str, session_uid: str, signed: bool, *, name: str,
                 facilitator: str) -> None:
        super().__init__(document, f"{'Sign off' if signed else 'Take back the sign-off of'} “{name}”")
        self.uid, self.session_uid, self.signed, self.facilitator = uid, session_uid, signed, facilitator
        self.was_signed = not signed

    def forward(self) -> None:
        change = self.document.set_signed_off(self.uid, self.session_uid, self.signed,
                                              facilitator=self.facilitator).value
        self.was_signed = change.was_signed

    def backward(self) -> None:
        if self.was_signed != self.signed:
            self.document.set_signed_off(self.uid, self.session_uid, self.was_signed, facilitator=self.facilitator)


class SignOffDialog(QDialog):
    """The people checked in to the station's session, each ticked when signed off; Ctrl+Z takes a tick back."""

    def __init__(self, document: EventDocument, *, session_uid: str, session_title: str, facilitator: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Sign-off — {session_title}")
        self.setMinimumSize(480, 420)
        self.document, self.session_uid, self.facilitator = document, session_uid, facilitator
        self.stack = QUndoStack(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name or badge code")
        self.people = QListWidget()
        self.people.setObjectName("signOffPeople")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setEnabled(False)
        self.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.clicked.connect(self.undo)
        QShortcut(QKeySequence("Ctrl+Z"), self, self.undo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(f"Tick “{EXERCISE}” for the people checked in to this session"
                       + (f" (signed off by {facilitator})" if facilitator else "") + ".")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._on_filter_textChanged)
        self.people.itemChanged.connect(self._on_people_itemChanged)
        self.reload()

    def reload(self) -> None:
        self.people.blockSignals(True)  # filling the list is not a tick
        self.people.clear()
        for person in self.document.here_for_sign_off(self.session_uid):
            item = QListWidgetItem(f"{person.name}   ·   {person.code}   ·   {person.hub or 'no hub'}")
            item.setData(UID_ROLE, person.uid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.signed else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.blockSignals(False)
        self._on_filter_textChanged(self.filter.text())
        signed = sum(self.people.item(i).checkState() == Qt.CheckState.Checked for i in range(self.people.count()))
        self.status.setText(f"{signed:,} of {self.people.count():,} checked in are signed off"
                            if self.people.count() else "Nobody is checked in to this session yet.")

    def item_of(self, uid: str) -> QListWidgetItem | None:
        return next((self.people.item(i) for i in range(self.people.count())
                     if self.people.item(i).data(UID_ROLE) == uid), None)

    def _on_filter_textChanged(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def _on_people_itemChanged(self, item: QListWidgetItem) -> None:
        signed = item.checkState() == Qt.CheckState.Checked
        command = SignOff(self.document, item.data(UID_ROLE), self.session_uid, signed,
                          name=item.text().split("   ·")[0], facilitator=self.facilitator)
        attempt(lambda: command.push_onto(self.stack), parent=self, title="Not signed off")
        self.reload()  # the file decides: a refusal shows the tick as it is on disk

    def undo(self) -> None:
        if self.stack.canUndo():
            self.stack.undo()
            self.reload()


def add_sign_off_button(layout: QBoxLayout, *, document: Callable[[], EventDocument | None],
                        session: Callable[[], tuple[str | None, str]], facilitator: Callable[[], str],
                        parent: QWidget) -> QPushButton:
    """The station's "Sign-off…" button (F4), for the session the station is on (not the whole event)."""
    button = QPushButton("Sign-off… (F4)")
    button.setObjectName("signOffButton")
    button.setToolTip(f"Record “{EXERCISE}” for people checked in to this session")

    def open_dialog() -> SignOffDialog | None:
        doc, (uid, title) = document(), session()
        if doc is None:
            return None
        if uid is None:
            show_error(parent=parent, title="Sign-off",
                       exc=LearningDayError("choose the session first: a sign-off is for one session"))
            return None
        dialog = SignOffDialog(doc, session_uid=uid, session_title=title, facilitator=facilitator(), parent=parent)
        dialog.open()
        return dialog

    button.clicked.connect(open_dialog)
    QShortcut(QKeySequence("F4"), parent, open_dialog)
    button.open_dialog = open_dialog  # type: ignore[attr-defined] - tests and the shortcut share it
    layout.insertWidget(max(0, layout.count() - 1), button)  # before the row's closing stretch
    return button
