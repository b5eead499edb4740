"""Kiosk mode: full-screen self check-in by badge code; leaving it takes the PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from learningday.errors import LearningDayError, NotSaved
from ui.document import EventDocument
from ui.errors import describe
from ui.widgets import ask_text
from ui.workspaces.checkin.kiosk_feedback import add_check_out
from ui.workspaces.checkin.unsaved import Scan, UnsavedScans
from ui.workspaces.checkin.workspace import BANNER_STYLES, banner_for, not_saved_banner

RESET_AFTER_MS = 5000


class KioskWindow(QWidget):
    """Attendees type or scan their own code; nothing else of the app is reachable."""

    left = Signal()

    def __init__(self, document: EventDocument, *, session_uid: str | None, session_title: str,
                 station: str, pin: str, unsaved: UnsavedScans | None = None) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("LearningDay — self check-in")
        self.document, self.session_uid, self.station, self._pin = document, session_uid, station, pin
        self._unlocked = False
        #: the station's scans waiting for the file (a full disk): the kiosk's wait behind them
        self.unsaved = unsaved or UnsavedScans(self)
        self.unsaved.follow(document)
        title = QLabel(session_title or "Welcome")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code = QLineEdit()
        self.code.setObjectName("kioskCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setPlaceholderText("Type or scan your badge code, then Enter")
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setWordWrap(True)
        hint = QLabel("Staff: press Esc and enter the PIN to leave kiosk mode")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget, grow in ((title, 14), (self.code, 18), (self.banner, 16)):
            font = QFont(widget.font())
            font.setPointSizeF(font.pointSizeF() + grow)
            widget.setFont(font)
        self.code.setMinimumHeight(80)
        self.banner.setMinimumHeight(120)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.code)
        layout.addWidget(self.banner)
        layout.addStretch(2)
        layout.addWidget(hint)
        self.check_out_button = add_check_out(self, layout, document=document, session_uid=session_uid,
                                              session_title=session_title, station=station)  # skills: feedback
        self._reset = QTimer(self)
        self._reset.setSingleShot(True)
        self._reset.setInterval(RESET_AFTER_MS)
        self._reset.timeout.connect(self._ready)
        self.code.returnPressed.connect(self._on_code_returnPressed)
        self._ready()

    def _ready(self) -> None:
        self.banner.setStyleSheet(f"QLabel#banner {{ {BANNER_STYLES['idle']} border-radius: 10px; }}")
        self.banner.setText("Welcome!")
        self.code.clear()
        self.code.setFocus()

    def _on_code_returnPressed(self) -> None:
        text = self.code.text().strip()
        if not text:
            return
        scan = Scan.now(text, text, "kiosk", session_uid=self.session_uid, station=self.station, facilitator="")
        try:
            style, message = banner_for(self.unsaved.save(scan))
        except NotSaved as exc:
            self.unsaved.keep(scan, exc.reason)
            style, message = "bad", not_saved_banner(exc.reason, "your check-in is kept and saved shortly")
        except LearningDayError as exc:
            style, message = "bad", describe(exc)
        self.banner.setStyleSheet(f"QLabel#banner {{ {BANNER_STYLES[style]} border-radius: 10px; }}")
        self.banner.setText(message)
        self.code.clear()
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
