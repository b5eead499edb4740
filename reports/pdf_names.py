"""Long lists of names in one script, packed into lines and drawn one text run per line.

A report's appendix can list tens of thousands of names. As Paragraphs, reportlab parses markup
and re-measures every word each time a paragraph is wrapped or split across a page; here each
name is measured (and, for Devanagari and Arabic, shaped by harfbuzz) exactly once, lines are
packed greedily, and a page break only slices the list of lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from reports import fonts


def separator(font: str) -> str:
    """What goes between two names: a middle dot where ``font`` has one, else a comma or spaces."""
    cmap = fonts.glyphs(font)
    return " · " if 0xB7 in cmap else ", " if ord(",") in cmap else "   "


class NameLines(Flowable):
    """Names that one font draws, wrapped to the frame's width; ``style`` gives size, leading and colour."""

    def __init__(self, font: str, names: Sequence[str], style: ParagraphStyle, *,
                 _lines: list[tuple[str, float]] | None = None) -> None:
        super().__init__()
        self.font, self.style, self.separator = font, style, separator(font)
        self.size, self.leading = style.fontSize, style.leading
        self.shaping = font in fonts.COMPLEX
        self._items = [self._measure(fonts.visual(name)) for name in names]
        self._lines = _lines
        #: the width the lines were packed for; a part split off a page keeps its lines as they are
        self._packed_for: float | None = None
        self._fixed = _lines is not None

    def _measure(self, text: str) -> tuple[str, float]:
        if self.shaping:
            return fonts.shape(text, self.font, self.size)
        return text, stringWidth(text, self.font, self.size)

    def _pack(self, width: float) -> list[tuple[str, float]]:
        sep, sep_width = self._measure(self.separator)
        lines: list[tuple[str, float]] = []
        line: list[str] = []
        used = 0.0
        for text, w in self._items:
            if line and used + sep_width + w > width:
                lines.append((self._join(line, sep), used))
                line, used = [], 0.0
            used += (sep_width if line else 0.0) + w
            line.append(text)
        if line:
            lines.append((self._join(line, sep), used))
        return lines

    def _join(self, parts: list[str], sep: str) -> str:
        if not self.shaping:
            return sep.join(parts)
        out = parts[0]
        for part in parts[1:]:
            out = out + sep + part  # ShapedStr keeps its glyph data through +
        return out

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self._fixed and self._packed_for != avail_width:
            self._lines, self._packed_for = self._pack(avail_width), avail_width
        self.width = avail_width
        self.height = len(self._lines or ()) * self.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.leading)
        lines = self._lines or []
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        return [NameLines(self.font, (), self.style, _lines=lines[:fit]),
                NameLines(self.font, (), self.style, _lines=lines[fit:])]

    def draw(self) -> None:
        """All lines in one text object: one font selection, then a line break per line."""
        descent = (self.leading - self.size) / 2 + self.size * 0.22
        text = self.canv.beginText(0, self.height - self.leading + descent)
        text.setFont(self.font, self.size, self.leading)
        text.setFillColor(self.style.textColor)
        for line, _width in self._lines or ():
            text.textLine(line)
        self.canv.drawText(text)
