"""The Live workspace: hub rulers with a now-line, now and next per hub, live counts, facilitators awaited."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from learningday.attendance.rule import attended_online
from learningday.checkin.live_counts import LiveTally
from learningday.checkin.now import FACILITATOR_WINDOW_TEXT, HubNow, LiveDay, LiveSession, live_day
from ui.document import EventDocument
from ui.widgets import heading, utc_edit, utc_of
from ui.workspaces.live.counter import LiveCounter

#: the clock moves the now-line this often when nothing is written
CLOCK_MS = 15_000
COLUMNS = 3


def _session_html(s: LiveSession, *, counts: bool) -> str:
    here = f" <b>{s.present}/{s.registered}</b> here" if counts and (s.registered or s.present) else ""
    return f"{escape(s.local)} · L{s.level_id} {escape(s.title)}{here}"


class HubPanel(QFrame):
    """One hub: its clock, what runs now (with its counts), what is next, and the last hour's arrivals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        QVBoxLayout(self).addWidget(self.text)

    def show_hub(self, hub: HubNow, arrivals: int) -> None:
        now = "<br>".join(_session_html(s, counts=True) for s in hub.now) or "<i>nothing running</i>"
        later = "<br>".join(_session_html(s, counts=False) for s in hub.next) or "<i>nothing later today</i>"
        self.text.setText(
            f"<span style='font-size:15pt'><b>{escape(hub.hub)}</b></span> &nbsp; {escape(hub.local_time)} "
            f"<span style='color:#50565e'>{escape(hub.clock)}</span><br>"
            f"<b>Now</b><br>{now}<br><b>Next</b><br>{later}<br>"
            f"<span style='color:#50565e'>{arrivals:,} arrived in the last hour</span>")


class LiveWorkspace(QWidget):
    #: the full-screen wall display was asked for (True) or left (False)
    full_screen_requested = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: EventDocument | None = None
        self.counter: LiveCounter | None = None
        self.tally = LiveTally()
        self.day: LiveDay | None = None
        self.simulated = QCheckBox("Simulated now")
        self.simulated.setToolTip("Replay the event's day at a chosen instant (training, rehearsals)")
        self.at = utc_edit(datetime.now(UTC))
        self.at.setEnabled(False)
        self.full_screen = QPushButton("Full screen (F11)")
        self.title = heading("")
        from ui.workspaces.live.rulers import HubRulers

        self.rulers = HubRulers()
        self.panels: list[HubPanel] = []
        self.grid = QGridLayout()
        self.missing = QLabel()
        self.missing.setTextFormat(Qt.TextFormat.RichText)
        self.missing.setWordWrap(True)
        bar = QHBoxLayout()
        for widget in (self.title, self.simulated, self.at, self.full_screen):
            bar.addWidget(widget)
        bar.insertStretch(1, 1)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(self.rulers)
        inner.addLayout(self.grid)
        inner.addWidget(self.missing)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll)
        self.clock = QTimer(self, interval=CLOCK_MS)
        self.clock.timeout.connect(self.refresh)
        self.simulated.toggled.connect(self._on_simulated_toggled)
        self.at.dateTimeChanged.connect(lambda _v: self.refresh())
        self.full_screen.clicked.connect(lambda: self.full_screen_requested.emit(not self.window().isFullScreen()))
        QShortcut(QKeySequence("F11"), self, lambda: self.full_screen_requested.emit(not self.window().isFullScreen()),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Esc"), self, lambda: self.full_screen_requested.emit(False),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def show_event(self, document: EventDocument, counter: LiveCounter | None = None) -> None:
        """``counter``: the window's, whose tally this view shares (the log is read once for every screen);
        without one, a tally of its own."""
        self.document = document
        self.counter = counter
        self.tally = LiveTally()
        self.day = None
        self.refresh()

    def now(self) -> datetime:
        return utc_of(self.at) if self.simulated.isChecked() else datetime.now(UTC)

    def set_simulated(self, at: datetime | None) -> None:
        """Replay the day at ``at`` (None: the real now)."""
        if at is not None:
            self.at.setDateTime(utc_edit(at).dateTime())
        self.simulated.setChecked(at is not None)
        self.refresh()

    def _on_simulated_toggled(self, on: bool) -> None:
        self.at.setEnabled(on)
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.clock.start()
        self.refresh()

    def hideEvent(self, event) -> None:
        self.clock.stop()  # nothing to draw for while another workspace is on screen
        super().hideEvent(event)

    def refresh(self) -> None:
        """Read the live day at the (simulated) now: the log's new entries only, then what runs where."""
        if self.document is None:
            return
        tally = self.counter.tally if self.counter is not None else self.tally
        if tally is None:  # the counter still reads the log: it says when it is done
            return
        at = self.now()
        day = self.document.read_with(lambda s: live_day(s, at, tally, attended_online))
        first = self.day is None or self.day.event != day.event or self.day.hub_rows != day.hub_rows
        self.day = day
        if first:
            self.rulers.show_hubs(day.event, day.hub_rows)
            self._build_panels(len(day.hubs))
        self.title.setText(f"{day.event.name} — {at:%a %d %b %H:%M} UTC"
                           + (" (simulated)" if self.simulated.isChecked() else ""))
        self.rulers.set_now(at)
        for panel, hub in zip(self.panels, day.hubs, strict=True):
            panel.show_hub(hub, day.counts.hub_arrivals_last_hour.get(hub.hub, 0))
        if day.facilitator_missing:
            rows = "<br>".join(f"{s.start_utc:%H:%M} UTC · {escape(s.title)} — {escape(', '.join(s.facilitators))}"
                               for s in day.facilitator_missing)
            self.missing.setText(f"<b style='color:#b42318'>Is the facilitator here?</b> Starting within "
                                 f"{FACILITATOR_WINDOW_TEXT}, no facilitator checked in:<br>{rows}")
        else:
            self.missing.setText("")

    def _build_panels(self, count: int) -> None:
        for panel in self.panels:
            panel.deleteLater()
        self.panels = [HubPanel() for _ in range(count)]
        for k, panel in enumerate(self.panels):
            self.grid.addWidget(panel, k // COLUMNS, k % COLUMNS)
