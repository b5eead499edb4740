"""Badge sheets (PDF): name in any script, hub, level colour band and a QR code of the check-in code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas

from learningday.errors import InvalidInput
from learningday.roster.dto import AttendeeRow
from learningday.setup.dto import LevelDTO
from reports import fonts
from reports.fonts import draw_text
from reports.output import Progress

NO_LEVEL_COLOUR = "#8A8F98"


@dataclass(frozen=True)
class LabelLayout:
    """A sheet of name-badge labels: ``columns`` x ``rows`` labels of ``label`` size, centred on the page."""

    name: str
    page: tuple[float, float]
    columns: int
    rows: int
    label: tuple[float, float]
    gap: tuple[float, float]

    def origins(self) -> list[tuple[float, float]]:
        """Bottom-left corner of each label, in reading order (top left first)."""
        (pw, ph), (lw, lh), (gx, gy) = self.page, self.label, self.gap
        left = (pw - self.columns * lw - (self.columns - 1) * gx) / 2
        top = ph - (ph - self.rows * lh - (self.rows - 1) * gy) / 2
        return [(left + c * (lw + gx), top - (r + 1) * lh - r * gy) for r in range(self.rows)
                for c in range(self.columns)]


LAYOUTS = {
    "a4": LabelLayout("A4, 2 x 4 labels of 90 x 60 mm", A4, 2, 4, (90 * mm, 60 * mm), (8 * mm, 6 * mm)),
    "letter": LabelLayout("Letter, 2 x 4 labels of 3.5 x 2.25 in", letter, 2, 4, (3.5 * inch, 2.25 * inch),
                          (0.25 * inch, 0.25 * inch)),
}


def _qr(canvas: Canvas, code: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(code, barLevel="M", barBorder=1)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def draw_badge(canvas: Canvas, row: AttendeeRow, level: LevelDTO | None, x: float, y: float,
               w: float, h: float, event_name: str) -> None:
    pad = 4 * mm
    canvas.setStrokeColor(HexColor("#C8CCD2"))
    canvas.setLineWidth(0.5)
    canvas.roundRect(x, y, w, h, 3 * mm, stroke=1, fill=0)  # the cutting guide
    band = 11 * mm
    canvas.setFillColor(HexColor(level.colour if level else NO_LEVEL_COLOUR))
    canvas.rect(x, y + h - band, w, band, stroke=0, fill=1)
    canvas.setFillColor(white)
    label = f"Level {level.id} · {level.name}" if level else "Level not set"
    draw_text(canvas, x + pad, y + h - band + 3.8 * mm, label, 10, max_width=w - 2 * pad, base=fonts.SANS_BOLD)
    qr = min(24 * mm, h - band - 12 * mm)
    text_w = w - 3 * pad - qr
    canvas.setFillColor(HexColor("#1B1F24"))
    draw_text(canvas, x + pad, y + h - band - 14 * mm, row.name, 20, max_width=text_w, min_size=9)
    canvas.setFillColor(HexColor("#50565E"))
    if row.hub:
        draw_text(canvas, x + pad, y + h - band - 21 * mm, row.hub, 11, max_width=text_w)
    if event_name:
        draw_text(canvas, x + pad, y + pad, event_name, 7, max_width=text_w, min_size=5)
    qx, qy = x + w - pad - qr, y + h - band - 3 * mm - qr
    _qr(canvas, row.code, qx, qy, qr)
    canvas.setFillColor(HexColor("#1B1F24"))
    draw_text(canvas, qx + qr / 2, qy - 4.5 * mm, row.code, 10, max_width=qr + pad, base=fonts.SANS_BOLD,
              centred=True)


def render_badges(rows: Iterable[AttendeeRow], levels: Sequence[LevelDTO], out: Path | str, *,
                  layout: str = "a4", event_name: str = "", progress: Progress | None = None,
                  total: int | None = None) -> int:
    """Write a badge sheet PDF; returns how many badges it holds (none is a readable error)."""
    if layout not in LAYOUTS:
        raise InvalidInput(f"unknown label layout {layout!r} (choose {', '.join(LAYOUTS)})")
    fonts.register()
    sheet = LAYOUTS[layout]
    by_id = {lv.id: lv for lv in levels}
    origins = sheet.origins()
    canvas = Canvas(str(out), pagesize=sheet.page, invariant=True)
    canvas.setTitle(f"Badges — {event_name}" if event_name else "Badges")
    count = 0
    for row in rows:
        if count and count % len(origins) == 0:
            canvas.showPage()
            if progress is not None and total:
                progress(count / total, f"{count:,} badges")
        x, y = origins[count % len(origins)]
        draw_badge(canvas, row, by_id.get(row.level_id or 0), x, y, *sheet.label, event_name)
        count += 1
    if not count:
        raise InvalidInput("no attendees to print badges for")
    canvas.showPage()
    canvas.save()
    if progress is not None:
        progress(1.0, f"{count:,} badges")
    return count
