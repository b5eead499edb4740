"""Roster export: nothing a spreadsheet would execute, and export -> re-import changes nothing."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from learningday.roster.dto import AttendeeRow
from learningday.roster.importing import import_roster
from learningday.roster.rows import iter_attendee_rows
from learningday.store.db import open_event
from reports.roster_export import HEADER, export_roster
from tests.helpers import sha256
from tests.helpers.backends import Backend
from tests.helpers.roster import HUBS, ROSTER, make_event

DANGEROUS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def _row(i: int, name: str, department: str = "") -> AttendeeRow:
    return AttendeeRow(i, f"00000000-0000-4000-8000-{i:012d}", f"ABC{i:03d}", name, f"p{i}@example.com",
                       f"E{i}", department, "=cmd|' /C calc'!A0", "London", 2)


def test_csv_cells_from_user_data_are_never_formulas(tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    export_roster([_row(i, v, v) for i, v in enumerate(DANGEROUS)], out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == HEADER
    for row, value in zip(rows[1:], DANGEROUS):
        assert row[2] == "'" + value and row[5] == "'" + value and row[6].startswith("'=")
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_xlsx_cells_from_user_data_are_string_cells(tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    export_roster([_row(i, v, v) for i, v in enumerate(DANGEROUS)], out)
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(DANGEROUS)
    for cells, value in zip(rows, DANGEROUS):
        assert cells[2].value == value.replace("\r", "\n") and cells[2].data_type == "s"  # XML keeps no CR
        assert cells[6].data_type == "s" and cells[8].value == 2
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    from learningday.errors import InvalidInput

    with pytest.raises(InvalidInput, match="use .csv or .xlsx"):
        export_roster([], tmp_path / "roster.ods")


def _import(ef, source: Path):  # noqa: ANN001, ANN202 - an EventFile; an ImportResult
    with ef.write() as session:
        return import_roster(session, source)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exported_fixture_roster_reimports_unchanged(backend: Backend, tmp_path: Path, suffix: str) -> None:
    event = make_event(backend.empty())
    with open_event(event) as ef:
        _import(ef, ROSTER / "utf8_bom.csv")
        out = tmp_path / f"out{suffix}"
        with ef.read() as s:
            assert export_roster(iter_attendee_rows(s), out) == 8
    digest = sha256(event)
    with open_event(event) as ef:
        result = _import(ef, out)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 8)
    assert sha256(event) == digest


_TEXT = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=30)
_PERSON = st.tuples(
    _TEXT.filter(lambda s: s.strip() and not s.strip().startswith("'")),
    st.booleans(), st.sampled_from(["", *(h for h, _ in HUBS)]), st.sampled_from([None, 1, 2, 3, 4, 5]),
    st.one_of(st.just(""), _TEXT), st.sampled_from(["", "Data Engineer", "Sales", "ML engineer", "Chef"]),
)


@pytest.fixture(scope="module")
def blank_event(module_backend: Backend) -> Path | str:
    return make_event(module_backend.empty())


def _snapshot(ef) -> list[AttendeeRow]:
    with ef.read() as s:
        return sorted(iter_attendee_rows(s), key=lambda r: r.id)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(_PERSON, min_size=1, max_size=12), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_random_roster_round_trips(blank_event: Path, copy_event: Callable[..., Path | str], people: list,
                                   suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        event = copy_event(blank_event)  # one store per example
        source = tmp_dir / "in.csv"
        with source.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["Name", "Email", "Employee ID", "Hub", "Level", "Department", "Role"])
            for i, (name, with_id, hub, level, dept, role) in enumerate(people):
                writer.writerow([name, f"Person.{i}@Example.com", f"E{i}" if with_id else "", hub,
                                 level or "", dept, role])
        with open_event(event) as ef:
            first = _import(ef, source)
            assert first.created == len(people) and first.issue_count == 0
            before = _snapshot(ef)
            out = tmp_dir / f"out{suffix}"
            with ef.read() as s:
                export_roster(iter_attendee_rows(s), out)
            again = _import(ef, out)
            assert (again.created, again.updated, again.unchanged, again.issue_count) == (0, 0, len(people), 0)
            assert _snapshot(ef) == before


def test_xlsx_text_that_reads_as_an_error_code_stays_text(tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    export_roster([_row(0, "Ann", "#N/A"), _row(1, "Bo", "#REF!")], out)
    cells = [row[5] for row in load_workbook(out).active.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells] == [("#N/A", "s"), ("#REF!", "s")]
