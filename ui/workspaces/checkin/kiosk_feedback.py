"""The kiosk's check-out: badge code, then feedback on the session (rating, "I can apply this", a comment)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from learningday.checkin.dto import CheckInResult
from learningday.errors import LearningDayError
from learningday.skills.dto import FeedbackChange
from ui.commands import FileCommand
from ui.document import EventDocument
from ui.errors import describe
from ui.workspaces.checkin.kiosk_assessment import AssessmentPage, Host
from ui.workspaces.checkin.kiosk_assessment import big as _big

CLOSE_AFTER_MS = 8000
#: after a self-assessment is noted (its Undo in reach), the feedback questions come
FEEDBACK_AFTER_MS = 3000
QUESTIONS = (("rating", "How was this session?", ("Poor", "Excellent")),
             ("can_apply", "I can apply this in my work", ("Not at all", "Right away")))


class GiveFeedback(FileCommand):
    """One person's feedback on one session; undo puts back what the write says it replaced."""

    def __init__(self, document: EventDocument, uid: str, session_uid: str, *, rating: int, can_apply: int,
                 comment: str) -> None:
        super().__init__(document, "Feedback")
        self.uid, self.session_uid = uid, session_uid
        self.answers = {"rating": rating, "can_apply": can_apply, "comment": comment}
        self.change: FeedbackChange | None = None

    def forward(self) -> None:
        self.change = self.document.record_feedback(self.uid, self.session_uid, **self.answers).value

    def backward(self) -> None:
        assert self.change is not None
        self.document.restore_feedback(self.change)


class _Scale(QWidget):
    """Five big exclusive buttons, 1-5, with the words at both ends."""

    changed = Signal()

    def __init__(self, ends: tuple[str, str]) -> None:
        super().__init__()
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.addWidget(QLabel(ends[0]))
        for value in range(1, 6):
            button = _big(QPushButton(str(value)), 10)
            button.setCheckable(True)
            button.setMinimumSize(72, 64)
            button.setStyleSheet("QPushButton:checked { background: #1e7b34; color: white; }")
            self.group.addButton(button, value)
            row.addWidget(button)
        row.addWidget(QLabel(ends[1]))
        self.group.idClicked.connect(lambda _id: self.changed.emit())

    def value(self) -> int | None:
        return self.group.checkedId() if self.group.checkedId() > 0 else None

    def choose(self, value: int) -> None:
        self.group.button(value).click()


class KioskCheckOut(QDialog):
    """Code → check-out → feedback → thanks (with "Undo my answers"); only someone checked in reaches feedback."""

    def __init__(self, document: EventDocument, *, session_uid: str, session_title: str, station: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check out")
        self.document, self.session_uid, self.station = document, session_uid, station
        self.stack = QUndoStack(self)
        self.checked_out: CheckInResult | None = None
        self.pages = QStackedWidget()
        self.code = _big(QLineEdit(), 14)
        self.code.setObjectName("checkOutCode")
        self.code.setPlaceholderText("Type or scan your badge code, then Enter")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_message = _big(QLabel(f"Leaving {session_title}? Check out here and tell us how it went."), 6)
        self.code_message.setWordWrap(True)
        self.code_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        first = QWidget()
        column = QVBoxLayout(first)
        column.addStretch(1)
        column.addWidget(self.code_message)
        column.addWidget(self.code)
        column.addStretch(2)
        self.greeting = _big(QLabel(), 8)
        self.greeting.setWordWrap(True)
        self.scales = {key: _Scale(ends) for key, _question, ends in QUESTIONS}
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("feedbackComment")
        self.comment.setPlaceholderText("Anything else? (optional)")
        self.comment.setMaximumHeight(110)
        self.send = _big(QPushButton("Send"), 6)
        self.send.setEnabled(False)
        self.skip = QPushButton("Skip")
        second = QWidget()
        grid = QGridLayout(second)
        grid.addWidget(self.greeting, 0, 0, 1, 2)
        for row, (key, question, _ends) in enumerate(QUESTIONS, start=1):
            grid.addWidget(_big(QLabel(question), 4), row, 0)
            grid.addWidget(self.scales[key], row, 1)
            self.scales[key].changed.connect(self._on_scale_changed)
        grid.addWidget(self.comment, 3, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip)
        buttons.addStretch(1)
        buttons.addWidget(self.send)
        grid.addLayout(buttons, 4, 0, 1, 2)
        self.thanks = _big(QLabel(), 10)
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks.setWordWrap(True)
        self.undo_button = QPushButton("Undo my answers")
        third = QWidget()
        column = QVBoxLayout(third)
        column.addStretch(1)
        column.addWidget(self.thanks)
        column.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignCenter)
        column.addStretch(1)
        # skills: "where do you stand now?" first, for someone with no "after" self-assessment
        self._to_feedback = QTimer(self)
        self._to_feedback.setSingleShot(True)
        self._to_feedback.setInterval(FEEDBACK_AFTER_MS)
        self._to_feedback.timeout.connect(lambda: self.pages.setCurrentIndex(1))
        self.after = AssessmentPage(document, Host(lambda _words: self.pages.setCurrentIndex(3),
                                                   lambda _style, _words: self.pages.setCurrentIndex(1),
                                                   self._to_feedback, self.accept), phase="post")
        for page in (first, second, third, self.after):
            self.pages.addWidget(page)
        QVBoxLayout(self).addWidget(self.pages)
        self._close = QTimer(self)
        self._close.setSingleShot(True)
        self._close.setInterval(CLOSE_AFTER_MS)
        self._close.timeout.connect(self.accept)
        self.code.returnPressed.connect(self._on_code_returnPressed)
        self.send.clicked.connect(self._on_send_clicked)
        self.skip.clicked.connect(lambda: self._thank("Checked out. Thank you for coming!"))
        self.undo_button.clicked.connect(self._on_undo_button_clicked)

    def _on_code_returnPressed(self) -> None:
        text = self.code.text().strip()
        if not text:
            return
        try:
            result = self.document.check_out(text, session_uid=self.session_uid, station=self.station)
        except LearningDayError as exc:  # unknown code, not checked in to this session, checked out already
            self.code_message.setText(f"{describe(exc)}. Please see the facilitator.")
            self.code.clear()
            return
        self.checked_out = result
        first_name = result.attendee.split()[0] if result.attendee.split() else ""
        self.greeting.setText(f"Checked out — thank you, {first_name}! How was {result.session}?")
        if not self.after.offer(result.attendee_uid, "ok", f"Checked out — thank you, {first_name}!"):
            self.pages.setCurrentIndex(1)

    def _on_scale_changed(self) -> None:
        self.send.setEnabled(all(scale.value() for scale in self.scales.values()))

    def _on_send_clicked(self) -> None:
        result = self.checked_out
        rating, can_apply = self.scales["rating"].value(), self.scales["can_apply"].value()
        if result is None or result.attendee_uid is None or rating is None or can_apply is None:
            return
        command = GiveFeedback(self.document, result.attendee_uid, self.session_uid, rating=rating,
                               can_apply=can_apply, comment=self.comment.toPlainText())
        try:
            command.push_onto(self.stack)
        except LearningDayError as exc:
            self.greeting.setText(describe(exc))
            return
        self._thank("Thank you! Your feedback helps the next Learning Day.")

    def _thank(self, text: str) -> None:
        self.thanks.setText(text)
        self.undo_button.setVisible(self.stack.canUndo())
        self.pages.setCurrentIndex(2)
        self._close.start()

    def _on_undo_button_clicked(self) -> None:
        """Back to the questions, the answers as they were given; the stored feedback is what it was before."""
        self.stack.undo()
        self.pages.setCurrentIndex(1)
        self._close.stop()


def add_check_out(kiosk: QWidget, layout: QBoxLayout, *, document: EventDocument, session_uid: str | None,
                  session_title: str, station: str) -> QPushButton | None:
    """The kiosk's "Leaving? Check out" button under its banner (none on a whole-event kiosk)."""
    if session_uid is None:
        return None
    button = _big(QPushButton("Leaving? Check out and tell us how it went"), 6)
    button.setObjectName("kioskCheckOut")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the code box keeps the focus for the next scan

    def open_dialog() -> KioskCheckOut:
        dialog = KioskCheckOut(document, session_uid=session_uid, session_title=session_title, station=station,
                               parent=kiosk)
        dialog.resize(kiosk.size())
        dialog.open()
        dialog.code.setFocus()
        return dialog

    button.clicked.connect(open_dialog)
    button.open_dialog = open_dialog  # type: ignore[attr-defined] - tests press it without a click
    layout.insertWidget(max(0, layout.count() - 2), button, 0, Qt.AlignmentFlag.AlignCenter)  # above the hint
    return button
