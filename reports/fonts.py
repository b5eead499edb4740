"""TrueType fonts for every script a name may be in: registered once, chosen per run of text, drawn in lines."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from learningday.errors import InvalidInput
from learningday.spreadsheet.text import printable

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

SANS = "LD-Sans"
SANS_BOLD = "LD-Sans-Bold"
DEVANAGARI = "LD-Devanagari"
ARABIC = "LD-Arabic"
CJK = "LD-CJK"
HANGUL = "LD-Hangul"

FILES = {
    SANS: "NotoSans-Regular.ttf",  # Latin, Greek, Cyrillic
    SANS_BOLD: "NotoSans-Bold.ttf",
    DEVANAGARI: "NotoSansDevanagari-Regular.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    CJK: "DroidSansFallbackFull.ttf",  # Han, kana; TrueType outlines (reportlab cannot embed CFF)
    HANGUL: "WenQuanYiMicroHei-Hangul.ttf",  # Droid Sans Fallback has no Hangul syllables
}
#: the order a character looks for a font that has it
FALLBACK = (SANS, DEVANAGARI, ARABIC, CJK, HANGUL)
#: scripts harfbuzz must shape (reordering, conjuncts, joining forms)
COMPLEX = frozenset({DEVANAGARI, ARABIC})
_NEUTRAL = ("Z", "P", "S", "N", "C")
#: Hebrew, Arabic, Syriac, Thaana, NKo ... and the Arabic presentation forms: a quick first test
_RTL_SCRIPTS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")


@lru_cache(maxsize=1)
def register() -> None:
    """Register the fonts with reportlab (once per process); <b> in SANS maps to SANS_BOLD.

    One registration per font file: a second TTFont of the same file changes how the first
    one's shaped text comes back out of a PDF.
    """
    for name, file in FILES.items():
        if not (FONT_DIR / file).is_file():
            raise InvalidInput(f"font file missing: {FONT_DIR / file} (reinstall LearningDay)")
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    for bold, italic, face in ((0, 0, SANS), (1, 0, SANS_BOLD), (0, 1, SANS), (1, 1, SANS_BOLD)):
        addMapping(SANS, bold, italic, face)


@lru_cache(maxsize=None)
def glyphs(font: str) -> frozenset[int]:
    """The code points ``font`` can draw."""
    register()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


@lru_cache(maxsize=65536)
def _font_of(ch: str, previous: str | None) -> str:
    code = ord(ch)
    if previous and unicodedata.category(ch)[0] in _NEUTRAL and code in glyphs(previous):
        return previous  # spaces, digits and punctuation stay in the run they sit in
    for font in FALLBACK:
        if code in glyphs(font):
            return font
    return previous or SANS


@lru_cache(maxsize=None)
def _chars(font: str) -> frozenset[str]:
    return frozenset(map(chr, glyphs(font)))


def runs(text: str, *, base: str = SANS) -> list[tuple[str, str]]:
    """``text`` cut into (font, piece) runs, each piece drawable by its font."""
    if text and _chars(SANS).issuperset(text):  # the common case, without a loop in Python
        return [(base, text)]
    out: list[tuple[str, str]] = []
    font: str | None = None
    start = 0
    for i, ch in enumerate(text):
        chosen = _font_of(ch, font)
        if chosen == SANS and base != SANS:
            chosen = base
        if chosen != font:
            if font is not None:
                out.append((font, text[start:i]))
            font, start = chosen, i
    if font is not None:
        out.append((font, text[start:]))
    return out


def font_for(text: str) -> str:
    """The one font for a place that cannot switch fonts (a chart label): that of the first letter."""
    for ch in text:
        if unicodedata.category(ch)[0] not in _NEUTRAL:
            return _font_of(ch, None)
    return SANS


def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL") or (
        unicodedata.bidirectional(ch) == "NSM" and 0x0590 <= ord(ch) <= 0x08FF
    )


def has_rtl(text: str) -> bool:
    return _RTL_SCRIPTS.search(text) is not None


def visual(text: str) -> str:
    """Right-to-left words placed in visual order, each word's letters left in logical order.

    python-bidi orders the line; harfbuzz then shapes each right-to-left word itself (it joins
    the letters and lays them out right to left), so the letters go back to logical order.
    """
    if not _RTL_SCRIPTS.search(text):
        return text
    from bidi import get_base_level, get_display

    line = get_display(text)
    if get_base_level(text) == 1:
        # python-bidi 0.6 does not mirror; in a right-to-left line brackets sit at an odd level
        line = line.translate(_MIRROR)
    out, run = [], []
    for ch in line:
        if _is_rtl(ch):
            run.append(ch)
            continue
        out.extend(reversed(run))
        run = []
        out.append(ch)
    out.extend(reversed(run))
    return "".join(out)


def needs_shaping(text: str) -> bool:
    return any(font in COMPLEX for font, _ in runs(text))


def markup(text: str, *, base: str = SANS) -> str:
    """Paragraph markup for plain ``text``: escaped, in visual order, a <font> per script run."""
    register()
    parts = []
    for font, piece in runs(visual(printable(text)), base=base):
        piece = escape(piece)
        parts.append(piece if font == base else f'<font face="{font}">{piece}</font>')
    return "".join(parts)


_shaped: dict[int, tuple[ParagraphStyle, ParagraphStyle]] = {}


def shaped(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` with harfbuzz shaping on (only for text that needs it: shaping costs time)."""
    found = _shaped.get(id(style))
    if found is None or found[0] is not style:  # the pair keeps ``style`` alive: its id stays its own
        found = _shaped[id(style)] = (style, ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1))
    return found[1]


def paragraph(text: str, style: ParagraphStyle, *, base: str = SANS) -> Paragraph:
    """A Paragraph of plain ``text`` whatever its scripts, shaped when a script needs it."""
    body = markup(text, base=base)
    return Paragraph(body, shaped(style) if needs_shaping(text) else style)


@lru_cache(maxsize=64)
def _space(font: str, size: float) -> str:
    return shapeStr(" ", font, size, force=True)


@lru_cache(maxsize=16384)  # many people share a name: shape each once
def shape(text: str, font: str, size: float) -> tuple[str, float]:
    """``text`` (in visual order, see ``visual``) shaped by harfbuzz for a COMPLEX font, and its width.

    Always a ShapedStr, even where harfbuzz changes nothing (a Devanagari word without a matra).
    Right-to-left text is shaped word by word, as Paragraph does: harfbuzz lays out each word.
    """
    if not has_rtl(text):
        out = shapeStr(text, font, size, force=True)
    else:
        out = None
        for word in text.split(" "):
            piece = shapeStr(word, font, size, force=True)
            out = piece if out is None else out + _space(font, size) + piece
    return out, sum(g.x_advance for g in out.__shapeData__) * size / 1000


def run_width(font: str, run: str, size: float) -> float:
    """The width of one run of ``runs``, shaped where its script needs it."""
    if font in COMPLEX:
        return shape(run, font, size)[1]
    return pdfmetrics.stringWidth(run, font, size)


def text_width(text: str, size: float, *, base: str = SANS) -> float:
    return sum(run_width(font, run, size) for font, run in runs(visual(text), base=base))


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float, *, max_width: float,
              min_size: float = 8, base: str = SANS, centred: bool = False) -> None:
    """One line of ``text`` in the fonts its scripts need, shrunk (then cut with …) to fit ``max_width``."""
    text = printable(text)
    while size > min_size and text_width(text, size, base=base) > max_width:
        size -= 0.5
    while len(text) > 1 and text_width(text, size, base=base) > max_width:
        text = text[:-2].rstrip() + "…"
    pieces = [(font, run, run_width(font, run, size)) for font, run in runs(visual(text), base=base)]
    if centred:
        x -= sum(width for _, _, width in pieces) / 2
    for font, run, width in pieces:
        line = canvas.beginText(x, y)
        line.setFont(font, size)
        line.textLine(shape(run, font, size)[0] if font in COMPLEX else run)
        if font == DEVANAGARI:
            # Shaped Devanagari glyphs have no Unicode of their own (a search or copy would find
            # private-use characters): lay the logical text over them, invisible (render mode 3).
            line.setTextOrigin(x, y)
            line.setTextRenderMode(3)
            line.setHorizScale(100 * width / max(pdfmetrics.stringWidth(run, font, size), 0.01))
            line.textOut(run)
            line.setTextRenderMode(0)
            line.setHorizScale(100)
        canvas.drawText(line)
        x += width
