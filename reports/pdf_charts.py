"""Bar charts of the analytics, drawn with reportlab.graphics (vector, no image files)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from learningday.reporting.dto import EventAnalytics
from learningday.timeutil import to_local
from reports import fonts
from reports.pdf_doc import HEAD_BG, INK, MUTED, RULE

WIDTH = 500


def _frame(height: float, title: str) -> Drawing:
    drawing = Drawing(WIDTH, height)
    drawing.add(String(0, height - 12, title, fontName=fonts.SANS_BOLD, fontSize=10, fillColor=INK))
    return drawing


def _axes(chart, labels: list[str], *, size: float = 7) -> None:  # noqa: ANN001 - any bar chart
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontSize = size
    chart.categoryAxis.labels.fontName = fonts.SANS
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.labels.fontName = fonts.SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.valueMin = 0
    for i, label in enumerate(labels):  # a label in another script needs that script's font
        font = fonts.font_for(label)
        if font != fonts.SANS:
            chart.categoryAxis.labels[i].fontName = font


def by_level(a: EventAnalytics) -> Drawing:
    """Session attendances and registrations per level, in the level colours."""
    drawing = _frame(210, "Attendance by level (session attendances; registered places in grey)")
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 40, WIDTH - 60, 140
    chart.data = [[b.registered for b in a.by_level], [b.attended for b in a.by_level]]
    chart.groupSpacing, chart.barSpacing = 10, 2
    chart.bars[0].fillColor = colors.HexColor("#CBD5E1")
    chart.bars[0].strokeColor = None
    chart.bars[1].strokeColor = None
    for i, level in enumerate(a.levels):
        chart.bars[(1, i)].fillColor = colors.HexColor(level.colour)
    _axes(chart, [f"{lv.id} {lv.name}" for lv in a.levels])
    drawing.add(chart)
    return drawing


def _horizontal(title: str, labels: list[str], values: list[float], *, percent: bool = False,
                colour: colors.Color = HEAD_BG) -> Drawing:
    height = max(80, 24 + 16 * len(labels)) + 30
    drawing = _frame(height, title)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 130, 20, WIDTH - 150, height - 50
    chart.data = [values or [0]]
    chart.bars[0].fillColor = colour
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%.0f%%" if percent else "%d"
    chart.barLabels.fontName = fonts.SANS
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.categoryAxis.reverseDirection = True
    _axes(chart, [label[:26] for label in labels] or [""])
    if percent:
        chart.valueAxis.valueMax = 100
        chart.valueAxis.valueStep = 20
    drawing.add(chart)
    return drawing


def by_hub(a: EventAnalytics) -> Drawing:
    return _horizontal("Session attendances by the attendee's hub", [b.label for b in a.by_hub],
                       [b.attended for b in a.by_hub])


def rate_by_department(a: EventAnalytics, *, limit: int = 25) -> Drawing:
    rows = [b for b in a.by_department if b.rate is not None][:limit]
    return _horizontal("Attendance rate by department (registered people who came)",
                       [b.label for b in rows], [round(100 * (b.rate or 0), 1) for b in rows], percent=True,
                       colour=colors.HexColor("#3BB273"))


def across_the_day(a: EventAnalytics) -> Drawing:
    """Attendances by the UTC hour their session starts in, labelled with the UTC clock."""
    drawing = _frame(200, "Attendance across the day (by session start hour, UTC)")
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 40, WIDTH - 60, 130
    chart.data = [[h.attendances for h in a.hours_utc] or [0]]
    chart.bars[0].fillColor = HEAD_BG
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    labels = [f"{to_local(h.start_utc, 'UTC'):%H}" for h in a.hours_utc]
    _axes(chart, labels, size=6)
    drawing.add(chart)
    drawing.add(String(WIDTH / 2, 8, "hour (UTC) the session starts", fontName=fonts.SANS, fontSize=7,
                       fillColor=MUTED, textAnchor="middle"))
    return drawing
