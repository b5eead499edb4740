"""One hub's agenda as a PDF: the whole day on the hub's clock, a table per local date, level colours."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from learningday.plan.dto import SessionRow
from learningday.plan.export import LocalSession, local_days
from learningday.setup.clock import clock_label, working_windows
from learningday.setup.dto import EventDTO, HubDTO, LevelDTO
from learningday.setup.rules import format_window
from reports import fonts
from reports.fonts import draw_text, text_width
from reports.output import CancelCheck, Progress, atomic_output, quiet
from reports.pdf_doc import BODY, CELL, FRAME_PADDING, H1, H2, HEAD_BG, INK, MUTED, RULE, ZEBRA, Heading, ReportDoc

NO_LEVEL_COLOUR = "#8A8F98"
NEXT_DAY = "#B45309"
CELL_BOLD = ParagraphStyle("agenda-bold", parent=CELL, fontName=fonts.SANS_BOLD)
CELL_MUTED = ParagraphStyle("agenda-muted", parent=CELL, textColor=MUTED)
HEAD_CELL = ParagraphStyle("agenda-head", parent=CELL, fontName=fonts.SANS_BOLD, textColor=colors.white)
INTRO = ParagraphStyle("agenda-intro", parent=BODY, fontSize=9, leading=12, textColor=MUTED)
#: column widths: level bar, time, session (None: what is left), level, venue, facilitators; long
#: level and venue names ("4 · Building AI systems", "Singapore · Marina Room") fit on one line
WIDTHS = (1.8 * mm, 24 * mm, None, 33 * mm, 37 * mm, 30 * mm)
HEADER = ("", "Time", "Session", "Level", "Venue", "Facilitators")


def date_heading(day: date) -> str:
    """'Tuesday 9 March 2027'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def hub_clock_text(event: EventDTO, hub: HubDTO) -> str:
    """'IST (UTC+05:30)'; a zone whose offset changes during the event: 'EST (UTC-05:00), then EDT (UTC-04:00)'."""
    first = clock_label(event.start_utc, hub.zone)
    last = clock_label(event.end_utc, hub.zone)
    return first + (f", then {last}" if last != first else "")  # Noto Sans has no arrow


def hub_label(event: EventDTO, hub: HubDTO) -> str:
    """'Kathmandu · UTC+05:45', as the top of every page shows it."""
    return f"{hub.name} · {hub_clock_text(event, hub)}"


class AgendaDoc(ReportDoc):
    """ReportDoc pages with the event and the hub's clock at the top of each one."""

    def __init__(self, filename: str, *, event: EventDTO, hub: HubDTO, pagesize: tuple[float, float],
                 **kwargs: object) -> None:
        super().__init__(filename, pagesize=pagesize, top_margin=22 * mm, **kwargs)
        self.event_name, self.hub_text = event.name, hub_label(event, hub)

    def _on_page(self, canvas, doc) -> None:  # noqa: ANN001 - reportlab's callback
        super()._on_page(canvas, doc)
        width, height = self.pagesize
        left, right = self.leftMargin + FRAME_PADDING, width - self.rightMargin - FRAME_PADDING
        top = height - 12 * mm
        canvas.saveState()
        size = 9.5
        hub_w = min(text_width(self.hub_text, size, base=fonts.SANS_BOLD), (right - left) * 0.55)
        canvas.setFillColor(HEAD_BG)
        draw_text(canvas, right - hub_w, top, self.hub_text, size, max_width=hub_w, min_size=7,
                  base=fonts.SANS_BOLD)
        canvas.setFillColor(INK)
        draw_text(canvas, left, top, self.event_name, size, max_width=right - left - hub_w - 8 * mm, min_size=7)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(left, top - 3 * mm, right, top - 3 * mm)
        canvas.restoreState()


def _time_cell(item: LocalSession, inside: bool) -> Paragraph:
    text = f"{item.start:%H:%M}–{item.end:%H:%M}"
    if item.days_later:
        text += f' <font color="{NEXT_DAY}" face="{fonts.SANS_BOLD}">+{item.days_later}</font>'
    return Paragraph(text, CELL_BOLD if inside else CELL_MUTED)


def _row(row: SessionRow, time_cell: Flowable | str, levels: dict[int, LevelDTO]) -> list:
    level = levels.get(row.level_id)
    level_text = f"{row.level_id} · {level.name}" if level else f"Level {row.level_id}"
    return ["", time_cell, fonts.paragraph(row.title, CELL_BOLD, base=fonts.SANS_BOLD),
            fonts.paragraph(level_text, CELL), fonts.paragraph(row.venue or "—", CELL),
            fonts.paragraph(", ".join(row.facilitators) or "—", CELL)]


def _table(entries: list[tuple[SessionRow, Flowable]], levels: dict[int, LevelDTO], width: float) -> Table:
    """A table of (session, time cell) rows under a header, each row with its level's colour bar."""
    header = [Paragraph(text, HEAD_CELL) for text in HEADER]
    rest = width - sum(w for w in WIDTHS if w is not None)
    table = Table([header, *(_row(row, when, levels) for row, when in entries)],
                  colWidths=[rest if w is None else w for w in WIDTHS], repeatRows=1)
    colours = [levels[row.level_id].colour if row.level_id in levels else NO_LEVEL_COLOUR for row, _ in entries]
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("ROWBACKGROUNDS", (1, 1), (-1, -1), [colors.white, ZEBRA]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (1, 0), (-1, -1), 4),
        ("RIGHTPADDING", (1, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 0),
    ]
    style += [("BACKGROUND", (0, i), (0, i), colors.HexColor(c)) for i, c in enumerate(colours, start=1)]
    table.setStyle(TableStyle(style))
    return table


def _inside(item: LocalSession, windows: Sequence) -> bool:
    return any(w.start <= item.row.start_utc and item.row.end_utc <= w.end for w in windows)


def story(event: EventDTO, hub: HubDTO, levels: Sequence[LevelDTO], rows: Sequence[SessionRow],
          width: float) -> list[Flowable]:
    by_id = {lv.id: lv for lv in levels}
    days = local_days(list(rows), hub.zone)
    drafts = [r for r in rows if r.start_utc is None]
    scheduled = sum(len(d.sessions) for d in days)
    work = working_windows(event.start_utc, event.end_utc, hub.zone, hub.work_start_min, hub.work_end_min)
    hours = format_window(hub.work_start_min, hub.work_end_min)
    out: list[Flowable] = [
        fonts.paragraph(event.name, H1),
        fonts.paragraph(f"Agenda for {hub.name}. All times are {hub.name} local time: "
                        f"{hub_clock_text(event, hub)}, {hub.zone}.", BODY),
        Paragraph(f"{scheduled} session{'s' if scheduled != 1 else ''}"
                  + (f" and {len(drafts)} not yet scheduled" if drafts else "")
                  + f". Times in bold fall inside the hub's working hours ({hours});"
                  f' <font color="{NEXT_DAY}" face="{fonts.SANS_BOLD}">+1</font> marks a session that ends'
                  " after local midnight.", INTRO),
        Spacer(1, 2 * mm),
    ]
    for day in days:
        table = _table([(s.row, _time_cell(s, _inside(s, work))) for s in day.sessions], by_id, width)
        out += [CondPageBreak(40 * mm), Heading(date_heading(day.day), H2), table]
    if not days:
        out.append(Paragraph("No session is scheduled yet.", BODY))
    if drafts:
        out += [CondPageBreak(40 * mm), Heading("Unscheduled", H2),
                _table([(r, Paragraph("—", CELL_MUTED)) for r in drafts], by_id, width)]
    return out


def write_agenda_pdf(event: EventDTO, hub: HubDTO, levels: Sequence[LevelDTO], rows: Sequence[SessionRow],
                     out: Path | str, *, letter_size: bool = False, progress: Progress | None = None,
                     cancel: CancelCheck | None = None) -> int:
    """Write ``hub``'s agenda (A4, or US Letter) to ``out`` atomically; returns the sessions listed."""
    fonts.register()
    report = progress or quiet
    pagesize = letter if letter_size else A4
    with atomic_output(Path(out)) as tmp:
        doc = AgendaDoc(str(tmp), event=event, hub=hub, pagesize=pagesize,
                        footer=f"{event.name} · agenda in {hub.name} local time ({hub.zone}) · "
                               f"made {datetime.now():%d %b %Y}",
                        flowables=1, progress=report, cancel=cancel,
                        title=f"{event.name}: agenda for {hub.name}", author="LearningDay")
        flowables = story(event, hub, levels, rows, doc.width - 2 * FRAME_PADDING)  # the frame's width
        doc.total = len(flowables)  # for the progress figure
        doc.build(flowables)
    report(1.0, "agenda written")
    return len(rows)
