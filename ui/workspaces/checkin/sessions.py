"""The station's session picker: "Now" and "Next" first for the station's hub, times in its local time with UTC
beside, filtered by hub and venue; the hub is chosen once and remembered."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtWidgets import QComboBox

from learningday.plan.dto import SessionRow
from learningday.setup.clock import local_text
from learningday.setup.dto import EventSummary
from ui import settings
from ui.widgets import refill

ANY = "Any"


def session_label(s: SessionRow, zone: str, day_start: datetime, tag: str = "") -> str:
    """'Now · 19:00 Sydney (08:00 UTC) · Title · Room' in the station hub's local time."""
    if s.start_utc is None:
        when = "unscheduled"
    else:
        place = zone.rsplit("/", 1)[-1].replace("_", " ")
        when = f"{local_text(s.start_utc, zone, day_start, '%a %H:%M')} {place} ({s.start_utc:%H:%M} UTC)"
    return " · ".join(p for p in (tag, when, s.title, s.venue) if p)


class SessionPicker:
    """Fills the station's session box; its hub and venue boxes filter it."""

    def __init__(self, session_box: QComboBox) -> None:
        self.session_box = session_box
        self.hub_box = QComboBox()
        self.hub_box.setObjectName("stationHub")
        self.venue_box = QComboBox()
        self.venue_box.setObjectName("stationVenue")
        for box in (self.hub_box, self.venue_box):  # the top bar must still fit a narrow window
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
        self.summary: EventSummary | None = None
        self.sessions: list[SessionRow] = []
        self.hub_box.activated.connect(self._on_hub_box_activated)
        self.venue_box.activated.connect(lambda _i: self.fill())

    @property
    def hub(self) -> str | None:
        return self.hub_box.currentData()

    def zone(self) -> str:
        """The station hub's IANA zone (UTC without a hub): the clock the station shows times in."""
        hub = next((h for h in self.summary.hubs if h.name == self.hub), None) if self.summary else None
        return hub.zone if hub is not None else "UTC"

    def show_event(self, summary: EventSummary, sessions: list[SessionRow]) -> None:
        self.summary, self.sessions = summary, sessions
        remembered = str(settings.settings().value("station/hub", "") or "")
        refill(self.hub_box, [(h.name, h.name) for h in summary.hubs] or [("UTC", None)])
        self.hub_box.setCurrentIndex(max(0, self.hub_box.findData(remembered)))
        refill(self.venue_box, [(ANY, None), *((v, v) for v in sorted({s.venue for s in sessions if s.venue}))])
        self.fill()

    def _on_hub_box_activated(self, _index: int) -> None:
        settings.settings().setValue("station/hub", self.hub or "")
        self.fill()

    def fill(self, now: datetime | None = None) -> None:
        """Whole event, then the session running now and the next to start, then the rest by start."""
        if self.summary is None:
            return
        now = now or datetime.now(timezone.utc)
        zone, day = self.zone(), self.summary.event.start_utc
        venue = self.venue_box.currentData()
        shown = [s for s in self.sessions if venue is None or s.venue == venue]
        timed = sorted((s for s in shown if s.start_utc is not None), key=lambda s: s.start_utc)
        running = [s for s in timed if s.start_utc <= now < s.start_utc + timedelta(minutes=s.duration_minutes)]
        upcoming = [s for s in timed if s.start_utc > now][:1]
        first = [(session_label(s, zone, day, "Now"), s.uid) for s in running]
        first += [(session_label(s, zone, day, "Next"), s.uid) for s in upcoming]
        picked = {uid for _, uid in first}
        rest = [(session_label(s, zone, day), s.uid) for s in timed + [s for s in shown if s.start_utc is None]
                if s.uid not in picked]
        refill(self.session_box, [("Whole event", None), *first, *rest])  # keeps the chosen session
