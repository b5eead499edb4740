"""The drag help as data: where a dragged session may start, when its people cannot teach, its hubs' working hours.

The planner's ``allowed_starts`` gives UTC bands; ``DragBands`` holds them in minutes from the event
start, as the timeline lays out its lanes, plus the time readout shown beside the ghost. Nothing here
paints (``band_paint`` does): the tests assert on this model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from learningday.plan.planner import Bands
from learningday.setup.clock import local_span
from learningday.setup.dto import HubDTO
from learningday.timeutil import to_local

Span = tuple[int, int]


@dataclass(frozen=True)
class DragBands:
    """One session's bands in event minutes, each ``[start, end)``. ``allowed`` / ``preferred`` are
    *start* minutes (preferred: the start puts it inside a target hub's working hours);
    ``unavailable``: (facilitator, "night" | "unavailable", start, end); ``working``: (hub, start, end)."""

    uid: str
    minutes: int
    allowed: tuple[Span, ...]
    preferred: tuple[Span, ...]
    unavailable: tuple[tuple[str, str, int, int], ...]
    working: tuple[tuple[str, int, int], ...]
    #: the session's first target hub: the readout shows its clock too
    hub: HubDTO | None = None

    def allows(self, minute: int) -> bool:
        return any(lo <= minute < hi for lo, hi in self.allowed)

    def prefers(self, minute: int) -> bool:
        return any(lo <= minute < hi for lo, hi in self.preferred)

    def verdict(self, minute: int) -> str:
        """What a start at ``minute`` means, in words, for the readout."""
        if self.prefers(minute):
            hubs = sorted({hub for hub, lo, hi in self.working if lo <= minute and minute + self.minutes <= hi})
            return f"✓ in the working hours of {' and '.join(hubs)}"
        if self.allows(minute):
            return "✓ allowed, outside its hubs' working hours"
        clash = next((f"{name}: {kind}" for name, kind, lo, hi in self.unavailable
                      if lo < minute + self.minutes and minute < hi), "outside the event")
        return f"✗ not allowed: {clash}"


def _minute(start: datetime, instant: datetime) -> int:
    return int((instant - start).total_seconds() // 60)


def drag_bands(bands: Bands, event_start: datetime, hub: HubDTO | None) -> DragBands:
    """``bands`` (UTC, from the planner) in minutes from ``event_start``."""
    def span(lo: datetime, hi: datetime) -> Span:
        return _minute(event_start, lo), _minute(event_start, hi)

    return DragBands(
        bands.uid, bands.minutes,
        tuple(span(lo, hi) for lo, hi in bands.allowed),
        tuple(span(lo, hi) for lo, hi in bands.preferred),
        tuple((name, kind, *span(lo, hi)) for name, kind, lo, hi in bands.unavailable),
        tuple((name, *span(lo, hi)) for name, lo, hi in bands.working),
        hub,
    )


def time_readout(start: datetime, minutes: int, hub: HubDTO | None, day_start: datetime) -> str:
    """'22:15–23:15 UTC · Tokyo Thu 11 07:15–08:15'; the hub's times carry their zone mark when its
    clock has changed since ``day_start`` (the event's start: clock.local_span's one rule)."""
    end = start + timedelta(minutes=minutes)
    text = f"{start:%H:%M}–{end:%H:%M} UTC"
    if hub is None:
        return text
    lo = to_local(start, hub.zone)
    return f"{text} · {hub.name} {lo:%a} {lo.day} {local_span(start, end, hub.zone, day_start)}"
