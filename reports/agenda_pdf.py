"""One hub's agenda as a PDF: its sessions (or all) on the hub's clock, a table per local date, level colours."""

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
from learningday.plan.export import AgendaClock, LocalSession, local_days
from learningday.setup.clock import clocks_label, local_span, offset_changes, working_windows
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
#: column widths: level bar, time, session (None: what is left), level, venue, facilitators, for hubs;
#: a time on a changed clock ("00:30 BST–01:00 GMT") takes two lines
WIDTHS = (1.8 * mm, 30 * mm, None, 27 * mm, 28 * mm, 26 * mm, 24 * mm)
HEADER = ("", "Time", "Session", "Level", "Venue", "Facilitators", "For hubs")


def date_heading(day: date) -> str:
    """'Tuesday 9 March 2027'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def hub_clock_text(event: EventDTO, hub: HubDTO | AgendaClock) -> str:
    """'IST (UTC+05:30)'; a zone whose offset changes during the event: 'EST (UTC-05:00), then EDT (UTC-04:00)'."""
    return clocks_label(event.start_utc, event.end_utc, hub.zone)


def hub_label(event: EventDTO, hub: HubDTO | AgendaClock) -> str:
    """'Kathmandu · UTC+05:45', as the top of every page shows it."""
    return f"{hub.name} · {hub_clock_text(event, hub)}"


class AgendaDoc(ReportDoc):
    """ReportDoc pages with the event and the hub's clock at the top of each one."""

    def __init__(self, filename: str, *, event: EventDTO, hub: AgendaClock, pagesize: tuple[float, float],
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


def _time_cell(item: LocalSession, inside: bool, zone_name: str, day_start: datetime) -> Paragraph:
    assert item.row.start_utc is not None and item.row.end_utc is not None
    text = local_span(item.row.start_utc, item.row.end_utc, zone_name, day_start)
    if text.count(" ") > 1:  # both ends name their clock ('00:30 BST–01:00 GMT'): one end a line
        text = text.replace("–", "–<br/>", 1)
    if item.days_later:
        text += f' <font color="{NEXT_DAY}" face="{fonts.SANS_BOLD}">+{item.days_later}</font>'
    return Paragraph(text, CELL_BOLD if inside else CELL_MUTED)


def _row(row: SessionRow, time_cell: Flowable | str, levels: dict[int, LevelDTO]) -> list:
    level = levels.get(row.level_id)
    level_text = f"{row.level_id} · {level.name}" if level else f"Level {row.level_id}"
    return ["", time_cell, fonts.paragraph(row.title, CELL_BOLD, base=fonts.SANS_BOLD),
            fonts.paragraph(level_text, CELL), fonts.paragraph(row.venue or "—", CELL),
            fonts.paragraph(", ".join(row.facilitators) or "—", CELL),
            fonts.paragraph(", ".join(row.target_hubs), CELL) if row.target_hubs
            else Paragraph("every hub", CELL_MUTED)]


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


def _as_clock(hub: HubDTO | AgendaClock) -> AgendaClock:
    return hub if isinstance(hub, AgendaClock) else AgendaClock(hub.name, hub.zone, hub)


def _intro(event: EventDTO, clock: AgendaClock, for_hub: str | None, scheduled: int, drafts: int) -> list[Flowable]:
    """Which sessions, on which clock; what bold, '+1' and a named clock mean."""
    which = (f"Agenda for {for_hub}: its sessions and those for every hub" if for_hub
             else "Every session of the event")
    counts = f"{scheduled} session{'s' if scheduled != 1 else ''}" + (f" and {drafts} not yet scheduled" if drafts
                                                                        else "")
    hours = (" Times in bold fall inside the hub's working hours"
             f" ({format_window(clock.hub.work_start_min, clock.hub.work_end_min)});" if clock.hub else "")
    return [fonts.paragraph(f"{which}. All times are {clock.name} local time: {hub_clock_text(event, clock)}, "
                            f"{clock.zone}.", BODY),
            Paragraph(f"{counts}.{hours}"
                      f' <font color="{NEXT_DAY}" face="{fonts.SANS_BOLD}">+1</font> marks a session that ends'
                      " after local midnight." + (" A time after the clock changes names its clock."
                                                  if offset_changes(event.start_utc, event.end_utc, clock.zone)
                                                  else ""), INTRO)]


def story(event: EventDTO, hub: HubDTO | AgendaClock, levels: Sequence[LevelDTO], rows: Sequence[SessionRow],
          width: float, *, for_hub: str | None = None) -> list[Flowable]:
    """``for_hub``: the hub whose sessions ``rows`` are (None: every session)."""
    clock = _as_clock(hub)
    by_id = {lv.id: lv for lv in levels}
    days = local_days(list(rows), clock.zone)
    drafts = [r for r in rows if r.start_utc is None]
    scheduled = sum(len(d.sessions) for d in days)
    work = (working_windows(event.start_utc, event.end_utc, clock.zone, clock.hub.work_start_min,
                            clock.hub.work_end_min) if clock.hub else ())
    out: list[Flowable] = [fonts.paragraph(event.name, H1), *_intro(event, clock, for_hub, scheduled, len(drafts)),
                           Spacer(1, 2 * mm)]
    for day in days:
        cells = [(s.row, _time_cell(s, _inside(s, work), clock.zone, event.start_utc)) for s in day.sessions]
        out += [CondPageBreak(40 * mm), Heading(date_heading(day.day), H2), _table(cells, by_id, width)]
    if not days:
        out.append(Paragraph("No session is scheduled yet.", BODY))
    if drafts:
        out += [CondPageBreak(40 * mm), Heading("Unscheduled", H2),
                _table([(r, Paragraph("—", CELL_MUTED)) for r in drafts], by_id, width)]
    return out


def write_agenda_pdf(event: EventDTO, hub: HubDTO | AgendaClock, levels: Sequence[LevelDTO],
                     rows: Sequence[SessionRow], out: Path | str, *, for_hub: str | None = None,
                     letter_size: bool = False, progress: Progress | None = None,
                     cancel: CancelCheck | None = None) -> int:
    """Write ``rows`` on ``hub``'s clock (a hub, or a bare zone) to ``out`` (A4, or US Letter) atomically;
    ``for_hub`` names the hub they were picked for (None: they are every session). Returns the sessions listed."""
    fonts.register()
    clock = _as_clock(hub)
    report = progress or quiet
    pagesize = letter if letter_size else A4
    listed = f"agenda for {for_hub}" if for_hub else "every session"
    with atomic_output(Path(out)) as tmp:
        doc = AgendaDoc(str(tmp), event=event, hub=clock, pagesize=pagesize,
                        footer=f"{event.name} · {listed} in {clock.name} local time ({clock.zone}) · "
                               f"made {datetime.now():%d %b %Y}",
                        flowables=1, progress=report, cancel=cancel,
                        title=f"{event.name}: {listed} ({clock.name} time)", author="LearningDay")
        flowables = story(event, clock, levels, rows, doc.width - 2 * FRAME_PADDING, for_hub=for_hub)
        doc.total = len(flowables)  # for the progress figure
        doc.build(flowables)
    report(1.0, "agenda written")
    return len(rows)
