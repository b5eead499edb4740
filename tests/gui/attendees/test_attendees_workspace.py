"""Attendees workspace on small events: the import wizard end to end, registration from the table, exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QFileDialog, QWizard
from sqlalchemy import func, select

from learningday.store.db import open_event
from learningday.store.models import Attendee, Registration
from tests import DATA
from tests.gui.documents import digest, target
from tests.helpers.backends import Backend
from tests.helpers.roster import make_event
from ui import errors
from ui.document import EventDocument
from ui.import_wizard import ImportWizard
from ui.main_window import MainWindow

ROSTERS = DATA / "roster"


def _count(path: Path | str) -> int:
    with open_event(path) as event_file, event_file.read() as session:
        return session.scalar(select(func.count()).select_from(Attendee))


def test_wizard_imports_a_cp1252_semicolon_roster(window: MainWindow, qtbot, tmp_path: Path,
                                                  backend: Backend) -> None:
    event = make_event(backend)
    window.open_path(event)
    window.tabs.setCurrentIndex(1)  # the Import button is on the Attendees tab
    roster = tmp_path / "r.csv"
    roster.write_bytes(
        "Staff list\n"  # a title row above the header
        "Full name;E-mail;Emp ID;Dept;Job title;Office\n"
        "Zoë Ångström;zoe.angstrom@wizard.example;W-1;Finance;Financial Analyst;London\n"
        "François Dupré;FRANCOIS.DUPRE@wizard.example;W-2;Sales;Account Executive;São Paulo\n"
        "Jürgen Weiß;jurgen.weiss@wizard.example;W-3;Engineering;Software Engineer;Tokyo\n".encode("cp1252")
    )
    wizard = window.attendees.import_roster(path=str(roster))
    qtbot.addWidget(wizard)
    wizard.next()  # file -> mapping
    assert wizard.currentPage() is wizard.mapping_page
    assert "CSV" in wizard.mapping_page.detected.text() and "cp1252" in wizard.mapping_page.detected.text()
    assert wizard.mapping_page.boxes["email"].currentData() is not None
    assert wizard.mapping_page.sample.rowCount() == 3
    with qtbot.waitSignal(wizard.import_page.ended, timeout=30000):
        wizard.next()  # mapping -> import
    assert wizard.import_page.result is not None, wizard.import_page.status.text()
    assert wizard.import_page.result.created == 3 and _count(event) == 3
    assert window.attendees.model.rowCount() == 3  # the workspace was told
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_wizard_refuses_a_bad_roster_and_shows_the_row(backend: Backend, qtbot) -> None:
    document = EventDocument.open(make_event(backend))
    before = digest(document)
    wizard = ImportWizard(document, path=str(ROSTERS / "invalid_email_row37.csv"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.import_page
    with qtbot.waitSignal(page.ended, timeout=30000):
        wizard.next()
    assert page.result is None and page.refused and "Nothing was imported" in page.status.text()
    rows = {page.report.item(r, 0).text() for r in range(page.report.rowCount())}
    assert "37" in rows and page.valid_only.isVisible()
    assert digest(document) == before
    # the user chooses to import the valid rows only
    with qtbot.waitSignal(page.ended, timeout=30000), qtbot.waitSignal(document.changed):
        page.valid_only.click()
    assert page.result is not None and page.result.skipped == 1
    assert page.result.created == _count(target(document)) > 0
    document.close()


def test_register_selected_attendees_from_the_table(small_document: EventDocument, small_event_file: Path | str,
                                                    show_attendees) -> None:
    work = show_attendees(small_document)
    selection = work.table.selectionModel()
    for row in (0, 1, 2):
        selection.select(work.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    ids = work.selected_ids()
    virtual = next(s for s in work.sessions if s.venue_kind == "virtual")
    work.register_selected(session_id=virtual.id)
    with open_event(small_event_file) as event_file, event_file.read() as session:
        statuses = session.execute(select(Registration.attendee_id, Registration.status)
                                   .where(Registration.session_id == virtual.id,
                                          Registration.attendee_id.in_(ids))).all()
    assert len(ids) == 3 and {a for a, status in statuses if status == "registered"} == set(ids)
    assert "registered" in errors.shown[-1] and work.count_label.text() == errors.shown[-1]


def test_export_roster_and_badges_from_the_workspace(small_document: EventDocument, tmp_path: Path, qtbot,
                                                     show_attendees, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    work = show_attendees(small_document)
    work.hub_box.setCurrentIndex(work.hub_box.findText("New York"))
    assert work.model.rowCount() == 3
    out = tmp_path / "new-york.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    work.export_roster()
    qtbot.waitUntil(lambda: work.count_label.text() == f"3 attendees written to {out}", timeout=30000)
    sheet = load_workbook(out, read_only=True).active
    assert sum(1 for _ in sheet.iter_rows()) == 3 + 1
    pdf = tmp_path / "badges.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    work.write_badges()
    qtbot.waitUntil(lambda: work.count_label.text() == f"3 badges written to {pdf}", timeout=30000)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert all(code in text for code in ("AAAAA3", "AAAAA5", "AAAAA6")) and "AAAAA1" not in text  # New York's
