"""The report's "did it work?" page and its skills and feedback section (no attendee names: figures only)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from learningday.reporting.dto import EventAnalytics, LeaderView, Reach
from learningday.reporting.leader import GAP_POINTS, NO_LEVEL
from learningday.skills.dto import FeedbackScore, Uplift
from reports import fonts
from reports.output import pct
from reports.pdf_doc import BODY, FIGURE, FIGURE_LABEL, GRID, H1, H2, SMALL, Heading

GAP_BG = colors.HexColor("#FDE2E1")
GAP_INK = colors.HexColor("#B42318")


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _table(header: list[str], rows: Sequence[list], widths: list[float], *, numbers_from: int = 1) -> Table:
    table = Table([header, *rows], colWidths=widths, repeatRows=1)
    table.setStyle(GRID)
    table.setStyle([("ALIGN", (numbers_from, 0), (-1, -1), "RIGHT")])
    return table


def _figures(v: LeaderView) -> Table:
    up, fb = v.skills.uplift_overall, v.skills.feedback_overall
    cells = [
        (pct(v.reach.rate), f"reach: {v.reach.reached:,} of {v.reach.headcount:,} people on the roster attended"),
        (f"{v.skills.validated_people:,}", "people validated at one level or more"),
        (f"{up.uplift:+.1f}" if up else "–",
         f"skills uplift, {up.pre_mean:.1f} to {up.post_mean:.1f} on 1–5 ({up.people:,} people)" if up
         else "skills uplift: no before-and-after answers"),
        (_num(fb.rating_mean), (f"feedback out of 5, from {fb.responses:,} of {fb.attended:,} attendances "
                                f"({pct(fb.response_rate if fb.attended else None)} responded)")),
    ]
    grid = [[[Paragraph(value, FIGURE), Paragraph(label, FIGURE_LABEL)] for value, label in cells]]
    return Table(grid, colWidths=[44.5 * mm] * 4, rowHeights=[24 * mm])


def reach_table(a: EventAnalytics, v: LeaderView) -> Table:
    """Hubs down, the attendees' own levels across: 'reached / headcount' with its rate; gap cells shaded."""
    keys: list[int | None] = [lv.id for lv in a.levels] + ([None] if any(k is None for _, k, _ in v.reach_cells)
                                                           else [])
    cells = {(hub, key): r for hub, key, r in v.reach_cells}
    header = ["Hub \\ own level", *[f"L{k}" if k is not None else NO_LEVEL for k in keys], "All"]
    rows, style = [], []

    def show(r: Reach | None, col: int, row: int) -> str:
        if r is None or not r.headcount:
            return ""
        if r.gap:
            style.extend([("BACKGROUND", (col, row), (col, row), GAP_BG), ("TEXTCOLOR", (col, row), (col, row), GAP_INK)])
        return f"{r.reached:,}/{r.headcount:,} {pct(r.rate)}"

    for i, hub in enumerate(v.reach_by_hub, start=1):
        rows.append([fonts.paragraph(hub.label, SMALL) if fonts.font_for(hub.label) != fonts.SANS else hub.label,
                     *[show(cells.get((hub.label, k)), c, i) for c, k in enumerate(keys, start=1)],
                     show(hub, len(keys) + 1, i)])
    total_row = len(rows) + 1
    rows.append(["All", *[show(r, c, total_row) for c, r in enumerate(v.reach_by_level, start=1)],
                 show(v.reach, len(keys) + 1, total_row)])
    first = 30 * mm
    rest = (178 * mm - first) / (len(keys) + 1)
    table = _table(header, rows, [first] + [rest] * (len(keys) + 1))
    table.setStyle([("FONTSIZE", (1, 1), (-1, -1), 6.8), ("FONTNAME", (0, total_row), (-1, total_row),
                                                         fonts.SANS_BOLD), *style])
    return table


def _uplift_rows(rows: Sequence[Uplift]) -> list[list]:
    return [[u.group, f"{u.people:,}", _num(u.pre_mean), _num(u.post_mean), f"{u.uplift:+.1f}"] for u in rows]


def _uplift(title: str, rows: Sequence[Uplift]) -> list[Flowable]:
    if not rows:
        return [Paragraph(title, H2), Paragraph("Nobody answered the self-assessment both before and after.", SMALL)]
    return [Paragraph(title, H2), _table(["Group", "People", "Before", "After", "Uplift"], _uplift_rows(rows),
                                         [70 * mm, 22 * mm, 22 * mm, 22 * mm, 22 * mm])]


def first_page(a: EventAnalytics) -> list[Flowable]:
    """Did it work? Reach against headcount, validation, uplift, feedback and the facts behind them."""
    v = a.leader
    if v is None:
        return []
    validated = [[f"{c.level} {c.name}", f"{c.count:,}"] for c in v.skills.validated_by_level]
    side = Table([[_table(["Level", "Validated"], validated, [52 * mm, 22 * mm]),
                   _table(["Level", "People", "Before", "After", "Uplift"],
                          _uplift_rows(v.skills.uplift_by_level), [32 * mm, 14 * mm, 14 * mm, 14 * mm, 14 * mm])]],
                 colWidths=[84 * mm, 94 * mm])
    side.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return [
        Heading("Did it work?", H1),
        _figures(v),
        Spacer(1, 3 * mm),
        *[fonts.paragraph(f"• {fact}", BODY) for fact in v.facts],
        Paragraph("Reach against headcount, by hub and the attendees' own level", H2),
        Paragraph(f"Each cell: people who attended a session / people on the roster (the headcount). Shaded cells "
                  f"are {GAP_POINTS * 100:.0f} points or more below the event's reach of {pct(v.reach.rate)}: the gaps "
                  "to close.", SMALL),
        reach_table(a, v),
        Paragraph("Validated people and skills uplift by level", H2),
        side,
        PageBreak(),
    ]


def _feedback_rows(rows: Sequence[FeedbackScore]) -> list[list]:
    return [[fonts.paragraph(f.title, SMALL), f"{f.attended:,}", f"{f.responses:,}", pct(f.response_rate if f.attended
                                                                                        else None),
             _num(f.rating_mean), _num(f.apply_mean)] for f in rows]


def skills_section(a: EventAnalytics) -> list[Flowable]:
    """Uplift by hub, department and level; feedback per session and per facilitator."""
    v = a.leader
    if v is None:
        return []
    s = v.skills
    header = ["Session", "Attended", "Answers", "Response", "Rating", "Can apply"]
    widths = [86 * mm, 18 * mm, 18 * mm, 18 * mm, 18 * mm, 20 * mm]
    fac = [[row[0], f"{f.sessions:,}", *row[1:]] for f in v.by_facilitator for row in _feedback_rows([f.score])]
    n = s.unmatched_feedback
    unmatched = (f" {n:,} answer{'s' if n != 1 else ''} came from people not checked in to that session and "
                 f"{'are' if n != 1 else 'is'} not counted.") if n else ""
    return [
        Heading("Skills and feedback", H1),
        Paragraph("Uplift compares each person's self-assessment (1–5) before and after the day, for the people "
                  "who answered both." + unmatched, SMALL),
        *_uplift("Uplift by hub", s.uplift_by_hub),
        *_uplift("Uplift by department", s.uplift_by_department),
        Heading("Feedback by session", H2, level=1),
        _table(header, [*_feedback_rows(s.feedback_by_session), *_feedback_rows([s.feedback_overall])], widths),
        Heading("Feedback by facilitator", H2, level=1),
        _table(["Facilitator", "Sessions", "Attended", "Answers", "Response", "Rating", "Can apply"], fac,
               [68 * mm, 16 * mm, 18 * mm, 18 * mm, 18 * mm, 18 * mm, 22 * mm]) if fac
        else Paragraph("No session has a facilitator with feedback yet.", SMALL),
        PageBreak(),
    ]
