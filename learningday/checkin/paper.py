"""The paper fallback: who a session's sign-in sheet lists, and the sheet's ticks entered back as check-ins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learningday.checkin.dto import CheckInResult
from learningday.checkin.log import check_in
from learningday.errors import InvalidInput
from learningday.plan.dto import SessionRow
from learningday.plan.sessions import list_sessions
from learningday.roster.dto import AttendeeRow
from learningday.roster.rows import ROW_COLUMNS
from learningday.setup.clock import local_span
from learningday.setup.event import get_event
from learningday.store.folding import fold
from learningday.store.models import Attendee, Hub, Registration, Venue
from learningday.store.models import Session as LearningSession
from learningday.timeutil import to_local

#: blank lines under the list, for people who turn up unregistered
WALK_IN_LINES = 8


@dataclass(frozen=True)
class PaperSheet:
    """What a session's sign-in sheet shows: its heading and the registered people, sorted by name."""

    event: str
    session_uid: str
    title: str
    #: 'Thu 11 Mar 2027 09:00–10:00 Singapore (01:00–02:00 UTC) · Singapore · Marina Room'
    when: str
    facilitators: tuple[str, ...]
    people: tuple[AttendeeRow, ...]
    walk_in_lines: int = WALK_IN_LINES


def _when(session: Session, row: SessionRow) -> str:
    """'Thu 11 Mar 2027 09:00–10:00 Singapore (01:00–02:00 UTC)': the clock of the room's hub (else the first
    target hub), with UTC beside it; a time after a clock change carries its zone mark."""
    room = session.execute(select(Hub.name, Hub.zone).join(Venue, Venue.hub_id == Hub.id)
                           .join(LearningSession, LearningSession.venue_id == Venue.id)
                           .where(LearningSession.id == row.id)).first()
    hub = room or (session.execute(select(Hub.name, Hub.zone).where(Hub.name == row.target_hubs[0])).first()
                   if row.target_hubs else None)
    utc = f"{row.start_utc:%H:%M}–{row.end_utc:%H:%M} UTC"
    if hub is None:
        return f"{row.start_utc:%a %d %b %Y} {utc}"
    name, zone = hub
    day = to_local(row.start_utc, zone)
    local = local_span(row.start_utc, row.end_utc, zone, get_event(session).start_utc)
    return f"{day:%a %d %b %Y} {local} {name} ({utc})"


def paper_sheet(session: Session, session_uid: str) -> PaperSheet:
    """The sign-in sheet of one session (the registered people; the waitlist signs on the walk-in lines)."""
    found = list_sessions(session, {session_uid.strip().lower()})
    if not found:
        raise InvalidInput(f"no session with uid {session_uid!r} in this event")
    row = found[0]
    when = _when(session, row) if row.start_utc and row.end_utc else "not scheduled"
    people = [AttendeeRow(*r) for r in session.execute(
        select(*ROW_COLUMNS).outerjoin(Hub, Hub.id == Attendee.hub_id)
        .join(Registration, Registration.attendee_id == Attendee.id)
        .where(Registration.session_id == row.id, Registration.status == "registered"))]
    people.sort(key=lambda p: (fold(p.name), p.name, p.code))  # accents and case do not move a name
    return PaperSheet(get_event(session).name, row.uid, row.title,
                      f"{when} · {row.venue}" if row.venue else when, row.facilitators, tuple(people))


def enter_ticks(session: Session, session_uid: str, attendee_ids: Iterable[int], *, station: str,
                facilitator_name: str = "", at_utc: datetime | None = None) -> list[CheckInResult]:
    """The people ticked on a session's sheet, checked in through the one check-in, with the method "paper"
    (someone already checked in stays as they were: "already"). One transaction: the caller commits.

    A sheet says who was there, not when it was typed in: without ``at_utc`` the entries are stamped at the
    session's start, so ticks entered after the day are judged by the door rules as of the session itself."""
    ids = list(dict.fromkeys(attendee_ids))
    if not ids:
        raise InvalidInput("no one is ticked: tick the people who signed the sheet")
    when = at_utc
    if when is None:
        when = session.scalar(select(LearningSession.start_utc).where(
            func.lower(LearningSession.uid) == session_uid.strip().lower()))  # a uid in any case, as check_in
        if when is None:
            raise InvalidInput(f"no scheduled session {session_uid!r}: a sheet's ticks belong to a placed session")
    return [check_in(session, code_or_attendee=i, session_uid=session_uid, station=station,
                     facilitator_name=facilitator_name, method="paper", at_utc=when) for i in ids]
