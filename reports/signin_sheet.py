"""A session's paper sign-in sheet (PDF): registered names sorted, badge code, a tick box, a signature line, walk-in lines."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from learningday.checkin.paper import PaperSheet
from learningday.outputs import check_output
from learningday.store.db import EventFile
from reports import fonts
from reports.fonts import draw_text
from reports.output import CancelCheck, Progress, check, write_then_rename

MARGIN = 16 * mm
ROW = 9 * mm
INK, GREY, RULE = HexColor("#1B1F24"), HexColor("#50565E"), HexColor("#9AA0A8")
#: column left edges, from the margin: tick box, name, badge code, hub, signature
COLUMNS = (0, 10 * mm, 82 * mm, 104 * mm, 132 * mm)


class _Pages:
    """The canvas, a cursor down the page, and the heading repeated on every page."""

    def __init__(self, canvas: Canvas, sheet: PaperSheet) -> None:
        self.canvas, self.sheet, self.page = canvas, sheet, 0
        self.width, self.height = A4
        self.y = 0.0
        self._start()

    def _start(self) -> None:
        c, s = self.canvas, self.sheet
        self.page += 1
        top = self.height - MARGIN
        c.setFillColor(GREY)
        draw_text(c, MARGIN, top - 4 * mm, f"{s.event} · sign-in sheet · page {self.page}", 9,
                  max_width=self.width - 2 * MARGIN)
        c.setFillColor(INK)
        draw_text(c, MARGIN, top - 12 * mm, s.title, 16, max_width=self.width - 2 * MARGIN, base=fonts.SANS_BOLD)
        who = f" · facilitated by {', '.join(s.facilitators)}" if s.facilitators else ""
        draw_text(c, MARGIN, top - 18 * mm, s.when + who, 10, max_width=self.width - 2 * MARGIN)
        self.y = top - 28 * mm
        c.setFillColor(GREY)
        for x, label in zip(COLUMNS, ("Here", "Name", "Badge code", "Hub", "Signature"), strict=True):
            draw_text(c, MARGIN + x, self.y, label, 8, max_width=60 * mm, base=fonts.SANS_BOLD)
        self.y -= 3 * mm

    def row(self, name: str, code: str, hub: str) -> None:
        if self.y - ROW < MARGIN:
            self.canvas.showPage()
            self._start()
        c, base = self.canvas, self.y - ROW + 2.5 * mm
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.rect(MARGIN, base - 0.5 * mm, 4.5 * mm, 4.5 * mm, stroke=1, fill=0)  # the tick box
        c.line(MARGIN + COLUMNS[4], base - 0.5 * mm, self.width - MARGIN, base - 0.5 * mm)  # the signature line
        c.setFillColor(INK)
        if name:
            draw_text(c, MARGIN + COLUMNS[1], base, name, 11, max_width=COLUMNS[2] - COLUMNS[1] - 2 * mm, min_size=7)
            draw_text(c, MARGIN + COLUMNS[2], base, code, 10, max_width=COLUMNS[3] - COLUMNS[2] - 2 * mm,
                      base=fonts.SANS_BOLD)
            c.setFillColor(GREY)
            draw_text(c, MARGIN + COLUMNS[3], base, hub, 9, max_width=COLUMNS[4] - COLUMNS[3] - 2 * mm, min_size=6)
        else:  # a walk-in line: the name is written by hand
            c.line(MARGIN + COLUMNS[1], base - 0.5 * mm, MARGIN + COLUMNS[4] - 4 * mm, base - 0.5 * mm)
        self.y -= ROW

    def heading(self, text: str) -> None:
        if self.y - 2 * ROW < MARGIN:
            self.canvas.showPage()
            self._start()
        self.y -= 4 * mm
        self.canvas.setFillColor(INK)
        draw_text(self.canvas, MARGIN, self.y - 4 * mm, text, 11, max_width=self.width - 2 * MARGIN,
                  base=fonts.SANS_BOLD)
        self.y -= 6 * mm


def render_signin_sheet(sheet: PaperSheet, out: Path | str, *, cancel: CancelCheck | None = None) -> int:
    """Write the sheet; returns how many registered people it lists."""
    fonts.register()
    canvas = Canvas(str(out), pagesize=A4, invariant=True)
    canvas.setTitle(f"Sign-in sheet — {sheet.title}")
    pages = _Pages(canvas, sheet)
    for number, person in enumerate(sheet.people):
        if number % 200 == 0:
            check(cancel, "sign-in sheet")
        pages.row(person.name, person.code, person.hub)
    if not sheet.people:
        pages.heading("No one is registered for this session yet.")
    pages.heading("Walk-ins: name, email and hub")
    for _ in range(sheet.walk_in_lines):
        pages.row("", "", "")
    canvas.showPage()
    canvas.save()
    return len(sheet.people)


def write_signin_sheet(event_file: EventFile, session_uid: str, out: Path, *, progress: Progress | None = None,
                       cancel: CancelCheck | None = None) -> int:
    """The sign-in sheet of one session, written atomically; returns how many people it lists."""
    from learningday.checkin.paper import paper_sheet

    check_output(out, event_path=event_file.path)
    with event_file.read() as session:
        sheet = paper_sheet(session, session_uid)
    count = write_then_rename(out, lambda tmp: render_signin_sheet(sheet, tmp, cancel=cancel))
    if progress is not None:
        progress(1.0, f"{count:,} people on the sheet")
    return count
