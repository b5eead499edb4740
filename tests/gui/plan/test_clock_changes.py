"""The Plan workspace on a day across London's autumn clock change (BST -> GMT at 01:00 UTC), with
Kathmandu (+05:45), Chatham (+13:45, on the next local date) and Chicago: every local time on screen
carries its clock once it differs from the day's start, and the ruler marks the change (issue 13, item 5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from tests.helpers.backends import Backend
from tests.helpers.dst_event import build_dst_event
from ui.document import EventDocument
from ui.workspaces.plan.export_dialog import AgendaPdfDialog, CalendarDialog
from ui.workspaces.plan.workspace import PlanWorkspace


@pytest.fixture()
def document(backend: Backend) -> Iterator[EventDocument]:
    document = EventDocument.open(build_dst_event(backend))
    yield document
    document.close()


@pytest.fixture()
def plan(document: EventDocument, qtbot) -> PlanWorkspace:
    workspace = PlanWorkspace()
    qtbot.addWidget(workspace)
    workspace.resize(1400, 800)
    workspace.show_event(document, QUndoStack(), document.summary(), document.sessions(), document.venues())
    return workspace


def _box_items(box) -> list[str]:
    return [box.itemText(i) for i in range(box.count())]


def test_show_times_in_and_the_export_dialogs_give_both_offsets(plan: PlanWorkspace, document: EventDocument,
                                                               qtbot) -> None:
    expected = ["London (UTC+01:00 → +00:00)", "Kathmandu (UTC+05:45)", "Chatham (UTC+13:45)", "Chicago (UTC-05:00)"]
    assert _box_items(plan.zone_box) == ["UTC", *expected]
    pdf = AgendaPdfDialog(document.summary())
    ics = CalendarDialog(document.summary(), document.facilitators())
    qtbot.addWidget(pdf)
    qtbot.addWidget(ics)
    assert _box_items(pdf.hub) == expected and _box_items(ics.zone) == ["UTC", *expected]


def _times(plan: PlanWorkspace, title: str) -> tuple[str, str]:
    model = plan.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).title == title)
    return model.index(row, 0).data(), model.index(row, 1).data()


def test_the_session_table_marks_london_times_after_the_change(plan: PlanWorkspace) -> None:
    plan.zone_box.setCurrentIndex(1)  # London
    assert _times(plan, "Across the change") == ("Sun 25 Oct 00:30", "Sun 25 Oct 01:00 GMT")  # 90 minutes
    assert _times(plan, "For everyone") == ("Sun 25 Oct 02:00 GMT", "Sun 25 Oct 03:00 GMT")
    assert _times(plan, "Chicago only") == ("Sat 24 Oct 15:00", "Sat 24 Oct 16:00")
    plan.zone_box.setCurrentIndex(3)  # Chatham: no change, already Sunday
    assert _times(plan, "Chicago only") == ("Sun 25 Oct 03:45", "Sun 25 Oct 04:45")
    plan.zone_box.setCurrentIndex(2)  # Kathmandu
    assert _times(plan, "Across the change") == ("Sun 25 Oct 05:15", "Sun 25 Oct 06:45")
    plan.zone_box.setCurrentIndex(0)  # UTC
    assert _times(plan, "Across the change") == ("Sat 24 Oct 23:30", "Sun 25 Oct 01:00")


def test_the_ruler_marks_londons_change_and_labels_both_offsets(plan: PlanWorkspace) -> None:
    timeline = plan.timeline
    london, kathmandu, chatham, chicago = timeline.clocks
    assert london.offsets == "UTC+01:00 → +00:00" and [c.mark for c in london.offset_changes] == ["GMT"]
    assert london.offset_changes[0].at.hour == 1
    assert (kathmandu.offsets, chatham.offsets, chicago.offsets) == ("UTC+05:45", "UTC+13:45", "UTC-05:00")
    assert not (kathmandu.offset_changes or chatham.offset_changes or chicago.offset_changes)
    # London's hours repeat across the change: 01 BST, then 01 GMT an hour later
    cells = [c for c in timeline.rulers[0] if c.local.minute == 0 and c.local.hour == 1]
    assert [c.local.tzname() for c in cells] == ["BST", "GMT"]
    timeline.set_zoom(2.0)
    timeline.horizontalScrollBar().setValue(int(11 * 60 * 2.0) - 100)  # 23:00 UTC near the left edge
    timeline.grab().save("/tmp/time-ruler-london.png")


def test_the_pdf_dialog_lists_the_hubs_sessions_unless_every_one_is_asked_for(document: EventDocument, qtbot,
                                                                             tmp_path: Path) -> None:
    """Item 6: the Kathmandu PDF leaves the Chicago-only session out; the box puts it back."""
    from pypdf import PdfReader

    dialog = AgendaPdfDialog(document.summary(), hub="Kathmandu")
    qtbot.addWidget(dialog)
    dialog.out.edit.setText(str(tmp_path / "k.pdf"))
    assert not dialog.all_sessions.isChecked()
    dialog.grab().save("/tmp/time-pdf-dialog.png")
    written = document.write_agenda_pdf(dialog.request())
    assert written.sessions == 2 and "Chicago only" not in PdfReader(written.path).pages[0].extract_text()
    dialog.all_sessions.setChecked(True)
    written = document.write_agenda_pdf(dialog.request())
    assert written.sessions == 4 and "Chicago only" in PdfReader(written.path).pages[0].extract_text()
