"""Check-in state derived from the append-only log (an undo reverses an entry by uid)."""

from __future__ import annotations

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from .models import CheckIn

ARRIVALS = ("check_in", "walk_in")


def _current_arrivals():
    """Arrival entries that no undo entry reverses."""
    undo = aliased(CheckIn)
    return and_(
        CheckIn.kind.in_(ARRIVALS),
        ~exists().where(undo.kind == "undo", undo.reverses_uid == CheckIn.uid),
    )


def count_log_entries(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(CheckIn)) or 0)


def count_current(session: Session) -> int:
    """Attendances now recorded: one per (attendee, session), undone entries left out."""
    pairs = select(CheckIn.attendee_id, CheckIn.session_id).where(_current_arrivals()).distinct().subquery()
    return int(session.scalar(select(func.count()).select_from(pairs)) or 0)


def count_attendees_present(session: Session) -> int:
    """People who checked in to at least one session or to the event."""
    return int(session.scalar(select(func.count(func.distinct(CheckIn.attendee_id))).where(_current_arrivals())) or 0)


def checked_in_by_session(session: Session) -> dict[int | None, int]:
    """Session id (None: the event as a whole) -> attendees checked in."""
    rows = session.execute(
        select(CheckIn.session_id, func.count(func.distinct(CheckIn.attendee_id)))
        .where(_current_arrivals())
        .group_by(CheckIn.session_id)
    )
    return {session_id: int(n) for session_id, n in rows}


def walk_ins_by_session(session: Session) -> dict[int | None, int]:
    rows = session.execute(
        select(CheckIn.session_id, func.count(func.distinct(CheckIn.attendee_id)))
        .where(_current_arrivals(), CheckIn.kind == "walk_in")
        .group_by(CheckIn.session_id)
    )
    return {session_id: int(n) for session_id, n in rows}
