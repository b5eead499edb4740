"""The plain data the planner's checks run over, read from the event file in one pass."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learningday.setup.clock import NIGHT_END_MIN, NIGHT_START_MIN
from learningday.setup.dto import HubDTO
from learningday.setup.event import get_event, list_hubs
from learningday.store.models import Facilitator, Level, Registration, Venue, session_facilitators, session_hubs
from learningday.store.models import Session as LearningSession

#: local night for facilitators, minutes after midnight: 22:00 to 07:00
DEFAULT_NIGHT = (NIGHT_START_MIN, NIGHT_END_MIN)


@dataclass(frozen=True)
class PlanRules:
    """What the organiser can tune: the facilitators' night and the coverage minimum per cell."""

    night_start_min: int = DEFAULT_NIGHT[0]
    night_end_min: int = DEFAULT_NIGHT[1]
    coverage_minimum: int = 1


@dataclass(frozen=True)
class SessionSnap:
    """A scheduled session (drafts are left out): ``[start, end)`` in UTC."""

    id: int
    uid: str
    title: str
    level_id: int
    start: datetime
    end: datetime
    venue_id: int | None
    facilitator_ids: tuple[int, ...]
    #: empty: open to every hub
    hub_ids: tuple[int, ...]
    registered: int = 0


@dataclass(frozen=True)
class VenueSnap:
    id: int
    name: str
    capacity: int | None


@dataclass(frozen=True)
class FacilitatorSnap:
    id: int
    name: str
    zone: str
    #: ((start_min, end_min), ...) local minutes on every local date; empty: not stated
    availability: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class PlanSnapshot:
    start: datetime
    end: datetime
    level_ids: tuple[int, ...]
    hubs: tuple[HubDTO, ...]
    venues: tuple[VenueSnap, ...]
    facilitators: tuple[FacilitatorSnap, ...]
    sessions: tuple[SessionSnap, ...]


def _links(session: Session, link) -> dict[int, tuple[int, ...]]:
    found: dict[int, list[int]] = defaultdict(list)
    session_col, other_col = list(link.c)
    for sid, other in session.execute(select(session_col, other_col).order_by(session_col, other_col)):
        found[sid].append(other)
    return {sid: tuple(ids) for sid, ids in found.items()}


def load_plan(session: Session) -> PlanSnapshot:
    """Everything conflicts and coverage need, as frozen plain data (a handful of queries)."""
    event = get_event(session)
    registered = dict(session.execute(
        select(Registration.session_id, func.count())
        .where(Registration.status == "registered").group_by(Registration.session_id)
    ).all())
    facilitators = _links(session, session_facilitators)
    hubs = _links(session, session_hubs)
    sessions = tuple(
        SessionSnap(sid, uid, title, level, start, start + timedelta(minutes=minutes), venue,
                    facilitators.get(sid, ()), hubs.get(sid, ()), int(registered.get(sid, 0)))
        for sid, uid, title, level, start, minutes, venue in session.execute(
            select(LearningSession.id, LearningSession.uid, LearningSession.title, LearningSession.level_id,
                   LearningSession.start_utc, LearningSession.duration_minutes, LearningSession.venue_id)
            .where(LearningSession.start_utc.is_not(None)).order_by(LearningSession.start_utc, LearningSession.id)
        )
    )
    return PlanSnapshot(
        start=event.start_utc,
        end=event.end_utc,
        level_ids=tuple(session.scalars(select(Level.id).order_by(Level.id))),
        hubs=list_hubs(session),
        venues=tuple(VenueSnap(*row) for row in session.execute(
            select(Venue.id, Venue.name, Venue.capacity).order_by(Venue.id))),
        facilitators=tuple(
            FacilitatorSnap(fid, name, zone_name, tuple((int(a), int(b)) for a, b in (availability or ())))
            for fid, name, zone_name, availability in session.execute(
                select(Facilitator.id, Facilitator.name, Facilitator.zone, Facilitator.availability)
                .order_by(Facilitator.id))
        ),
        sessions=sessions,
    )
