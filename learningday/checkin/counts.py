"""The one count of a session's (or the event's) seats: registered, waitlisted, here, here without a place, capacity.

Every screen's per-session figures read this one statement: the door rules (``seats``), the station's
cards (``presence.presence_counts``) and the live view's registrations (``session_counts``, cached by the
live tally between ticks). The arrival rule is ``store/arrival.py``'s.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from sqlalchemy.orm import Session

from learningday.checkin.sql import rows
from learningday.store.arrival import current_arrival_sql
from learningday.store.lean import Link


@cache
def _counts_sql(where: str) -> str:
    """Walk-ins take seats too (a person here who holds no registration for the session); the capacity is
    roster.registrations' rule (the session's own, else its venue's). ``s.id`` correlates each count with its
    session row. Built when first asked for, as the arrival rule's SQL is."""
    arrived = current_arrival_sql()
    return (
        "SELECT s.id, (SELECT COUNT(*) FROM registrations WHERE session_id = s.id AND status = 'registered'), "
        "(SELECT COUNT(*) FROM registrations WHERE session_id = s.id AND status = 'waitlisted'), "
        "(SELECT COUNT(DISTINCT c.attendee_id) FROM checkins AS c WHERE c.session_id = s.id AND "
        + arrived + "), "
        "(SELECT COUNT(DISTINCT c.attendee_id) FROM checkins AS c WHERE c.session_id = s.id AND "
        + arrived + " AND NOT EXISTS (SELECT 1 FROM registrations AS r WHERE r.session_id = s.id "
        "AND r.attendee_id = c.attendee_id AND r.status = 'registered')), "
        "COALESCE(s.capacity, v.capacity) FROM sessions AS s LEFT JOIN venues AS v ON v.id = s.venue_id "
        "WHERE " + where
    )


@cache
def _event_sql() -> str:
    """The event as a whole: people registered anywhere, and arrivals at the event (no session)."""
    arrived = current_arrival_sql()
    return (
        "SELECT (SELECT COUNT(DISTINCT attendee_id) FROM registrations WHERE status = 'registered'), "
        "(SELECT COUNT(DISTINCT attendee_id) FROM registrations WHERE status = 'waitlisted'), "
        "(SELECT COUNT(DISTINCT c.attendee_id) FROM checkins AS c WHERE c.session_id IS NULL AND " + arrived + "), "
        "(SELECT COUNT(DISTINCT c.attendee_id) FROM checkins AS c WHERE c.session_id IS NULL AND " + arrived
        + " AND NOT EXISTS (SELECT 1 FROM registrations AS r WHERE r.attendee_id = c.attendee_id "
        "AND r.status = 'registered'))"
    )


@dataclass(frozen=True)
class Seats:
    """Where a session's seats stand. ``capacity`` None: no limit (a virtual channel without one, the event)."""

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

    @property
    def not_yet_here(self) -> int:
        """Registered, not here: everyone here holds a registration but the ``unregistered_here``."""
        return self.registered - (self.here - self.unregistered_here)


def seats(session: Link, session_id: int) -> Seats:
    """The seats of session ``session_id`` (its row id), read in one statement."""
    found = rows(session, _counts_sql("s.id = :sid"), {"sid": session_id})
    return Seats(*found[0][1:]) if found else Seats(0, 0, 0, 0, None)


def session_counts(session: Session, session_ids: Collection[int]) -> dict[int, Seats]:
    """``seats`` of several sessions in the same one statement (the live view's running sessions)."""
    ids = sorted(set(session_ids))
    if not ids:
        return {}
    marks = ", ".join(f":s{i}" for i in range(len(ids)))
    found = rows(session, _counts_sql(f"s.id IN ({marks})"), {f"s{i}": sid for i, sid in enumerate(ids)})
    return {row[0]: Seats(*row[1:]) for row in found}


def event_seats(session: Session) -> Seats:
    """The event as a whole: registered anywhere, and here at the event itself (arrivals without a session)."""
    return Seats(*rows(session, _event_sql(), {})[0], None)
