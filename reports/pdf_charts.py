"""Bar charts of the analytics, drawn with reportlab.graphics (vector, no image files)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from learningday.reporting.dto import EventAnalytics
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


def heat_rows(a: EventAnalytics) -> list[tuple[str, tuple[int, ...]]]:
    """(hub, attendances by local hour 0-23): each hub's own people, on the hub's clock."""
    return [(h.hub, h.by_local_hour) for h in a.hours_local]


def _heat(value: int, top: int) -> colors.Color:
    """White for nothing, then lighter to darker blue as a share of the busiest cell."""
    if not value:
        return colors.white
    share = 0.15 + 0.85 * value / top
    return colors.linearlyInterpolatedColor(colors.HexColor("#E8F0F8"), HEAD_BG, 0, 1, share)


def heat_map(a: EventAnalytics) -> Drawing:
    """Attendances by hub x the local hour (on the hub's own clock) their session starts at."""
    rows = heat_rows(a)
    label_w, cell_w, cell_h = 74, (WIDTH - 78) / 24, 13
    height = 44 + cell_h * max(len(rows), 1)
    drawing = _frame(height, "Attendance across the day, in each hub's local time (session start hour)")
    top = max((v for _, values in rows for v in values), default=0) or 1
    y0 = height - 24
    for hour in range(24):
        drawing.add(String(label_w + (hour + 0.5) * cell_w, y0 + 1, f"{hour:02d}", fontName=fonts.SANS, fontSize=6,
                           fillColor=MUTED, textAnchor="middle"))
    for r, (hub, values) in enumerate(rows):
        y = y0 - (r + 1) * cell_h
        drawing.add(String(label_w - 4, y + 4, hub[:16], fontName=fonts.font_for(hub), fontSize=7, fillColor=INK,
                           textAnchor="end"))
        for hour, value in enumerate(values):
            x = label_w + hour * cell_w
            drawing.add(Rect(x, y, cell_w, cell_h, fillColor=_heat(value, top), strokeColor=RULE, strokeWidth=0.3))
            if value:
                dark = value / top > 0.45
                drawing.add(String(x + cell_w / 2, y + 4, f"{value:,}" if value < 10_000 else f"{value // 1000}k",
                                   fontName=fonts.SANS, fontSize=5.2 if value >= 1000 else 6,
                                   fillColor=colors.white if dark else INK, textAnchor="middle"))
    drawing.add(String(WIDTH / 2, 4, "local hour of day (each hub's own clock); darker: more attendances",
                       fontName=fonts.SANS, fontSize=7, fillColor=MUTED, textAnchor="middle"))
    return drawing
