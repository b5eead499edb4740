"""Check-in workspace: the station a facilitator runs at a door or in a virtual room."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from learningday.attendance.rule import session_attendance
from learningday.checkin.dto import CheckInResult, SearchHit
from learningday.errors import LearningDayError, NotSaved
from learningday.plan.dto import SessionRow
from learningday.roster.codes import looks_like_code, normalise_code
from learningday.setup.clock import local_text
from learningday.setup.dto import EventSummary
from ui import settings
from ui.document import EventDocument
from ui.errors import attempt, show_error, show_info
from ui.widgets import Card, ask_text, heading
from ui.workspaces.attendees.session_attendance import SessionAttendanceDialog
from ui.workspaces.checkin.attendance_dialog import open_attendance_dialog
from ui.workspaces.checkin.banner import Banner
from ui.workspaces.checkin.paper import paper_menu
from ui.workspaces.checkin.sessions import SessionPicker
from ui.workspaces.checkin.sign_off import add_sign_off_button
from ui.workspaces.checkin.unsaved import Scan, UnsavedScans, not_saved_banner, saved_words, waiting_words
from ui.workspaces.checkin.walk_in import WalkInDialog

T = TypeVar("T")

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2


class _KeepArrows(QObject):
    """Up/Down/Enter typed in the search box drive the results list; focus stays in the box."""

    def __init__(self, results: QListWidget, on_enter, on_escape) -> None:  # noqa: ANN001
        super().__init__(results)
        self.results, self.on_enter, self.on_escape = results, on_enter, on_escape

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.on_enter()
                return True
            if key == Qt.Key.Key_Escape:
                self.on_escape()
                return True
        return False


class CheckinWorkspace(QWidget):
    #: the user asked for kiosk mode on the chosen session
    kiosk_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: EventDocument | None = None
        self.summary: EventSummary | None = None
        self.session_box = QComboBox()
        self.session_box.setObjectName("stationSession")
        self.session_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.session_box.setMinimumContentsLength(22)
        self.session_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.station = QLineEdit(str(settings.settings().value("station/name", "Door A")))
        self.station.setMaximumWidth(120)
        self.facilitator = QLineEdit(str(settings.settings().value("station/facilitator", "")))
        self.facilitator.setPlaceholderText("your name")
        self.facilitator.setMaximumWidth(140)
        self.walk_in_button = QPushButton("Walk-in… (F2)")
        self.kiosk_button = QPushButton("Kiosk mode")
        self.came_button = QPushButton("Who came…")
        self.came_button.setToolTip("This session, per person: in the room or online, minutes, late, left early")
        self.came_button.clicked.connect(self.who_came)
        self.sessions: list[SessionRow] = []
        self.log_button = QToolButton()
        self.log_button.setText("Station log")
        self.log_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        log_menu = QMenu(self.log_button)
        log_menu.addAction("Export This File's Log…", self.export_log)
        log_menu.addAction("Merge a Station's Log…", self.merge_log)
        log_menu.addMenu(paper_menu(self))
        log_menu.addAction("Import Attendance Reports…", lambda: open_attendance_dialog(self.document, parent=self))
        self.log_button.setMenu(log_menu)
        self.search = QLineEdit()
        self.search.setObjectName("stationSearch")
        self.search.setPlaceholderText("Type a name, email or employee ID — or scan a badge")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() + 8)
        self.search.setFont(big)
        self.search.setMinimumHeight(48)
        self.banner = Banner()
        #: the last check-in a door rule held: F3 admits it with a reason
        self.held: CheckInResult | None = None
        self.admit_button = QPushButton("Admit… (F3)")
        self.admit_button.setObjectName("admit")
        self.admit_button.hide()
        self.admit_button.clicked.connect(self.admit_held)
        self.no_match = QLabel("No one matches — F2 adds a walk-in")
        self.no_match.setObjectName("noMatch")
        self.no_match.hide()
        self.picker = SessionPicker(self.session_box)
        # the last check-ins read on the station hub's clock: another hub, another clock
        self.picker.hub_box.activated.connect(lambda _i: self._show_recent() if self.document is not None else None)
        #: scans the file could not take (a full disk), retried until it does
        self.unsaved = UnsavedScans(self)
        self.unsaved.saved.connect(self._on_unsaved_saved)
        self.unsaved.waiting.connect(self._on_unsaved_waiting)
        self.waiting = QLabel()
        self.waiting.setObjectName("unsavedScans")
        self.waiting.setStyleSheet("QLabel#unsavedScans { color: #b42318; font-weight: bold; }")
        self.waiting.setWordWrap(True)
        self.waiting.hide()
        self.retry_button = QPushButton("Retry now (F6)")  # on demand: the server is back before the timer knows
        self.retry_button.setObjectName("retryUnsaved")
        self.retry_button.clicked.connect(lambda _checked=False: self.unsaved.retry())
        self.retry_button.hide()
        self.results = QListWidget()
        self.results.setObjectName("stationResults")
        results_font = QFont(self.font())
        results_font.setPointSizeF(results_font.pointSizeF() + 3)
        self.results.setFont(results_font)
        self.results.itemActivated.connect(lambda _item: self._on_enter())
        self.counters = {name: Card(label) for name, label in (
            ("checked_in", "checked in"), ("registered", "registered"), ("capacity", "seats taken / capacity"),
            ("walk_ins", "walk-ins"), ("not_yet_here", "not yet here"))}
        self.recent = QTableWidget(0, 4)
        self.recent.setObjectName("recent")
        self.recent.setHorizontalHeaderLabels(["Time", "Name", "Session", ""])
        self.recent.verticalHeader().hide()
        self.recent.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.missing = QListWidget()
        self.missing.setObjectName("notYetHere")

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(40)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.installEventFilter(_KeepArrows(self.results, self._on_enter, self.clear_box))
        self.search.textEdited.connect(self._on_search_textEdited)
        self.session_box.currentIndexChanged.connect(self._on_session_box_currentIndexChanged)
        self.station.editingFinished.connect(self._remember_station)
        self.facilitator.editingFinished.connect(self._remember_station)
        self.walk_in_button.clicked.connect(self.walk_in)
        self.kiosk_button.clicked.connect(self.kiosk_requested)
        QShortcut(QKeySequence("F2"), self, self.walk_in)
        QShortcut(QKeySequence("F3"), self, self.admit_held)
        QShortcut(QKeySequence("F6"), self, self.unsaved.retry)  # F5 is View ▸ Reload

        top = QHBoxLayout()
        top.addWidget(heading("Check-in"))
        top.addSpacing(24)
        for label, widget in (("Session", self.session_box), ("Station", self.station),
                              ("Facilitator", self.facilitator)):
            top.addWidget(QLabel(label))
            top.addWidget(widget, 1 if widget is self.session_box else 0)  # "Now · 11:00 Sydney (00:00 UTC) · …" whole
        cards = QGridLayout()
        for i, card in enumerate(self.counters.values()):
            cards.addWidget(card, i // 3, i % 3)
        actions = QHBoxLayout()
        for button in (self.walk_in_button, self.kiosk_button, self.came_button, self.log_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.sign_off_button = add_sign_off_button(  # skills: "completed the hands-on exercise" (F4)
            actions, document=lambda: self.document, session=lambda: (self.session_uid, self.session_box.currentText()),
            facilitator=lambda: self.facilitator.text().strip(), parent=self)
        side = QVBoxLayout()
        side.addLayout(actions)
        side.addLayout(cards)
        side.addWidget(heading("Last check-ins at this station", sub=True))
        side.addWidget(self.recent, 2)
        side.addWidget(heading("Registered, not yet here", sub=True))
        side.addWidget(self.missing, 1)
        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.banner)
        left.addWidget(self.admit_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.waiting)
        left.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.no_match)
        left.addWidget(self.results, 1)
        body.addLayout(left, 3)
        body.addLayout(side, 2)
        filters = QHBoxLayout()  # a row of its own: the top bar keeps fitting a narrow window
        filters.addStretch(1)
        for label, widget in (("Station's hub", self.picker.hub_box), ("Venue", self.picker.venue_box)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(body, 1)

    # -- state ------------------------------------------------------------------------------
    @property
    def session_uid(self) -> str | None:
        return self.session_box.currentData()

    def station_name(self) -> str:
        return self.station.text().strip() or "Station"

    def show_event(self, document: EventDocument, summary: EventSummary, sessions: list[SessionRow]) -> None:
        self.document, self.summary, self.sessions = document, summary, sessions
        self.unsaved.follow(document)
        self.picker.show_event(summary, sessions)
        self.refresh_station()

    def refresh_station(self) -> None:
        """Counters, the last check-ins and who is missing, for the chosen session."""
        if self.document is None:
            return
        self.came_button.setEnabled(self.session_uid is not None)
        counts = self.document.presence(self.session_uid)
        for name, card in self.counters.items():
            value = getattr(counts, name)
            card.set_value("–" if value is None else f"{value:,}")
        if self.session_uid is not None:  # seats taken (the registered and those here without a place) of all
            taken = counts.registered + counts.walk_ins
            self.counters["capacity"].set_value("no limit" if counts.capacity is None
                                                else f"{taken:,} / {counts.capacity:,}")
        self._show_recent()
        self.missing.clear()
        for person in self.document.not_yet_here(self.session_uid):
            self.missing.addItem(f"{person.name}  ·  {person.code}  ·  {person.hub}")
        self._run_search()

    def _show_recent(self) -> None:
        assert self.document is not None
        entries = self.document.recent_entries(self.station_name(), self.session_uid)
        for row in range(self.recent.rowCount()):
            # a replaced cell widget is deleted only when control is back in the event loop: until then it
            # stayed drawn where the table first put it (over the Time column)
            old = self.recent.cellWidget(row, 3)
            if old is not None:
                old.hide()
                self.recent.removeCellWidget(row, 3)
        self.recent.setRowCount(len(entries))
        self.recent.horizontalHeaderItem(0).setText(f"Time ({self.picker.hub or 'UTC'})")
        for row, entry in enumerate(entries):
            verb = {"check_in": "", "walk_in": " (walk-in)", "undo": " (undo)", "check_out": " (out)"}[entry.kind]
            when = local_text(entry.at_utc, self.picker.zone(), self.summary.event.start_utc, "%H:%M:%S") \
                if self.summary is not None else f"{entry.at_utc:%H:%M:%S} UTC"  # the station hub's clock
            cells = (when, entry.attendee + verb, entry.session or "event")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if entry.undone:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                self.recent.setItem(row, column, item)
            if entry.kind in ("check_in", "walk_in") and not entry.undone:
                button = QPushButton("Undo")
                button.clicked.connect(lambda _=False, uid=entry.uid: self.undo(uid))
                self.recent.setCellWidget(row, 3, button)
        self.recent.resizeColumnToContents(0)
        # a cell widget set while the table's layout is pending is placed only when that layout runs:
        # until then it was drawn at the table's corner, over the Time column
        self.recent.doItemsLayout()

    # -- actions ----------------------------------------------------------------------------
    def _set_banner(self, style: str, text: str, *, stay: bool = False) -> None:
        self.banner.show_message(style, text, stay=stay)

    def _on_search_textEdited(self, _text: str) -> None:
        """The next keystroke clears the last outcome: the banner then speaks of the person being searched."""
        if self.banner.showing_outcome and not self.unsaved.scans:
            self.banner.clear()
            self._hold(None)

    def clear_box(self) -> None:
        """Esc: the box, the results and the banner start over."""
        self.search.clear()
        self.results.clear()
        self.no_match.hide()
        if not self.unsaved.scans:
            self.banner.clear()
        self._hold(None)

    def _hold(self, result: CheckInResult | None) -> None:
        self.held = result if result is not None and result.held and result.needs != "refused" else None
        self.admit_button.setVisible(self.held is not None)
        if self.held is not None:
            self.admit_button.setText("Admit over capacity… (F3)" if self.held.needs == "over_capacity"
                                      else "Admit… (F3)")

    def _run_search(self) -> None:
        self.results.clear()
        text = self.search.text().strip()
        self.no_match.hide()
        if self.document is None or not text:
            return
        for hit in self.document.search(text, self.session_uid):
            item = QListWidgetItem(self._hit_text(hit))
            item.setData(Qt.ItemDataRole.UserRole, hit.uid)
            item.setData(CODE_ROLE, hit.code)
            item.setData(NAME_ROLE, hit.name)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self.no_match.show()

    @staticmethod
    def _hit_text(hit: SearchHit) -> str:
        flags = []
        if hit.checked_in:
            flags.append("already here")
        elif hit.registered:
            flags.append("registered")
        elif hit.waitlisted:
            flags.append("waitlisted")
        extra = f"   [{', '.join(flags)}]" if flags else ""
        return f"{hit.name}   ·   {hit.code}   ·   {hit.hub or 'no hub'}   ·   {hit.email}{extra}"

    def _on_enter(self) -> None:
        text = self.search.text().strip()
        if not text or self.document is None:
            return
        item = self.results.currentItem()
        exact = looks_like_code(text) and (item is None or item.data(CODE_ROLE) == normalise_code(text))
        if exact or item is None:
            self.check_in(text, method="scan")
        else:
            self.check_in(item.data(Qt.ItemDataRole.UserRole), method="search", shown=item.data(NAME_ROLE))

    def check_in(self, who: str | int, *, method: str, shown: str = "", override: str | None = None,
                 over_capacity: bool = False) -> CheckInResult | None:
        """Check ``who`` in; a check-in the file cannot take is shown red and kept to be saved later."""
        assert self.document is not None
        scan = Scan.now(who, shown or str(who), method, session_uid=self.session_uid, station=self.station_name(),
                        facilitator=self.facilitator.text().strip(), override=override,
                        over_capacity=over_capacity, hub=self.picker.hub)
        try:
            result: CheckInResult | None = self.unsaved.save(scan)
        except NotSaved as exc:
            self.unsaved.keep(scan, exc.reason)
            self._set_banner("bad", not_saved_banner(exc.reason, scan.shown, server=self.unsaved.kept_on_disk),
                             stay=True)
            result = None
        except (LearningDayError, OSError) as exc:
            show_error(parent=self, exc=exc, title="Not checked in")
            return None
        else:
            self.banner.show_result(result, *self._clock())
        self._hold(result)
        self.search.clear()  # before the station is read again: the results list follows an empty box
        self.search.setFocus()
        if result is not None:
            self.refresh_station()
        return result

    def admit_held(self) -> CheckInResult | None:
        """F3: admit the person a door rule held, with a reason (logged with this station); a full session
        asks to confirm "admit over capacity"."""
        held = self.held
        if held is None or self.document is None or held.attendee_uid is None:
            return None
        over = held.needs == "over_capacity"
        reason, ok = ask_text(self, "Admit over capacity" if over else "Admit",
                              f"{held.attendee}: {'; '.join(held.warnings)}\n\n"
                              "Why admit them? (kept in the log with this station)")
        if not ok:
            return None
        return self.check_in(held.attendee_uid, method="search", shown=held.attendee, override=reason,
                             over_capacity=over)

    def _on_unsaved_waiting(self, count: int, reason: str) -> None:
        self.waiting.setText(waiting_words(count, reason, server=self.unsaved.kept_on_disk))
        self.waiting.show()
        self.retry_button.show()

    def _on_unsaved_saved(self, results: list[CheckInResult]) -> None:
        if not self.unsaved.scans:
            self.waiting.hide()
            self.retry_button.hide()
            style, words = saved_words(results)
            self._set_banner(style, words, stay=style != "ok")  # whom a door rule held stays until read
        self.refresh_station()

    def undo(self, entry_uid: str) -> None:
        document = self.document
        assert document is not None
        result = attempt(lambda: document.undo_entry(entry_uid, station=self.station_name(),
                                                     facilitator=self.facilitator.text().strip()),
                         parent=self, title="Not undone")
        if result is None:
            return
        self._set_banner("warn", f"Undone: {result.attendee}" + (f" — {result.session}" if result.session else ""))
        self.refresh_station()
        self.search.setFocus()

    def who_came(self) -> SessionAttendanceDialog | None:
        """The session on this station, per person: the Attendees workspace's "Who came" page, the same core
        function (``attendance.rule.session_attendance``)."""
        row = next((s for s in self.sessions if s.uid == self.session_uid), None)
        document = self.document
        if document is None or row is None:
            return None
        dialog = SessionAttendanceDialog(row.title, document.read_with(lambda s: session_attendance(s, row.id)),
                                         parent=self)
        dialog.open()
        return dialog

    def walk_in(self) -> None:
        if self.document is None or self.summary is None:
            return
        dialog = WalkInDialog([h.name for h in self.summary.hubs], initial=self.search.text().strip(),
                              hub=self.picker.hub, parent=self)
        if dialog.exec() != WalkInDialog.DialogCode.Accepted:
            return
        name, email, hub, document = *dialog.values(), self.document
        result = attempt(lambda: document.walk_in(name=name, email=email, hub=hub, session_uid=self.session_uid,
                                                  station=self.station_name(),
                                                  facilitator=self.facilitator.text().strip()),
                         parent=self, title="Walk-in not added")
        if result is None:
            return
        self.banner.show_result(result, *self._clock(),
                                extra=f"   (new badge code {result.code})" if result.new_attendee else "")
        self.search.clear()
        self.refresh_station()

    def _clock(self) -> tuple[str, datetime | None]:
        """The banner's times: the station's hub's clock (its zone, the day's start), as the table of recent
        check-ins shows them."""
        return self.picker.zone(), self.summary.event.start_utc if self.summary else None

    def _on_session_box_currentIndexChanged(self, _index: int) -> None:
        self.banner.clear()  # the last outcome was another session's
        self._hold(None)
        self.refresh_station()
        self.search.setFocus()

    # -- station logs: a station that ran on its own copy hands its log to the organiser --------
    def _log_folder(self) -> str:
        return str(settings.export_folder("station_log"))

    def _on_log_file(self, path: str, action: Callable[[Path], T], *, title: str) -> T | None:
        """``action`` on the station log file the user chose; its folder is remembered when it worked."""
        done = attempt(lambda: action(Path(path)), parent=self, title=title)
        if done is not None:
            settings.remember_export("station_log", path)
        return done

    def export_log(self) -> None:
        if self.document is None:
            return
        default = Path(self._log_folder()) / f"{self.station_name() or 'station'}-log.json"
        path, _ = QFileDialog.getSaveFileName(self, "Export station log", str(default), "Station logs (*.json)")
        if not path:
            return
        count = self._on_log_file(path, self.document.write_station_log, title="Log not exported")
        if count is None:
            return
        show_info(parent=self, title="Station log exported",
                  text=f"Wrote {count:,} entries to {path}.\nThe organiser merges it with Station log ▸ Merge.")

    def merge_log(self) -> None:
        if self.document is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Merge a station log", self._log_folder(),
                                              "Station logs (*.json);;All files (*)")
        if not path:
            return
        report = self._on_log_file(path, self.document.merge_station_log, title="Log not merged")
        if report is None:
            return
        problems = "".join(f"\n• {p}" for p in report.problems[:20])
        more = f"\n… and {len(report.problems) - 20} more" if len(report.problems) > 20 else ""
        show_info(parent=self, title="Station log merged",
                  text=f"Merged {Path(path).name}: {report.summary()}."
                  + (f"\n\nNot applied:{problems}{more}" if report.problems else ""))
        self.refresh_station()

    def _remember_station(self) -> None:
        settings.settings().setValue("station/name", self.station_name())
        settings.settings().setValue("station/facilitator", self.facilitator.text().strip())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self.search.setFocus)

