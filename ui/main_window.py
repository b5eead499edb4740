"""The main window: File menu, recent files, and the four workspaces over one open event."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from learningday import __version__
from learningday.errors import InvalidInput, LearningDayError
from ui import ops, settings
from ui.changes import CHECKIN, EVENT, NOTHING, PLAN, ROSTER, SETUP, Changes
from ui.errors import show_error
from ui.resources import icon
from ui.widgets import ask_text
from ui.window_pages import WORKSPACES, OpeningPage, last_workspace, welcome_page

if TYPE_CHECKING:
    from learningday.checkin.live_counts import LiveCounts
    from learningday.setup.dto import EventSummary
    from ui.document import EventDocument
    from ui.workspaces.checkin.kiosk import KioskWindow
    from ui.workspaces.live.counter import LiveCounter

# The window is shown before the core (SQLAlchemy and the store, most of start-up) is imported: what
# needs it (the workspaces, the document, the wizard, the demo) is imported where it is first used.
log = logging.getLogger(__name__)


def file_filter() -> str:
    from learningday.store.db import EXTENSION

    return f"LearningDay events (*{EXTENSION});;All files (*)"


def demo_event_path() -> Path:
    """The demo event, in the user's data folder for LearningDay (AppDataLocation would name the
    organisation and the application, both "LearningDay": …/LearningDay/LearningDay/)."""
    from learningday.store.db import EXTENSION

    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)) / "LearningDay"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"demo{EXTENSION}"


def workspace_classes() -> tuple[type, ...]:
    """Plan, Attendees, Check-in, Reports and the setup editors. Importing them imports the core (most
    of start-up); it may run off the GUI thread, as their modules only define classes and colours."""
    import learningday.demo.build  # noqa: F401 - File ▸ Open Demo Event
    import ui.document  # noqa: F401 - every open
    from ui.setup.dialogs import SetupEditors
    from ui.workspaces.attendees.workspace import AttendeesWorkspace
    from ui.workspaces.checkin.workspace import CheckinWorkspace
    from ui.workspaces.live.workspace import LiveWorkspace
    from ui.workspaces.plan.workspace import PlanWorkspace
    from ui.workspaces.reports.workspace import ReportsWorkspace

    return PlanWorkspace, AttendeesWorkspace, CheckinWorkspace, ReportsWorkspace, LiveWorkspace, SetupEditors


class MainWindow(QMainWindow):
    #: emitted once an event is open and the workspace on screen shows it (with ``others_later``, the others follow)
    event_shown = Signal()

    def __init__(self, *, workspaces: bool = True) -> None:
        """``workspaces`` False: only the frame (menus, the welcome and opening pages), so it can be on
        screen before the core is imported; ``build_workspaces`` adds the rest."""
        super().__init__()
        self.document: EventDocument | None = None
        self.undo_stack = QUndoStack(self)
        self.setWindowIcon(icon("app"))
        #: what each workspace has not shown yet (it catches up when shown)
        self._pending: dict[QWidget, Changes] = {}
        #: the open event's summary (name, window, hubs, levels, totals), read again only when a write
        #: could have changed it
        self.summary: EventSummary | None = None
        self._summary_stale = False
        self.kiosk: KioskWindow | None = None
        #: the counts every screen shows, following this window's writes and other stations'
        self.counter: LiveCounter | None = None
        #: workspaces that have not shown the open event yet, and the sessions read when it opened
        self._unfilled: list[QWidget] = []
        self._opening_sessions: list | None = None
        self.stack = QStackedWidget()
        self.welcome = welcome_page(new_event=self.new_event, open_dialog=self.open_dialog, open_demo=self.open_demo)
        self.opening = OpeningPage()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.opening)
        self.setCentralWidget(self.stack)
        self.tabs: QTabWidget | None = None
        from ui.backup_keeper import BackupKeeper

        self.backup_keeper = BackupKeeper(self)
        self.backup_keeper.failed.connect(lambda why: self.statusBar().showMessage(f"No backup taken: {why}", 10000))
        self._build_menus()
        self.statusBar()
        self._update_title()
        geometry = settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        if workspaces:
            self.build_workspaces()

    def build_workspaces(self) -> None:
        """The four workspaces and the setup editors (once); they import the core."""
        if self.tabs is not None:
            return
        PlanWorkspace, AttendeesWorkspace, CheckinWorkspace, ReportsWorkspace, LiveWorkspace, SetupEditors = \
            workspace_classes()
        self.plan = PlanWorkspace()
        self.attendees = AttendeesWorkspace()
        self.checkin = CheckinWorkspace()
        self.reports = ReportsWorkspace()
        self.live = LiveWorkspace()
        self.live.full_screen_requested.connect(self._on_live_full_screen_requested)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for widget, name in zip((self.plan, self.attendees, self.checkin, self.reports, self.live), WORKSPACES, strict=True):
            self.tabs.addTab(widget, name)
        self.tabs.currentChanged.connect(self._on_tabs_currentChanged)
        self.checkin.kiosk_requested.connect(self.start_kiosk)
        self._watch_unsaved()
        self.setup_editors = SetupEditors(self)
        self.plan.setup_requested.connect(self.open_setup)
        self.stack.addWidget(self.tabs)

    def show_opening(self, what: str) -> None:
        """The opening page: "Opening <what>…" until the event is on screen."""
        self.opening.say(what)
        self.stack.setCurrentWidget(self.opening)

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._action("&New Event…", self.new_event, QKeySequence.StandardKey.New))
        file_menu.addAction(self._action("&Open…", self.open_dialog, QKeySequence.StandardKey.Open))
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self._action("Open &Demo Event", self.open_demo))
        file_menu.addAction(self._action("Connect to &Shared Event…", self.connect_shared, "Ctrl+Shift+O"))
        file_menu.addSeparator()
        self.restore_action = self._action("Restore &Backup…", self.restore_backup)
        self.restore_action.setEnabled(False)
        file_menu.addAction(self.restore_action)
        self.close_action = self._action("&Close Event", self.close_event_file, QKeySequence.StandardKey.Close)
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))
        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self._action("New &Session…", self._on_new_session_triggered, "Ctrl+Shift+N"))
        event_menu = self.menuBar().addMenu("E&vent")
        for text, kind in (("&Properties…", "properties"), ("&Hubs…", "hubs"), ("&Venues…", "venues"),
                           ("&Facilitators…", "facilitators"), ("Certificate &branding…", "branding")):
            action = self._action(text, lambda _=False, k=kind: self.open_setup(k))
            action.setObjectName(f"event_{kind}")
            event_menu.addAction(action)
        view_menu = self.menuBar().addMenu("&View")
        for index, name in enumerate(("&Plan", "&Attendees", "&Check-in", "&Reports", "&Live")):
            view_menu.addAction(self._action(name, lambda _=False, i=index: self.show_workspace(i), f"Ctrl+{index + 1}"))
        view_menu.addSeparator()
        view_menu.addAction(self._action("Re&load", lambda: self.refresh(), QKeySequence.StandardKey.Refresh))
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&About LearningDay", self._on_about_triggered))
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files()
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {path}")
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if files:
            self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("Clear Menu")
        clear.setEnabled(bool(files))
        clear.triggered.connect(settings.clear_recent_files)

    # -- documents ------------------------------------------------------------------------
    def open_path(self, path: str | Path, *, others_later: bool = False) -> bool:
        """Open an event file; a bad file shows one readable error and leaves the window as it was.
        ``others_later`` (start-up): the workspace on screen shows the event first, the others after the
        first paint (``_show_everywhere``)."""
        from ui.document import EventDocument

        self.build_workspaces()
        if self.document is not None and Path(path) != self.document.path and not self._unsaved_may_go():
            return False
        try:
            document = EventDocument.open(path)
        except LearningDayError as exc:
            show_error(parent=self, exc=exc, title="Cannot open the event")
            return False
        try:
            summary = document.summary()  # refuse a file without an event before dropping the current one
        except LearningDayError as exc:
            document.close()
            show_error(parent=self, exc=exc, title="Cannot open the event")
            return False
        self._set_document(document, summary, others_later=others_later)
        if document.backup_path:
            self.statusBar().showMessage(
                f"Brought up to date; the earlier file is kept as {document.backup_path}", 10000
            )
        if document.path is not None:
            settings.add_recent_file(document.path)
        return True

    def _set_document(self, document: EventDocument | None, summary: EventSummary | None = None, *,
                      others_later: bool = False) -> None:
        if self.counter is not None:
            self.counter.stop()
            self.counter = None
        if self.document is not None:
            self.document.close()
        self.undo_stack.clear()  # its commands belong to the file that was open
        self.setup_editors.close_all()
        self.document = document
        if document is not None:
            document.changed.connect(self._on_document_changed)
            document.log_changed.connect(self._on_document_log_changed)
            document.history_broken.connect(self._on_document_history_broken)
            from ui.workspaces.live.counter import LiveCounter

            self.counter = LiveCounter(document, self)
            self.counter.counted.connect(self._on_counter_counted)
        self.close_action.setEnabled(document is not None)
        backed_up = document.path if document is not None and not document.read_only else None
        self.restore_action.setEnabled(backed_up is not None)
        self.backup_keeper.follow(backed_up)
        if document is None:
            self._unfilled, self._opening_sessions = [], None
            self.stack.setCurrentWidget(self.welcome)
            self._update_title()
            return
        self._show_everywhere(summary or document.summary(), others_later=others_later)
        self.event_shown.emit()
        if others_later:
            QTimer.singleShot(0, self._fill_next)  # queued after the first paint of the workspace on screen

    def _show_everywhere(self, summary: EventSummary, *, others_later: bool = False) -> None:
        """A file just opened: the workspace on screen shows it, then the others (one read of the sessions
        for all); ``others_later``: each of the others when it is first shown or, one at a time, when the
        window is idle (``_fill_next``), whichever comes first."""
        document = self.document
        assert document is not None
        self.reports.set_document(document)  # it analyses when shown
        self.live.show_event(document, self.counter)
        self._pending.clear()
        self._show_summary(summary)
        self._unfilled = [self.plan, self.attendees, self.checkin]
        self._opening_sessions = document.sessions()
        current = self.tabs.widget(last_workspace())
        self._fill(current)
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(last_workspace())
        while self._unfilled and not others_later:
            self._fill(self._unfilled[0])

    def _fill(self, workspace: QWidget) -> None:
        """``workspace`` shows the open event for the first time (nothing if it has already)."""
        document = self.document
        if document is None or workspace not in self._unfilled:
            return
        self._unfilled.remove(workspace)
        self._pending.pop(workspace, None)  # the whole event is shown: nothing to catch up on
        if self._summary_stale:
            self._show_summary(document.summary())
        summary = self.summary
        assert summary is not None
        sessions = self._opening_sessions if self._opening_sessions is not None else document.sessions()
        if not self._unfilled:
            self._opening_sessions = None
        if workspace is self.plan:
            self.plan.show_event(document, self.undo_stack, summary, sessions, document.venues())
        elif workspace is self.attendees:
            self.attendees.show_event(document, summary, sessions, undo_stack=self.undo_stack)
        elif workspace is self.checkin:
            self.checkin.show_event(document, summary, sessions)

    def _fill_next(self) -> None:
        """One workspace not yet showing the open event shows it; the next one waits for the window to be idle
        again (a click or a scan in between is served first)."""
        if self.document is not None and self._unfilled:
            self._fill(self._unfilled[0])
            if self._unfilled:
                QTimer.singleShot(0, self._fill_next)

    def refresh(self) -> None:
        """Read the open event again (View ▸ Reload): the workspace on screen now, the others when shown."""
        if self.document is not None:
            self._on_document_changed(Changes.everything())

    def _on_document_changed(self, changes: Changes) -> None:
        """A write through the document: what it touched shows now in the workspace on screen, and in
        the others when they are shown; the summary is read again only when it could differ."""
        if self.document is None or not changes:
            return
        if self.counter is not None:  # registrations or the roster may have moved: the counts read them whole
            self.counter.forget()
        self._note(changes)
        if self._summary_stale:
            self._show_summary(self.document.summary())
        self._catch_up(self.tabs.currentWidget())

    def _on_document_log_changed(self, changes: Changes) -> None:
        # the station shows its own check-ins; every workspace catches up when it is shown next, the
        # status bar's counts at the counter's next tick
        self._note(changes)
        if self.counter is not None:
            self.counter.poke()
        self._update_title(self.summary.event.name if self.summary else None)  # a full disk may have room again

    def _note(self, changes: Changes) -> None:
        self._summary_stale = self._summary_stale or changes.needs_summary
        self._opening_sessions = None  # the sessions read at opening may be out of date (times, counts)
        for workspace in (self.plan, self.attendees, self.checkin):
            self._pending[workspace] = self._pending.get(workspace, NOTHING) | changes
        if self.document is not None:
            self.reports.set_document(self.document)  # out of date, check-ins included: it analyses when shown

    def _show_summary(self, summary: EventSummary) -> None:
        self.summary, self._summary_stale = summary, False
        self._update_title(summary.event.name)
        self._show_counts()

    def _show_counts(self) -> None:
        summary = self.summary
        assert summary is not None
        self.statusBar().showMessage(
            f"{summary.sessions} sessions · {summary.attendees:,} attendees · "
            f"{summary.checkins:,} check-ins"
        )

    def _on_counter_counted(self, counts: LiveCounts, external: bool) -> None:
        """Fresh counts for the status bar; another station's write also reaches the station on screen."""
        if self.summary is None:
            return
        # only the counts the log moves: anything else is read again where it changed
        grown = counts.attendees != self.summary.attendees  # a walk-in at another station
        self.summary = replace(self.summary, checkins=counts.checkins, attendees=counts.attendees,
                               attendees_checked_in=counts.people_present)
        self._show_counts()
        self.attendees.show_total(counts.attendees)
        current = self.tabs.currentWidget()
        if current is self.live:
            self.live.refresh()
        if external:
            self._note(Changes.of(CHECKIN, ROSTER, attendees=None, counts=True, sessions=None))
            if current is self.checkin or (current is self.attendees and grown):  # the screen follows at once
                self._catch_up(current)

    def _catch_up(self, workspace: QWidget) -> None:
        """Show ``workspace`` what it has not shown yet, and no more."""
        if workspace in self._unfilled:
            self._fill(workspace)
            return
        changes = self._pending.pop(workspace, None)
        document = self.document
        if changes is None or document is None:
            return
        if self._summary_stale:
            self._show_summary(document.summary())
        summary = self.summary
        assert summary is not None
        if workspace is self.plan:
            self.plan.show_changes(changes, summary)
        elif workspace is self.attendees and changes.touches(EVENT, SETUP, ROSTER, CHECKIN):
            self.attendees.show_event(document, summary, document.sessions(), undo_stack=self.undo_stack)
        elif workspace is self.attendees:  # its table shows no session: it is not read again
            self.attendees.show_sessions(document.sessions())
        elif workspace is self.checkin and changes.touches(EVENT, SETUP, PLAN):
            self.checkin.show_event(document, summary, document.sessions())
        elif workspace is self.checkin:  # its sessions are as they were: only the counts and lists move
            self.checkin.refresh_station()

    def _update_title(self, event_name: str | None = None) -> None:
        if self.document is None:
            self.setWindowTitle("LearningDay")
        else:
            reading_only = f" — reading only: {self.document.read_only}" if self.document.read_only else ""
            self.setWindowTitle(f"{event_name} — {self.document.label}{reading_only} — LearningDay")

    def close_event_file(self) -> None:
        if self._unsaved_may_go():
            self._set_document(None)

    def _watch_unsaved(self) -> None:
        """The status bar says how many check-ins the station keeps, until none is left."""
        from ui.workspaces.checkin.unsaved import waiting_count

        self.unsaved_label = QLabel()
        self.unsaved_label.setObjectName("unsavedCount")
        self.unsaved_label.setStyleSheet("color: #b42318;")
        bold = self.unsaved_label.font()
        bold.setBold(True)  # in the font, not the style sheet: the status bar sizes the label by its font
        self.unsaved_label.setFont(bold)
        self.statusBar().addPermanentWidget(self.unsaved_label)
        self.unsaved_label.hide()
        unsaved = self.checkin.unsaved

        def show(count: int, _why: str = "") -> None:
            text = waiting_count(count, server=unsaved.kept_on_disk)
            self.unsaved_label.setText(text)
            # the size grip overlaps a permanent widget's last letters: room for the whole text
            self.unsaved_label.setMinimumWidth(self.unsaved_label.fontMetrics().horizontalAdvance(text) + 24)
            self.unsaved_label.setVisible(count > 0)

        unsaved.waiting.connect(show)
        unsaved.saved.connect(lambda _results: show(len(unsaved.scans)))

    def _unsaved_may_go(self) -> bool:
        """Check-ins the station keeps for the file (a full disk) would be lost with it: ask first. Those kept
        for a server stay in this computer's outbox and are sent when the event is open again."""
        if self.tabs is None:  # still opening: no station yet
            return True
        waiting = 0 if self.checkin.unsaved.kept_on_disk else len(self.checkin.unsaved.scans)
        if not waiting:
            return True
        answer = QMessageBox.question(
            self, "Check-ins not saved",
            f"This station keeps {waiting:,} check-in{'s' if waiting != 1 else ''} the event file could not "
            f"take ({self.checkin.unsaved.reason}). They are lost if the event closes now.\n\nClose it anyway?")
        return answer == QMessageBox.StandardButton.Yes

    def show_workspace(self, index: int) -> None:
        if self.document is not None:
            self.tabs.setCurrentIndex(index)

    # -- actions --------------------------------------------------------------------------
    def open_dialog(self) -> None:
        start = str(self.document.path.parent) if self.document and self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open event", start, file_filter())
        if path:
            self.open_path(path)

    def new_event(self) -> None:
        from ui.new_event.wizard import NewEventWizard

        wizard = NewEventWizard(self)
        if wizard.exec() == NewEventWizard.DialogCode.Accepted and wizard.created_path is not None:
            self.open_path(wizard.created_path)

    def open_demo(self, *, others_later: bool = False) -> None:
        from learningday.demo import build

        path = demo_event_path()
        if path.exists():
            if not self.open_path(path, others_later=others_later):
                self.show_welcome_unless_open()
            return
        ops.run_with_progress(
            parent=self,
            label="Writing the demo event…",
            job=lambda progress, cancel: build.build_demo(path, progress=progress, cancel=cancel),
            on_done=self.open_path,
        ).ended.connect(self.show_welcome_unless_open)

    def connect_shared(self) -> None:
        """File ▸ Connect to Shared Event…: an event on a database server, opened like a file."""
        from learningday.store.server import probe
        from ui.connect_dialog import connect_shared

        connect_shared(parent=self, open_url=self.open_path, probe=probe)

    def restore_backup(self) -> None:
        """File ▸ Restore Backup…: the open file goes back to one of its backups, and is opened again."""
        from ui.restore_backup import run_restore

        if self.document is not None and self.document.path is not None:
            run_restore(parent=self, event=self.document.path, close=self._closed, reopen=self.open_path)

    def _closed(self) -> bool:
        if not self._unsaved_may_go():
            return False
        self._set_document(None)
        return True

    def show_welcome_unless_open(self) -> None:
        """The opening page goes when nothing could be opened (an error was shown)."""
        if self.document is None:
            self.stack.setCurrentWidget(self.welcome)

    def _on_document_history_broken(self, message: str) -> None:
        show_error(parent=self, title="Nothing was changed", exc=InvalidInput(
            f"{message}. The undo history is cleared: it no longer matches the event file."))
        QTimer.singleShot(0, self.undo_stack.clear)  # a stack cannot clear itself inside undo()
        self.refresh()

    def _on_tabs_currentChanged(self, index: int) -> None:
        settings.save_last_workspace(index)
        self._catch_up(self.tabs.widget(index))

    def start_kiosk(self) -> None:
        """Full-screen self check-in on the station's session, behind a PIN the organiser sets now."""
        if self.document is None:
            return
        pin, ok = ask_text(self, "Kiosk mode", "Choose a PIN (4 or more digits) to leave kiosk mode:",
                           QLineEdit.EchoMode.Password)
        if not ok:
            return
        if len(pin) < 4 or not pin.isdigit():
            show_error(parent=self, exc=InvalidInput("the PIN must be 4 or more digits"), title="Kiosk mode")
            return
        from ui.workspaces.checkin.kiosk import KioskWindow

        self.kiosk = KioskWindow(self.document, session_uid=self.checkin.session_uid,
                                 session_title=self.checkin.session_box.currentText(),
                                 station=self.checkin.station_name(), pin=pin, unsaved=self.checkin.unsaved,
                                 hub=self.checkin.picker.hub)
        self.kiosk.left.connect(self._on_kiosk_left)
        self.kiosk.showFullScreen()

    def _on_live_full_screen_requested(self, on: bool) -> None:
        """The Live workspace alone on a wall display (F11), back with Esc."""
        if on == self.isFullScreen():
            return
        self.menuBar().setVisible(not on)
        self.tabs.tabBar().setVisible(not on)
        self.showFullScreen() if on else self.showNormal()

    def _on_kiosk_left(self) -> None:
        self.kiosk = None
        self.checkin.refresh_station()

    def _on_new_session_triggered(self) -> None:
        if self.document is not None:
            self.show_workspace(0)
            self.plan.new_session()

    def open_setup(self, kind: str):  # noqa: ANN201 - the editor shown (None without an event)
        """Event ▸ Properties / Hubs / Venues / Facilitators: edits are undoable and show at once."""
        if self.tabs is None:  # still opening
            return None
        return self.setup_editors.open(kind, self.document, self.undo_stack)

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self, "About LearningDay",
            f"<b>LearningDay {__version__}</b><p>Plan, run and report a 24-hour, follow-the-sun "
            "AI Learning Day, offline.</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._unsaved_may_go():
            event.ignore()
            return
        settings.save_window_geometry(self.saveGeometry())
        if self.document is not None:  # as File > Close: the live counter's timer and the backups stop with it
            self._set_document(None)
        super().closeEvent(event)

