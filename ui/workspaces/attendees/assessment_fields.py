"""The attendee editor's self-assessment: levels 1-5 before and after the day, overall and per framework level."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QWidget

from learningday.setup.dto import LevelDTO
from learningday.skills.dto import OVERALL, AttendeeAssessments
from ui.skills_door import Scores

PHASES = (("pre", "Before"), ("post", "After"))
NOT_GIVEN = "—"


def _score_box(score: int | None) -> QComboBox:
    box = QComboBox()
    box.addItem(NOT_GIVEN, None)
    for value in range(1, 6):
        box.addItem(str(value), value)
    box.setCurrentIndex(max(0, box.findData(score)))
    return box


class AssessmentFields(QGroupBox):
    """One box per (phase, level key); the role's target level is shown, never edited here."""

    def __init__(self, assessments: AttendeeAssessments, levels: tuple[LevelDTO, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__("Self-assessed level (1 = new to it, 5 = could teach it)", parent)
        self.setObjectName("assessmentFields")
        self.initial: Scores = {}
        self.boxes: dict[tuple[str, int], QComboBox] = {}
        grid = QGridLayout(self)
        for column, (_phase, label) in enumerate(PHASES, start=1):
            grid.addWidget(QLabel(label), 0, column)
        rows = [(OVERALL, "Overall"), *((level.id, f"{level.id} · {level.name}") for level in levels)]
        for row, (key, label) in enumerate(rows, start=1):
            grid.addWidget(QLabel(label), row, 0)
            for column, (phase, _label) in enumerate(PHASES, start=1):
                score = (assessments.pre if phase == "pre" else assessments.post).get(key)
                self.initial[(phase, key)] = score
                box = _score_box(score)
                box.setObjectName(f"score_{phase}_{key}")
                self.boxes[(phase, key)] = box
                grid.addWidget(box, row, column)
        target = assessments.target_level
        names = {level.id: level.name for level in levels}
        self.target = QLabel(f"{target} · {names.get(target, '')}".rstrip(" ·") if target is not None
                             else "none: no rule of the role → level table matches the role")
        self.target.setObjectName("targetLevel")
        self.target.setToolTip("From the role → level table (Setup ▸ Roles); change the role to change it")
        grid.addWidget(QLabel("Target level (from the role)"), len(rows) + 1, 0)
        grid.addWidget(self.target, len(rows) + 1, 1, 1, 2)

    def edits(self) -> Scores:
        """The scores the user changed (None: cleared), by (phase, level key)."""
        return {key: box.currentData() for key, box in self.boxes.items() if box.currentData() != self.initial[key]}
