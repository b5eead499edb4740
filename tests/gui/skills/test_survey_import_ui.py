"""Import Survey… in the Attendees workspace: the wizard's kind, the report, all-or-nothing, off the GUI thread."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from tests.gui.documents import digest
from tests.helpers.skills_event import CODES
from ui.document import EventDocument
from ui.import_wizard import ImportWizard
from ui.workspaces.attendees.workspace import AttendeesWorkspace


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _wizard(document: EventDocument, qtbot, path: Path, kind: str) -> ImportWizard:
    work = AttendeesWorkspace()
    qtbot.addWidget(work)
    work.show_event(document, document.summary(), document.sessions())
    changed: list = []
    document.changed.connect(changed.append)
    work.survey_button.menu().findChild(QAction, f"importSurvey_{kind}").trigger()  # the Skills menu's entry
    wizard = work.findChild(ImportWizard)
    assert wizard is not None and wizard.target.kind == kind
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(path))
    wizard.changed = changed  # type: ignore[attr-defined] - what the document announced, for the test
    wizard.next()  # file -> mapping
    return wizard


def _run(wizard: ImportWizard, qtbot) -> None:
    with qtbot.waitSignal(wizard.import_page.ended, timeout=30000):
        wizard.next()  # mapping -> import, on a worker


def test_feedback_from_someone_not_checked_in_is_reported_not_counted(skills_document: EventDocument, qtbot,
                                                                      tmp_path: Path) -> None:
    survey = _csv(tmp_path / "fb.csv", [["Email", "Session", "Rating", "I can apply this", "Comment"],
                                        ["pia@example.com", "Literacy", "3", "4", "good"],
                                        ["pat@example.com", "Literacy", "1", "1", "never came"]])
    wizard = _wizard(skills_document, qtbot, survey, "feedback")
    assert "feedback" in wizard.mapping_page.detected.text()
    _run(wizard, qtbot)
    page = wizard.import_page
    assert page.result.written == 1 and page.result.unmatched == 1, page.status.text()
    assert "1 written" in page.status.text() and "not counted" in page.status.text()
    problems = [page.report.item(r, 3).text() for r in range(page.report.rowCount())]
    assert problems == ["Unmatched: not checked in to this session: not counted"]
    assert wizard.changed  # the views were told once the worker was done
    wizard.resize(820, 620)
    wizard.grab().save("/tmp/skillsui-survey.png")


def test_a_bad_row_refuses_it_all_then_the_valid_rows_go_in(skills_document: EventDocument, qtbot,
                                                            tmp_path: Path) -> None:
    survey = _csv(tmp_path / "post.csv", [["Employee ID", "Self-assessed level"], ["E1", "5"], ["E2", "9"]])
    before = digest(skills_document)
    wizard = _wizard(skills_document, qtbot, survey, "post")
    _run(wizard, qtbot)
    page = wizard.import_page
    assert page.refused and page.result is None and "Nothing was imported" in page.status.text()
    assert page.report.rowCount() == 1 and "1-5" in page.report.item(0, 3).text()
    assert digest(skills_document) == before
    wizard.grab().save("/tmp/skillsui-survey-refused.png")
    with qtbot.waitSignal(page.ended, timeout=30000):
        qtbot.mouseClick(page.valid_only, Qt.MouseButton.LeftButton)
    assert page.result.written == 1 and page.result.skipped == 1
    assert skills_document.assessments(CODES["P1"]).post == {0: 5}
