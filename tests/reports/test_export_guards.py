"""One rule guards CSV and XLSX exports: formula-like text behind spaces or in full width, and control characters."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from learningday.roster.dto import AttendeeRow
from reports.roster_export import export_roster
from reports.xlsx_report import needs_text_cell

#: cells a spreadsheet runs although they do not begin with a plain "="
HIDDEN = ["  =1+1", "\xa0+1", "\u3000-1", "\n@SUM(A1)", "＝1+1", "\r\n=1"]


def _rows() -> list[AttendeeRow]:
    return [AttendeeRow(i, f"00000000-0000-4000-8000-{i:012d}", f"ABC{i:03d}", name, f"p{i}@example.com", "",
                        f"Dept\x01{i}", "", "London", None) for i, name in enumerate(HIDDEN)]


def test_csv_export_guards_hidden_formulas_and_drops_control_characters(tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    export_roster(_rows(), out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    assert [row[2] for row in rows] == ["'" + name for name in HIDDEN]
    assert [row[5] for row in rows] == [f"Dept{i}" for i in range(len(HIDDEN))]


def test_xlsx_export_keeps_hidden_formulas_as_text(tmp_path: Path) -> None:
    assert all(needs_text_cell(name) for name in HIDDEN)
    out = tmp_path / "roster.xlsx"
    export_roster(_rows(), out)
    rows = list(load_workbook(out).active.iter_rows(min_row=2))
    assert all(row[2].data_type == "s" and row[5].value == f"Dept{i}" for i, row in enumerate(rows))
