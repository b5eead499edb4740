"""Door rules: a check-in into a session is judged (registration, seats, time, the event's days) before it is written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from learningday.checkin.counts import Seats, seats
from learningday.checkin.dto import HELD
from learningday.checkin.sql import hold, instant, rows
from learningday.errors import InvalidInput
from learningday.setup.clock import local_date, local_span, local_text
from learningday.setup.services import DEFAULT_POLICY
from learningday.spreadsheet.text import checked_text
from learningday.store.lean import Link

GRACE = timedelta(minutes=30)
MAX_REASON = 300
#: what admits a held person: nothing more, an override with a reason, that and "admit over capacity", or nothing
NEEDS = ("", "override", "over_capacity", "refused")


@dataclass(frozen=True)
class Door:
    """What the door knows about one person at one session."""

    policy: str
    event_start: datetime
    event_end: datetime
    session_start: datetime | None
    session_end: datetime | None
    #: the zone local times are shown in, and its name for people ('Sydney', or 'UTC')
    zone: str
    place: str
    #: 'registered' | 'waitlisted' | 'cancelled' | None
    registration: str | None
    waitlist_position: int | None
    seats: Seats | None


@dataclass(frozen=True)
class Verdict:
    """The door's judgement: admitted or held (``status`` says why), the warnings in words, what would admit."""

    status: str
    admitted: bool
    needs: str
    warnings: tuple[str, ...] = ()
    #: a check-in before the event's days (written, when admitted, with the rehearsal mark)
    rehearsal: bool = False
    #: an override admitted it: the registration it writes ('promote' a waitlisted place, 'register' a new one)
    overridden: bool = False
    registration_change: str = ""


def checked_reason(reason: str | None) -> str | None:
    """An override's reason, tidied; None when there is none. Checked before anything is written."""
    if reason is None:
        return None
    clean = " ".join(checked_text(reason, "override reason").split())
    if not clean:
        raise InvalidInput("an override needs a reason (e.g. 'speaker's guest')")
    if len(clean) > MAX_REASON:
        raise InvalidInput(f"an override reason is at most {MAX_REASON} characters, not {len(clean)}")
    return clean


def _dates(door: Door) -> str:
    first = local_date(door.event_start, door.zone)
    last = local_date(door.event_end - timedelta(microseconds=1), door.zone)
    return f"{first:%a %d %b %Y}" + ("" if last == first else f"–{last:%a %d %b %Y}")


def _time_warning(door: Door, at: datetime) -> str:
    assert door.session_start is not None and door.session_end is not None
    span = local_span(door.session_start, door.session_end, door.zone, door.event_start, start_fmt="%a %d %b %H:%M")
    utc_span = f"{door.session_start:%H:%M}–{door.session_end:%H:%M} UTC"
    early = at < door.session_start
    now = local_text(at, door.zone, door.event_start, "%a %d %b %H:%M")
    return (f"{'too early' if early else 'too late'}: the session runs {span} {door.place} time ({utc_span}); "
            f"it is {now}")


def judge(door: Door, at: datetime, *, override: bool = False, over_capacity: bool = False) -> Verdict:
    """Whether the door admits this person now, and why not. An override admits what an amber holds;
    a full session also needs ``over_capacity``; a registered-only door admits no one else."""
    issues: list[tuple[str, str, str]] = []  # (status, warning, needs)
    rehearsal = False
    if door.registration != "registered":
        held = "refused" if door.policy == "registered_only" else "override"
        if door.seats is not None and door.seats.full:
            taken = f"{door.seats.taken:,} of {door.seats.capacity:,} seats taken"
            issues.append(("full", f"the session is full: {taken}", "over_capacity"))
        if door.registration == "waitlisted":
            issues.append(("waitlisted", f"waitlisted #{door.waitlist_position}", held))
        else:
            free = door.seats.free if door.seats is not None else None
            left = "" if free is None or free == 0 else f" ({free:,} seat{'s' if free != 1 else ''} left)"
            issues.append(("not_registered", f"not registered for this session{left}", held))
    first_day = local_date(door.event_start, door.zone)
    last_day = local_date(door.event_end - timedelta(microseconds=1), door.zone)
    today = local_date(at, door.zone)
    if today < first_day:
        rehearsal = True
        issues.append(("outside_event", f"before the event's days ({_dates(door)}): a rehearsal", "override"))
    elif today > last_day:
        issues.append(("outside_event", f"after the event's days ({_dates(door)})", "override"))
    if door.session_start is not None and door.session_end is not None and not (
            door.session_start - GRACE <= at <= door.session_end + GRACE):
        issues.append(("outside_time", _time_warning(door, at), "override"))
    if not issues:
        return Verdict("checked_in", True, "")
    issues.sort(key=lambda issue: HELD.index(issue[0]))
    warnings = tuple(warning for _, warning, _ in issues)
    needs = max((n for _, _, n in issues), key=NEEDS.index)
    if door.policy == "open":
        return Verdict("checked_in", True, "", warnings, rehearsal)
    admitted = needs == "override" and override or needs == "over_capacity" and override and over_capacity
    if not admitted:
        return Verdict(issues[0][0], False, needs, warnings, rehearsal)
    change = {"waitlisted": "promote", None: "register", "cancelled": "register"}.get(door.registration, "")
    return Verdict("checked_in", True, needs, warnings, rehearsal, overridden=True, registration_change=change)


# -- the facts, read in a few indexed statements on the check-in path ------------------------
# the session, its venue's hub, the station's hub (by its unique name), the person's registration (unique per person
# and session) and the event: columns of the statement that finds the person (checkin/log.py, sessions ``s`` and
# attendees ``a`` there), or one statement of their own; the waitlist position and the seats only when they matter
FACT_COLUMNS = ("s.start_utc, s.duration_minutes, vh.name, vh.zone, e.start_utc, e.length_minutes, e.door_policy, "
                "st.name, st.zone, r.id, r.status, r.created_utc")
FACT_JOINS = ("LEFT JOIN venues AS v ON v.id = s.venue_id LEFT JOIN hubs AS vh ON vh.id = v.hub_id "
              "LEFT JOIN hubs AS st ON st.name = :hub "
              "LEFT JOIN registrations AS r ON r.attendee_id = a.id AND r.session_id = s.id "
              "LEFT JOIN (SELECT start_utc, length_minutes, door_policy FROM event LIMIT 1) AS e ON 1 = 1")
_FACTS = (f"SELECT {FACT_COLUMNS} FROM sessions AS s CROSS JOIN attendees AS a {FACT_JOINS} "
          "WHERE s.id = :sid AND a.id = :aid")
_POSITION = ("SELECT COUNT(*) FROM registrations WHERE session_id = :sid AND status = 'waitlisted' "
             "AND (created_utc < :at OR (created_utc = :at AND id <= :rid))")


def station_hub(hub: str | None) -> str | None:
    """The station's hub as the facts' ``:hub`` parameter takes it."""
    return (hub or "").strip() or None


def door_for(session: Link, *, attendee_id: int, session_id: int, hub: str | None = None,
             facts: tuple[Any, ...] | None = None) -> Door:
    """The facts the door judges, for ``attendee_id`` at ``session_id``; times are shown in the station's
    ``hub`` (by name), else the venue's hub, else UTC. ``facts``: the FACT_COLUMNS already read with the person
    (the same ``hub``), else they are read here."""
    if facts is None:
        facts = tuple(rows(session, _FACTS, {"sid": session_id, "aid": attendee_id, "hub": station_hub(hub)})[0])
    (start, minutes, venue_hub, venue_zone, event_start, event_minutes, policy, hub_name, hub_zone,
     registration_id, status, registered_at) = facts
    if hub_name is not None:
        place, zone = hub_name, hub_zone
    else:
        place, zone = (venue_hub, venue_zone) if venue_zone else ("UTC", "UTC")
    position = None
    if status == "waitlisted":
        position = rows(session, _POSITION, {"sid": session_id, "at": registered_at, "rid": registration_id})[0][0]
    if status != "registered":  # the seats decide: two stations admitting the last one take turns
        hold(session, "sessions", session_id)
    event_start = instant(event_start)
    session_start = instant(start) if start is not None else None
    return Door(policy or DEFAULT_POLICY, event_start, event_start + timedelta(minutes=event_minutes), session_start,
                session_start + timedelta(minutes=minutes) if session_start else None, zone, place, status, position,
                None if status == "registered" else seats(session, session_id))


def admit(session: Link, *, attendee_id: int, session_id: int, at_utc: datetime) -> None:
    """The place an override gives: a waitlisted (or cancelled) registration becomes a place, or a new one is made."""
    updated = rows(session, "UPDATE registrations SET status = 'registered' WHERE attendee_id = :aid "
                            "AND session_id = :sid RETURNING id", {"aid": attendee_id, "sid": session_id})
    if not updated:
        rows(session, "INSERT INTO registrations (attendee_id, session_id, status, created_utc) "
                      "VALUES (:aid, :sid, 'registered', :at)", {"aid": attendee_id, "sid": session_id, "at": at_utc})
