"""The agenda: sessions with their venue, facilitators, audience and live counts."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import checkin
from .dto import SessionRow
from .models import Facilitator, Hub, Registration, Venue, session_facilitators, session_hubs
from .models import Session as LearningSession


def _names_by_session(session: Session, link, model) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    for session_id, name in session.execute(
        select(link.c.session_id, model.name).join(model, model.id == list(link.c)[1]).order_by(model.name)
    ):
        names[session_id].append(name)
    return names


def list_sessions(session: Session) -> list[SessionRow]:
    """Every session, scheduled ones by start time, then the unscheduled drafts by title."""
    counts: dict[tuple[int, str], int] = {
        (sid, status): int(n)
        for sid, status, n in session.execute(
            select(Registration.session_id, Registration.status, func.count()).group_by(
                Registration.session_id, Registration.status
            )
        )
    }
    present = checkin.checked_in_by_session(session)
    facilitators = _names_by_session(session, session_facilitators, Facilitator)
    hubs = _names_by_session(session, session_hubs, Hub)
    rows = session.execute(
        select(LearningSession, Venue.name, Venue.kind, Venue.capacity)
        .outerjoin(Venue, Venue.id == LearningSession.venue_id)
        .order_by(LearningSession.start_utc.is_(None), LearningSession.start_utc, LearningSession.title)
    )
    result = []
    for s, venue, kind, venue_capacity in rows:
        result.append(
            SessionRow(
                id=s.id,
                uid=s.uid,
                title=s.title,
                level_id=s.level_id,
                start_utc=s.start_utc,
                end_utc=s.start_utc + timedelta(minutes=s.duration_minutes) if s.start_utc else None,
                duration_minutes=s.duration_minutes,
                venue=venue or "",
                venue_kind=kind or "",
                capacity=s.capacity or venue_capacity,
                facilitators=tuple(facilitators.get(s.id, ())),
                target_hubs=tuple(hubs.get(s.id, ())),
                topics=tuple(s.topics or ()),
                registered=counts.get((s.id, "registered"), 0),
                waitlisted=counts.get((s.id, "waitlisted"), 0),
                checked_in=present.get(s.id, 0),
            )
        )
    return result
