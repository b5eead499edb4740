"""Attendees workspace: the import wizard end to end, registration from the table, exports."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from learningday.store.db import open_event
from learningday.store.models import Attendee, Registration
from tests import DATA
from ui import errors
from ui.main_window import MainWindow

ROSTERS = DATA / "roster"


def _count(path: Path) -> int:
    with open_event(path) as event_file, event_file.read() as session:
        return session.scalar(select(func.count()).select_from(Attendee))


def _finish(qtbot, wizard) -> None:
    qtbot.waitUntil(lambda: not wizard.import_page.running and wizard.import_page.status.text() != "", timeout=30000)


def test_wizard_imports_a_cp1252_semicolon_roster(window: MainWindow, demo_file: Path, qtbot, tmp_path: Path) -> None:
    window.open_path(demo_file)
    window.tabs.setCurrentIndex(1)  # the Import button is on the Attendees tab
    before = _count(demo_file)
    roster = tmp_path / "r.csv"
    roster.write_bytes(
        "Staff list\n"  # a title row above the header
        "Full name;E-mail;Emp ID;Dept;Job title;Office\n"
        "Zoë Ångström;zoe.angstrom@wizard.example;W-1;Finance;Financial Analyst;London\n"
        "François Dupré;FRANCOIS.DUPRE@wizard.example;W-2;Sales;Account Executive;São Paulo\n"
        "Jürgen Weiß;jurgen.weiss@wizard.example;W-3;Engineering;Software Engineer;Berlin\n".encode("cp1252")
    )
    wizard = window.attendees.import_roster(path=str(roster))
    qtbot.addWidget(wizard)
    wizard.next()  # file -> mapping
    assert wizard.currentPage() is wizard.mapping_page
    assert "CSV" in wizard.mapping_page.detected.text() and "cp1252" in wizard.mapping_page.detected.text()
    assert wizard.mapping_page.boxes["email"].currentData() is not None
    assert wizard.mapping_page.sample.rowCount() > 0
    wizard.next()  # mapping -> import
    _finish(qtbot, wizard)
    assert wizard.import_page.result is not None, wizard.import_page.status.text()
    created = wizard.import_page.result.created
    assert created == 3 and _count(demo_file) == before + 3
    qtbot.waitUntil(lambda: window.attendees.model.rowCount() == before + created)
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_wizard_refuses_a_bad_roster_and_shows_the_row(window: MainWindow, demo_file: Path, qtbot) -> None:
    window.open_path(demo_file)
    digest = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    wizard = window.attendees.import_roster(path=str(ROSTERS / "invalid_email_row37.csv"))
    qtbot.addWidget(wizard)
    wizard.next()
    wizard.next()
    _finish(qtbot, wizard)
    page = wizard.import_page
    assert page.result is None and "Nothing was imported" in page.status.text()
    rows = {page.report.item(r, 0).text() for r in range(page.report.rowCount())}
    assert "37" in rows
    assert page.valid_only.isVisible() or not page.valid_only.isHidden()
    window.document.file.engine.dispose()
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == digest
    # the user chooses to import the valid rows only
    page.valid_only.click()
    _finish(qtbot, wizard)
    assert page.result is not None and page.result.skipped == 1


def test_register_selected_attendees_from_the_table(window: MainWindow, demo_file: Path) -> None:
    window.open_path(demo_file)
    work = window.attendees
    selection = work.table.selectionModel()
    for row in (0, 1, 2):
        selection.select(work.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    ids = work.selected_ids()
    virtual = next(s for s in work.sessions if s.venue_kind == "virtual")
    work.register_selected(session_id=virtual.id)
    with open_event(demo_file) as event_file, event_file.read() as session:
        statuses = session.execute(select(Registration.attendee_id, Registration.status)
                                   .where(Registration.session_id == virtual.id, Registration.attendee_id.in_(ids))).all()
    assert {a for a, _ in statuses} == set(ids)
    assert "registered" in errors.shown[-1]


def test_export_roster_and_badges_from_the_workspace(window: MainWindow, demo_file: Path, tmp_path: Path,
                                                     qtbot, monkeypatch) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    window.open_path(demo_file)
    work = window.attendees
    work.hub_box.setCurrentIndex(work.hub_box.findText("Tokyo"))
    tokyo = work.model.rowCount()
    out = tmp_path / "tokyo.xlsx"
    monkeypatch.setattr(work, "_save_path", lambda *a: out)
    work.export_roster()
    qtbot.waitUntil(out.exists, timeout=30000)
    sheet = load_workbook(out, read_only=True).active
    assert sum(1 for _ in sheet.iter_rows()) == tokyo + 1
    pdf = tmp_path / "badges.pdf"
    monkeypatch.setattr(work, "_save_path", lambda *a: pdf)
    work.write_badges()
    qtbot.waitUntil(pdf.exists, timeout=60000)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    first = work.model.row_at(0)
    assert first.code in text
