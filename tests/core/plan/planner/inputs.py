"""Planner inputs built by hand, without an event file (plain functions the planner tests import)."""

from __future__ import annotations

from datetime import datetime, timedelta

from learningday.plan.plandata import PlanRules
from learningday.plan.planner.model import FacilitatorIn, PlanInputs, SessionIn, VenueIn
from learningday.setup.dto import HubDTO


def hub(hid: int, name: str, zone: str, start: int = 9 * 60, end: int = 17 * 60) -> HubDTO:
    return HubDTO(hid, name, zone, start, end)


def person(fid: int, name: str, zone: str, *windows: tuple[int, int]) -> FacilitatorIn:
    return FacilitatorIn(fid, name, zone, tuple(windows))


def session(sid: int, level: int, minutes: int, people: tuple[int, ...], hubs: tuple[int, ...], *,
            venue: int | None = None, start: datetime | None = None, pinned: bool = False,
            preferred: datetime | None = None, seats: int = 0) -> SessionIn:
    return SessionIn(sid, f"uid-{sid}", f"Session {sid}", level, minutes, start, venue, people, hubs, seats, pinned,
                     preferred)


def inputs(start: datetime, hours: int, hubs, people, sessions, *, venues=(), grid: int = 15, levels=(1, 2, 3, 4, 5),
           minimum: int = 1) -> PlanInputs:
    return PlanInputs(start, start + timedelta(hours=hours), grid, tuple(levels), tuple(hubs), tuple(venues),
                      tuple(people), tuple(sessions), PlanRules(coverage_minimum=minimum))


def channel(vid: int, name: str = "") -> VenueIn:
    return VenueIn(vid, name or f"Channel {vid}", "virtual", None, None)
