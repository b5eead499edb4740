"""Plan workspace: the 24-hour timeline in every hub's clock, and the agenda as a table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from learningday.dto import EventSummary, SessionRow, VenueDTO
from learningday.timeutil import offset_label

from ..models import SessionTableModel
from ..timeline import TimelineView
from ..widgets import Card, heading, search_box, table_view

COLUMN_WIDTHS = (130, 130, 170, 330, 170, 160, 200, 90, 70, 80)


def _window_text(summary: EventSummary) -> str:
    ev = summary.event
    return (f"{ev.start_utc:%a %d %b %Y %H:%M} UTC → {ev.end_utc:%a %d %b %H:%M} UTC"
            f" · {ev.length_minutes / 60:g} hours · {len(summary.hubs)} hubs")


class PlanWorkspace(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("Agenda")
        self.window_label = heading("", sub=True)
        self.zone_box = QComboBox()
        self.zone_box.setObjectName("showTimesIn")
        self.zone_box.currentIndexChanged.connect(self._on_zone_box_currentIndexChanged)
        self.sessions: list[SessionRow] = []
        self.levels: tuple = ()
        self.search = search_box("planSearch", "Search titles and topics…")
        self.level_filter = QComboBox()
        self.hub_filter = QComboBox()
        self.venue_filter = QComboBox()
        self.facilitator_filter = QComboBox()
        self.search.textChanged.connect(self._apply_filters)
        for box in (self.level_filter, self.hub_filter, self.venue_filter, self.facilitator_filter):
            box.currentIndexChanged.connect(self._apply_filters)
        self.level_cards: list[Card] = []
        self.level_row = QHBoxLayout()
        self.timeline = TimelineView()
        self.timeline.session_selected.connect(self._on_timeline_session_selected)
        self.model = SessionTableModel(self)
        self.table = table_view(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.clicked.connect(self._on_table_clicked)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.window_label, 1)
        top.addWidget(QLabel("Show times in"))
        top.addWidget(self.zone_box)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for label, box in (("Level", self.level_filter), ("For hub", self.hub_filter),
                           ("Venue", self.venue_filter), ("Facilitator", self.facilitator_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(box, 1)
        self.match_label = QLabel()
        self.match_label.setObjectName("subheading")
        filters.addWidget(self.match_label)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.timeline)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.level_row)
        layout.addLayout(filters)
        layout.addWidget(split, 1)

    def show_event(self, summary: EventSummary, sessions: list[SessionRow], venues: tuple[VenueDTO, ...]) -> None:
        self.window_label.setText(_window_text(summary))
        self.sessions, self.levels = list(sessions), summary.levels
        self._fill_filters(summary, sessions, venues)
        self.model.set_rows(sessions, summary.levels)
        self.zone_box.blockSignals(True)
        self.zone_box.clear()
        self.zone_box.addItem("UTC", None)
        for hub in summary.hubs:
            self.zone_box.addItem(f"{hub.name} ({offset_label(summary.event.start_utc, hub.zone)})", hub.zone)
        self.zone_box.blockSignals(False)
        self.model.set_display_zone(None)
        self.timeline.set_data(start=summary.event.start_utc, end=summary.event.end_utc, hubs=summary.hubs,
                               venues=venues, sessions=sessions, levels=summary.levels)
        self._show_levels(summary, sessions)
        self._apply_filters()
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)  # fixed: sizing to contents reads every row

    def _fill_filters(self, summary: EventSummary, sessions: list[SessionRow], venues: tuple[VenueDTO, ...]) -> None:
        choices = (
            (self.level_filter, "All levels", [(f"{lv.id} · {lv.name}", lv.id) for lv in summary.levels]),
            (self.hub_filter, "All hubs", [(h.name, h.name) for h in summary.hubs]),
            (self.venue_filter, "All venues", [(v.name, v.name) for v in venues]),
            (self.facilitator_filter, "All facilitators",
             [(name, name) for name in sorted({f for s in sessions for f in s.facilitators})]),
        )
        for box, everything, items in choices:
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, None)
            for text, data in items:
                box.addItem(text, data)
            box.setCurrentIndex(max(0, box.findData(current)) if current is not None else 0)
            box.blockSignals(False)

    def matching(self) -> list[SessionRow]:
        """The sessions the filters let through."""
        text = self.search.text().strip().casefold()
        level, hub = self.level_filter.currentData(), self.hub_filter.currentData()
        venue, person = self.venue_filter.currentData(), self.facilitator_filter.currentData()
        return [
            s for s in self.sessions
            if (level is None or s.level_id == level)
            and (hub is None or hub in s.target_hubs)
            and (venue is None or s.venue == venue)
            and (person is None or person in s.facilitators)
            and (not text or text in s.title.casefold() or any(text in t.casefold() for t in s.topics))
        ]

    def _apply_filters(self) -> None:
        shown = self.matching()
        filtered = len(shown) != len(self.sessions)
        self.model.set_rows(shown, self.levels)
        self.timeline.set_visible_sessions({s.uid for s in shown} if filtered else None)
        self.match_label.setText(f"{len(shown)} of {len(self.sessions)} sessions" if filtered else "")

    def _show_levels(self, summary: EventSummary, sessions: list[SessionRow]) -> None:
        for card in self.level_cards:
            card.deleteLater()
        self.level_cards = []
        for level in summary.levels:
            count = sum(1 for s in sessions if s.level_id == level.id)
            card = Card(f"sessions at level {level.id}\n{level.name}", compact=True)
            card.setToolTip(f"Level {level.id} · {level.name}: {level.audience}")
            card.set_value(f"{count}", colour=level.colour)
            self.level_row.addWidget(card)
            self.level_cards.append(card)

    def _on_zone_box_currentIndexChanged(self, index: int) -> None:
        self.model.set_display_zone(self.zone_box.itemData(index))

    def _on_table_clicked(self, index) -> None:
        self.timeline.select(self.model.row_at(index.row()).uid)

    def _on_timeline_session_selected(self, uid: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).uid == uid:
                self.table.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(self.model.index(row, 0))
                return
