"""Thin Qt item models over DTO lists (and over SQL pages for the big roster)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from learningday.plan.dto import SessionRow
from learningday.roster.dto import ATTENDEE_ORDERS, AttendeeQuery, AttendeeRow
from learningday.roster.query import SORT_LIMIT
from learningday.setup.dto import LevelDTO
from learningday.setup.clock import local_text

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
DECORATION = Qt.ItemDataRole.DecorationRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
SORT = Qt.ItemDataRole.UserRole
NUMBER_ALIGN = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def level_label(levels: dict[int, LevelDTO], level_id: int | None) -> str:
    if level_id is None:
        return ""
    level = levels.get(level_id)
    return f"{level_id} · {level.name}" if level else str(level_id)


class RowsModel(QAbstractTableModel):
    """A flat table over a list of DTOs, one per row; ``HEADERS`` names the columns."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None


class SessionTableModel(RowsModel):
    """The agenda as a table; times shown in UTC or in one hub's zone."""

    HEADERS = ("Start", "End", "Level", "Title", "Venue", "Facilitators", "For hubs",
               "Registered", "Waitlist", "Checked in")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionRow] = []
        self._levels: dict[int, LevelDTO] = {}
        self._zone: str | None = None
        self._day_start: datetime | None = None

    def set_rows(self, rows: Sequence[SessionRow], levels: Sequence[LevelDTO]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._levels = {lv.id: lv for lv in levels}
        self.endResetModel()

    def set_display_zone(self, zone: str | None, *, day_start: datetime | None = None) -> None:
        """None: UTC. ``day_start``: the event's start; a time whose offset differs from the zone's
        offset then carries its zone mark ('Sun 25 Oct 01:00 GMT')."""
        self._zone, self._day_start = zone, day_start
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 1))

    def row_at(self, row: int) -> SessionRow:
        return self._rows[row]

    def _time(self, value: datetime | None) -> str:
        if value is None:
            return "unscheduled"
        if not self._zone:
            return value.strftime("%a %d %b %H:%M")
        return local_text(value, self._zone, self._day_start or value, "%a %d %b %H:%M")

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return (
                self._time(s.start_utc),
                self._time(s.end_utc),
                level_label(self._levels, s.level_id),
                s.title,
                s.venue,
                ", ".join(s.facilitators),
                ", ".join(s.target_hubs),
                f"{s.registered:,}" + (f" / {s.capacity:,}" if s.capacity else ""),
                f"{s.waitlisted:,}" if s.waitlisted else "",
                f"{s.checked_in:,}",
            )[column]
        if role == DECORATION and column == 2 and s.level_id in self._levels:
            return QColor(self._levels[s.level_id].colour)
        if role == ALIGN and column >= 7:
            return NUMBER_ALIGN
        if role == TOOLTIP and column == 3 and s.topics:
            return "Topics: " + ", ".join(s.topics)
        return None


class AttendeeWindowModel(QAbstractTableModel):
    """The roster, fetched from SQL a page at a time as the view scrolls (100k rows stay fast).

    A new query counts its matches only up to ``COUNT_CAP`` (a keystroke stays within a frame);
    past it the model shows that many rows, ``exact`` is False, and whoever counts the rest off
    the GUI thread hands the figure to ``set_exact_total``.
    """

    HEADERS = ("Name", "Code", "Email", "Employee ID", "Department", "Role", "Hub", "Level")
    PAGE = 200
    KEEP_PAGES = 64
    COUNT_CAP = SORT_LIMIT  # at most this many matches are sorted; more are read along the name index

    def __init__(
        self,
        first: Callable[[AttendeeQuery, int, int], tuple[int, list[AttendeeRow]]],
        page: Callable[[AttendeeQuery, int, int, int], list[AttendeeRow]],
        parent: Any = None,
    ) -> None:
        """``first(query, cap, limit)``: the capped count and the first page; ``page(query, offset, limit, matches)``."""
        super().__init__(parent)
        self._first_fn = first
        self._page_fn = page
        self._query = AttendeeQuery()
        self._total = 0
        self._matches = 0
        self.exact = True
        self._pages: OrderedDict[int, list[AttendeeRow]] = OrderedDict()
        self._levels: dict[int, LevelDTO] = {}

    @property
    def query(self) -> AttendeeQuery:
        return self._query

    def set_levels(self, levels: Sequence[LevelDTO]) -> None:
        self._levels = {lv.id: lv for lv in levels}

    def set_query(self, query: AttendeeQuery) -> None:
        self.beginResetModel()
        self._query = query
        self._pages.clear()
        self._matches, self._pages[0] = self._first_fn(query, self.COUNT_CAP, self.PAGE)
        self.exact = self._matches <= self.COUNT_CAP
        self._total = min(self._matches, self.COUNT_CAP)
        self.endResetModel()

    #: the column each header sorts by (AttendeeQuery.order)
    ORDERS = ATTENDEE_ORDERS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the same query, sorted in SQL by that column."""
        if not 0 <= column < len(self.ORDERS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (self._query.order, self._query.descending) != (self.ORDERS[column], descending):
            self.set_query(replace(self._query, order=self.ORDERS[column], descending=descending))

    def set_exact_total(self, query: AttendeeQuery, total: int) -> None:
        """The full count of ``query`` (ignored if the query has changed since)."""
        if query != self._query or self.exact:
            return
        self.exact = True
        self._matches = total
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:  # the roster shrank meanwhile
            self.beginResetModel()
            self._total = total
            self._pages.clear()
            self.endResetModel()

    def row_at(self, row: int) -> AttendeeRow:
        number, offset = divmod(row, self.PAGE)
        rows = self._pages.get(number)
        if rows is None:
            rows = self._page_fn(self._query, number * self.PAGE, self.PAGE, self._matches)
            self._pages[number] = rows
            while len(self._pages) > self.KEEP_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return rows[offset]

    def row_of(self, attendee_id: int) -> int | None:
        """The row showing this attendee among the pages read so far (None: not read or not shown)."""
        for number, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == attendee_id:
                    return number * self.PAGE + offset
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return f"{section + 1:,}"

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        if role not in (DISPLAY, DECORATION):
            return None
        try:
            a = self.row_at(index.row())
        except IndexError:  # the file changed under us; the next refresh recounts
            return None
        column = index.column()
        if role == DECORATION:
            if column == 7 and a.level_id in self._levels:
                return QColor(self._levels[a.level_id].colour)
            return None
        return (a.name, a.code, a.email, a.employee_id or "", a.department, a.role, a.hub,
                level_label(self._levels, a.level_id))[column]
