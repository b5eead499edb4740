"""Write the roster import fixtures beside this script: python tests/data/roster/make_roster_fixtures.py."""

from __future__ import annotations

import codecs
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = ["Name", "Email", "Employee ID", "Department", "Role", "Hub", "Level"]
PEOPLE = [
    ["Zoë Ångström", "zoe.angstrom@example.com", "E1001", "Finance", "Financial Analyst", "London", "3"],
    ["François Dupré", "francois.dupre@example.com", "E1002", "Sales", "Sales Executive", "London", ""],
    ["José Núñez", "jose.nunez@example.com", "E1003", "Engineering", "ML Engineer", "São Paulo", "4"],
    ["Ingrid Øvergård", "ingrid.overgard@example.com", "E1004", "Marketing", "Brand Designer", "Europe/London", "Hands-on with AI"],
]
WIDE = PEOPLE + [
    ["Анна Смирнова", "anna.smirnova@example.com", "E1005", "Research", "Research Scientist", "London", "5"],
    ["王芳", "wang.fang@example.com", "E1006", "Engineering", "Developer", "Tokyo", "L3"],
    ["प्रिया शर्मा", "priya.sharma@example.com", "E1007", "Data", "Data Engineer", "Bangalore", ""],
    ["فاطمة الزهراء", "fatima.zahra@example.com", "E1008", "Security", "Cloud Security Lead", "Asia/Kolkata", "5"],
]


def _csv(rows: list[list[str]], delimiter: str) -> str:
    def cell(v: str) -> str:
        return f'"{v}"' if any(c in v for c in f'{delimiter}"\n') else v
    return "".join(delimiter.join(cell(v) for v in row) + "\r\n" for row in rows)


def huge_cell(path: Path, size: int = 5 * 1024 * 1024) -> Path:
    """A CSV whose second row holds one 5 MB cell (written by the tests, not kept in git)."""
    path.write_text(_csv([HEADER], ",") + '"' + "x" * size + '",a@example.com\r\n', encoding="utf-8")
    return path


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")
    ihdr = (2).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 14)) + chunk(b"IEND", b"")


def main(out: Path = HERE) -> None:
    (out / "utf8_bom.csv").write_bytes(codecs.BOM_UTF8 + _csv([HEADER, *WIDE], ",").encode("utf-8"))
    (out / "cp1252_semicolon.csv").write_bytes(
        _csv([["Full name", "E-mail", "Emp ID", "Dept", "Job title", "Office"]] +
             [[p[0], p[1], p[2], p[3], p[4], p[5]] for p in PEOPLE], ";").encode("cp1252"))
    (out / "utf16_tab.csv").write_bytes(_csv([HEADER, *WIDE], "\t").encode("utf-16"))
    dupes = [HEADER, PEOPLE[0], PEOPLE[1],
             ["ZOË ÅNGSTRÖM", "Zoe.Angstrom@EXAMPLE.com", "", "Finance", "Senior Financial Analyst", "london", ""],
             ["francois dupre", "FRANCOIS.DUPRE@example.com", "E1002", "Sales", "Sales Executive", "London", "2"]]
    (out / "duplicates_case.csv").write_text(_csv(dupes, ","), encoding="utf-8")
    rows = [HEADER] + [[f"Person {i}", f"person{i}@example.com", f"E2{i:03d}", "Ops", "Analyst", "London", "3"]
                       for i in range(2, 41)]
    rows[36][1] = "person37(at)example.com"  # row 37 as a spreadsheet shows it (the header is row 1)
    (out / "invalid_email_row37.csv").write_text(_csv(rows, ","), encoding="utf-8")
    (out / "missing_required.csv").write_text(_csv([["Email", "Employee ID", "Hub"]] +
                                                   [[p[1], p[2], p[5]] for p in PEOPLE], ","), encoding="utf-8")
    (out / "empty.csv").write_bytes(b"")
    (out / "binary.csv").write_bytes(_png())
    _xlsx(out / "title_row.xlsx")


def _xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "Roster"
    sheet["A1"] = "ACME Corp — AI Learning Day roster (HR export)"
    sheet.merge_cells("A1:H1")
    sheet.append(["Person", None, "Employment", None, None, None, "Skills"])  # a grouping row, merged
    sheet.merge_cells("A2:B2")
    sheet.merge_cells("C2:F2")
    sheet.append(["Participant", "Work email", "Staff ID", "Team", "Job title", "Location", "AI level", None])
    for p in WIDE:
        sheet.append([p[0], p[1], p[2], p[3], p[4], p[5],
                      int(p[6]) if p[6].isdigit() else (p[6] or None), None])
    fill = PatternFill("solid", fgColor="FFF2CC")
    for row in range(3, 4 + len(WIDE)):  # the empty trailing column: formatted cells, no header, no values
        sheet.cell(row=row, column=8).fill = fill
    sheet.column_dimensions["H"].width = 30
    book.save(path)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
