"""Badge sheets (PDF): name in any script, hub, level colour band and a QR code of the check-in code."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import inch, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from learningday.dto import AttendeeRow, LevelDTO
from learningday.errors import InvalidInput

from . import fonts

FONT_DIR = fonts.FONT_DIR
#: font name -> file; the order is the fallback order for a character no script font has
FONT_FILES = {
    "LD-Sans": "NotoSans-Regular.ttf",  # Latin, Greek, Cyrillic
    "LD-Sans-Bold": "NotoSans-Bold.ttf",
    "LD-CJK": "DroidSansFallbackFull.ttf",  # Han and kana (TrueType outlines, unlike Noto CJK's CFF)
    "LD-Hangul": "WenQuanYiMicroHei-Hangul.ttf",  # Droid Sans Fallback has no Hangul syllables
    "LD-Arabic": "NotoSansArabic-Regular.ttf",
    "LD-Devanagari": "NotoSansDevanagari-Regular.ttf",
}
_SHAPED = {"LD-Arabic", "LD-Devanagari"}
NO_LEVEL_COLOUR = "#8A8F98"

Progress = Callable[[float, str], None]


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


@lru_cache(maxsize=1)
def register_fonts() -> dict[str, frozenset[int]]:
    """The bundled fonts, registered once by reports.fonts; returns each font's covered code points.

    One registration per font file: a second TTFont of the same file changes how the first
    one's shaped text comes back out of a PDF.
    """
    for filename in FONT_FILES.values():
        if not (FONT_DIR / filename).is_file():
            raise InvalidInput(f"font file missing: {FONT_DIR / filename} (reinstall LearningDay)")
    fonts.register()
    return {name: fonts.glyphs(name) for name in FONT_FILES}


def font_runs(text: str, *, base: str = fonts.SANS) -> list[tuple[str, str]]:
    """``text`` cut into (font, piece) runs by script: the one rule reports.fonts uses everywhere."""
    register_fonts()
    return fonts.runs(text, base=base)


@lru_cache(maxsize=1)
def _shaping() -> bool:
    """Arabic joining and Devanagari conjuncts need uharfbuzz (reportlab shapes through it)."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


def _shaped(font: str, run: str, size: float):
    """``run`` shaped by HarfBuzz (joined Arabic in visual order, Devanagari conjuncts), or None."""
    if font not in _SHAPED or not _shaping():
        return None
    from reportlab.pdfbase.ttfonts import shapeStr

    return shapeStr(run, font, size)


def _run_width(font: str, run: str, size: float) -> float:
    shaped = _shaped(font, run, size)
    if shaped is not None:
        return sum(g.x_advance for g in shaped.__shapeData__) * size / 1000
    return pdfmetrics.stringWidth(run, font, size)


def text_width(runs: list[tuple[str, str]], size: float) -> float:
    return sum(_run_width(font, run, size) for font, run in runs)


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float, *, max_width: float,
              min_size: float = 8, base: str = "LD-Sans", centred: bool = False) -> None:
    """Draw ``text`` in the fonts its scripts need, shrunk (then cut with …) to fit ``max_width``."""
    runs = font_runs(text, base=base)
    while size > min_size and text_width(runs, size) > max_width:
        size -= 0.5
    while len(text) > 1 and text_width(runs, size) > max_width:
        text = text[:-2].rstrip() + "…"
        runs = font_runs(text, base=base)
    if centred:
        x -= text_width(runs, size) / 2
    for font, run in runs:
        width = _run_width(font, run, size)
        shaped = _shaped(font, run, size)
        text = canvas.beginText(x, y)
        text.setFont(font, size)
        text.textLine(run if shaped is None else shaped)
        if shaped is not None and font == "LD-Devanagari":
            # Shaped Devanagari glyphs have no Unicode of their own (a search or copy would find
            # private-use characters): lay the logical text over them, invisible (render mode 3).
            text.setTextOrigin(x, y)
            text.setTextRenderMode(3)
            text.setHorizScale(100 * width / max(pdfmetrics.stringWidth(run, font, size), 0.01))
            text.textOut(run)
            text.setTextRenderMode(0)
            text.setHorizScale(100)
        canvas.drawText(text)
        x += width


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
    draw_text(canvas, x + pad, y + h - band + 3.8 * mm, label, 10, max_width=w - 2 * pad, base="LD-Sans-Bold")
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
    draw_text(canvas, qx + qr / 2, qy - 4.5 * mm, row.code, 10, max_width=qr + pad, base="LD-Sans-Bold",
              centred=True)


def render_badges(rows: Iterable[AttendeeRow], levels: Sequence[LevelDTO], out: Path | str, *,
                  layout: str = "a4", event_name: str = "", progress: Progress | None = None,
                  total: int | None = None) -> int:
    """Write a badge sheet PDF; returns how many badges it holds (none is a readable error)."""
    if layout not in LAYOUTS:
        raise InvalidInput(f"unknown label layout {layout!r} (choose {', '.join(LAYOUTS)})")
    register_fonts()
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
