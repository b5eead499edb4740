"""The attendee editor: every field of a person; Save hands them to a callback and shows its refusals inline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from learningday.errors import LearningDayError
from learningday.roster.attendees import AttendeeRefused
from learningday.roster.dto import AttendeeDetails
from learningday.setup.dto import HubDTO, LevelDTO
from learningday.skills.dto import AttendeeAssessments
from ui.errors import describe
from ui.skills_door import Scores
from ui.workspaces.attendees.assessment_fields import AssessmentFields

Fields = dict[str, str | int | None]
LABELS = {"name": "Name", "email": "Email", "employee_id": "Employee ID", "department": "Department",
          "role": "Role", "hub": "Hub", "level": "Level"}


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


class AttendeeEditor(QDialog):
    """Edits one attendee. ``submit(fields)`` writes them (raising AttendeeRefused to keep the dialog open);
    with ``assessments`` it also edits the self-assessed levels (``score_edits``)."""

    def __init__(self, details: AttendeeDetails, *, hubs: tuple[HubDTO, ...], levels: tuple[LevelDTO, ...],
                 departments: list[str], submit: Callable[[Fields], None], parent: QWidget | None = None,
                 assessments: AttendeeAssessments | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Attendee — {details.name}")
        self.setMinimumWidth(460)
        self.details = details
        self._submit = submit
        self.name = QLineEdit(details.name)
        self.email = QLineEdit(details.email)
        self.employee_id = QLineEdit(details.employee_id or "")
        self.department = QComboBox()
        self.department.setEditable(True)
        self.department.addItems([d for d in departments if d])
        self.department.setCurrentText(details.department)
        self.role = QLineEdit(details.role)
        self.hub = QComboBox()
        self.hub.addItem("No hub", None)
        for hub in hubs:
            self.hub.addItem(f"{hub.name} ({hub.zone})", hub.id)
        self.hub.setCurrentIndex(max(0, self.hub.findData(details.hub_id)))
        self.level = QComboBox()
        self.level.addItem("Not set", None)
        for level in levels:
            self.level.addItem(f"{level.id} · {level.name}", level.id)
        self.level.setCurrentIndex(max(0, self.level.findData(details.level_id)))
        self.errors = {key: _error_label() for key in LABELS}
        self.general_error = _error_label()
        form = QFormLayout()
        badge = QLabel(details.code)
        badge.setObjectName("subheading")
        badge.setToolTip(f"uid {details.uid}")
        form.addRow("Badge code", badge)
        for key, widget in (("name", self.name), ("email", self.email), ("employee_id", self.employee_id),
                            ("department", self.department), ("role", self.role), ("hub", self.hub),
                            ("level", self.level)):
            form.addRow(LABELS[key], widget)
            form.addRow("", self.errors[key])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.assessment = AssessmentFields(assessments, levels) if assessments is not None else None
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self.assessment is not None:
            layout.addWidget(self.assessment)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def fields(self) -> Fields:
        return {
            "name": self.name.text(), "email": self.email.text(), "employee_id": self.employee_id.text(),
            "department": self.department.currentText(), "role": self.role.text(),
            "hub": self.hub.currentData(), "level": self.level.currentData(),
        }

    def score_edits(self) -> Scores:
        """The self-assessed levels changed in the editor (None: cleared)."""
        return self.assessment.edits() if self.assessment is not None else {}

    def show_problems(self, problems: dict[str, str], general: str = "") -> None:
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)
        self.general_error.setText(general)
        self.general_error.setVisible(bool(general))
        self.adjustSize()  # room for the messages, never clipped

    def accept(self) -> None:
        """Save: written through ``submit``; on a refusal the problems show under their fields."""
        try:
            self._submit(self.fields())
        except AttendeeRefused as exc:
            self.show_problems(exc.problems)
            first = next(iter(exc.problems))
            widget = getattr(self, first, None)
            if widget is not None:
                widget.setFocus()
            return
        except LearningDayError as exc:
            self.show_problems({}, describe(exc))
            return
        super().accept()
