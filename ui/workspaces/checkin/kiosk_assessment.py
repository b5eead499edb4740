"""The kiosk's self-assessment: "Where do you stand today?" — the five framework levels as big buttons, or Skip."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from learningday.errors import LearningDayError
from ui.commands import FileCommand
from ui.document import EventDocument
from ui.errors import describe
from ui.skills_door import Scores
from ui.workspaces.checkin.banner import Banner

#: a person who walks away from the question: the kiosk starts again after this long
ASK_FOR_MS = 30000
OVERALL = 0  # the kiosk asks one overall level, not one per framework level
QUESTIONS = {"pre": "Where do you stand today?", "post": "Where do you stand now, after the day?"}


class SelfAssess(FileCommand):
    """One overall self-assessed level; undo writes back the score the write says it replaced."""

    def __init__(self, document: EventDocument, uid: str, phase: str, score: int) -> None:
        super().__init__(document, "Self-assessment")
        self.uid, self.scores = uid, {(phase, OVERALL): score}
        self.before: Scores = {}

    def forward(self) -> None:
        self.before = self.document.set_scores(self.uid, self.scores, source="kiosk").value

    def backward(self) -> None:
        self.document.set_scores(self.uid, self.before, source="kiosk")


def big(widget: QWidget, grow: float) -> QWidget:
    """``widget`` with its font ``grow`` points larger: a kiosk is read at arm's length."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() + grow)
    widget.setFont(font)
    return widget


@dataclass(frozen=True)
class Host:
    """What the page needs of the screen it sits on (the kiosk, the check-out dialog)."""

    show: Callable[[str], None]  # bring the page up, the question as the screen's instruction
    passed: Callable[[str, str], None]  # a skip or a refusal: the screen's usual outcome (style, words)
    reset: QTimer  # the screen's usual reset, started by an answer
    ready: Callable[[], None]  # no one answered: the screen starts again


class AssessmentPage(QWidget):
    """The question, then "noted" with "Undo my answer"; only asked of someone with no assessment of the phase."""

    def __init__(self, document: EventDocument, host: Host, *, phase: str = "pre") -> None:
        super().__init__()
        self.setObjectName(f"selfAssessment-{phase}")
        self.document, self.host, self.phase = document, host, phase
        self.uid: str | None = None
        self._words = ""
        self.stack = QUndoStack(self)
        self.banner = Banner()  # the check-in's own outcome stays in sight above the question
        self.banner.setMinimumHeight(70)
        self.note = big(QLabel(), 12)
        self.note.setStyleSheet("font-weight: bold")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.group = QButtonGroup(self)
        levels = document.summary().levels
        self.labels = {level.id: f"{level.id} · {level.name}" for level in levels}
        grid = QGridLayout()
        for column, level in enumerate(levels):
            button = big(QPushButton(f"{level.id}\n{level.name}"), 8)
            button.setCheckable(True)
            button.setMinimumSize(170, 130)
            button.setToolTip(level.audience)
            button.setStyleSheet("QPushButton:checked { background: #1e7b34; color: white; }")
            self.group.addButton(button, level.id)
            grid.addWidget(button, 0, column)
        self.skip, self.undo_button = big(QPushButton("Skip"), 8), big(QPushButton("Undo my answer"), 6)
        for button in (self.skip, self.undo_button):
            button.setMinimumSize(220, 64)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.undo_button)
        row.addWidget(self.skip)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.note)
        layout.addLayout(grid)
        layout.addLayout(row)
        self._giving_up = QTimer(self)
        self._giving_up.setSingleShot(True)
        self._giving_up.setInterval(ASK_FOR_MS)
        self._giving_up.timeout.connect(host.ready)
        self.group.idClicked.connect(self._on_group_idClicked)
        self.skip.clicked.connect(self._on_skip_clicked)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)

    def offer(self, uid: str | None, style: str, words: str) -> bool:
        """After a good check-in (or check-out), ask someone with no self-assessment of this phase (overall or
        per level); False: not asked, the screen goes on as before."""
        if style != "ok" or uid is None or getattr(self.document.assessments(uid), self.phase):
            return False
        self.uid, self._words = uid, words
        self.stack.clear()  # one person's answer is theirs to undo, not the next person's
        self.banner.show_message(style, words, stay=True)
        self._question()
        return True

    def _question(self) -> None:
        self.host.reset.stop()
        self.group.setExclusive(False)  # an exclusive group cannot uncheck its last button
        for button in self.group.buttons():
            button.setChecked(False)
            button.setEnabled(True)
        self.group.setExclusive(True)
        self.note.setText(f"{QUESTIONS[self.phase]} Tap the level that fits you best")
        self.undo_button.hide()
        self.skip.show()
        self.host.show("Your self-assessment helps the day's organisers — Skip if you prefer")
        self._giving_up.start()

    def _on_group_idClicked(self, score: int) -> None:
        if self.uid is None or self.stack.canUndo():
            return
        self._giving_up.stop()
        try:
            SelfAssess(self.document, self.uid, self.phase, score).push_onto(self.stack)
        except LearningDayError as exc:
            self.host.passed("bad", describe(exc))
            return
        for button in self.group.buttons():
            button.setEnabled(button.isChecked())
        self.note.setText(f"Thank you — noted: {self.labels.get(score, score)}")
        self.skip.hide()
        self.undo_button.show()
        self.host.show("Thank you!")
        self.host.reset.start()

    def _on_skip_clicked(self) -> None:
        self._giving_up.stop()
        self.host.passed(self.banner.style_name, self._words)

    def _on_undo_button_clicked(self) -> None:
        """The answer is taken back; the question waits again."""
        self.stack.undo()
        self._question()
