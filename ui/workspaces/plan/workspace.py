"""Plan workspace: the 24-hour timeline in every hub's clock, and the agenda as a table."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from learningday.plan.conflicts import Conflict
from learningday.plan.coverage import Coverage
from learningday.plan.dto import SessionDraft, SessionRow
from learningday.setup.clock import offsets_label
from learningday.setup.dto import EventSummary, VenueDTO
from ui.changes import EVENT, PLAN, ROSTER, SETUP, Changes
from ui.document import EventDocument
from ui.errors import attempt
from ui.import_wizard import ImportWizard
from ui.models import SessionTableModel
from ui.widgets import Card, heading, refill, search_box, severity_icon, swatch, table_view
from ui.workspaces.plan.auto_plan import AutoPlan
from ui.workspaces.plan.commands import ChangeSession, CreateSession, DeleteSession, MoveSession, Placement
from ui.workspaces.plan.export_dialog import AgendaExportButton
from ui.workspaces.plan.import_dialog import agenda_import_wizard
from ui.workspaces.plan.completion_rule import add_rule_fields
from ui.workspaces.plan.session_editor import SessionEditor
from ui.workspaces.plan.snap_box import SnapBox
from ui.workspaces.plan.timeline import TimelineView
from ui.workspaces.plan.unscheduled import UnscheduledList
from ui.workspaces.plan.versions_dialog import SnapshotsDialog

GAP = QColor("#f8d7da")
COVERED = QColor("#d7f0dd")

COLUMN_WIDTHS = (130, 130, 170, 330, 170, 160, 200, 90, 70, 80)


def _window_text(summary: EventSummary) -> str:
    ev = summary.event
    return (f"{ev.start_utc:%a %d %b %Y %H:%M} UTC → {ev.end_utc:%a %d %b %H:%M} UTC"
            f" · {ev.length_minutes / 60:g} hours · {len(summary.hubs)} hubs")


def _in_agenda_order(rows: list[SessionRow]) -> list[SessionRow]:
    """As ``list_sessions`` orders them: scheduled by start, then the drafts, each by title."""
    return sorted(rows, key=lambda s: (s.start_utc is None, s.start_utc or datetime.min, s.title))


class PlanWorkspace(QWidget):
    #: "properties", "hubs", "venues" or "facilitators": open that setup editor
    setup_requested = Signal(str)
    #: Changes: a write's changes have been shown (the views that they touched are up to date)
    changes_shown = Signal(object)

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
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(7)  # the window must fit a small laptop screen: the list opens wider
            box.currentIndexChanged.connect(self._apply_filters)
        self.level_cards: list[Card] = []
        self.level_row = QHBoxLayout()
        self.document: EventDocument | None = None
        self.undo_stack: QUndoStack | None = None
        self.summary: EventSummary | None = None
        self.venues: tuple[VenueDTO, ...] = ()
        self.conflicts: list[Conflict] = []
        self.coverage: Coverage | None = None
        self.timeline = TimelineView()
        self.timeline.session_selected.connect(self._on_timeline_session_selected)
        self.timeline.session_changed.connect(self._on_timeline_session_changed)
        self.timeline.session_activated.connect(self.edit_session)
        self.timeline.delete_requested.connect(self.delete_session)
        self.timeline.pin_requested.connect(self.set_pinned)
        self.conflict_table = QTableWidget(0, 2)
        self.conflict_table.setObjectName("conflicts")
        self.conflict_table.setHorizontalHeaderLabels(["", "Conflict"])
        self.conflict_table.verticalHeader().hide()
        self.conflict_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflict_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conflict_table.setWordWrap(True)
        self.conflict_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.conflict_table.horizontalHeader().setStretchLastSection(True)
        self.conflict_table.cellClicked.connect(self._on_conflict_table_cellClicked)
        self.coverage_table = QTableWidget(0, 0)
        self.coverage_table.setObjectName("coverage")
        self.coverage_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # a row per hub, a narrow column per level: five levels fit the side panel, and hubs scroll down
        self.coverage_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.coverage_table.horizontalHeader().setMinimumSectionSize(36)
        self.coverage_table.cellClicked.connect(self._on_coverage_table_cellClicked)
        self.checks = QTabWidget()
        self.checks.setObjectName("checks")
        self.checks.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self.checks.tabBar().setUsesScrollButtons(False)  # whole labels: the panel stays as wide as its tabs
        self.checks.addTab(self.conflict_table, "Conflicts")
        self.checks.addTab(self.coverage_table, "Coverage")
        self.unscheduled = UnscheduledList()
        self.unscheduled.session_activated.connect(self.edit_session)
        self.unscheduled.import_requested.connect(lambda: self.import_agenda())
        self.auto_plan = AutoPlan(self)
        self.unscheduled.place_requested.connect(self.auto_plan.place_it)
        self.model = SessionTableModel(self)
        self.table = table_view(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.clicked.connect(self._on_table_clicked)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.window_label, 1)
        top.addWidget(QLabel("Show times in"))
        top.addWidget(self.zone_box)
        self.snap_box = SnapBox(self.timeline)
        top.addWidget(QLabel("Snap"))
        top.addWidget(self.snap_box)
        for button in self.auto_plan.buttons():
            top.addWidget(button)
        self.versions_button = QPushButton("Versions…")
        self.versions_button.setToolTip("Agenda versions: save the agenda under a name, compare, restore")
        self.versions_button.clicked.connect(self.open_versions)
        self.versions_dialog: SnapshotsDialog | None = None
        top.addWidget(self.versions_button)
        self.export_button = AgendaExportButton(self, zone_box=self.zone_box)
        top.addWidget(self.export_button)
        self.setup_button = QPushButton("Setup")
        self.setup_button.setToolTip("The event's properties, hubs, venues and facilitators")
        setup_menu = QMenu(self.setup_button)
        for text, kind in (("Event Properties…", "properties"), ("Hubs…", "hubs"), ("Venues…", "venues"),
                           ("Facilitators…", "facilitators")):
            action = setup_menu.addAction(text)
            action.setObjectName(f"setup_{kind}")
            action.triggered.connect(lambda _=False, k=kind: self.setup_requested.emit(k))
        self.setup_button.setMenu(setup_menu)
        top.addWidget(self.setup_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for label, box in (("Level", self.level_filter), ("For hub", self.hub_filter),
                           ("Venue", self.venue_filter), ("Facilitator", self.facilitator_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(box, 1)
        self.match_label = QLabel()
        self.match_label.setObjectName("subheading")
        filters.addWidget(self.match_label)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.timeline)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.checks)
        side.addWidget(self.unscheduled)
        side.setSizes([300, 220])
        upper.addWidget(side)
        upper.setStretchFactor(0, 4)
        upper.setStretchFactor(1, 1)
        upper.setSizes([1000, 360])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.level_row)
        layout.addLayout(filters)
        layout.addWidget(split, 1)

    def show_event(self, document: EventDocument, undo_stack: QUndoStack, summary: EventSummary,
                   sessions: list[SessionRow], venues: tuple[VenueDTO, ...]) -> None:
        """Show the whole event: its window, hubs and lanes, every session, and the checks."""
        self.document, self.undo_stack, self.summary, self.venues = document, undo_stack, summary, venues
        self.window_label.setText(_window_text(summary))
        self.export_button.set_event(document, summary)
        self.levels = summary.levels
        refill(self.level_filter, [("All levels", None), *((f"{lv.id} · {lv.name}", lv.id) for lv in summary.levels)])
        refill(self.hub_filter, [("All hubs", None), *((h.name, h.name) for h in summary.hubs)])
        refill(self.venue_filter, [("All venues", None), *((v.name, v.name) for v in venues)])
        event = summary.event
        refill(self.zone_box, [("UTC", None), *((f"{h.name} ({offsets_label(event.start_utc, event.end_utc, h.zone)})",
                                                 h.zone) for h in summary.hubs)])
        self.model.set_display_zone(self.zone_box.currentData(), day_start=event.start_utc)
        self.timeline.set_data(start=summary.event.start_utc, end=summary.event.end_utc, hubs=summary.hubs,
                               venues=venues, sessions=sessions, levels=summary.levels)
        self._show_levels(summary)
        self._show_sessions(sessions)
        self._show_checks()
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)  # fixed: sizing to contents reads every row

    def show_changes(self, changes: Changes, summary: EventSummary | None = None) -> None:
        """Show what a write changed, and only that: the rows it names and the checks over them (the
        whole event when its window or setup changed). ``summary``: the event's, if read again."""
        document = self.document
        if document is None or self.undo_stack is None:
            return
        self.summary = summary or self.summary
        assert self.summary is not None
        if changes.touches(EVENT, SETUP):
            self.show_event(document, self.undo_stack, self.summary, document.sessions(), document.venues())
        else:
            if changes.sessions is None:
                self._show_sessions(document.sessions())
            elif changes.sessions:
                kept = [s for s in self.sessions if s.uid not in changes.sessions]
                self._show_sessions(_in_agenda_order(kept + document.sessions(changes.sessions)))
            if changes.touches(PLAN) or (changes.touches(ROSTER) and changes.sessions != frozenset()):
                self._show_checks(always=False)  # registrations count against a venue's seats
        self.changes_shown.emit(changes)

    def _show_sessions(self, sessions: list[SessionRow]) -> None:
        self.sessions = list(sessions)
        refill(self.facilitator_filter, [("All facilitators", None),
                                         *((name, name) for name in sorted({f for s in sessions for f in s.facilitators}))])
        self.timeline.set_sessions(self.sessions)
        for card, level in zip(self.level_cards, self.levels):
            card.set_value(f"{sum(1 for s in sessions if s.level_id == level.id)}", colour=level.colour)
        self.unscheduled.set_sessions(self.sessions, self.levels)
        self._apply_filters()

    def _show_checks(self, *, always: bool = True) -> None:
        """Conflicts and coverage again; without ``always`` a table is refilled only if its figures moved."""
        assert self.document is not None and self.summary is not None
        conflicts, coverage = self.document.plan_checks()
        shown, self.conflicts, self.coverage = (self.conflicts, self.coverage), conflicts, coverage
        if always or conflicts != shown[0]:
            self._show_conflicts()
        if always or coverage != shown[1]:
            self._show_coverage(self.summary)

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
        self.unscheduled.show_only(frozenset(s.uid for s in shown) if filtered else None)
        self.match_label.setText(f"{len(shown)} of {len(self.sessions)} sessions" if filtered else "")

    def _show_levels(self, summary: EventSummary) -> None:
        """One card per level; ``_show_sessions`` fills in the counts."""
        for card in self.level_cards:
            card.deleteLater()
        self.level_cards = []
        for level in summary.levels:
            card = Card(f"sessions at level {level.id}\n{level.name}", compact=True)
            card.setToolTip(f"Level {level.id} · {level.name}: {level.audience}")
            self.level_row.addWidget(card)
            self.level_cards.append(card)

    def _on_zone_box_currentIndexChanged(self, index: int) -> None:
        self.model.set_display_zone(self.zone_box.itemData(index),
                                    day_start=self.summary.event.start_utc if self.summary else None)

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

    # -- conflicts and coverage -------------------------------------------------------------
    def _show_conflicts(self) -> None:
        table = self.conflict_table
        table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            mark = QTableWidgetItem(severity_icon(conflict.severity), "")
            mark.setToolTip(conflict.severity)
            table.setItem(row, 0, mark)
            text = QTableWidgetItem(conflict.message)
            text.setToolTip(conflict.message)
            table.setItem(row, 1, text)
        errors = sum(1 for c in self.conflicts if c.severity != "warning")
        warnings = len(self.conflicts) - errors
        self.checks.setTabText(0, f"Conflicts ({errors} + {warnings})" if warnings else f"Conflicts ({errors})")
        self.checks.setTabToolTip(0, f"{errors} conflicts and {warnings} warnings")
        worst = "error" if errors else "warning" if warnings else None
        self.checks.setTabIcon(0, severity_icon(worst) if worst else QIcon())

    def _show_coverage(self, summary: EventSummary) -> None:
        assert self.coverage is not None
        table = self.coverage_table
        table.setRowCount(len(summary.hubs))
        table.setColumnCount(len(summary.levels))
        table.setVerticalHeaderLabels([h.name for h in summary.hubs])
        for c, level in enumerate(summary.levels):
            header = QTableWidgetItem(swatch(level.colour), str(level.id))
            header.setToolTip(f"Level {level.id} · {level.name}")
            table.setHorizontalHeaderItem(c, header)
            for r, hub in enumerate(summary.hubs):
                cell = self.coverage.cell(level.id, hub.name)
                item = QTableWidgetItem(str(cell.count))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QBrush(GAP if cell.gap else COVERED))
                item.setToolTip(f"{cell.count} level-{level.id} sessions inside {hub.name}'s working hours"
                                f" (minimum {cell.minimum})")
                table.setItem(r, c, item)
        gaps = len(self.coverage.gaps)
        self.checks.setTabText(1, f"Coverage ({gaps} gaps)" if gaps else "Coverage")

    def _on_conflict_table_cellClicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.conflicts):
            uid = self.conflicts[row].sessions[0]
            self.timeline.select(uid)
            self._on_timeline_session_selected(uid)

    def _on_coverage_table_cellClicked(self, row: int, _column: int) -> None:
        if self.coverage is None or self.summary is None:
            return
        hub = self.summary.hubs[row].name
        windows = next((i.working for i in self.coverage.idle if i.hub == hub), ())
        self.timeline.set_highlight((windows[0].start, windows[0].end) if windows else None)

    # -- changes (each one undoable) --------------------------------------------------------
    def push(self, command) -> bool:  # noqa: ANN001 - a FileCommand
        """Write ``command`` now and put it on the undo stack; a refusal is shown and pushes nothing."""
        stack = self.undo_stack
        assert stack is not None
        return attempt(lambda: command.push_onto(stack), parent=self, title="The agenda was not changed") is not None

    def _on_timeline_session_changed(self, uid: str, start: datetime, venue: str, minutes: int) -> None:
        self.place_session(uid, start, venue, minutes)

    def place_session(self, uid: str, start: datetime, venue: str, minutes: int) -> bool:
        """A drag or a drop on the timeline: ``uid`` starts at ``start`` in ``venue`` for ``minutes``.
        The row shown says what the step is called; the write returns the draft undo needs."""
        row = next((s for s in self.sessions if s.uid == uid), None)
        if self.document is None or row is None:
            return False
        venue_id = next((v.id for v in self.venues if v.name == venue), None)
        if venue_id is None:  # the lane of a venue no longer in the event: keep the session's own
            venue_id = next((v.id for v in self.venues if v.name == row.venue), None)
        verb = "Schedule" if row.start_utc is None else "Resize" if minutes != row.duration_minutes else "Move"
        place = Placement(start, venue_id, minutes)
        return self.push(MoveSession(self.document, uid, place, f"{verb} “{row.title}”"))

    def _editor(self, draft: SessionDraft) -> SessionEditor:
        assert self.document is not None and self.summary is not None
        return SessionEditor(draft, levels=self.summary.levels, venues=self.venues, hubs=self.summary.hubs,
                             facilitators=self.document.facilitators(),
                             default_start=self.summary.event.start_utc, parent=self)

    def edit_session(self, uid: str) -> None:
        if self.document is None:
            return
        before = self.document.session_draft(uid)
        editor = self._editor(before)
        rule = add_rule_fields(editor, self.document.completion_rule(uid))  # skills: when it counts as completed
        accepted = editor.exec() == SessionEditor.DialogCode.Accepted
        if accepted and editor.draft() != before:
            self.push(ChangeSession(self.document, uid, editor.draft(), f"Edit “{before.title}”"))
        if accepted:
            rule.push_change(self.push, self.document, uid, before.title)

    def set_pinned(self, uid: str, pinned: bool) -> bool:
        """Pin or unpin a session (Propose plan leaves a pinned one where it is), as one undoable edit."""
        if self.document is None:
            return False
        before = self.document.session_draft(uid)
        verb = "Pin" if pinned else "Unpin"
        return self.push(ChangeSession(self.document, uid, replace(before, pinned=pinned), f"{verb} “{before.title}”"))

    def import_agenda(self, *, path: str = "") -> ImportWizard | None:
        """Import Agenda…: sessions (drafts without a start), facilitators or venues from a spreadsheet."""
        if self.document is None:
            return None
        wizard = agenda_import_wizard(self.document, self, path=path)
        wizard.open()
        return wizard

    def new_session(self) -> None:
        if self.document is None or self.summary is None:
            return
        editor = self._editor(SessionDraft(title="", level_id=1, start_utc=None))
        if editor.exec() == SessionEditor.DialogCode.Accepted:
            self.create_session(editor.draft())

    def create_session(self, draft: SessionDraft) -> bool:
        """Add ``draft`` to the agenda as one undoable step; False when refused (and said why)."""
        return self.document is not None and self.push(CreateSession(self.document, draft))

    def open_versions(self) -> SnapshotsDialog | None:
        """The Agenda Versions dialog (window-modal; restoring refreshes the plan through ``changed``)."""
        if self.document is None or self.undo_stack is None:
            return None
        self.versions_dialog = SnapshotsDialog(self.document, self.undo_stack, parent=self)
        self.versions_dialog.open()
        return self.versions_dialog

    def delete_session(self, uid: str) -> None:
        if self.document is None:
            return
        title = next((s.title for s in self.sessions if s.uid == uid), uid)
        self.push(DeleteSession(self.document, uid, title))
