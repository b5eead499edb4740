"""A session's seats in one query: registered, waitlisted, who is here, walk-ins, and its capacity."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy.orm import Session

from learningday.checkin.sql import rows
from learningday.store.arrival import current_arrival_sql


@cache
def _seats_sql() -> str:
    """Walk-ins take seats too (a person here who holds no registration for the session); the capacity is
    roster.registrations' rule (the session's own, else its venue's). Built when first asked for, as the
    arrival rule's SQL is."""
    arrived = current_arrival_sql()
    return (
        "SELECT (SELECT COUNT(*) FROM registrations WHERE session_id = :sid AND status = 'registered'), "
        "(SELECT COUNT(*) FROM registrations WHERE session_id = :sid AND status = 'waitlisted'), "
        "(SELECT COUNT(DISTINCT c.attendee_id) FROM checkins AS c WHERE c.session_id = :sid AND "
        + arrived + "), "
        "(SELECT COUNT(DISTINCT c.attendee_id) FROM checkins AS c WHERE c.session_id = :sid AND "
        + arrived + " AND NOT EXISTS (SELECT 1 FROM registrations AS r WHERE r.session_id = :sid "
        "AND r.attendee_id = c.attendee_id AND r.status = 'registered')), "
        "COALESCE(s.capacity, v.capacity) FROM sessions AS s LEFT JOIN venues AS v ON v.id = s.venue_id "
        "WHERE s.id = :sid"
    )


@dataclass(frozen=True)
class Seats:
    """Where a session's seats stand. ``capacity`` None: no limit (a virtual channel without one)."""

    registered: int
    waitlisted: int
    here: int
    #: people here without a registration for the session (walk-ins, admitted at an open door)
    unregistered_here: int
    capacity: int | None

    @property
    def taken(self) -> int:
        return self.registered + self.unregistered_here

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.taken)

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity


def seats(session: Session, session_id: int) -> Seats:
    """The seats of session ``session_id`` (its row id), read in one statement."""
    found = rows(session, _seats_sql(), {"sid": session_id})
    if not found:
        return Seats(0, 0, 0, 0, None)
    return Seats(*found[0])
