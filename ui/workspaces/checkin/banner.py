"""The station's banner: who it was (name, badge code, hub, department) and the door's outcome, colour-coded."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QVBoxLayout, QWidget

from learningday.checkin.dto import CheckInResult
from learningday.setup.clock import local_text

BANNER_STYLES = {
    "ok": "background:#1e7b34; color:white;",
    "warn": "background:#b7791f; color:white;",
    "bad": "background:#b42318; color:white;",
    "idle": "background:#eef1f5; color:#4a5568;",
}
_ICONS = {"ok": QStyle.StandardPixmap.SP_DialogApplyButton, "warn": QStyle.StandardPixmap.SP_MessageBoxWarning,
          "bad": QStyle.StandardPixmap.SP_MessageBoxCritical, "idle": QStyle.StandardPixmap.SP_FileDialogContentsView}
#: how long an outcome stays up when no one types
CLEAR_AFTER_MS = 6000
_STYLE = {"green": "ok", "amber": "warn", "red": "bad"}
HELD_WORDS = {"full": "Session full", "waitlisted": "Waitlisted", "not_registered": "Not registered",
              "outside_event": "Not an event day", "outside_time": "Outside the session's time"}


def banner_for(result: CheckInResult, zone: str = "UTC", day_start: datetime | None = None) -> tuple[str, str]:
    """(style, text) of the banner after a check-in: the outcome in words (the person is on the lines above).
    Times are the station's hub's (``zone``), as its table shows them, with the zone's mark when its clock has
    changed since ``day_start``; "UTC" says so."""
    style = _STYLE[result.colour]
    where = f" — {result.session}" if result.session else ""
    if result.status == "checked_in":
        said = f"Checked in{where}" + (f" (override: {result.override_reason})" if result.override_reason else "")
        return style, "; ".join([said, *result.warnings])
    if result.status == "already":
        earlier = result.earlier_at_utc
        when = "earlier" if earlier is None else \
            local_text(earlier, zone, day_start or earlier) + (" UTC" if zone == "UTC" else "")
        by = f" by station {result.earlier_station}" if result.earlier_station else ""
        return style, f"Already checked in (at {when}{by})"
    if result.held:
        ask = {"override": " — Admit… (F3) with a reason", "over_capacity": " — Admit over capacity… (F3)",
               "refused": " — registered people only"}[result.needs]
        return style, f"{HELD_WORDS[result.status]}: {'; '.join(result.warnings)}{ask}"
    return "bad", f"Unknown code {result.code}: nobody on the list has it"


class Banner(QFrame):
    """Big and colour-coded; it clears itself after a few seconds, or when asked (the next keystroke, Esc)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.icon = QLabel()
        self.who = QLabel()
        self.who.setObjectName("bannerWho")
        self.details = QLabel()
        self.details.setObjectName("bannerDetails")
        self.outcome = QLabel()
        self.outcome.setObjectName("bannerOutcome")
        self.outcome.setWordWrap(True)
        for label, grow, bold in ((self.who, 9, True), (self.details, 3, False), (self.outcome, 5, True)):
            font = QFont(label.font())
            font.setPointSizeF(font.pointSizeF() + grow)
            font.setBold(bold)
            label.setFont(font)
        words = QVBoxLayout()
        for label in (self.who, self.details, self.outcome):
            words.addWidget(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 1)
        self.setMinimumHeight(72)
        self.style_name = "idle"
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.setInterval(CLEAR_AFTER_MS)
        self._clear.timeout.connect(self.clear)
        self.clear()

    def _paint(self, style: str) -> None:
        self.style_name = style
        self.setStyleSheet(f"QFrame#banner {{ {BANNER_STYLES[style]} border-radius: 6px; }} "
                           f"QFrame#banner QLabel {{ {BANNER_STYLES[style]} }}")
        size = 40 if style != "idle" else 24
        self.icon.setPixmap(self.style().standardIcon(_ICONS[style]).pixmap(size, size))

    def show_result(self, result: CheckInResult, zone: str = "UTC", day_start: datetime | None = None, *,
                    extra: str = "") -> None:
        """The outcome of ``result``; its times in ``zone`` (see ``banner_for``)."""
        style, words = banner_for(result, zone, day_start)
        self._paint(style)
        self.who.setText(result.attendee or result.code)
        self.who.setVisible(bool(self.who.text()))
        parts = [result.code if result.attendee else "", result.hub, result.department]
        self.details.setText("   ·   ".join(p for p in parts if p))
        self.details.setVisible(bool(self.details.text()))
        self.outcome.setText(words + extra)
        self._clear.start()

    def show_message(self, style: str, text: str, *, stay: bool = False) -> None:
        """A line of its own (an undo, a check-in not saved); ``stay``: until the next one replaces it."""
        self._paint(style)
        self.who.hide()
        self.details.hide()
        self.outcome.setText(text)
        if stay:
            self._clear.stop()
        else:
            self._clear.start()

    def clear(self, text: str = "Ready: type or scan, then Enter") -> None:
        self._clear.stop()
        self.show_message("idle", text, stay=True)

    def text(self) -> str:
        """Everything the banner says, one line per label shown (for tests and screen readers)."""
        return "\n".join(label.text() for label in (self.who, self.details, self.outcome) if not label.isHidden())

    @property
    def showing_outcome(self) -> bool:
        return self.style_name != "idle"
