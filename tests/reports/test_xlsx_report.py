"""The workbook read back with openpyxl (and opened by LibreOffice): sheets, typed values, charts, text."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from learningday.errors import Cancelled
from learningday.reporting.analytics import analyse, checkin_log
from learningday.store.db import open_event
from reports.xlsx_report import write_xlsx
from tests.helpers.backends import Backend
from tests.helpers.small_event import EVENT_NAME, NAMES, TITLES, build_small_event

SHEETS = ["Summary", "Sessions", "Attendees", "Check-ins", "Levels × Hubs", "Departments", "Reach", "Uplift",
          "Feedback", "Validation", "Next steps", "No-shows"]


@pytest.fixture(scope="module")
def small(module_backend: Backend):
    path = build_small_event(module_backend.empty())
    with open_event(path) as event_file, event_file.read() as session:
        return analyse(session), checkin_log(session)


@pytest.fixture(scope="module")
def workbook(small, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_xlsx(*small, tmp_path_factory.mktemp("xlsx-out") / "report.xlsx")


def _table(ws) -> list[dict]:  # noqa: ANN001 - a worksheet
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def test_sheets_tables_frozen_headers_and_a_native_chart(workbook: Path) -> None:
    wb = load_workbook(workbook)
    assert wb.sheetnames == SHEETS
    assert len(wb["Summary"]._charts) >= 1
    for name in SHEETS[1:]:
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        (table,) = ws.tables.values()
        assert table.ref.startswith("A1:") and table.autoFilter.ref == table.ref
        assert [c.name for c in table.tableColumns] == [c.value for c in ws[1]]
        assert ws.column_dimensions["A"].width > 8


def test_summary_figures_equal_the_analytics(workbook: Path, small) -> None:
    a, _ = small
    ws = load_workbook(workbook)["Summary"]
    assert ws["A1"].value == EVENT_NAME
    assert ws["B3"].value == datetime(2027, 3, 10, 21, 0) and ws["B3"].is_date
    figures = {row[0]: row[1] for row in ws.iter_rows(min_row=7, max_row=18, values_only=True)}
    assert figures["Session attendances"] == 6 and figures["Registered places"] == 7
    assert figures["Attendance rate (registered who came)"] == pytest.approx(3 / 7)
    assert figures["Learning hours"] == pytest.approx(6.0) and figures["People who attended"] == 5
    assert figures["Walk-ins"] == a.overall.walk_ins and figures["No-shows"] == a.overall.no_shows


def test_sessions_attendees_and_matrix_are_typed_and_equal(workbook: Path, small) -> None:
    a, log = small
    wb = load_workbook(workbook)
    sessions = _table(wb["Sessions"])
    assert [r["Session"] for r in sessions] == list(TITLES)
    s1 = sessions[0]
    assert (s1["Registered"], s1["Attended"], s1["Walk-ins"], s1["No-shows"]) == (3, 2, 1, 2)
    assert s1["Rate"] == pytest.approx(1 / 3) and sessions[3]["Rate"] is None
    assert s1["Start (UTC)"] == datetime(2027, 3, 11, 3, 15) and s1["Local start"] == datetime(2027, 3, 11, 9, 0)
    attendees = {r["Name"]: r for r in _table(wb["Attendees"])}
    assert set(attendees) == set(NAMES.values())
    assert attendees[NAMES["A1"]]["Learning hours"] == pytest.approx(2.5)
    assert attendees[NAMES["A1"]]["Levels attended"] == "1, 2" and attendees[NAMES["A4"]]["Hub"] is None
    matrix = {r["Level"]: r for r in _table(wb["Levels × Hubs"])}
    assert matrix["1 AI literacy"] == {"Level": "1 AI literacy", "Kathmandu": 1, "New York": 0, "No hub": 1,
                                       "Total": 2}
    assert sum(r["Total"] for r in matrix.values()) == a.overall.attended
    departments = {r["Department"]: r for r in _table(wb["Departments"])}
    assert departments["Sales"]["Registered"] == 4 and departments["Sales"]["Learning hours"] == pytest.approx(2.5)


def test_check_in_log_is_raw_with_utc_and_local_times(workbook: Path, small) -> None:
    _, log = small
    rows = _table(load_workbook(workbook)["Check-ins"])
    assert len(rows) == len(log) == 11
    undo = next(r for r in rows if r["Kind"] == "undo")
    assert undo["Reverses uid"] == next(r["Entry uid"] for r in rows if r["Undone"] is True)
    first = rows[0]  # A2 to the event as a whole, 02:00 UTC, Kathmandu +05:45
    assert (first["At (UTC)"], first["At (attendee's hub)"]) == (datetime(2027, 3, 11, 2, 0),
                                                                 datetime(2027, 3, 11, 7, 45))


def test_user_text_that_looks_like_a_formula_stays_text(workbook: Path) -> None:
    ws = load_workbook(workbook)["Attendees"]
    suspicious = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in suspicious} >= {"=1+2", "@admin", "-Ops"}
    assert all(c.data_type == "s" for c in suspicious)


def test_cancel_leaves_no_file(small, tmp_path: Path) -> None:
    with pytest.raises(Cancelled, match="report cancelled; no file was written"):
        write_xlsx(*small, tmp_path / "cancelled.xlsx", cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: scripts/install-system-deps.sh installs it")
def test_libreoffice_opens_the_workbook(workbook: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "csv", "--outdir", str(tmp_path), str(workbook)],
        capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr
    csv = (tmp_path / "report.csv").read_text(encoding="utf-8", errors="replace")
    assert EVENT_NAME in csv and "Session attendances,6" in csv


def test_user_text_that_reads_as_an_error_code_stays_text(small, tmp_path: Path) -> None:
    import dataclasses

    analytics, log = small
    people = tuple(dataclasses.replace(p, department="#N/A") for p in analytics.attendees)
    out = write_xlsx(dataclasses.replace(analytics, attendees=people), log, tmp_path / "na.xlsx")
    cells = [row[4] for row in load_workbook(out)["Attendees"].iter_rows(min_row=2)]
    assert cells and all((c.value, c.data_type) == ("#N/A", "s") for c in cells)
