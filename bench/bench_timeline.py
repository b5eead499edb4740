"""Timeline build for 500 sessions: data in, first full paint out (offscreen Qt)."""

from __future__ import annotations

import os
from datetime import timedelta

from bench import Result, benchmark, median_seconds
from bench.bench_plan import synthetic_plan


@benchmark("timeline")
def timeline_build() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from learningday.plan.dto import SessionRow
    from learningday.setup.dto import LevelDTO, VenueDTO
    from ui.workspaces.plan.timeline import TimelineView

    app = QApplication.instance() or QApplication([])
    plan = synthetic_plan()
    venues = [VenueDTO(v.id, v.name, "room", f"Site {v.id % 5}", v.capacity) for v in plan.venues]
    names = {v.id: v.name for v in plan.venues}
    rows = [SessionRow(id=s.id, uid=s.uid, title=s.title, level_id=s.level_id, start_utc=s.start, end_utc=s.end,
                       duration_minutes=int((s.end - s.start).total_seconds() // 60), venue=names[s.venue_id],
                       venue_kind="room", capacity=None, facilitators=(), target_hubs=()) for s in plan.sessions]
    levels = [LevelDTO(i, f"Level {i}", "", c, i < 3) for i, c in
              enumerate(("#2E86AB", "#3BB273", "#E1BC29", "#E15554", "#7768AE"), start=1)]
    view = TimelineView()
    view.resize(1600, 1000)
    view.set_zoom(0.9)

    def build_and_paint() -> None:
        view.set_data(start=plan.start, end=plan.start + timedelta(hours=24), hubs=plan.hubs, venues=venues,
                      sessions=rows, levels=levels)
        view.viewport().repaint()
        app.processEvents()

    def bare_paint() -> None:  # the raw baseline: the same 500 rectangles and titles, nothing else
        image = QImage(1600, 1000, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        for row in rows:
            x = (row.start_utc - plan.start).total_seconds() / 60 * 0.9
            y = (row.id % 40) * 34
            painter.fillRect(int(x), y, int(row.duration_minutes * 0.9), 28, 0x2E86AB)
            painter.drawText(int(x) + 4, y + 18, row.title)
        painter.end()

    view.show()
    ours = median_seconds(build_and_paint, repeat=7)
    base = median_seconds(bare_paint, repeat=7)
    view.close()
    return [Result("timeline build + paint, 500 sessions", ours * 1000, "ms", base * 1000,
                   "under 100 ms", "QPainter drawing the 500 blocks on an image", limit=100)]
