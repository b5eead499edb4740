"""What runs now and next in every hub at one instant (the real now, or a simulated one), in hub-local time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from learningday.checkin.live_counts import (
    AttendedRule,
    LiveCounts,
    LiveTally,
    SessionCount,
    live_counts,
)
from learningday.checkin.sql import rows as _rows
from learningday.plan.dto import SessionRow
from learningday.plan.sessions import list_sessions
from learningday.setup.clock import clock_label, local_span
from learningday.setup.dto import EventDTO, HubDTO
from learningday.setup.event import get_event, list_hubs
from learningday.setup.rules import name_key
from learningday.timeutil import iso, to_local, utc

#: a session this close to its start wants its facilitator at the door
FACILITATOR_WINDOW = timedelta(minutes=15)
#: the window in words, for the screens that name it
FACILITATOR_WINDOW_TEXT = f"{FACILITATOR_WINDOW // timedelta(minutes=1)} min"


@dataclass(frozen=True)
class LiveSession:
    uid: str
    title: str
    level_id: int
    venue: str
    start_utc: datetime
    end_utc: datetime
    #: in the hub's local time, with DST marks when the clock changed since the event began ('' event-wide)
    local: str
    facilitators: tuple[str, ...]
    present: int = 0
    registered: int = 0


@dataclass(frozen=True)
class HubNow:
    hub: str
    zone: str
    #: the hub's clock at the instant: 'Sun 28 09:30', and its name: 'BST (UTC+01:00)'
    local_time: str
    clock: str
    now: tuple[LiveSession, ...]
    next: tuple[LiveSession, ...]


@dataclass(frozen=True)
class LiveDay:
    """The live view at ``at``: per hub now and next, the sessions about to start without their facilitator."""

    event: EventDTO
    at: datetime
    hubs: tuple[HubNow, ...]
    facilitator_missing: tuple[LiveSession, ...]
    counts: LiveCounts
    hub_rows: tuple[HubDTO, ...] = field(default=())


def _for_hub(row: SessionRow, hub: HubDTO) -> bool:
    return not row.target_hubs or hub.name in row.target_hubs


def _facilitated(session: Session, rows: list[SessionRow], since: datetime) -> set[str]:
    """The sessions among ``rows`` with an entry since ``since`` made by, or for, one of their facilitators
    (a facilitator signs in at the station, or checks themself in)."""
    if not rows:
        return set()
    marks = ", ".join(f":u{i}" for i in range(len(rows)))
    found = _rows(session, f"""
        SELECT s.uid, c.facilitator_name, a.name FROM checkins AS c JOIN sessions AS s ON s.id = c.session_id
        JOIN attendees AS a ON a.id = c.attendee_id
        WHERE s.uid IN ({marks}) AND c.kind != 'undo' AND c.at_utc >= :since""",
                  {**{f"u{i}": r.uid for i, r in enumerate(rows)}, "since": since})
    names = {r.uid: {name_key(f) for f in r.facilitators} for r in rows}
    return {uid for uid, by, who in found if name_key(by) in names[uid] or name_key(who) in names[uid]}


def live_day(session: Session, at: datetime, tally: LiveTally | None = None,
             attended: AttendedRule | None = None) -> LiveDay:
    """What runs now and next per hub at ``at``; the running sessions' present/registered as of ``at`` (online
    attendees by ``attended``, the attended-share rule: see ``live_counts``)."""
    at = utc(at)
    event, hubs = get_event(session), list_hubs(session)
    rows = [r for r in list_sessions(session) if r.start_utc is not None and r.end_utc is not None]
    running = [r for r in rows if r.start_utc <= at < r.end_utc]
    soon = [r for r in rows if at <= r.start_utc <= at + FACILITATOR_WINDOW and r.facilitators]
    counts = live_counts(session, tally, session_uids=[r.uid for r in running], as_of=at, attended=attended)
    here = _facilitated(session, soon, at - FACILITATOR_WINDOW * 4)

    def shown(row: SessionRow, zone_name: str) -> LiveSession:
        c = counts.sessions.get(row.uid, SessionCount(0, 0))
        return LiveSession(row.uid, row.title, row.level_id, row.venue, row.start_utc, row.end_utc,
                           local_span(row.start_utc, row.end_utc, zone_name, event.start_utc) if zone_name else "",
                           row.facilitators, c.present, c.registered)

    per_hub = []
    for hub in hubs:
        mine = [r for r in rows if _for_hub(r, hub)]
        later = [r for r in mine if r.start_utc > at]
        first = min((r.start_utc for r in later), default=None)
        per_hub.append(HubNow(
            hub.name, hub.zone, to_local(at, hub.zone).strftime("%a %d %H:%M"), clock_label(at, hub.zone),
            tuple(shown(r, hub.zone) for r in mine if r in running),
            tuple(shown(r, hub.zone) for r in later if r.start_utc == first)))
    missing = tuple(shown(r, "") for r in soon if r.uid not in here)
    return LiveDay(event, at, tuple(per_hub), missing, counts, hubs)


def as_dict(day: LiveDay) -> dict[str, object]:
    """The live view as plain JSON values (the CLI's ``now --json``)."""

    def one(s: LiveSession) -> dict[str, object]:
        return {"uid": s.uid, "title": s.title, "level": s.level_id, "venue": s.venue,
                "start_utc": iso(s.start_utc), "end_utc": iso(s.end_utc), "local": s.local,
                "facilitators": list(s.facilitators), "present": s.present, "registered": s.registered}

    return {
        "event": day.event.name, "at_utc": iso(day.at),
        "hubs": [{"hub": h.hub, "zone": h.zone, "local_time": h.local_time, "clock": h.clock,
                  "now": [one(s) for s in h.now], "next": [one(s) for s in h.next]} for h in day.hubs],
        "facilitator_missing": [one(s) for s in day.facilitator_missing],
        "arrivals_last_hour": dict(day.counts.hub_arrivals_last_hour),
    }

