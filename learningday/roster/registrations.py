"""Registrations: places in sessions within capacity, a waitlist promoted oldest first, no double booking."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.store.models import Attendee, Registration, Venue
from learningday.store.models import Session as LearningSession
from learningday.timeutil import utc

ACTIVE = ("registered", "waitlisted")
_CHUNK = 500


@dataclass(frozen=True)
class RegistrationResult:
    """Attendee ids by what happened to them."""

    registered: tuple[int, ...] = ()
    waitlisted: tuple[int, ...] = ()
    #: already registered or waitlisted for this session: left as they were
    unchanged: tuple[int, ...] = ()


def _session(session: Session, session_id: int) -> LearningSession:
    found = session.get(LearningSession, session_id)
    if found is None:
        raise InvalidInput(f"no session with id {session_id}")
    return found


def capacity_of(session: Session, learning_session: LearningSession) -> int | None:
    """The session's own capacity, else its venue's; None is unlimited."""
    if learning_session.capacity is not None:
        return learning_session.capacity
    if learning_session.venue_id is None:
        return None
    return session.scalar(select(Venue.capacity).where(Venue.id == learning_session.venue_id))


def _count(session: Session, session_id: int, status: str) -> int:
    return int(session.scalar(select(func.count()).select_from(Registration).where(
        Registration.session_id == session_id, Registration.status == status)) or 0)


def _overlapping(session: Session, target: LearningSession) -> dict[int, str]:
    """Scheduled sessions (id -> title) whose time overlaps ``target``'s, itself excluded."""
    if target.start_utc is None:
        return {}
    start, end = target.start_utc, target.start_utc + timedelta(minutes=target.duration_minutes)
    rows = session.execute(select(LearningSession.id, LearningSession.title, LearningSession.start_utc,
                                  LearningSession.duration_minutes)
                           .where(LearningSession.start_utc.is_not(None), LearningSession.start_utc < end,
                                  LearningSession.id != target.id))
    return {sid: title for sid, title, s, minutes in rows if s + timedelta(minutes=minutes) > start}


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def register(session: Session, session_id: int, attendee_ids: Iterable[int], *, now: datetime) -> RegistrationResult:
    """Register attendees to a session: a place while there is room, else the waitlist.

    All or nothing: an attendee already registered (or waitlisted) for an overlapping session
    refuses the whole call with InvalidInput naming both sessions.
    """
    now = utc(now)
    target = _session(session, session_id)
    ids = list(dict.fromkeys(attendee_ids))
    known: set[int] = set()
    for chunk in _chunks(ids):
        known.update(session.scalars(select(Attendee.id).where(Attendee.id.in_(chunk))))
    missing = [i for i in ids if i not in known]
    if missing:
        raise InvalidInput(f"no attendee with id {missing[0]}" + (f" (and {len(missing) - 1} more)" if missing[1:] else ""))
    clashes = _overlapping(session, target)
    existing: dict[int, Registration] = {}
    for chunk in _chunks(ids):
        for reg in session.scalars(select(Registration).where(Registration.attendee_id.in_(chunk),
                                                              Registration.session_id == session_id)):
            existing[reg.attendee_id] = reg
        if clashes:
            row = session.execute(
                select(Attendee.name, Registration.session_id)
                .join(Registration, Registration.attendee_id == Attendee.id)
                .where(Registration.attendee_id.in_(chunk), Registration.session_id.in_(list(clashes)),
                       Registration.status.in_(ACTIVE))
                .order_by(Attendee.name).limit(1)
            ).first()
            if row is not None:
                raise InvalidInput(f"{row.name} is already registered for '{clashes[row.session_id]}', which "
                                   f"overlaps '{target.title}'; nobody was registered")
    capacity = capacity_of(session, target)
    taken = _count(session, session_id, "registered")
    placed, waiting, unchanged = [], [], []
    for attendee_id in ids:
        reg = existing.get(attendee_id)
        if reg is not None and reg.status in ACTIVE:
            unchanged.append(attendee_id)
            continue
        status = "registered" if capacity is None or taken < capacity else "waitlisted"
        taken += status == "registered"
        (placed if status == "registered" else waiting).append(attendee_id)
        if reg is None:
            session.add(Registration(attendee_id=attendee_id, session_id=session_id, status=status, created_utc=now))
        else:  # a cancelled place taken again: to the back of the queue
            reg.status, reg.created_utc = status, now
    session.flush()
    return RegistrationResult(tuple(placed), tuple(waiting), tuple(unchanged))


def find_session(session: Session, text: str) -> int:
    """The session a person means by its uid or its title (any case); a title two sessions share is refused."""
    wanted = text.strip()
    found = session.scalar(select(LearningSession.id).where(LearningSession.uid == wanted.lower()))
    if found is not None:
        return found
    folded = wanted.casefold()
    ids = [sid for sid, title in session.execute(select(LearningSession.id, LearningSession.title))
           if title.strip().casefold() == folded]
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise InvalidInput(f"several sessions are called {wanted!r}: give the session's uid (learningday agenda --json)")
    raise InvalidInput(f"no session has the uid or title {wanted!r}")


def promote_waitlist(session: Session, session_id: int) -> tuple[int, ...]:
    """Give free places to the waitlist, oldest first; returns the promoted attendee ids."""
    target = _session(session, session_id)
    capacity = capacity_of(session, target)
    free = None if capacity is None else capacity - _count(session, session_id, "registered")
    if free is not None and free <= 0:
        return ()
    stmt = (select(Registration).where(Registration.session_id == session_id, Registration.status == "waitlisted")
            .order_by(Registration.created_utc, Registration.id))
    if free is not None:
        stmt = stmt.limit(free)
    promoted = []
    for reg in session.scalars(stmt):
        reg.status = "registered"
        promoted.append(reg.attendee_id)
    session.flush()
    return tuple(promoted)


def cancel(session: Session, session_id: int, attendee_id: int) -> tuple[int, ...]:
    """Cancel an attendee's place or waitlist entry; the freed place goes to the waitlist at once."""
    reg = session.scalars(select(Registration).where(Registration.session_id == session_id,
                                                     Registration.attendee_id == attendee_id)).first()
    if reg is None or reg.status == "cancelled":
        title = _session(session, session_id).title
        raise InvalidInput(f"attendee {attendee_id} is not registered for '{title}'")
    reg.status = "cancelled"
    session.flush()
    return promote_waitlist(session, session_id)


def registration_status(session: Session, session_id: int) -> dict[str, list[int]]:
    """Attendee ids by status, the waitlist in promotion order."""
    result: dict[str, list[int]] = {"registered": [], "waitlisted": [], "cancelled": []}
    for attendee_id, status in session.execute(
            select(Registration.attendee_id, Registration.status).where(Registration.session_id == session_id)
            .order_by(Registration.created_utc, Registration.id)):
        result[status].append(attendee_id)
    return result
