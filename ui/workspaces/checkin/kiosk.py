"""Kiosk mode: full-screen self check-in by name or badge code; leaving it takes the PIN.

Its screens are pages of one stack (``add_page``/``show_page``): enter a name or code, "Is this you?", the outcome.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from learningday.checkin.dto import SearchHit
from learningday.errors import LearningDayError, NotSaved
from learningday.roster.codes import looks_like_code, normalise_code
from learningday.setup import services as setup
from learningday.setup.clock import local_text
from ui.document import EventDocument
from ui.errors import describe
from ui.widgets import ask_text
from ui.workspaces.checkin import unsaved as station_clock
from ui.workspaces.checkin.banner import Banner, banner_for
from ui.workspaces.checkin.kiosk_assessment import AssessmentPage, Host
from ui.workspaces.checkin.kiosk_assessment import big as _big
from ui.workspaces.checkin.kiosk_feedback import add_check_out
from ui.workspaces.checkin.unsaved import Scan, UnsavedScans
from ui.workspaces.checkin.workspace import not_saved_banner

RESET_AFTER_MS = 5000
MAX_CHOICES = 5
INSTRUCTION = "Type your name or your badge code (or scan your badge), then press Enter"
SEE_FACILITATOR = " — please see the facilitator"


def partial_name(name: str) -> str:
    """What the kiosk shows of a person: first name and the surname's initial ('Agnieszka B.')."""
    words = name.split()
    return words[0] if len(words) < 2 else f"{words[0]} {words[-1][0]}."


class KioskWindow(QWidget):
    """Attendees check themselves in; nothing else of the app is reachable."""

    left = Signal()

    def __init__(self, document: EventDocument, *, session_uid: str | None, session_title: str,
                 station: str, pin: str, unsaved: UnsavedScans | None = None, hub: str | None = None) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("LearningDay — self check-in")
        self.document, self.session_uid, self.station, self._pin = document, session_uid, station, pin
        self._unlocked = False
        self.strict = document.read_with(setup.event_props).kiosk_strict
        summary = document.summary()
        found = next((h for h in summary.hubs if h.name == hub), None)
        self.hub, self.zone, self.day_start = hub, (found.zone if found else "UTC"), summary.event.start_utc
        self.chosen: SearchHit | None = None
        #: the station's scans waiting for the file (a full disk): the kiosk's wait behind them
        self.unsaved = unsaved or UnsavedScans(self)
        self.unsaved.follow(document)
        self.session_title = session_title or "Welcome"
        self.heading = _big(QLabel(), 14)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instruction = _big(QLabel(INSTRUCTION), 4)  # a label, not a placeholder: it stays while typing
        self.instruction.setObjectName("kioskInstruction")
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.code = _big(QLineEdit(), 18)
        self.code.setObjectName("kioskCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setMinimumHeight(80)
        self.code.returnPressed.connect(self._on_code_returnPressed)
        self.add_page("enter", self.code)
        self.add_page("choose", self._choose_page())
        self.add_page("confirm", self._confirm_page())
        self.banner = Banner()
        self.banner.setMinimumHeight(120)
        self.add_page("outcome", self.banner)
        hint = QLabel("Staff: press Esc and enter the PIN to leave kiosk mode")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.heading, self.instruction, self.stack):
            layout.addWidget(widget)
        layout.addStretch(2)
        layout.addWidget(hint)
        self.check_out_button = add_check_out(self, layout, document=document, session_uid=session_uid,
                                              session_title=session_title, station=station)  # skills: feedback
        self._reset = QTimer(self)
        self._reset.setSingleShot(True)
        self._reset.setInterval(RESET_AFTER_MS)
        self._reset.timeout.connect(self._ready)
        # skills: after a check-in, "Where do you stand today?" (for someone not self-assessed yet)
        self.assessment = AssessmentPage(document, Host(partial(self.show_page, "assess"), self._outcome,
                                                        self._reset, self._ready))
        self.add_page("assess", self.assessment)
        self._ready()

    # -- pages: another screen (a feedback form) is one more add_page -------------------------------------
    def add_page(self, name: str, page: QWidget) -> None:
        self.pages[name] = page
        self.stack.addWidget(page)

    def show_page(self, name: str, instruction: str = INSTRUCTION) -> None:
        self.stack.setCurrentWidget(self.pages[name])
        self.instruction.setText(instruction)

    def _choose_page(self) -> QWidget:
        page = QWidget()
        self.choices = QVBoxLayout(page)
        return page

    def _confirm_page(self) -> QWidget:
        page = QWidget()
        self.who = _big(QLabel(), 12)
        self.who.setObjectName("kioskWho")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_end = _big(QLineEdit(), 12)
        self.code_end.setObjectName("kioskCodeEnd")
        self.code_end.setMaxLength(3)
        self.code_end.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_end.returnPressed.connect(self._on_yes)
        self.yes, self.no = _big(QPushButton("Yes, that's me"), 8), _big(QPushButton("No"), 8)
        self.yes.clicked.connect(self._on_yes)
        self.no.clicked.connect(self._ready)
        buttons = QHBoxLayout()
        buttons.addWidget(self.yes)
        buttons.addWidget(self.no)
        layout = QVBoxLayout(page)
        layout.addWidget(self.who)
        layout.addWidget(self.code_end)
        layout.addLayout(buttons)
        return page

    def _ready(self) -> None:
        self._reset.stop()
        now = station_clock.now()
        place = f" ({self.hub})" if self.hub else " (UTC)"
        self.heading.setText(f"{self.session_title} — {local_text(now, self.zone, self.day_start)}{place}")
        self.chosen = None
        self.code.clear()
        self.show_page("enter")
        self.code.setFocus()

    # -- the flow -----------------------------------------------------------------------------------------
    def _on_code_returnPressed(self) -> None:
        text = self.code.text().strip()
        if not text:
            return
        if looks_like_code(text):
            hits = self.document.search(text, self.session_uid, limit=1)
            if hits and hits[0].code == normalise_code(text):  # a badge: no question to ask
                self._check_in(hits[0].uid if hits else text, shown=hits[0].name)
                return
        hits = self.document.search(text, self.session_uid, limit=MAX_CHOICES) if len(text) >= 2 else []
        if not hits:
            self._outcome("bad", f"No one matches “{text}”{SEE_FACILITATOR}")
        elif len(hits) == 1:
            self._confirm(hits[0])
        else:
            self._choose(hits)

    def _choose(self, hits: list[SearchHit]) -> None:
        while self.choices.count():
            self.choices.takeAt(0).widget().deleteLater()
        labels = [f"{partial_name(hit.name)}   ·   {hit.hub or 'no hub'}" for hit in hits]
        for hit, label in zip(hits, labels, strict=True):
            same = labels.count(label) > 1  # two alike: their departments tell them apart
            button = _big(QPushButton(label + (f"   ·   {hit.department}" if same and hit.department else "")), 8)
            button.clicked.connect(lambda _=False, h=hit: self._confirm(h))
            self.choices.addWidget(button)
        self.show_page("choose", "Which one is you?")
        self._reset.start()

    def _confirm(self, hit: SearchHit) -> None:
        self.chosen = hit
        self.who.setText(f"{partial_name(hit.name)}   ·   {hit.hub or 'no hub'}")
        self.code_end.setVisible(self.strict)
        self.code_end.clear()
        ask = "Type the last 3 characters of your badge code, then Enter" if self.strict else "Is this you?"
        self.show_page("confirm", ask)
        (self.code_end if self.strict else self.yes).setFocus()
        self._reset.start()

    def _on_yes(self) -> None:
        hit = self.chosen
        if hit is None:
            return
        if self.strict and self.code_end.text().strip().upper() != hit.code[-3:].upper():
            self._outcome("bad", f"That is not the end of this badge code{SEE_FACILITATOR}")
            return
        self._check_in(hit.uid, shown=hit.name)

    def _check_in(self, who: str, *, shown: str) -> None:
        scan = Scan.now(who, shown, "kiosk", session_uid=self.session_uid, station=self.station, facilitator="",
                        hub=self.hub)
        try:
            result = self.unsaved.save(scan)
        except NotSaved as exc:
            self.unsaved.keep(scan, exc.reason)
            self._outcome("bad", not_saved_banner(exc.reason, "your check-in is kept and saved shortly"))
            return
        except LearningDayError as exc:
            self._outcome("bad", describe(exc))
            return
        style, words = banner_for(result, self.zone, self.day_start)
        if result.held or result.status == "unknown_code":
            style, words = "bad", (f"{partial_name(result.attendee)}: " if result.attendee else "") + \
                "not checked in" + SEE_FACILITATOR
        elif result.attendee:
            words = f"{partial_name(result.attendee)}: {words}"
        if not self.assessment.offer(result.attendee_uid, style, words):
            self._outcome(style, words)

    def _outcome(self, style: str, words: str) -> None:
        self.banner.show_message(style, words, stay=True)
        self.show_page("outcome", "Thank you!" if style == "ok" else INSTRUCTION)
        self._reset.start()

    def try_leave(self) -> bool:
        """Ask for the PIN; the kiosk closes only when it is right."""
        pin, ok = ask_text(self, "Leave kiosk mode", "PIN", QLineEdit.EchoMode.Password)
        if ok and pin == self._pin:
            self._unlocked = True
            self.close()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.try_leave()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self._unlocked:
            event.ignore()  # Alt+F4 and the window manager's close button do nothing
            return
        self.left.emit()
        super().closeEvent(event)
