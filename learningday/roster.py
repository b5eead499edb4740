"""The roster: attendees, counted and paged in SQL so 100k people stay fast."""

from __future__ import annotations

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from .dto import AttendeeQuery, AttendeeRow
from .models import Attendee, Hub


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(stmt: Select, query: AttendeeQuery) -> Select:
    text = query.text.strip()
    if text:
        prefix = _escape_like(text) + "%"
        stmt = stmt.where(
            or_(
                Attendee.name.ilike(prefix, escape="\\"),
                Attendee.email.ilike(prefix, escape="\\"),
                Attendee.employee_id.ilike(prefix, escape="\\"),
                Attendee.code == text.upper(),
            )
        )
    if query.hub_id is not None:
        stmt = stmt.where(Attendee.hub_id == query.hub_id)
    if query.level_id is not None:
        stmt = stmt.where(Attendee.level_id == query.level_id)
    return stmt


def count_attendees(session: Session, query: AttendeeQuery = AttendeeQuery()) -> int:
    return int(session.scalar(_filtered(select(func.count()).select_from(Attendee), query)) or 0)


def attendee_page(
    session: Session, query: AttendeeQuery = AttendeeQuery(), *, offset: int = 0, limit: int = 500
) -> list[AttendeeRow]:
    """One page of attendees by name; only the shown columns are loaded."""
    stmt = _filtered(
        select(
            Attendee.id, Attendee.uid, Attendee.code, Attendee.name, Attendee.email, Attendee.employee_id,
            Attendee.department, Attendee.role, Hub.name, Attendee.level_id,
        ).outerjoin(Hub, Hub.id == Attendee.hub_id),
        query,
    )
    stmt = stmt.order_by(Attendee.name, Attendee.id).offset(offset).limit(limit)
    return [AttendeeRow(*row[:8], hub=row[8] or "", level_id=row[9]) for row in session.execute(stmt)]
