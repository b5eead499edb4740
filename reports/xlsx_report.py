"""The analysts' workbook (openpyxl, write-only so memory stays flat): typed cells, tables, charts."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from learningday.reporting.dto import Breakdown, CheckInLogRow, EventAnalytics
from learningday.skills.dto import NextStep
from learningday.spreadsheet.text import looks_like_formula, printable
from learningday.timeutil import to_local
from reports.output import CancelCheck, Progress, atomic_output, check, quiet

DATE = "yyyy-mm-dd hh:mm"
PERCENT = "0.0%"
HOURS = "0.00"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
STYLE = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
#: text openpyxl stores as an Excel error ('#N/A', '#REF!', …)
_ERRORS = frozenset(ERROR_CODES)


def needs_text_cell(value: Any) -> bool:
    """Text openpyxl would store as a formula ('=…') or an error ('#N/A'), the same text the CSV export
    guards, or text holding a character XML cannot (openpyxl refuses it): it must be a checked string cell."""
    return isinstance(value, str) and (looks_like_formula(value) or value in _ERRORS or printable(value) != value)


def text_cell(ws: Any, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=printable(value))
    cell.data_type = "s"  # user text, never a formula
    return cell


def _naive(instant: datetime, zone: str = "UTC") -> datetime:
    """Excel has no time zones: the wall-clock time in ``zone``, labelled by its column."""
    return to_local(instant, zone).replace(tzinfo=None)


class _Sheet:
    """A write-only sheet: widths and frozen header set up front, typed cells, an Excel table."""

    def __init__(self, wb: Workbook, title: str, columns: Sequence[tuple[str, float, str | None]]) -> None:
        self.ws = wb.create_sheet(title)
        self.columns = columns
        self.formats = [fmt for _, _, fmt in columns]
        for i, (_, width, _) in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.freeze_panes = "A2"
        self.rows = 0

    def header(self) -> None:
        self.ws.append([self.cell(name, font=BOLD) for name, _, _ in self.columns])

    def cell(self, value: Any, fmt: str | None = None, font: Font | None = None) -> WriteOnlyCell:
        cell = text_cell(self.ws, value) if needs_text_cell(value) else WriteOnlyCell(self.ws, value=value)
        if fmt:
            cell.number_format = fmt
        if font:
            cell.font = font
        return cell

    def append(self, values: Sequence[Any]) -> None:
        # A styled cell object costs several times a plain value: only where a format or text safety needs one.
        self.ws.append([
            self.cell(v, fmt) if (fmt and v is not None and fmt != DATE) or needs_text_cell(v)
            else v  # a plain datetime gets openpyxl's own date format
            for v, fmt in zip(values, self.formats)
        ])
        self.rows += 1

    def table(self, name: str) -> None:
        if not self.rows:  # a table needs a body row
            self.append([None] * len(self.columns))
        ref = f"A1:{get_column_letter(len(self.columns))}{self.rows + 1}"
        table = Table(displayName=name, ref=ref, autoFilter=AutoFilter(ref=ref))
        # write-only sheets cannot read their header back: name the columns here
        table.tableColumns = [TableColumn(id=i, name=printable(h)) for i, (h, _, _) in enumerate(self.columns, start=1)]
        table.tableStyleInfo = STYLE
        with warnings.catch_warnings():  # openpyxl warns in write-only mode even when columns are named
            warnings.filterwarnings("ignore", "In write-only mode you must add table columns manually")
            self.ws.add_table(table)


def _summary(wb: Workbook, a: EventAnalytics) -> None:
    sheet = _Sheet(wb, "Summary", [("Figure", 42, None), ("Value", 18, None), ("", 16, None), ("", 16, None)])
    ws, cell = sheet.ws, sheet.cell
    ws.append([cell(a.event.name, font=TITLE)])
    ws.append([cell("Theme"), cell(a.event.theme)])
    ws.append([cell("Start (UTC)"), cell(_naive(a.event.start_utc), DATE)])
    ws.append([cell("End (UTC)"), cell(_naive(a.event.end_utc), DATE)])
    ws.append([])
    o = a.overall
    figures = [
        ("Session attendances", o.attended, None), ("People who attended", a.unique_attendees, None),
        ("Attendance rate (registered who came)", o.rate, PERCENT), ("Registered places", o.registered, None),
        ("Walk-ins", o.walk_ins, None), ("No-shows", o.no_shows, None),
        ("Learning hours", o.learning_minutes / 60, "#,##0.0"), ("Sessions", len(a.sessions), None),
        ("Sessions per attendee", a.sessions_per_attendee, HOURS), ("People on the roster", a.roster_size, None),
        ("People registered", a.registered_people, None),
        ("Attended more than one level", len(a.progression), None),
    ]
    ws.append([cell("Headline figures", font=BOLD)])
    for label, value, fmt in figures:
        ws.append([cell(label), cell(value, fmt)])
    ws.append([])
    first = 7 + len(figures) + 1  # the row of the level table's header
    ws.append([cell(h, font=BOLD) for h in ("Level", "Registered", "Attended", "Rate")])
    for b in a.by_level:
        ws.append([cell(b.label), cell(b.registered), cell(b.attended), cell(b.rate, PERCENT)])
    ws.append([])
    hours_at = first + len(a.by_level) + 2
    ws.append([cell(h, font=BOLD) for h in ("Hour (UTC)", "Attendances")])
    for h in a.hours_utc:
        ws.append([cell(_naive(h.start_utc), "hh:mm"), cell(h.attendances)])

    chart = BarChart()
    chart.title, chart.y_axis.title = "Attendance by level", "People"
    chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=first, max_row=first + len(a.by_level)),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=first + len(a.by_level)))
    chart.width, chart.height = 18, 9
    ws.add_chart(chart, "F2")
    day = BarChart()
    day.title, day.y_axis.title = "Attendance across the day (session start, UTC)", "Attendances"
    day.add_data(Reference(ws, min_col=2, min_row=hours_at, max_row=hours_at + len(a.hours_utc)),
                 titles_from_data=True)
    day.set_categories(Reference(ws, min_col=1, min_row=hours_at + 1, max_row=hours_at + len(a.hours_utc)))
    day.width, day.height, day.legend = 18, 9, None
    ws.add_chart(day, "F22")


def _breakdown_sheet(wb: Workbook, title: str, name: str, rows: Iterable[Breakdown]) -> None:
    sheet = _Sheet(wb, title, [(name, 32, None), ("Registered", 12, None), ("Attended", 12, None),
                               ("Walk-ins", 11, None), ("No-shows", 11, None), ("People", 11, None),
                               ("Rate", 10, PERCENT), ("Learning hours", 15, "#,##0.0")])
    sheet.header()
    for b in rows:
        sheet.append([b.label, b.registered, b.attended, b.walk_ins, b.no_shows, b.attendees, b.rate,
                      b.learning_minutes / 60])
    sheet.table(title.replace(" ", ""))


def _sessions(wb: Workbook, a: EventAnalytics) -> None:
    sheet = _Sheet(wb, "Sessions", [
        ("Session", 44, None), ("Level", 20, None), ("Start (UTC)", 17, DATE), ("End (UTC)", 17, DATE),
        ("Main hub", 14, None), ("Local start", 17, DATE), ("Local end", 17, DATE), ("Venue", 22, None),
        ("Venue kind", 10, None), ("Facilitators", 26, None), ("Capacity", 10, None), ("Registered", 11, None),
        ("Waitlisted", 11, None), ("Attended", 11, None), ("Walk-ins", 10, None), ("No-shows", 10, None),
        ("Rate", 9, PERCENT), ("Minutes", 9, None), ("Session uid", 38, None),
    ])
    sheet.header()
    for s in a.sessions:
        zone = s.main_hub_zone or "UTC"
        sheet.append([s.title, s.level_name, _naive(s.start_utc), _naive(s.end_utc), s.main_hub or "UTC",
                      _naive(s.start_utc, zone), _naive(s.end_utc, zone), s.venue, s.venue_kind,
                      ", ".join(s.facilitators), s.capacity, s.registered, s.waitlisted, s.attended, s.walk_ins,
                      s.no_shows, s.rate, s.duration_minutes, s.uid])
    sheet.table("Sessions")


def _attendees(wb: Workbook, a: EventAnalytics, cancel: CancelCheck | None) -> None:
    sheet = _Sheet(wb, "Attendees", [
        ("Code", 9, None), ("Name", 28, None), ("Email", 30, None), ("Employee id", 12, None),
        ("Department", 18, None), ("Role", 22, None), ("Hub", 14, None), ("Own level", 10, None),
        ("Registered", 11, None), ("Attended", 10, None), ("Walk-ins", 10, None), ("No-shows", 10, None),
        ("Learning hours", 14, HOURS), ("Levels attended", 15, None), ("Highest level", 13, None),
    ])
    sheet.header()
    for i, p in enumerate(a.attendees):
        sheet.append([p.code, p.name, p.email, p.employee_id, p.department, p.role, p.hub, p.level_id,
                      p.registered, len(p.sessions_attended), p.walk_ins, p.no_shows, p.learning_minutes / 60,
                      ", ".join(map(str, p.levels_attended)), p.highest_level])
        if i % 5000 == 0:
            check(cancel)
    sheet.table("Attendees")


def _checkins(wb: Workbook, log: Sequence[CheckInLogRow], cancel: CancelCheck | None) -> None:
    sheet = _Sheet(wb, "Check-ins", [
        ("At (UTC)", 17, DATE), ("At (attendee's hub)", 17, DATE), ("Hub zone", 18, None), ("Kind", 10, None),
        ("Undone", 8, None), ("Code", 9, None), ("Name", 28, None), ("Hub", 14, None), ("Session", 40, None),
        ("Station", 24, None), ("Method", 9, None), ("Facilitator", 18, None), ("Entry uid", 38, None),
        ("Reverses uid", 38, None), ("Session uid", 38, None),
    ])
    sheet.header()
    for i, e in enumerate(log):
        local = _naive(e.at_utc, e.hub_zone) if e.hub_zone else None
        sheet.append([_naive(e.at_utc), local, e.hub_zone or "", e.kind, e.undone, e.attendee_code,
                      e.attendee_name, e.hub, e.session_title, e.station, e.method, e.facilitator_name, e.uid,
                      e.reverses_uid, e.session_uid])
        if i % 5000 == 0:
            check(cancel)
    sheet.table("CheckIns")


def _levels_by_hubs(wb: Workbook, a: EventAnalytics) -> None:
    hubs = [b.label for b in a.by_hub]
    sheet = _Sheet(wb, "Levels × Hubs", [("Level", 24, None), *[(h, 12, None) for h in hubs],
                                          ("Total", 12, None)])
    sheet.header()
    cells = {(lv, hub): n for lv, hub, n in a.by_level_and_hub}
    for lv in a.levels:
        row = [cells.get((lv.id, h), 0) for h in hubs]
        sheet.append([f"{lv.id} {lv.name}", *row, sum(row)])
    sheet.table("LevelsByHubs")


def write_xlsx(analytics: EventAnalytics, log: Sequence[CheckInLogRow], out: Path, *,
               steps: Sequence[NextStep] = (), progress: Progress | None = None,
               cancel: CancelCheck | None = None) -> Path:
    """Write the workbook to ``out`` (``steps``: the next-steps sheet's rows); a cancel (checked between sheets
    and every 5,000 rows) leaves no file."""
    from reports.xlsx_skills import skills_sheets

    report = progress or quiet
    wb = Workbook(write_only=True)
    sheets = [
        ("summary", lambda: _summary(wb, analytics)),
        ("sessions", lambda: _sessions(wb, analytics)),
        ("attendees", lambda: _attendees(wb, analytics, cancel)),
        ("check-ins", lambda: _checkins(wb, log, cancel)),
        ("levels × hubs", lambda: _levels_by_hubs(wb, analytics)),
        ("departments", lambda: _breakdown_sheet(wb, "Departments", "Department", analytics.by_department)),
        *skills_sheets(wb, analytics, steps, cancel),
    ]
    for i, (label, write_sheet) in enumerate(sheets):
        check(cancel)
        write_sheet()
        report((i + 1) / (len(sheets) + 1), f"sheet {label}")
    with atomic_output(Path(out)) as tmp:
        wb.save(tmp)
        check(cancel)
    report(1.0, "workbook written")
    return Path(out)
