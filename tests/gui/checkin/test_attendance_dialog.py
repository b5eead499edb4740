"""The attendance dialog: reads off the GUI thread, shows the people, imports only the fuzzy matches ticked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from learningday.attendance.rule import presences
from tests.helpers.attendance import REPORTS, build_attendance_event
from ui.changes import CHECKIN
from ui.document import EventDocument
from ui.workspaces.checkin.attendance_dialog import AttendanceDialog, PeopleModel


@pytest.fixture
def document(tmp_path: Path):  # noqa: ANN201
    doc = EventDocument.open(build_attendance_event(tmp_path / "autumn.lday"))
    yield doc
    doc.close()


def _names_here(document: EventDocument) -> set[str]:
    from sqlalchemy import select

    from learningday.store.models import Attendee

    def read(s):  # noqa: ANN001, ANN202
        names = dict(s.execute(select(Attendee.id, Attendee.name)).all())
        return {names[aid] for aid, _ in presences(s)}
    return document.read_with(read)


def test_preview_review_and_import(qtbot, document: EventDocument, qtmodeltester) -> None:  # noqa: ANN001
    dialog = AttendanceDialog(document)
    qtbot.addWidget(dialog)
    dialog.choose_files([str(REPORTS / "teams_across_dst.csv"), str(REPORTS / "zoom_chicago.csv")])
    dialog.read_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 7)
    qtmodeltester.check(dialog.model)
    assert dialog.review.count() == 1 and "Robert Jones" in dialog.review.item(0).text()
    assert "ambiguous" in dialog.notes.text()
    dialog.show()
    dialog.grab().save("/tmp/attendance-dialog.png")

    with qtbot.waitSignal(document.changed) as changed:
        dialog.import_button.click()
    assert CHECKIN in changed.args[0].domains
    assert dialog.result is not None and dialog.result.entries_written == 5
    assert "Robert Jones" not in _names_here(document)  # unticked: never applied

    dialog.review.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.import_button.setEnabled(True)
    with qtbot.waitSignal(document.changed):
        dialog.import_button.click()
    assert dialog.result.entries_written == 1
    assert "Robert Jones" in _names_here(document)


def test_people_model_is_empty_before_reading(qtmodeltester) -> None:  # noqa: ANN001
    qtmodeltester.check(PeopleModel())
