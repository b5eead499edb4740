"""Write the agenda import fixtures beside this script: python tests/data/agenda/make_agenda_fixtures.py.

They fit an event starting 2027-03-10 21:00 UTC (24 h) with hubs London, Bangalore, São Paulo and
Tokyo (tests/helpers/roster.py, and the demo event): every fixed start lies inside that window.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

VENUES = [
    ["Name", "Kind", "Site", "Hub", "Capacity", "Join link"],
    ["London · Kew Room", "room", "London office", "London", "24", ""],
    ["Bangalore · Nilgiri Room", "In person", "Bangalore office", "Bangalore", "30", ""],
    ["Tokyo · Fuji Room", "room", "Tokyo office", "Tokyo", "20", ""],
    ["Studio Channel", "virtual", "", "", "", "https://meet.example.com/studio"],
]
#: cp1252 with ';': accented names, hubs and IANA names as zones, availability and levels as lists
FACILITATORS = [
    ["Facilitator", "E-mail", "Time zone", "Available hours", "Levels taught"],
    ["Zoë Ångström", "zoe.angstrom@example.com", "London", "08:00-12:00;13:00-18:00", "1;2"],
    ["François Dupré", "francois.dupre@example.com", "Europe/Paris", "09:00-17:00", "AI literacy, Hands-on with AI"],
    ["Ana Núñez", "ana.nunez@example.com", "america/sao_paulo", "7:00-19:00", "3"],
    ["Siobhán Ó Briain", "siobhan.obriain@example.com", "Tokyo", "09:00–18:00", "4; Specialists"],
    ["Rahul Menon", "rahul.menon@example.com", "Asia/Kolkata", "09:00-17:30", "2, 3"],
]
#: every session fixed, conflict-free for the facilitators and venues above (the end-to-end test)
SESSIONS_CSV = [
    ["Title", "Level", "Duration", "Facilitators", "Venue", "Target hubs", "Start", "Capacity", "Topics"],
    ["AI literacy for everyone", "1", "60", "Zoë Ångström", "London · Kew Room", "London", "2027-03-11T10:00Z",
     "24", "literacy"],
    ["Prompting lab", "2", "90", "rahul.menon@example.com", "Bangalore · Nilgiri Room", "Bangalore",
     "2027-03-11 10:00 Asia/Kolkata", "30", "prompting; assistants"],
    ["Custom assistants", "3", "1h30", "Ana Núñez", "Studio Channel", "São Paulo", "2027-03-11 10:00 São Paulo",
     "", "low-code"],
    ["Training and fine-tuning", "4", "60", "Siobhán Ó Briain", "Tokyo · Fuji Room", "Tokyo",
     "2027-03-11 11:00 Tokyo", "20", "fine-tuning"],
    ["Cloud AI certification prep", "5", "1:00", "François Dupré <francois.dupre@example.com>", "Studio Channel",
     "London", "2027-03-11T16:00+01:00", "", "cloud, certification"],
]
#: the spreadsheet teams send: a title row, level names, a new facilitator, zones, "1h30", drafts
SESSIONS_XLSX_HEADER = ["Session title", "Level", "Length", "Abstract", "Tags", "Facilitator(s)", "Venue",
                        "For hubs", "Fixed start", "Seats"]
SESSIONS_XLSX = [
    ["Responsible AI in everyday work", "AI literacy", "1h30", "What AI can and cannot do, used responsibly.",
     "responsible ai; literacy", "Zoë Ångström", "London · Kew Room", "London", "2027-03-11 09:30 Europe/London", 24],
    ["Prompting lab for teams", "hands-on with ai", "90 min", "Prompting practice with your own documents.",
     "prompting", "rahul.menon@example.com", "Bangalore · Nilgiri Room", "Bangalore", "2027-03-11 10:00 Bangalore", 30],
    ["Building with model APIs", "Creating with AI", "2h", "Calling models from code.", "apis, python",
     "Priya Raman <priya.raman@example.com>", "virtual", "Bangalore, Tokyo", None, None],
    ["Fine-tuning clinic", "Building AI systems", "1:30", None, "fine-tuning", "Siobhán Ó Briain", "Studio Channel",
     "Tokyo", "2027-03-11T01:00Z", None],
    ["AI security red-teaming", "5", "60", None, "security", None, None, None, None, None],
]


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _bad_sessions(column: str, value: str) -> str:
    """The fixed sessions with one cell spoiled on the third data row (row 4 of the file)."""
    rows = [list(r) for r in SESSIONS_CSV]
    rows[3][rows[0].index(column)] = value
    return _csv([rows[0], *rows[1:4]])


def main(out: Path = HERE) -> None:
    (out / "venues.csv").write_text(_csv(VENUES), encoding="utf-8")
    (out / "facilitators_cp1252.csv").write_bytes(_csv(FACILITATORS, ";").encode("cp1252"))
    (out / "sessions.csv").write_text(_csv(SESSIONS_CSV), encoding="utf-8")
    _xlsx(out / "sessions_title_row.xlsx")
    (out / "bad_level.csv").write_text(_bad_sessions("Level", "Expert"), encoding="utf-8")
    (out / "bad_duration.csv").write_text(_bad_sessions("Duration", "an hour or so"),
                                          encoding="utf-8")
    bad_zone = [list(r) for r in FACILITATORS[:4]]
    bad_zone[2][2] = "Middle Earth"
    (out / "bad_zone.csv").write_bytes(_csv(bad_zone, ";").encode("cp1252"))
    (out / "empty.csv").write_bytes(b"")
    # a picture renamed .csv: binary, with NUL bytes in its first kilobyte
    (out / "binary.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2)


def _xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "Session ideas"
    sheet["A1"] = "ACME AI Learning Day — session ideas from the teams"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells("A1:J1")
    sheet.append([])
    sheet.append(SESSIONS_XLSX_HEADER)
    for row in SESSIONS_XLSX:
        sheet.append(row)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for row in range(3, 4 + len(SESSIONS_XLSX)):  # the empty trailing column: formatted cells, no header, no values
        sheet.cell(row=row, column=11).fill = fill
    sheet.column_dimensions["K"].width = 24
    book.save(path)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
