"""The PDF report's page frame: styles, page numbers, a one-pass table of contents, cancel checks."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, TableStyle

from reports import fonts
from reports.output import CancelCheck, Progress, check

fonts.register()
INK = colors.HexColor("#1F2A37")
MUTED = colors.HexColor("#6B7280")
RULE = colors.HexColor("#D1D5DB")
HEAD_BG = colors.HexColor("#1F4E79")
ZEBRA = colors.HexColor("#F3F6FA")

BODY = ParagraphStyle("body", fontName=fonts.SANS, fontSize=9.5, leading=12.5, textColor=INK)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8, leading=9.6)
CELL_R = ParagraphStyle("cell-r", parent=CELL, alignment=TA_RIGHT)
H1 = ParagraphStyle("h1", parent=BODY, fontName=fonts.SANS_BOLD, fontSize=17, leading=22, spaceBefore=4,
                    spaceAfter=8, textColor=HEAD_BG)
H2 = ParagraphStyle("h2", parent=BODY, fontName=fonts.SANS_BOLD, fontSize=12, leading=15, spaceBefore=10,
                    spaceAfter=4, textColor=HEAD_BG)
H3 = ParagraphStyle("h3", parent=BODY, fontName=fonts.SANS_BOLD, fontSize=9.5, leading=12, spaceBefore=6,
                    spaceAfter=2)
TITLE = ParagraphStyle("title", parent=BODY, fontName=fonts.SANS_BOLD, fontSize=30, leading=36,
                       alignment=TA_CENTER, textColor=HEAD_BG)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, fontSize=14, leading=19, alignment=TA_CENTER)
FIGURE = ParagraphStyle("figure", parent=BODY, fontName=fonts.SANS_BOLD, fontSize=20, leading=24,
                        alignment=TA_CENTER, textColor=HEAD_BG)
FIGURE_LABEL = ParagraphStyle("figure-label", parent=SMALL, alignment=TA_CENTER, textColor=MUTED)

GRID = TableStyle([
    ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
    ("FONTSIZE", (0, 0), (-1, -1), 8),
    ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
    ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
    ("FONTNAME", (0, 0), (-1, 0), fonts.SANS_BOLD),
    ("TEXTCOLOR", (0, 1), (-1, -1), INK),  # plain-text cells, the colour of the Paragraph cells
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
])
#: a Frame's own padding on each side: text in the frame starts this far inside the margins
FRAME_PADDING = 6
TOC_FORM = "ld-toc"
TOC_HEIGHT = 640.0
TOTAL_FORM = "ld-total-pages"


class Heading(Paragraph):
    """A heading that becomes a table-of-contents line and a PDF bookmark."""

    def __init__(self, text: str, style: ParagraphStyle, *, level: int = 0) -> None:
        super().__init__(fonts.markup(text), style)
        self.plain, self.level = text, level


class ReportDoc(BaseDocTemplate):
    """A4 (or ``pagesize``) pages with a footer; the contents and the page count are forms filled in at the end.

    Forms may be used before they are defined, so the whole document is laid out once
    (``multiBuild`` would lay it out twice to learn the page numbers).
    """

    def __init__(self, filename: str, *, footer: str, flowables: int, progress: Progress,
                 cancel: CancelCheck | None, pagesize: tuple[float, float] = A4, top_margin: float = 15 * mm,
                 **kwargs: object) -> None:
        super().__init__(filename, pagesize=pagesize, leftMargin=16 * mm, rightMargin=16 * mm,
                         topMargin=top_margin, bottomMargin=16 * mm, **kwargs)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._on_page)])
        self.footer, self.total, self.progress, self.cancel = footer, max(flowables, 1), progress, cancel
        self.done = 0
        self.entries: list[tuple[int, str, int, str]] = []

    def _on_page(self, canvas, doc) -> None:  # noqa: ANN001 - reportlab's callback
        """The footer in any script, left, and 'Page 3 of 7' right; the total is a form filled in at the end."""
        canvas.saveState()
        canvas.setFillColor(MUTED)
        fonts.draw_text(canvas, self.leftMargin + FRAME_PADDING, 9 * mm, self.footer, 7.5,
                        max_width=(self.width - 2 * FRAME_PADDING) * 0.7, min_size=6)
        canvas.setFont(fonts.SANS, 7.5)
        right = self.pagesize[0] - self.rightMargin
        canvas.drawRightString(right - 12, 9 * mm, f"Page {doc.page} of ")
        canvas.translate(right - 12, 9 * mm)
        canvas.doForm(TOTAL_FORM)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        self.done += 1
        if isinstance(flowable, Heading):
            key = f"h{len(self.entries)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.plain, key, level=flowable.level)
            self.entries.append((flowable.level, flowable.plain, self.page, key))
        if self.done % 20 == 0:
            self.progress(min(0.99, self.done / self.total), "laying out the PDF")
        check(self.cancel)

    def _endBuild(self) -> None:
        self._draw_forms()
        super()._endBuild()

    def _draw_forms(self) -> None:
        canvas = self.canv
        canvas.beginForm(TOTAL_FORM)
        canvas.setFont(fonts.SANS, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(0, 0, str(self.page))
        canvas.endForm()
        # A form is clipped to its box (the page): draw from the top of the placeholder down.
        canvas.beginForm(TOC_FORM)
        y = TOC_HEIGHT - 12
        for level, text, page, _key in self.entries:
            size = 10.5 if level == 0 else 9
            indent = 14 * level
            canvas.setFont(fonts.SANS_BOLD if level == 0 else fonts.SANS, size)
            canvas.setFillColor(INK)
            canvas.drawString(indent, y, text[:90])
            canvas.drawRightString(self.width, y, str(page))
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.3)
            canvas.line(indent + canvas.stringWidth(text[:90], fonts.SANS_BOLD if level == 0 else fonts.SANS,
                                                    size) + 4, y + 2, self.width - 18, y + 2)
            y -= 18 if level == 0 else 14
        canvas.endForm()


class TocPlaceholder(Flowable):
    """Where the table of contents goes: the form ReportDoc fills in once every page is known."""

    def __init__(self) -> None:
        super().__init__()
        self.height = TOC_HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        self.canv.doForm(TOC_FORM)
