"""What the planner reads from the event: plain, frozen inputs on a UTC slot grid (no solver here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.plan.plandata import PlanRules, _links  # the one link reader
from learningday.setup.dto import HubDTO
from learningday.setup.event import get_event, list_hubs
from learningday.store.models import (
    Facilitator,
    Level,
    Registration,
    Venue,
    session_facilitators,
    session_hubs,
)
from learningday.store.models import Session as LearningSession

GRIDS = (5, 10, 15, 30)


@dataclass(frozen=True)
class PlanOptions:
    """How to plan. ``pinned``: session uids that stay where they are (besides those stored as pinned);
    ``only``: plan just these uids, every other session is pinned ("Place it" passes one uid)."""

    grid_minutes: int = 15
    min_per_cell: int = 1
    time_limit: float = 10.0
    keep_times: bool = True
    pinned: frozenset[str] = frozenset()
    only: frozenset[str] | None = None
    seed: int = 0
    changeover_minutes: int = 0
    #: stop once the plan is proven within this share of the best (0.0001: 0.01 %)
    gap: float = 1e-4
    #: "auto" (HiGHS, the greedy plan when HiGHS finds nothing in time), "highs" or "greedy"
    solver: str = "auto"

    def problems(self) -> list[str]:
        found = []
        if self.grid_minutes not in GRIDS:
            found.append(f"the grid must be one of {', '.join(map(str, GRIDS))} minutes, not {self.grid_minutes}")
        if self.min_per_cell < 0:
            found.append(f"the minimum per cell cannot be negative ({self.min_per_cell})")
        if not self.time_limit > 0:
            found.append(f"the time limit must be a positive number of seconds, not {self.time_limit}")
        if not 0 <= self.changeover_minutes <= 240:
            found.append(f"the changeover must be 0 to 240 minutes, not {self.changeover_minutes}")
        if not 0 <= self.gap < 1:
            found.append(f"the gap to stop at is a share from 0 to 1, not {self.gap}")
        if self.solver not in ("auto", "highs", "greedy"):
            found.append(f"the solver is auto, highs or greedy, not {self.solver!r}")
        return found

    def check(self) -> None:
        problems = self.problems()
        if problems:
            raise InvalidInput("; ".join(problems))


@dataclass(frozen=True)
class VenueIn:
    id: int
    name: str
    kind: str
    #: None: any number of seats (a virtual channel, a room without a stated size)
    capacity: int | None
    hub_id: int | None


@dataclass(frozen=True)
class FacilitatorIn:
    id: int
    name: str
    zone: str
    #: ((start_min, end_min), ...) local minutes on every local date; empty: not stated (always available)
    availability: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SessionIn:
    id: int
    uid: str
    title: str
    level_id: int
    minutes: int
    #: where it is now (None: an unscheduled draft)
    start: datetime | None
    venue_id: int | None
    facilitator_ids: tuple[int, ...]
    #: empty: open to every hub
    hub_ids: tuple[int, ...]
    #: seats a room must have: its registrations, or its stated capacity when that is larger
    seats: int
    pinned: bool
    preferred: datetime | None = None

    @property
    def end(self) -> datetime | None:
        return None if self.start is None else self.start + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class PlanInputs:
    """The event as the planner sees it; ``slot(k)`` is the k-th start on the grid from the event start."""

    start: datetime
    end: datetime
    grid_minutes: int
    level_ids: tuple[int, ...]
    hubs: tuple[HubDTO, ...]
    venues: tuple[VenueIn, ...]
    facilitators: tuple[FacilitatorIn, ...]
    sessions: tuple[SessionIn, ...]
    rules: PlanRules = field(default_factory=PlanRules)

    @property
    def slots(self) -> int:
        return int((self.end - self.start).total_seconds() // 60) // self.grid_minutes

    def slot(self, k: int) -> datetime:
        return self.start + timedelta(minutes=k * self.grid_minutes)

    def slot_of(self, instant: datetime) -> float:
        """``instant`` in slots from the event start (not necessarily whole)."""
        return (instant - self.start).total_seconds() / 60 / self.grid_minutes

    def session(self, uid: str) -> SessionIn:
        for s in self.sessions:
            if s.uid == uid:
                return s
        raise InvalidInput(f"no session with id {uid!r} in this event")


def load_inputs(db: Session, grid_minutes: int = 15, rules: PlanRules | None = None) -> PlanInputs:
    """Everything the planner needs from the event file, in a handful of queries."""
    event = get_event(db)
    registered = dict(db.execute(
        select(Registration.session_id, func.count())
        .where(Registration.status == "registered").group_by(Registration.session_id)).all())
    people, hubs = _links(db, session_facilitators), _links(db, session_hubs)
    sessions = tuple(
        SessionIn(sid, uid, title, level, minutes, start, venue, people.get(sid, ()), hubs.get(sid, ()),
                  max(int(registered.get(sid, 0)), capacity or 0), bool(pinned), preferred)
        for sid, uid, title, level, minutes, start, venue, capacity, pinned, preferred in db.execute(
            select(LearningSession.id, LearningSession.uid, LearningSession.title, LearningSession.level_id,
                   LearningSession.duration_minutes, LearningSession.start_utc, LearningSession.venue_id,
                   LearningSession.capacity, LearningSession.pinned, LearningSession.preferred_start_utc)
            .order_by(LearningSession.id)))
    return PlanInputs(
        start=event.start_utc, end=event.end_utc, grid_minutes=grid_minutes,
        level_ids=tuple(db.scalars(select(Level.id).order_by(Level.id))),
        hubs=list_hubs(db),
        venues=tuple(VenueIn(*row) for row in db.execute(
            select(Venue.id, Venue.name, Venue.kind, Venue.capacity, Venue.hub_id).order_by(Venue.id))),
        facilitators=tuple(
            FacilitatorIn(fid, name, zone_name, tuple((int(a), int(b)) for a, b in (availability or ())))
            for fid, name, zone_name, availability in db.execute(
                select(Facilitator.id, Facilitator.name, Facilitator.zone, Facilitator.availability)
                .order_by(Facilitator.id))),
        sessions=sessions,
        rules=rules or PlanRules(),
    )
