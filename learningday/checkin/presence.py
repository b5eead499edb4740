"""Who is here: counts and lists derived from the check-in log for a session or the event."""

from __future__ import annotations

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session, aliased

from learningday.checkin.counts import event_seats, seats
from learningday.checkin.dto import LogEntryRow, PresenceCounts
from learningday.errors import InvalidInput
from learningday.roster.dto import AttendeeRow
from learningday.roster.rows import ROW_COLUMNS
from learningday.store.arrival import current_arrivals
from learningday.store.models import Attendee, CheckIn, Hub, Registration, Station
from learningday.store.models import Session as LearningSession


def _session_id(session: Session, session_uid: str | None) -> int | None:
    """The row id of ``session_uid``; None for the event as a whole."""
    if session_uid is None:
        return None
    found = session.scalar(select(LearningSession.id).where(LearningSession.uid == session_uid))
    if found is None:
        raise InvalidInput(f"no session with uid {session_uid!r} in this event")
    return found


def _here(session_id: int | None):  # noqa: ANN202 - an SQL expression
    where = CheckIn.session_id.is_(None) if session_id is None else CheckIn.session_id == session_id
    return and_(where, current_arrivals())


def _registered(session_id: int | None):  # noqa: ANN202
    reg = Registration.status == "registered"
    return and_(reg, Registration.session_id == session_id) if session_id is not None else reg


def presence_counts(session: Session, session_uid: str | None = None) -> PresenceCounts:
    """Checked in / registered / capacity / walk-ins / not yet here, for one session or the event: the seats
    count the door rules judge by (``counts.py``), so the station's cards and the door never disagree.
    Walk-ins are the people here without a registration (for the session; for the event, for any session)."""
    session_id = _session_id(session, session_uid)
    found = event_seats(session) if session_id is None else seats(session, session_id)
    return PresenceCounts(found.here, found.registered, found.capacity, found.unregistered_here, found.not_yet_here)


def _people(session: Session, where, *, offset: int, limit: int) -> list[AttendeeRow]:  # noqa: ANN001
    stmt = (select(*ROW_COLUMNS).outerjoin(Hub, Hub.id == Attendee.hub_id).where(where)
            .order_by(Attendee.name, Attendee.id).offset(offset).limit(limit))
    return [AttendeeRow(*r) for r in session.execute(stmt)]


def checked_in_people(session: Session, session_uid: str | None = None, *, offset: int = 0,
                      limit: int = 500) -> list[AttendeeRow]:
    session_id = _session_id(session, session_uid)
    return _people(session, Attendee.id.in_(select(CheckIn.attendee_id).where(_here(session_id))),
                   offset=offset, limit=limit)


def walk_in_people(session: Session, session_uid: str | None = None, *, offset: int = 0,
                   limit: int = 500) -> list[AttendeeRow]:
    session_id = _session_id(session, session_uid)
    arrived = select(CheckIn.attendee_id).where(_here(session_id))
    return _people(session, and_(Attendee.id.in_(arrived),
                                 Attendee.id.not_in(select(Registration.attendee_id).where(_registered(session_id)))),
                   offset=offset, limit=limit)


def not_yet_here(session: Session, session_uid: str | None = None, *, offset: int = 0,
                 limit: int = 500) -> list[AttendeeRow]:
    """Registered (for the session, or for any session of the event) but not checked in there."""
    session_id = _session_id(session, session_uid)
    registered = select(Registration.attendee_id).where(_registered(session_id))
    arrived = select(CheckIn.attendee_id).where(_here(session_id))
    return _people(session, and_(Attendee.id.in_(registered), Attendee.id.not_in(arrived)),
                   offset=offset, limit=limit)


def recent_entries(session: Session, *, station: str | None = None, session_uid: str | None = None,
                   limit: int = 10) -> list[LogEntryRow]:
    """The newest log entries (a station's 'last check-ins' list, each with its Undo)."""
    undo = aliased(CheckIn)
    stmt = (
        select(CheckIn.uid, CheckIn.kind, CheckIn.attendee_id, Attendee.name, Attendee.code, LearningSession.uid,
               LearningSession.title, CheckIn.at_utc, Station.name, CheckIn.facilitator_name, CheckIn.method,
               exists().where(undo.kind == "undo", undo.reverses_uid == CheckIn.uid))
        .join(Attendee, Attendee.id == CheckIn.attendee_id)
        .outerjoin(LearningSession, LearningSession.id == CheckIn.session_id)
        .outerjoin(Station, Station.id == CheckIn.station_id)
        .order_by(CheckIn.id.desc())
        .limit(limit)
    )
    if station is not None:
        stmt = stmt.where(Station.name == station)
    if session_uid is not None:
        session_id = _session_id(session, session_uid)
        stmt = stmt.where(CheckIn.session_id == session_id)
    return [LogEntryRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7], r[8] or "", r[9], r[10], bool(r[11]))
            for r in session.execute(stmt)]
