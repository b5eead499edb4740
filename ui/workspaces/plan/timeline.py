"""The agenda timeline: one lane per venue, placed in UTC, with a clock ruler for every hub."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from learningday.plan.dto import SessionRow
from learningday.setup.clock import HubClock, hub_clock, local_time
from learningday.setup.dto import HubDTO, LevelDTO, VenueDTO
from ui.workspaces.plan.band_paint import paint_bands, paint_readout
from ui.workspaces.plan.bands import DragBands, time_readout
from ui.workspaces.plan.lane_layout import Column, side_by_side
from ui.workspaces.plan.pin_mark import block_menu, paint_pin
from ui.workspaces.plan.unscheduled import draft_payload

LABEL_W = 200
RULER_H = 20
LANE_H = 34
GRID_MINUTES = 15  # every offset in use is a multiple of 15 minutes (+05:45, +12:45 …)
WORKING = QColor("#cdebd3")
AWAKE_COLOUR = QColor("#f4f6f8")
NIGHT = QColor("#3a4150")
OFFSET_CHANGE = QColor("#6d28d9")
GRID = QColor("#e3e7ed")
HIGHLIGHT = QColor(46, 134, 171, 40)


@dataclass(frozen=True)
class RulerCell:
    """A 15-minute cell of one hub's ruler: where it starts, and the local time there."""

    minute: int
    local: datetime


@dataclass
class _Drag:
    uid: str
    mode: str  # "move" | "resize"
    press: QPointF
    start_minute: int
    duration: int
    lane: int
    new_start: int = 0
    new_duration: int = 0
    new_lane: int = 0


class TimelineView(QAbstractScrollArea):
    """Paints the event window; drag a block to move it, drag its right edge to resize it.

    Drags snap to the UTC clock grid of ``snap_minutes`` (5, 15 or 30; the Plan workspace sets it).
    """

    session_selected = Signal(str)
    session_activated = Signal(str)
    #: uid, new start (UTC), new venue name, new duration in minutes
    session_changed = Signal(str, object, str, int)
    delete_requested = Signal(str)
    #: uid, pinned: the block's menu asks to pin or unpin it
    pin_requested = Signal(str, bool)
    #: uid: a block pressed or a draft dragged in; the workspace answers with ``set_drag_bands``
    drag_began = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.ppm = 1.2  # pixels per minute
        self.snap_minutes = 15
        self.start: datetime | None = None
        self.minutes = 0
        self.hubs: list[HubDTO] = []
        self.rulers: list[list[RulerCell]] = []
        self.lanes: list[VenueDTO] = []
        self.sessions: list[SessionRow] = []
        self.levels: dict[int, LevelDTO] = {}
        self.selected: str | None = None
        self.visible: set[str] | None = None
        self.highlight: tuple[int, int] | None = None
        self._lane_index: dict[str, int] = {}
        self._drag: _Drag | None = None
        #: an unscheduled draft dragged over the lanes: (minute, lane, the draft as a block)
        self._drop: tuple[int, int, SessionRow] | None = None
        #: where the session being dragged may go (None: no help to show)
        self.drag_bands: DragBands | None = None
        #: uid -> its column when sessions overlap in a lane
        self._columns: dict[str, Column] = {}
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)

    # -- data -------------------------------------------------------------------------------
    def set_data(self, *, start: datetime, end: datetime, hubs: list[HubDTO] | tuple[HubDTO, ...],
                 venues: list[VenueDTO] | tuple[VenueDTO, ...], sessions: list[SessionRow],
                 levels: list[LevelDTO] | tuple[LevelDTO, ...]) -> None:
        self.start = start
        self.minutes = int((end - start).total_seconds() // 60)
        self.hubs = list(hubs)
        self.lanes = list(venues)
        self._lane_index = {}
        for lane, venue in enumerate(self.lanes):
            self._lane_index.setdefault(venue.name, lane)
        self.levels = {lv.id: lv for lv in levels}
        first = start + timedelta(minutes=(-start.minute) % GRID_MINUTES, seconds=-start.second)
        offset = int((first - start).total_seconds() // 60)
        self.rulers = [
            [RulerCell(m, local_time(start + timedelta(minutes=m), hub.zone))
             for m in range(offset - GRID_MINUTES, self.minutes + GRID_MINUTES, GRID_MINUTES)]
            for hub in self.hubs
        ]
        self.clocks: list[HubClock] = [
            hub_clock(hub.name, hub.zone, start, end, hub.work_start_min, hub.work_end_min) for hub in self.hubs
        ]
        self.set_sessions(sessions)
        self._update_scrollbars()
        self.viewport().update()

    def set_sessions(self, sessions: list[SessionRow]) -> None:
        """New rows for the same window, hubs and lanes (after an edit): the rulers stay as they are."""
        self.sessions = [s for s in sessions if s.start_utc is not None]
        by_lane: dict[int | None, list] = {}
        for s in self.sessions:
            start = self._minute_of(s.start_utc)
            by_lane.setdefault(self._lane_of(s.venue), []).append((s.uid, start, start + s.duration_minutes))
        self._columns = {uid: column for items in by_lane.values() for uid, column in side_by_side(items).items()}
        self._update_lanes()

    def set_visible_sessions(self, uids: set[str] | None) -> None:
        """Dim every session not in ``uids`` (None: show all)."""
        self.visible = uids
        self._update_lanes()

    def set_highlight(self, window: tuple[datetime, datetime] | None) -> None:
        """Shade a UTC window (e.g. a hub's working day) across every lane."""
        if window is None or self.start is None:
            self.highlight = None
        else:
            self.highlight = (self._minute_of(window[0]), self._minute_of(window[1]))
            self.horizontalScrollBar().setValue(int(self.highlight[0] * self.ppm) - 40)
        self._update_lanes()

    def select(self, uid: str | None) -> None:
        self.selected = uid
        row = next((s for s in self.sessions if s.uid == uid), None)
        if row is not None:
            x = self._minute_of(row.start_utc) * self.ppm
            bar = self.horizontalScrollBar()
            if not bar.value() <= x <= bar.value() + self.viewport().width() - LABEL_W - 40:
                bar.setValue(int(x) - 60)
            lane = self._lane_of(row.venue)
            if lane is not None:
                self.ensure_lane_visible(lane)
        self._update_lanes()

    def ensure_lane_visible(self, lane: int) -> None:
        bar = self.verticalScrollBar()
        y = lane * LANE_H
        visible = self.viewport().height() - self._top()
        if not bar.value() <= y <= bar.value() + visible - LANE_H:
            bar.setValue(max(0, y - visible // 2))

    def fit_ppm(self) -> float:
        """The zoom that shows the whole event window in the viewport."""
        return max(0.05, (self.viewport().width() - LABEL_W - 20) / max(1, self.minutes))

    def fit_window(self) -> None:
        """Fit 24 h: the whole event window in view."""
        self.set_zoom(self.fit_ppm(), anchor_x=0)
        self.horizontalScrollBar().setValue(0)

    def set_zoom(self, ppm: float, *, anchor_x: float | None = None) -> None:
        ppm = max(min(0.4, self.fit_ppm()), min(8.0, ppm))
        anchor = anchor_x if anchor_x is not None else (self.viewport().width() - LABEL_W) / 2
        minute = (self.horizontalScrollBar().value() + anchor) / self.ppm
        self.ppm = ppm
        self._update_scrollbars()
        self.horizontalScrollBar().setValue(int(minute * ppm - anchor))
        self.viewport().update()

    # -- geometry ---------------------------------------------------------------------------
    def _top(self) -> int:
        return RULER_H * (1 + len(self.hubs)) + 4

    def _minute_of(self, instant: datetime) -> int:
        assert self.start is not None
        return int((instant - self.start).total_seconds() // 60)

    def _lane_of(self, venue: str) -> int | None:
        return self._lane_index.get(venue)

    def lanes_top(self) -> int:
        """The y where the first lane starts, below the hub rulers."""
        return self._top()

    def _block(self, row: SessionRow) -> QRectF | None:
        """Where ``row`` is drawn now (scrolling included); None when its venue has no lane."""
        lane = self._lane_of(row.venue)
        if lane is None or row.start_utc is None:
            return None
        column = self._columns.get(row.uid, Column(0, 1))
        share = (LANE_H - 6) / column.count  # overlapping sessions side by side across the lane
        return QRectF(self._x(self._minute_of(row.start_utc)) + 1, self._y(lane) + 3 + column.index * share,
                      row.duration_minutes * self.ppm - 2, share - (1 if column.count > 1 else 0))

    def blocks(self) -> list[tuple[QRectF, SessionRow]]:
        """Every session's block where it is drawn now, in painting order (the dragged one left out)."""
        dragged = self._drag.uid if self._drag else None
        placed = ((self._block(row), row) for row in self.sessions if row.uid != dragged)
        return [(rect, row) for rect, row in placed if rect is not None]

    def _x(self, minute: float) -> float:
        return LABEL_W + minute * self.ppm - self.horizontalScrollBar().value()

    def _y(self, lane: int) -> float:
        return self._top() + lane * LANE_H - self.verticalScrollBar().value()

    def _update_scrollbars(self) -> None:
        width = int(self.minutes * self.ppm) + 20
        height = len(self.lanes) * LANE_H + 10
        self.horizontalScrollBar().setRange(0, max(0, width - (self.viewport().width() - LABEL_W)))
        self.horizontalScrollBar().setPageStep(max(1, self.viewport().width() - LABEL_W))
        self.verticalScrollBar().setRange(0, max(0, height - (self.viewport().height() - self._top())))
        self.verticalScrollBar().setPageStep(max(1, self.viewport().height() - self._top()))
        self.verticalScrollBar().setSingleStep(LANE_H // 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._update_scrollbars()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt's name
        self.viewport().update()

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        width, height, top = self.viewport().width(), self.viewport().height(), self._top()
        painter.fillRect(0, 0, width, height, QColor("#ffffff"))
        if self.start is None:
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, "No event open")
            return
        area = event.rect()  # a moved block repaints the lanes only: the rulers and labels stay
        painter.setClipRect(QRectF(LABEL_W, top, width - LABEL_W, height - top))
        self._paint_lanes(painter, width, height)
        if area.top() < top:
            painter.setClipRect(QRectF(LABEL_W, 0, width - LABEL_W, top))
            self._paint_rulers(painter)
        painter.setClipping(False)
        if area.top() < top or area.left() <= LABEL_W:
            self._paint_labels(painter, height)

    def _update_lanes(self) -> None:
        """Repaint where the blocks are, not the rulers (their text is most of a full paint)."""
        viewport = self.viewport()
        viewport.update(LABEL_W + 1, self._top(), viewport.width() - LABEL_W - 1, viewport.height() - self._top())

    def _paint_lanes(self, painter: QPainter, width: int, height: int) -> None:
        for lane, venue in enumerate(self.lanes):
            y = self._y(lane)
            if y > height or y + LANE_H < self._top():
                continue
            painter.fillRect(QRectF(LABEL_W, y, width, LANE_H), QColor("#fafbfc" if lane % 2 else "#ffffff"))
            if lane and venue.site != self.lanes[lane - 1].site:
                painter.setPen(QPen(QColor("#9aa5b1"), 1))
                painter.drawLine(QPointF(LABEL_W, y), QPointF(width, y))
        painter.setPen(QPen(GRID, 1))
        for minute in range(0, self.minutes + 1, 60):
            x = self._x(minute)
            painter.drawLine(QPointF(x, self._top()), QPointF(x, height))
        if self.highlight:
            a, b = self.highlight
            painter.fillRect(QRectF(self._x(a), self._top(), (b - a) * self.ppm, height), HIGHLIGHT)
        if self.drag_bands is not None and (self._drag or self._drop):
            shown = [self._y(lane) for lane in range(len(self.lanes))]
            paint_bands(painter, self.drag_bands, x=self._x, top=self._top(), bottom=height,
                        lane_tops=[y for y in shown if self._top() - LANE_H < y < height])
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        for rect, row in self.blocks():
            if rect.right() < LABEL_W or rect.left() > width or rect.bottom() < self._top() or rect.top() > height:
                continue
            self._paint_block(painter, rect, row, metrics)
        ghost = self._ghost()
        if ghost is not None:
            minute, lane, minutes = ghost
            rect = QRectF(self._x(minute) + 1, self._y(lane) + 3, minutes * self.ppm - 2, LANE_H - 6)
            drag = self._drag
            row = self._drop[2] if drag is None else next(s for s in self.sessions if s.uid == drag.uid)
            self._paint_block(painter, rect, row, metrics, ghost=True)
            bands, text = self.drag_bands, self.readout() or ""
            paint_readout(painter, text if bands is None else f"{text}   {bands.verdict(minute)}", rect,
                          metrics=metrics, right=width, allowed=bands is None or bands.allows(minute))

    def _ghost(self) -> tuple[int, int, int] | None:
        """The block being dragged or dropped: (start minute, lane, length in minutes)."""
        if self._drag:
            return self._drag.new_start, self._drag.new_lane, self._drag.new_duration
        if self._drop:
            return self._drop[0], self._drop[1], self._drop[2].duration_minutes
        return None

    def set_drag_bands(self, bands: DragBands | None) -> None:
        self.drag_bands = bands
        self._update_lanes()

    def readout(self) -> str | None:
        """The live time of the block being dragged or resized, in UTC and its first target hub's clock."""
        ghost = self._ghost()
        if ghost is None or self.start is None:
            return None
        minute, _lane, minutes = ghost
        bands = self.drag_bands
        return time_readout(self.start + timedelta(minutes=minute), minutes, bands.hub if bands else None,
                            self.start)

    def _paint_block(self, painter: QPainter, rect: QRectF, row: SessionRow, metrics: QFontMetrics,
                     *, ghost: bool = False) -> None:
        level = self.levels.get(row.level_id)
        colour = QColor(level.colour if level else "#888888")
        dimmed = self.visible is not None and row.uid not in self.visible
        if dimmed:
            colour.setAlpha(60)
        if ghost:
            colour.setAlpha(170)
        painter.fillRect(rect, colour)
        if row.uid == self.selected or ghost:
            painter.setPen(QPen(QColor("#1f2a44"), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.setPen(QColor("#ffffff") if not dimmed else QColor("#6b7280"))
        text = metrics.elidedText(row.title, Qt.TextElideMode.ElideRight, int(rect.width()) - (22 if row.pinned else 8))
        painter.drawText(rect.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        if row.pinned:
            paint_pin(painter, rect)

    def _paint_rulers(self, painter: QPainter) -> None:
        label_every = 60 if self.ppm * 60 >= 44 else 180
        painter.setPen(QColor("#1f2a44"))
        for minute in range(0, self.minutes + 1, 60):
            x = self._x(minute)
            assert self.start is not None
            instant = self.start + timedelta(minutes=minute)
            painter.drawLine(QPointF(x, RULER_H - 5), QPointF(x, RULER_H))
            if minute % label_every == 0:
                painter.drawText(QPointF(x + 3, RULER_H - 6), f"{instant:%H:%M}")
        for row, (clock, cells) in enumerate(zip(self.clocks, self.rulers), start=1):
            y = row * RULER_H
            painter.fillRect(QRectF(self._x(0), y + 1, self.minutes * self.ppm, RULER_H - 2), AWAKE_COLOUR)
            for windows, colour in ((clock.working, WORKING), (clock.night, NIGHT)):
                for window in windows:
                    a, b = self._minute_of(window.start), self._minute_of(window.end)
                    painter.fillRect(QRectF(self._x(a), y + 1, (b - a) * self.ppm, RULER_H - 2), colour)
            nights = [(self._minute_of(w.start), self._minute_of(w.end)) for w in clock.night]
            free_from = -1e9  # x where the next label may start without overlapping the last one
            for change in clock.date_changes:
                x = self._x(self._minute_of(change.at))
                painter.setPen(QPen(QColor("#e15554"), 2))
                painter.drawLine(QPointF(x, y), QPointF(x, y + RULER_H))
                in_night = any(a <= self._minute_of(change.at) < b for a, b in nights)
                painter.setPen(QColor("#ffd6d6") if in_night else QColor("#b42318"))
                painter.drawText(QPointF(x + 3, y + RULER_H - 5), change.label)
            changes = [self._x(self._minute_of(c.at)) for c in clock.date_changes]
            change_w = painter.fontMetrics().horizontalAdvance("Wed 10 → Thu 11") + 6
            changes += self._paint_offset_changes(painter, clock, y, changes, change_w)
            for cell in cells:
                x = self._x(cell.minute)
                if cell.local.minute or (cell.local.hour * 60) % label_every:
                    continue
                if any(cx - 4 <= x <= cx + change_w for cx in changes) or x < free_from:
                    continue  # leave room for the date-change label
                in_night = any(a <= cell.minute < b for a, b in nights)
                painter.setPen(QColor("#e8ebf0") if in_night else QColor("#1f2a44"))
                painter.drawText(QPointF(x + 3, y + RULER_H - 5), f"{cell.local:%H}")

    def _paint_offset_changes(self, painter: QPainter, clock: HubClock, y: int, date_xs: list[float],
                              change_w: int) -> list[float]:
        """A dashed line where the hub's clock changes, labelled with the clock after it ('→ GMT');
        the label goes left of the line when a date change's label sits right of it. Returns the x
        of each line, where no hour label should go."""
        xs = []
        for change in clock.offset_changes:
            x = self._x(self._minute_of(change.at))
            painter.setPen(QPen(OFFSET_CHANGE, 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, y), QPointF(x, y + RULER_H))
            text = f"→ {change.mark}"
            width = painter.fontMetrics().horizontalAdvance(text)
            left = x + 3
            if any(cx - 4 <= left + width and left <= cx + change_w for cx in date_xs):
                left = x - 3 - width
            painter.fillRect(QRectF(left - 1, y + 2, width + 2, RULER_H - 4), QColor("#ffffff"))
            painter.setPen(OFFSET_CHANGE)
            painter.drawText(QPointF(left, y + RULER_H - 5), text)
            xs.append(x)
        return xs

    def _paint_labels(self, painter: QPainter, height: int) -> None:
        top = self._top()
        painter.fillRect(QRectF(0, 0, LABEL_W, height), QColor("#eef1f5"))
        painter.setPen(QColor("#1f2a44"))
        painter.drawText(QRectF(8, 0, LABEL_W - 10, RULER_H), Qt.AlignmentFlag.AlignVCenter, "UTC")
        assert self.start is not None
        for row, clock in enumerate(self.clocks, start=1):
            text = painter.fontMetrics().elidedText(f"{clock.name}  {clock.offsets}", Qt.TextElideMode.ElideMiddle,
                                                    LABEL_W - 10)
            painter.drawText(QRectF(8, row * RULER_H, LABEL_W - 10, RULER_H), Qt.AlignmentFlag.AlignVCenter, text)
        painter.setClipRect(QRectF(0, top, LABEL_W, height - top))
        for lane, venue in enumerate(self.lanes):
            y = self._y(lane)
            if y > height or y + LANE_H < top:
                continue
            kind = "virtual" if venue.kind == "virtual" else f"{venue.capacity or '–'} seats"
            painter.drawText(QRectF(8, y, LABEL_W - 10, LANE_H), Qt.AlignmentFlag.AlignVCenter,
                             f"{venue.name}\n{kind}")
        painter.setClipping(False)
        painter.setPen(QPen(QColor("#9aa5b1"), 1))
        painter.drawLine(QPointF(LABEL_W, 0), QPointF(LABEL_W, height))
        painter.drawLine(QPointF(0, top - 2), QPointF(self.viewport().width(), top - 2))

    # -- interaction ------------------------------------------------------------------------
    def block_at(self, pos: QPointF) -> tuple[QRectF, SessionRow] | None:
        if pos.x() < LABEL_W or pos.y() < self._top():
            return None
        for rect, row in reversed(self.blocks()):
            if rect.contains(pos):
                return rect, row
        return None

    def block_rect(self, uid: str) -> QRectF | None:
        """Where the session's block is drawn now (None: not on the timeline)."""
        row = next((s for s in self.sessions if s.uid == uid), None)
        return None if row is None else self._block(row)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        hit = self.block_at(event.position())
        if event.button() != Qt.MouseButton.LeftButton or hit is None:
            super().mousePressEvent(event)
            return
        rect, row = hit
        self.selected = row.uid
        self.session_selected.emit(row.uid)
        mode = "resize" if rect.right() - event.position().x() <= 6 else "move"
        lane = self._lane_of(row.venue) or 0
        start = self._minute_of(row.start_utc)
        self._drag = _Drag(row.uid, mode, event.position(), start, row.duration_minutes, lane,
                           start, row.duration_minutes, lane)
        self.drag_began.emit(row.uid)
        self._update_lanes()

    def _snap(self, minute: float) -> int:
        """The event minute nearest ``minute`` whose UTC clock time is on the snap grid (:00, :15 …)."""
        assert self.start is not None
        base = self.start.hour * 60 + self.start.minute
        return int(round((base + minute) / self.snap_minutes) * self.snap_minutes) - base

    def _next_grid(self, minute: int) -> int:
        """The first grid minute after ``minute`` (a resize never goes below one step)."""
        assert self.start is not None
        base = self.start.hour * 60 + self.start.minute
        return minute + self.snap_minutes - (base + minute) % self.snap_minutes

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        drag = self._drag
        if drag is None:
            hit = self.block_at(event.position())
            near_edge = hit is not None and hit[0].right() - event.position().x() <= 6
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor if near_edge else Qt.CursorShape.ArrowCursor)
            return
        delta = (event.position().x() - drag.press.x()) / self.ppm
        if drag.mode == "move":
            drag.new_start = max(0, min(self.minutes - drag.duration, self._snap(drag.start_minute + delta)))
            lane = int((event.position().y() - self._top() + self.verticalScrollBar().value()) // LANE_H)
            drag.new_lane = max(0, min(len(self.lanes) - 1, lane))
        else:
            end = max(self._snap(drag.start_minute + drag.duration + delta), self._next_grid(drag.start_minute))
            drag.new_duration = min(self.minutes, end) - drag.start_minute
        self._update_lanes()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        drag, self._drag = self._drag, None
        self.drag_bands = None
        self._update_lanes()
        if drag is None:
            super().mouseReleaseEvent(event)
            return
        if (drag.new_start, drag.new_duration, drag.new_lane) != (drag.start_minute, drag.duration, drag.lane):
            assert self.start is not None
            self.session_changed.emit(drag.uid, self.start + timedelta(minutes=drag.new_start),
                                      self.lanes[drag.new_lane].name, drag.new_duration)

    # -- dropping an unscheduled draft (ui.workspaces.plan.unscheduled) onto a lane: it is scheduled there --------
    def _drop_place(self, event) -> tuple[int, int, SessionRow] | None:  # noqa: ANN001 - a drag or drop event
        payload = draft_payload(event.mimeData())
        pos = event.position()
        if payload is None or self.start is None or not self.lanes or pos.x() < LABEL_W or pos.y() < self._top():
            return None
        minutes = int(payload["minutes"])
        minute = self._snap((pos.x() - LABEL_W + self.horizontalScrollBar().value()) / self.ppm)
        lane = int((pos.y() - self._top() + self.verticalScrollBar().value()) // LANE_H)
        row = SessionRow(0, str(payload["uid"]), str(payload.get("title", "")), int(payload.get("level", 0)), None,
                         None, minutes, "", "", None, (), ())
        return max(0, min(self.minutes - minutes, minute)), max(0, min(len(self.lanes) - 1, lane)), row

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        payload = draft_payload(event.mimeData())
        if payload is not None:
            event.acceptProposedAction()
            self.drag_began.emit(str(payload["uid"]))
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._drop = self._drop_place(event)
        event.acceptProposedAction() if self._drop else event.ignore()
        self._update_lanes()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._drop, self.drag_bands = None, None
        self._update_lanes()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        place, self._drop, self.drag_bands = self._drop_place(event), None, None
        self._update_lanes()
        if place is None or self.start is None:
            event.ignore()
            return
        event.acceptProposedAction()
        minute, lane, row = place
        self.session_changed.emit(row.uid, self.start + timedelta(minutes=minute), self.lanes[lane].name,
                                  row.duration_minutes)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        hit = self.block_at(event.position())
        if hit is not None:
            self.session_activated.emit(hit[1].uid)

    def menu_for(self, uid: str):  # noqa: ANN201 - a QMenu
        """The right-click menu of one block: Edit…, Pin or Unpin, Delete."""
        row = next(r for r in self.sessions if r.uid == uid)
        return block_menu(self, row, edit=self.session_activated.emit, pin=self.pin_requested.emit,
                          delete=self.delete_requested.emit)

    def contextMenuEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's name, a QContextMenuEvent
        hit = self.block_at(QPointF(event.pos()))  # viewport coordinates, as the mouse events have
        if hit is None:
            super().contextMenuEvent(event)
            return
        self.select(hit[1].uid)
        self.session_selected.emit(hit[1].uid)
        self.menu_for(hit[1].uid).exec(event.globalPos())

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected:
            self.delete_requested.emit(self.selected)
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_zoom(self.ppm * 1.25)
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_Minus:
            self.set_zoom(self.ppm / 1.25)
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.set_zoom(self.ppm * factor, anchor_x=event.position().x() - LABEL_W)
            return
        super().wheelEvent(event)
