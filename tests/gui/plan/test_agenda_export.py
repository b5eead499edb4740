"""The Plan workspace's Export menu over the small event: the dialogs write the agenda PDF and the .ics off
the GUI thread, through the document."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox

from tests.helpers.small_event import TITLES
from ui import errors
from ui.document import EventDocument
from ui.workspaces.plan.export_dialog import AgendaExportButton


@pytest.fixture()
def button(small_document: EventDocument, qtbot) -> AgendaExportButton:
    """The Export button beside a "Show times in" box (UTC, then the hubs), as the Plan workspace holds them."""
    summary = small_document.summary()
    zone_box = QComboBox()
    zone_box.addItems(["UTC", *(hub.name for hub in summary.hubs)])
    export = AgendaExportButton(zone_box=zone_box)
    qtbot.addWidget(zone_box)
    qtbot.addWidget(export)
    export.set_event(small_document, summary)
    return export


def test_agenda_pdf_dialog_writes_the_hub_shown_in_the_workspace(button: AgendaExportButton, tmp_path: Path,
                                                                 qtbot) -> None:
    assert button.isEnabled()
    button.zone_box.setCurrentIndex(1 + [h.name for h in button.summary.hubs].index("Kathmandu"))  # after UTC
    dialog = button.export_pdf()
    assert dialog is not None and dialog.hub.currentData() == "Kathmandu"
    assert dialog.out.path().name == "agenda-kathmandu.pdf"
    dialog.paper.setCurrentIndex(dialog.paper.findData(True))
    out = tmp_path / "kathmandu.pdf"
    dialog.out.edit.setText(str(out))
    with qtbot.waitSignal(button.written, timeout=30000) as done:
        dialog.accept()
    assert done.args[0].path == out and errors.shown[-1].startswith(f"Wrote {out}")
    pages = PdfReader(out).pages
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) == (612, 792)
    text = "".join(page.extract_text() for page in pages)
    # S1 starts 03:15 UTC: 09:00 on Kathmandu's clock
    assert "Kathmandu · UTC+05:45" in text and "09:00–10:00\nIntro to AI" in text


def test_calendar_dialog_writes_one_facilitators_sessions_in_a_hubs_zone(button: AgendaExportButton,
                                                                        small_document: EventDocument,
                                                                        tmp_path: Path, qtbot) -> None:
    dialog = button.export_calendar()
    assert dialog is not None and not dialog.choice.isEnabled()  # the whole agenda needs no choice
    dialog.scope.setCurrentIndex(dialog.scope.findData("facilitator"))
    assert dialog.choice.isEnabled() and [dialog.choice.itemText(i) for i in range(dialog.choice.count())] == [
        "Fay", "Gus"]
    dialog.choice.setCurrentIndex(1)
    dialog.zone.setCurrentIndex(dialog.zone.findData("New York"))
    assert dialog.out.path().name == "agenda-gus.ics"
    out = tmp_path / "gus.ics"
    dialog.out.edit.setText(str(out))
    with qtbot.waitSignal(button.written, timeout=30000):
        dialog.accept()
    rows = {r.uid: r for r in small_document.sessions() if "Gus" in r.facilitators}
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert {r.title for r in rows.values()} == {TITLES[1], TITLES[2]}
    assert {str(e["UID"]).removesuffix("@learningday") for e in events} == set(rows)
    for item in events:
        row = rows[str(item["UID"]).removesuffix("@learningday")]
        assert item["DTSTART"].params["TZID"] == "America/New_York"
        assert item.decoded("DTSTART").astimezone(timezone.utc) == row.start_utc


def test_an_export_that_fails_says_why_and_writes_nothing(button: AgendaExportButton, tmp_path: Path,
                                                         qtbot) -> None:
    dialog = button.export_calendar()
    dialog.out.edit.setText(str(tmp_path / "missing" / "x.ics"))
    dialog.accept()
    qtbot.waitUntil(lambda: any("does not exist" in text for text in errors.shown), timeout=30000)
    assert not (tmp_path / "missing").exists()
