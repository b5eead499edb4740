"""Import Survey…: the import wizard over a forms tool's export (self-assessments before or after, or feedback)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QMenu, QToolButton, QWidget

from learningday.skills.survey import SurveyResult
from learningday.spreadsheet.engine import ImportSpec, Issue, Preview
from ui.document import EventDocument
from ui.import_wizard import ImportWizard, RosterTarget
from ui.workspaces.plan.import_dialog import kind_row

KINDS = (("Self-assessment before the day", "pre"), ("Self-assessment after the day", "post"),
         ("Session feedback", "feedback"))
WORDS = {"pre": "self-assessments before the day", "post": "self-assessments after the day",
         "feedback": "session feedback"}


class SurveyTarget(RosterTarget):
    """People matched by email, employee id or badge code; feedback counts only from people checked in."""

    title = "Import survey"
    file_title = "Choose the survey export"
    file_hint = ("A CSV or XLSX export from any forms tool. People are matched by email, employee ID or badge code; "
                 "feedback from someone not checked in to the session is reported, not counted.")

    def __init__(self, document: EventDocument, kind: str = "pre") -> None:
        super().__init__(document)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("surveyKind")
        for text, value in KINDS:
            self.kind_box.addItem(text, value)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))

    @property
    def kind(self) -> str:
        return self.kind_box.currentData()

    def file_widget(self) -> QWidget:
        return kind_row(self.kind_box)

    def preview(self, path: Path, encoding: str | None = None) -> tuple[ImportSpec, Preview]:
        return self.document.survey_preview(path, self.kind, encoding)

    def options(self) -> dict[str, Any]:
        return {"kind": self.kind}

    def run(self, path: Path, **kw: Any) -> SurveyResult:
        return self.document.import_survey(path, **kw)

    def summary(self, result: SurveyResult) -> str:
        text = f"Imported {WORDS[result.kind]}: {result.written:,} written, {result.skipped:,} rows skipped."
        if n := result.unmatched:
            text += f" {n:,} row{'s' if n != 1 else ''} matched nobody who could answer: listed below, not counted."
        return text

    def result_rows(self, result: SurveyResult) -> tuple[Issue, ...]:
        unmatched = tuple(replace(i, message=f"Unmatched: {i.message}") for i in result.unmatched_rows)
        return result.issues + unmatched


def survey_import_wizard(document: EventDocument, parent: QWidget | None = None, *, path: str = "",
                         kind: str = "pre") -> ImportWizard:
    return ImportWizard(document, parent, path=path, target=SurveyTarget(document, kind))


def survey_menu_button(open_wizard: Callable[..., Any]) -> QToolButton:
    """The workspace's "Skills" menu: one Import entry per kind of survey (``open_wizard(kind=...)``)."""
    button = QToolButton()
    button.setObjectName("skillsMenu")
    button.setText("Skills")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for text, kind in KINDS:
        action = menu.addAction(f"Import Survey: {text}…", lambda k=kind: open_wizard(kind=k))
        action.setObjectName(f"importSurvey_{kind}")
    button.setMenu(menu)
    return button
