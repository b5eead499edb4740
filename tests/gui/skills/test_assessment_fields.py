"""The attendee editor's self-assessed levels: written with the person's fields as one undoable Save."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog

from tests.helpers.skills_event import CODES
from ui.document import EventDocument
from ui.workspaces.attendees.workspace import AttendeesWorkspace


def _scores(document: EventDocument, code: str) -> tuple[dict[int, int], dict[int, int]]:
    found = document.assessments(code)
    return found.pre, found.post


def test_scores_are_saved_undone_and_redone_with_the_save(skills_document: EventDocument, skills_ids, qtbot,
                                                          ) -> None:
    work = AttendeesWorkspace()
    qtbot.addWidget(work)
    stack = QUndoStack()
    work.show_event(skills_document, skills_document.summary(), skills_document.sessions(), undo_stack=stack)
    editor = work.edit_attendee(skills_ids["P2"])
    assert editor is not None
    qtbot.addWidget(editor)
    fields = editor.assessment
    assert fields is not None
    assert fields.boxes[("pre", 2)].currentData() == 3 and fields.boxes[("post", 3)].currentData() == 4
    assert fields.boxes[("pre", 0)].currentData() is None  # no overall score given
    before = _scores(skills_document, CODES["P2"])
    fields.boxes[("pre", 0)].setCurrentIndex(fields.boxes[("pre", 0)].findData(2))  # a new score
    fields.boxes[("post", 2)].setCurrentIndex(fields.boxes[("post", 2)].findData(5))  # a changed one
    fields.boxes[("pre", 3)].setCurrentIndex(0)  # a cleared one
    editor.role.setText("Senior developer")
    editor.accept()
    assert editor.result() == QDialog.DialogCode.Accepted
    after = _scores(skills_document, CODES["P2"])
    assert after == ({0: 2, 2: 3}, {2: 5, 3: 4})
    assert skills_document.attendee_details(skills_ids["P2"]).role == "Senior developer"
    assert stack.count() == 1  # one Save, one step
    stack.undo()
    assert _scores(skills_document, CODES["P2"]) == before
    assert skills_document.attendee_details(skills_ids["P2"]).role == "Developer"
    stack.redo()
    assert _scores(skills_document, CODES["P2"]) == after


def test_the_target_level_comes_from_the_role_and_is_read_only(skills_document: EventDocument, skills_ids,
                                                               qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    work = AttendeesWorkspace()
    qtbot.addWidget(work)
    work.show_event(skills_document, skills_document.summary(), skills_document.sessions())
    editor = work.edit_attendee(skills_ids["P2"])
    assert editor is not None and editor.assessment is not None
    qtbot.addWidget(editor)
    target = skills_document.assessments(CODES["P2"]).target_level
    assert isinstance(editor.assessment.target, QLabel)
    assert editor.assessment.target.text().startswith(str(target) if target is not None else "none")
    editor.resize(editor.sizeHint())
    editor.grab().save("/tmp/skillsui-editor.png")
    editor.reject()
