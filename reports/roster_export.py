"""The roster as CSV or XLSX, written so that no spreadsheet executes a cell from user data."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from learningday.errors import InvalidInput
from learningday.roster.dto import AttendeeRow
from learningday.spreadsheet.text import guard_formula, printable

#: the header names are the import's own, so an exported roster imports back unchanged
HEADER = ("UID", "Code", "Name", "Email", "Employee ID", "Department", "Role", "Hub", "Level")


def _values(row: AttendeeRow) -> list[str | int | None]:
    return [row.uid, row.code, row.name, row.email, row.employee_id or "", row.department, row.role, row.hub,
            row.level_id]


def csv_safe(value: str | int | None) -> str:
    """A CSV cell: text a spreadsheet would execute gets a leading apostrophe (the import removes it),
    and control characters are left out."""
    if value is None:
        return ""
    return guard_formula(printable(str(value)))


def write_safe_csv(header: Sequence[str], rows: Iterable[Sequence[str | int | None]], path: Path) -> int:
    """Any table as CSV: UTF-8 with a BOM (Excel then reads accents right), comma-separated, every cell
    through ``csv_safe``; returns the rows written (the header not counted)."""
    count = 0
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for values in rows:
            writer.writerow([csv_safe(v) for v in values])
            count += 1
    return count


def write_roster_csv(rows: Iterable[AttendeeRow], path: Path) -> int:
    return write_safe_csv(HEADER, (_values(row) for row in rows), path)


def write_roster_xlsx(rows: Iterable[AttendeeRow], path: Path) -> int:
    """A streamed (write-only) workbook; text is never stored as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from reports.xlsx_report import needs_text_cell, text_cell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Roster")
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHI", (38, 9, 30, 34, 14, 22, 30, 14, 7)):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    header = []
    for title in HEADER:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    try:
        for row in rows:
            # a cell object costs more than a plain value: only for text openpyxl would not keep as text
            sheet.append([text_cell(sheet, v) if needs_text_cell(v) else v for v in _values(row)])
            count += 1
    except BaseException:  # a cancel: end the sheet's writer now, not when it is collected (it warns then)
        sheet.close()
        raise
    book.save(path)
    return count


def export_roster(rows: Iterable[AttendeeRow], path: Path | str) -> int:
    """Write ``rows`` as CSV or XLSX, chosen by the file's extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return write_roster_csv(rows, path)
    if suffix == ".xlsx":
        return write_roster_xlsx(rows, path)
    raise InvalidInput(f"cannot export the roster as {suffix or 'a file without extension'}: use .csv or .xlsx")
