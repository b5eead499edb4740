"""Attendees workspace: the roster, searched and filtered in SQL, paged into the view; one person's panel beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from learningday.errors import LearningDayError
from learningday.plan.dto import SessionRow
from learningday.roster.dto import AttendeeQuery
from learningday.setup.dto import EventSummary
from ui import ops
from ui.document import EventDocument
from ui.errors import attempt, show_error, show_info
from ui.import_wizard import ImportWizard
from ui.models import AttendeeWindowModel
from ui.settings import export_folder, remember_export
from ui.widgets import heading, refill, search_box, table_view
from ui.workspaces.attendees.commands import DeleteAttendee, EditAttendee, Fields
from ui.workspaces.attendees.editor import AttendeeEditor
from ui.workspaces.attendees.registrations_panel import RegistrationsPanel, choose_session
from ui.workspaces.attendees.session_attendance import open_session_attendance
from ui.workspaces.attendees.survey_import import survey_import_wizard, survey_menu_button

C = TypeVar("C", EditAttendee, DeleteAttendee)
#: the registration filter's choices: label, AttendeeQuery.registration
STATES = (("Anyone", None), ("Registered for a session", "registered"), ("On a waitlist", "waitlisted"),
          ("Not registered", "unregistered"), ("Checked in", "checked_in"))


class AttendeesWorkspace(QWidget):
    SEARCH_DELAY_MS = 120

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: EventDocument | None = None
        self.undo_stack: QUndoStack | None = None
        self.summary: EventSummary | None = None
        self.sessions: list[SessionRow] = []
        self.departments: list[str] = []
        self._counting: ops.Op | None = None
        self.search = search_box("attendeeSearch", "Search name, email, employee ID or badge code…")
        self.hub_box, self.level_box, self.department_box, self.state_box = (QComboBox() for _ in range(4))
        for label, state in STATES:
            self.state_box.addItem(label, state)
        self.count_label = QLabel()
        self.count_label.setObjectName("subheading")
        self.model = AttendeeWindowModel(self._first, self._page, self)
        self.table = table_view(self.model, row_numbers=True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # the model sorts in SQL
        self.table.horizontalHeader().sortIndicatorChanged.connect(lambda *_: self._after_sort())
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.panel = RegistrationsPanel()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._apply_query)
        self.search.textChanged.connect(self._on_search_textChanged)
        for box in (self.hub_box, self.level_box, self.department_box, self.state_box):
            box.currentIndexChanged.connect(self._apply_query)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selectionChanged)
        self.table.doubleClicked.connect(self._on_table_doubleClicked)
        self.panel.edit_requested.connect(self.edit_attendee)
        self.panel.delete_requested.connect(self.delete_attendee)
        self.panel.register_requested.connect(self.register_attendee)
        self.panel.cancel_requested.connect(self.cancel_place)

        self.import_button = QPushButton("Import roster…")
        self.export_button = QPushButton("Export roster…")
        self.badges_button = QPushButton("Badges PDF…")
        self.register_button = QPushButton("Register…")
        self.register_shown_button = QPushButton("Register shown…")
        self.register_button.setToolTip("Register the selected attendees for a session")
        self.register_shown_button.setToolTip("Register every attendee the filters show for a session")
        self.came_button = QPushButton("Who came…")
        self.came_button.clicked.connect(lambda: open_session_attendance(self.document, self.sessions, parent=self))
        self.import_button.clicked.connect(self.import_roster)
        self.survey_button = survey_menu_button(self.import_survey)  # skills: self-assessments and feedback
        self.export_button.clicked.connect(self.export_roster)
        self.badges_button.clicked.connect(self.write_badges)
        self.register_button.clicked.connect(self.register_selected)
        self.register_shown_button.clicked.connect(self.register_shown)
        actions = QHBoxLayout()
        actions.addWidget(heading("Attendees"))
        actions.addStretch(1)
        for button in (self.import_button, self.survey_button, self.export_button, self.badges_button,
                       self.register_button, self.register_shown_button, self.came_button):
            actions.addWidget(button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for label, box in (("Hub", self.hub_box), ("Level", self.level_box), ("Department", self.department_box),
                           ("Registration", self.state_box)):
            filters.addWidget(QLabel(label))
            filters.addWidget(box, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1060, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.splitter, 1)

    # -- the table ----------------------------------------------------------------------------
    def _first(self, query: AttendeeQuery, cap: int, limit: int):
        return self.document.first_attendee_page(query, cap, limit) if self.document else (0, [])

    def _page(self, query: AttendeeQuery, offset: int, limit: int, matches: int):
        return self.document.attendee_page(query, offset, limit, matches) if self.document else []

    def show_event(self, document: EventDocument, summary: EventSummary, sessions: list[SessionRow], *,
                   undo_stack: QUndoStack | None = None) -> None:
        fresh = document is not self.document
        self.document, self.summary, self.sessions = document, summary, sessions
        self.undo_stack = undo_stack or self.undo_stack
        self.model.set_levels(summary.levels)
        self.departments = document.departments()
        refill(self.hub_box, [("All hubs", None), *((h.name, h.id) for h in summary.hubs)])
        refill(self.level_box, [("All levels", None), *((f"{lv.id} · {lv.name}", lv.id) for lv in summary.levels)])
        refill(self.department_box, [("All departments", None),
                                     *((d or "(no department)", d) for d in self.departments)])
        current = None if fresh else self.panel.details
        self._apply_query()
        if fresh:
            for column, width in enumerate((160, 64, 200, 84, 112, 160, 84)):
                self.table.setColumnWidth(column, width)
        self._show_person(current.uid if current else None)
        shown = self.panel.details
        row = self.model.row_of(shown.id) if shown is not None else None
        if row is not None:  # still on the first page: selected again after the refresh
            self.table.selectionModel().blockSignals(True)
            self.select_row(row)
            self.table.selectionModel().blockSignals(False)
            self.table.viewport().update()

    def show_sessions(self, sessions: list[SessionRow]) -> None:
        """The agenda changed, not the roster: the sessions offered and the person shown follow, not the table."""
        self.sessions = sessions
        self._show_person(self.panel.details.uid if self.panel.details else None)

    def _on_search_textChanged(self, _text: str) -> None:
        self._debounce.start()

    def current_query(self) -> AttendeeQuery:
        return AttendeeQuery(text=self.search.text(), hub_id=self.hub_box.currentData(),
                             level_id=self.level_box.currentData(), department=self.department_box.currentData(),
                             registration=self.state_box.currentData(), order=self.model.query.order,
                             descending=self.model.query.descending)

    def _after_sort(self) -> None:  # the model has re-read its first page in the new order
        self._show_count()
        self._count_the_rest()

    def _apply_query(self) -> None:
        self.model.set_query(self.current_query())
        self._show_count()
        self._count_the_rest()

    def show_total(self, attendees: int) -> None:
        """The event's attendee total as the live counts have it (another station's walk-in shows here too)."""
        if self.summary is not None and self.summary.attendees != attendees:
            self.summary = replace(self.summary, attendees=attendees)
            self._show_count()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        total = self.summary.attendees if self.summary else shown
        if not self.model.exact:
            text = f"more than {shown:,} of {total:,} attendees match (counting…)"
        else:
            text = f"{total:,} attendees" if shown == total else f"{shown:,} of {total:,} attendees match"
        self.count_label.setText(text)

    def _count_the_rest(self) -> None:
        """Past the model's cap the full count runs off the GUI thread, one at a time."""
        if self.model.exact or self.document is None or self._counting is not None:
            return
        query, document = self.model.query, self.document
        self._counting = ops.start(ops.quick(lambda: (query, document.count_attendees(query))), parent=self,
                                   on_done=self._on_counting_done, on_failed=self._on_counting_failed)

    def _on_counting_done(self, result: tuple[AttendeeQuery, int]) -> None:
        self._counting = None
        self.model.set_exact_total(*result)
        self._show_count()
        self._count_the_rest()  # the query changed meanwhile

    def _on_counting_failed(self, exc: BaseException) -> None:
        self._counting = None
        show_error(parent=self, exc=exc, title="Counting the attendees")

    # -- one person: the panel, the editor, delete -------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r).id for r in rows]

    def select_row(self, row: int) -> None:
        self.table.selectionModel().select(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                           | QItemSelectionModel.SelectionFlag.Rows)

    def _on_table_selectionChanged(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._show_person(self.model.row_at(rows[0].row()).uid)

    def _on_table_doubleClicked(self, index: QModelIndex) -> None:
        self.edit_attendee(self.model.row_at(index.row()).id)

    def _show_person(self, who: str | int | None) -> None:
        """Show someone in the panel (kept there across refreshes; cleared if they are gone)."""
        if self.document is None or who is None or self.summary is None:
            self.panel.show_attendee(None, levels=self.summary.levels if self.summary else ())
            return
        try:
            details = self.document.attendee_details(who)
        except LearningDayError:  # deleted meanwhile
            self.panel.show_attendee(None, levels=self.summary.levels)
            return
        self.panel.show_attendee(details, self.document.attendee_registrations(details.id),
                                 hubs=self.summary.hubs, levels=self.summary.levels)

    def _push(self, command: C) -> C:
        command.apply_first()  # a refusal raises before anything is pushed
        if self.undo_stack is not None:
            self.undo_stack.push(command)
        return command

    def edit_attendee(self, attendee_id: int) -> AttendeeEditor | None:
        if self.document is None or self.summary is None:
            return None
        details = self.document.attendee_details(attendee_id)
        document = self.document

        def submit(fields: Fields) -> None:
            self._push(EditAttendee(document, details.uid, details.fields(), fields, details.name,
                                    editor.score_edits()))

        editor = AttendeeEditor(details, hubs=self.summary.hubs, levels=self.summary.levels,
                                departments=self.departments, submit=submit, parent=self,
                                assessments=document.assessments(details.uid))
        editor.open()
        return editor

    def delete_attendee(self, attendee_id: int, *, confirm: bool = True) -> None:
        if self.document is None:
            return
        details = self.document.attendee_details(attendee_id)
        if confirm and QMessageBox.question(
                self, "Delete attendee", f"Delete {details.name} ({details.code}) from the roster? Their places "
                "go to the first people waiting. Edit ▸ Undo puts them back.") != QMessageBox.StandardButton.Yes:
            return
        command = DeleteAttendee(self.document, details.uid, details.name)
        if attempt(lambda: self._push(command), parent=self, title="Not deleted") is None or command.deleted is None:
            return
        promoted = command.deleted.promoted
        self.panel.say(f"{details.name} was deleted" + (
            "; promoted from the waitlist: " + ", ".join(promoted) if promoted else ""))

    def _session(self, session_id: int | None, prompt: str) -> int | None:
        return choose_session(self, self.sessions, prompt) if session_id is None else session_id

    # -- places ----------------------------------------------------------------------------------
    def register_attendee(self, attendee_id: int, *, session_id: int | None = None) -> None:
        document = self.document
        session_id = self._session(session_id, "Register this attendee to:") if document else None
        if document is None or session_id is None:
            return
        result = attempt(lambda: document.register(session_id, [attendee_id]), parent=self, title="Not registered")
        if result is None:
            return
        title = next((s.title for s in self.sessions if s.id == session_id), "the session")
        what = ("registered for" if result.registered else "on the waitlist of" if result.waitlisted
                else "already down for")
        name = self.panel.details.name if self.panel.details else "The attendee"
        self.panel.say(f"{name} is {what} “{title}”")

    def cancel_place(self, session_id: int, attendee_id: int) -> None:
        document = self.document
        if document is None:
            return
        result = attempt(lambda: document.cancel_registration(session_id, attendee_id), parent=self,
                         title="Not cancelled")
        if result is not None:
            self.panel.say(result.message)

    def register_selected(self, *, session_id: int | None = None) -> None:
        if self.document is None:
            return
        ids = self.selected_ids()
        if not ids:
            show_error(parent=self, exc=LearningDayError("select the attendees to register first"), title="Register")
            return
        self._register(ids, session_id, f"Register {len(ids)} attendee(s) to:")

    def register_shown(self, *, session_id: int | None = None) -> None:
        """Everyone the filters and the search show, e.g. all Bangalore level-2 people, to one session."""
        if self.document is None:
            return
        ids = self.document.attendee_ids(self.current_query())
        if not ids:
            show_error(parent=self, exc=LearningDayError("no attendee matches the filters"), title="Register")
            return
        self._register(ids, session_id, f"Register all {len(ids):,} attendees shown to:")

    def _register(self, ids: list[int], session_id: int | None, prompt: str) -> None:
        document, chosen = self.document, self._session(session_id, prompt)
        if document is None or chosen is None:
            return
        result = attempt(lambda: document.register(chosen, ids), parent=self, title="Not registered")
        if result is None:
            return
        text = (f"{len(result.registered):,} registered, {len(result.waitlisted):,} on the waitlist, "
                f"{len(result.unchanged):,} already there")
        self.count_label.setText(text)
        show_info(parent=self, text=text, title="Register")

    # -- files -----------------------------------------------------------------------------------
    def import_roster(self, *, path: str = "") -> ImportWizard | None:
        if self.document is None:
            return None
        wizard = ImportWizard(self.document, self, path=path)
        wizard.open()
        return wizard

    def import_survey(self, *, path: str = "", kind: str = "pre") -> ImportWizard | None:
        if self.document is None:
            return None
        wizard = survey_import_wizard(self.document, self, path=path, kind=kind)
        wizard.open()
        return wizard

    def export_roster(self) -> None:
        if self.document is not None:
            self._write("Export the roster", "roster.xlsx", "Excel workbook (*.xlsx);;CSV (*.csv)",
                        self.document.write_roster, "attendees", kind="roster")

    def write_badges(self) -> None:
        if self.document is not None:
            self._write("Badge sheet", "badges.pdf", "PDF (*.pdf)", self.document.write_badges, "badges", kind="badges")

    def _write(self, title: str, name: str, filters: str, write: Callable[..., int], what: str, *, kind: str) -> None:
        """Ask where (starting where the last ``kind`` file went), then write the file for the hub the filter
        shows (all hubs: everyone) off the GUI thread."""
        out = self._save_path(title, name, filters, kind=kind)
        if out is None:
            return
        ops.run_with_progress(parent=self, label=f"Writing {out.name}…",
                              job=partial(write, out, hub_id=self.hub_box.currentData()),
                              on_done=partial(self._on_written, kind, out, what))

    def _on_written(self, kind: str, out: Path, what: str, count: int) -> None:
        remember_export(kind, out)
        self._done(f"{count:,} {what} written to {out}")

    def _save_path(self, title: str, name: str, filters: str, *, kind: str) -> Path | None:
        """Ask where to save (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(self, title, str(export_folder(kind) / name), filters)
        return Path(path) if path else None

    def _done(self, text: str) -> None:
        self.count_label.setText(text)
