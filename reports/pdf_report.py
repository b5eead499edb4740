"""The post-event PDF report: cover, contents, executive summary, charts, tables and an appendix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from learningday.reporting.dto import Breakdown, EventAnalytics, SessionOutcome
from learningday.timeutil import to_local
from reports import fonts, pdf_charts, pdf_leader
from reports.output import CancelCheck, Progress, atomic_output, check, hours, paused_gc, pct, quiet
from reports.pdf_doc import (
    BODY,
    CELL,
    FIGURE,
    FIGURE_LABEL,
    GRID,
    H1,
    H2,
    H3,
    SMALL,
    SUBTITLE,
    TITLE,
    Heading,
    ReportDoc,
    TocPlaceholder,
)
from reports.pdf_names import NameLines

SMALL_BOLD = ParagraphStyle("small-bold", parent=SMALL, fontName=fonts.SANS_BOLD)
#: rows per table: reportlab splits many small tables far faster than one long one
CHUNK = 250
NAMES_PER_PARAGRAPH = 80


def _date(instant: datetime) -> str:
    return f"{instant:%A %-d %B %Y, %H:%M} UTC"


def session_time(s: SessionOutcome) -> str:
    """The session's times on its main hub's clock ('Thu 09:00–10:00 Kathmandu'), else in UTC."""
    zone = s.main_hub_zone or "UTC"
    start, end = to_local(s.start_utc, zone), to_local(s.end_utc, zone)
    return f"{start:%a %H:%M}–{end:%H:%M} {s.main_hub or 'UTC'}"


#: a table cell's left + right padding (reportlab's default 6 pt each side)
_PADDING = 12


def _cell(text: str, width: float) -> Paragraph | str:
    """A table cell: plain text when the Latin/Greek/Cyrillic font draws all of it on one line of
    ``width`` (a Paragraph costs ten times as much to lay out), else a Paragraph that wraps and
    switches font per script."""
    if fonts.runs(text) == [(fonts.SANS, text)] and stringWidth(text, fonts.SANS, CELL.fontSize) <= width - _PADDING:
        return text
    return fonts.paragraph(text, CELL)


def _chunked(header: list, rows: Sequence[list], widths: list[float], *, numbers_from: int) -> list[Flowable]:
    """A table cut into chunks, each with the header row again (and repeated if a chunk splits)."""
    out: list[Flowable] = []
    for start in range(0, max(len(rows), 1), CHUNK):
        table = Table([header, *rows[start:start + CHUNK]], colWidths=widths, repeatRows=1)
        table.setStyle(GRID)
        table.setStyle([("ALIGN", (numbers_from, 0), (-1, -1), "RIGHT")])
        out.append(table)
    return out


NAMES_NOTICE = "Contains personal names: for internal use only"


def _cover(a: EventAnalytics, with_names: bool = False) -> list[Flowable]:
    ev = a.event
    notice = [Spacer(1, 10 * mm), Paragraph(NAMES_NOTICE, SUBTITLE)] if with_names else []
    return [
        Spacer(1, 60 * mm),
        fonts.paragraph(ev.name, TITLE),
        Spacer(1, 6 * mm),
        fonts.paragraph(ev.theme, SUBTITLE) if ev.theme else Spacer(1, 1),
        Spacer(1, 14 * mm),
        Paragraph(f"{_date(ev.start_utc)}<br/>to {_date(ev.end_utc)}", SUBTITLE),
        Spacer(1, 30 * mm),
        Paragraph("Post-event report", SUBTITLE),
        *notice,
        PageBreak(),
        *pdf_leader.first_page(a),
        Paragraph("Contents", H1),
        TocPlaceholder(),
        PageBreak(),
    ]


def headline(a: EventAnalytics) -> list[tuple[str, str]]:
    """(figure, label) pairs of the executive summary, in reading order."""
    o = a.overall
    return [
        (f"{o.attended:,}", "session attendances"),
        (f"{a.unique_attendees:,}", "people attended at least one session"),
        (pct(o.rate), "attendance rate (registered who came)"),
        (f"{o.registered:,}", "registered places"),
        (f"{o.walk_ins:,}", "walk-ins"),
        (f"{o.no_shows:,}", "no-shows"),
        (hours(o.learning_minutes), "learning hours"),
        (f"{len(a.sessions):,}", "sessions"),
        (f"{a.sessions_per_attendee:.2f}", "sessions per attendee"),
        (f"{a.roster_size:,}", "people on the roster"),
        (f"{len(a.progression):,}", "attended more than one level"),
        (f"{len(a.hubs):,}", "hubs"),
    ]


def _summary(a: EventAnalytics) -> list[Flowable]:
    cells = [[Paragraph(value, FIGURE), Paragraph(label, FIGURE_LABEL)] for value, label in headline(a)]
    grid = [[[c[0], c[1]] for c in cells[i:i + 3]] for i in range(0, len(cells), 3)]
    figures = Table(grid, colWidths=[59 * mm] * 3, rowHeights=[19 * mm] * len(grid))
    out: list[Flowable] = [Heading("Executive summary", H1), figures, Spacer(1, 4 * mm)]
    for title, sessions in (("Best attended sessions", a.top_sessions),
                            ("Least attended sessions", a.bottom_sessions)):
        out.append(Paragraph(title, H2))
        if not sessions:
            out.append(Paragraph("No session to rank: nobody has checked in yet." if not a.overall.attended
                                 else "Every ranked session is listed above.", SMALL))
            continue
        widths = [88 * mm, 46 * mm, 30 * mm, 14 * mm]
        rows = [[_cell(s.title, widths[0]), _cell(s.level_name, widths[1]), f"{s.attended - s.walk_ins}/{s.registered}",
                 pct(s.rate)] for s in sessions]
        out.extend(_chunked(["Session", "Level", "Came / registered", "Rate"], rows, widths, numbers_from=2))
    out.append(PageBreak())
    return out


def _charts(a: EventAnalytics) -> list[Flowable]:
    return [Heading("Charts", H1), pdf_charts.by_level(a), Spacer(1, 4 * mm), pdf_charts.heat_map(a),
            CondPageBreak(90 * mm), pdf_charts.by_hub(a), CondPageBreak(90 * mm), pdf_charts.rate_by_department(a),
            PageBreak()]


def _breakdown(title: str, rows: Iterable[Breakdown]) -> list[Flowable]:
    widths = [58 * mm, 18 * mm, 17 * mm, 16 * mm, 17 * mm, 15 * mm, 12 * mm, 15 * mm]
    body = [[_cell(b.label, widths[0]), f"{b.registered:,}", f"{b.attended:,}", f"{b.walk_ins:,}", f"{b.no_shows:,}",
             f"{b.attendees:,}", pct(b.rate), hours(b.learning_minutes)] for b in rows]
    header = ["", "Registered", "Attended", "Walk-ins", "No-shows", "People", "Rate", "Hours"]
    return [Heading(title, H2, level=1),
            *_chunked(header, body, widths, numbers_from=1)]


def _groups(a: EventAnalytics) -> list[Flowable]:
    return [
        Heading("Attendance by group", H1),
        Paragraph("Counts are session attendances (one per person and session); <i>People</i> counts the "
                  "distinct people behind them.", SMALL),
        *_breakdown("By level", a.by_level), *_breakdown("By hub", a.by_hub),
        *_breakdown("By department", a.by_department), *_breakdown("By facilitator", a.by_facilitator),
        PageBreak(),
    ]


def _sessions(a: EventAnalytics) -> list[Flowable]:
    widths = [46 * mm, 24 * mm, 30 * mm, 26 * mm, 25 * mm, 10 * mm, 10 * mm, 10 * mm]
    rows = [[_cell(s.title, widths[0]), _cell(s.level_name, widths[1]), _cell(session_time(s), widths[2]),
             _cell(s.venue, widths[3]), _cell(", ".join(s.facilitators), widths[4]), f"{s.registered:,}",
             f"{s.attended:,}", pct(s.rate)] for s in a.sessions]
    header = ["Session", "Level", "Local time", "Venue", "Facilitator", "Reg.", "Att.", "Rate"]
    return [Heading("Sessions", H1), *_chunked(header, rows, widths, numbers_from=5), PageBreak()]


def _names(label: str, names: Sequence[str]) -> list[Flowable]:
    """The names grouped by script: a paragraph in one font (no markup) lays out several times faster."""
    if not names:
        return []
    groups: dict[str, list[str]] = {}
    for name in names:
        parts = fonts.runs(name)
        groups.setdefault(parts[0][0] if len(parts) == 1 else "", []).append(name)
    out: list[Flowable] = [Paragraph(f"{label} ({len(names):,})", SMALL_BOLD)]
    for font, group in groups.items():
        for start in range(0, len(group), NAMES_PER_PARAGRAPH):
            part = group[start:start + NAMES_PER_PARAGRAPH]
            if font:  # one script: measured once, one text run per line (see pdf_names)
                out.append(NameLines(font, part, SMALL))
            else:  # names that mix scripts: a <font> per run
                style = fonts.shaped(SMALL) if any(fonts.needs_shaping(n) for n in part) else SMALL
                out.append(Paragraph(" · ".join(fonts.markup(n) for n in part), style))
    return out


def _appendix(a: EventAnalytics) -> list[Flowable]:
    out: list[Flowable] = [Heading("Appendix: walk-ins and no-shows by session", H1)]
    listed = [s for s in a.sessions if s.walk_in_names or s.no_show_names]
    if not listed:
        out.append(Paragraph("Nobody walked in and nobody missed a session.", BODY))
    for s in listed:
        title = fonts.paragraph(f"{s.title} — {session_time(s)}", H3)
        names = _names("Walk-ins", s.walk_in_names) + _names("No-shows", s.no_show_names)
        out.append(KeepTogether([title, *names[:1]]))
        out.extend(names[1:])
    return out


def _no_names() -> list[Flowable]:
    return [Heading("Names", H1),
            Paragraph("This report names no attendee. The lists of people (no-shows, walk-ins, validated people, "
                      "next steps) are in the Excel workbook; a report with names for internal use is written with "
                      "<i>Include personal names</i> (Reports workspace) or <i>report --with-names</i>.", BODY)]


def story(a: EventAnalytics, *, with_names: bool = False) -> list[Flowable]:
    """The whole report; attendee names only ``with_names`` (the cover then says so)."""
    return [*_cover(a, with_names), *_summary(a), *_charts(a), *pdf_leader.skills_section(a), *_groups(a),
            *_sessions(a), *(_appendix(a) if with_names else _no_names())]


def write_pdf(analytics: EventAnalytics, out: Path, *, with_names: bool = False, progress: Progress | None = None,
              cancel: CancelCheck | None = None) -> Path:
    """Write the report to ``out`` (attendee names only ``with_names``); a cancel (checked between flowables)
    leaves no file."""
    report = progress or quiet
    check(cancel)
    with paused_gc():
        flowables = story(analytics, with_names=with_names)
        report(0.05, "report laid out")
        with atomic_output(Path(out)) as tmp:
            doc = ReportDoc(str(tmp), footer=f"{analytics.event.name} · post-event report", flowables=len(flowables),
                            progress=report, cancel=cancel, title=f"{analytics.event.name}: post-event report",
                            author="LearningDay")
            doc.build(flowables)
    report(1.0, "PDF written")
    return Path(out)
