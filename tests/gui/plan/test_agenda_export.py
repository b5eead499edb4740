"""The Plan workspace's Export menu: the dialogs write the agenda PDF and the .ics off the GUI thread."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

from icalendar import Calendar
from pypdf import PdfReader

from learningday.plan import sessions as agenda
from learningday.store.db import open_event
from ui import errors
from ui.main_window import MainWindow


def test_agenda_pdf_dialog_writes_the_hub_shown_in_the_workspace(window: MainWindow, demo_file: Path,
                                                                 tmp_path: Path, qtbot) -> None:
    window.open_path(demo_file)
    plan = window.plan
    assert plan.export_button.isEnabled()
    plan.zone_box.setCurrentIndex(1 + [h.name for h in plan.summary.hubs].index("Bangalore"))  # after UTC
    dialog = plan.export_button.export_pdf()
    assert dialog is not None and dialog.hub.currentData() == "Bangalore"
    assert dialog.out.path().name == "agenda-bangalore.pdf"
    dialog.paper.setCurrentIndex(dialog.paper.findData(True))
    out = tmp_path / "bangalore.pdf"
    dialog.out.edit.setText(str(out))
    with qtbot.waitSignal(plan.export_button.written, timeout=30000) as done:
        dialog.accept()
    assert done.args[0].path == out and errors.shown[-1].startswith(f"Wrote {out}")
    pages = PdfReader(out).pages
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) == (612, 792)
    assert "Bangalore · IST (UTC+05:30)" in pages[0].extract_text()


def test_calendar_dialog_writes_one_facilitators_sessions_in_a_hubs_zone(window: MainWindow, demo_file: Path,
                                                                        tmp_path: Path, qtbot) -> None:
    window.open_path(demo_file)
    dialog = window.plan.export_button.export_calendar()
    assert dialog is not None and not dialog.choice.isEnabled()  # the whole agenda needs no choice
    dialog.scope.setCurrentIndex(dialog.scope.findData("facilitator"))
    assert dialog.choice.isEnabled() and dialog.choice.count() == len(window.document.facilitators())
    dialog.choice.setCurrentIndex(3)
    person_id, name = dialog.choice.currentData(), dialog.choice.currentText()
    dialog.zone.setCurrentIndex(dialog.zone.findData("Tokyo"))
    assert dialog.out.path().suffix == ".ics"
    out = tmp_path / "mine.ics"
    dialog.out.edit.setText(str(out))
    with qtbot.waitSignal(window.plan.export_button.written, timeout=30000):
        dialog.accept()
    with open_event(demo_file) as event_file, event_file.read() as s:
        rows = {r.uid: r for r in agenda.list_sessions(s) if name in r.facilitators}
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert person_id and rows and {str(e["UID"]).removesuffix("@learningday") for e in events} == set(rows)
    for item in events:
        row = rows[str(item["UID"]).removesuffix("@learningday")]
        assert item["DTSTART"].params["TZID"] == "Asia/Tokyo"
        assert item.decoded("DTSTART").astimezone(timezone.utc) == row.start_utc


def test_an_export_that_fails_says_why_and_writes_nothing(window: MainWindow, demo_file: Path, tmp_path: Path,
                                                         qtbot) -> None:
    window.open_path(demo_file)
    dialog = window.plan.export_button.export_calendar()
    dialog.out.edit.setText(str(tmp_path / "missing" / "x.ics"))
    dialog.accept()
    qtbot.waitUntil(lambda: any("does not exist" in text for text in errors.shown), timeout=30000)
    assert not (tmp_path / "missing").exists()
