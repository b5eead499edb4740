"""Minutes attended, written once: in the room counts the whole session; online, the merged report intervals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session, aliased

from learningday.attendance.people import GRACE, merge, minutes_inside
from learningday.errors import InvalidInput
from learningday.store.arrival import current_arrivals
from learningday.store.models import Attendee, CheckIn, Event, VirtualAttendance
from learningday.store.models import Session as LearningSession

DEFAULT_PERCENT = 50
Pair = tuple[int, int]  # (attendee id, session id)
#: the log method of an entry a meeting report wrote: an online presence (its minutes are in VirtualAttendance),
#: never an arrival in the room
VIRTUAL = "virtual"


def in_the_room(entry: type[CheckIn] = CheckIn) -> ColumnElement[bool]:
    """The entries that are someone at the door or at a station, not a line of a meeting report."""
    return entry.method != VIRTUAL


def attended_percent(session: Session) -> int:
    """The event's setting: an online attendee counts as attended with at least this share of the session."""
    value = session.scalar(select(Event.attended_percent).limit(1))
    return DEFAULT_PERCENT if value is None else int(value)


def set_attended_percent(session: Session, percent: int) -> int:
    """Change the setting (0-100); returns the value it replaced (what undo writes back)."""
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        raise InvalidInput(f"the attended share is a whole percent from 0 to 100, not {percent!r}")
    before = attended_percent(session)
    session.execute(update(Event).values(attended_percent=percent))
    return before


@dataclass(frozen=True)
class Presence:
    """How one person attended one session."""

    in_room: bool
    online: bool
    minutes: int
    first_utc: datetime | None
    last_utc: datetime | None
    late: bool
    left_early: bool


def _windows(session: Session, session_ids: Collection[int] | None) -> dict[int, tuple[datetime, datetime]]:
    query = select(LearningSession.id, LearningSession.start_utc, LearningSession.duration_minutes).where(
        LearningSession.start_utc.is_not(None))
    if session_ids is not None:
        query = query.where(LearningSession.id.in_(session_ids))
    return {sid: (start, start + timedelta(minutes=m)) for sid, start, m in session.execute(query)}


def presences(session: Session, session_ids: Collection[int] | None = None) -> dict[Pair, Presence]:
    """Every (attendee, session) with a current arrival, in the room or online (scheduled sessions only)."""
    windows = _windows(session, session_ids)
    entry = aliased(CheckIn, name="c")
    online: dict[Pair, list] = defaultdict(list)
    in_room: dict[Pair, datetime] = {}
    query = (select(entry.attendee_id, entry.session_id, entry.at_utc, VirtualAttendance.intervals)
             .outerjoin(VirtualAttendance, VirtualAttendance.checkin_id == entry.id)
             .where(current_arrivals(entry), entry.session_id.is_not(None)))
    if session_ids is not None:
        query = query.where(entry.session_id.in_(session_ids))
    for aid, sid, at, intervals in session.execute(query):
        if sid not in windows:
            continue
        if intervals is None:
            in_room[aid, sid] = min(at, in_room.get((aid, sid), at))
        else:
            online[aid, sid].extend((datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in intervals)
    found: dict[Pair, Presence] = {}
    for pair in in_room.keys() | online.keys():
        window = windows[pair[1]]
        merged = merge(online.get(pair, []))
        room_at = in_room.get(pair)
        full = int((window[1] - window[0]).total_seconds() // 60)
        minutes = full if room_at else minutes_inside(merged, window)
        first = min([t for t in (room_at, merged[0][0] if merged else None) if t is not None])
        last = merged[-1][1] if merged and not room_at else None
        found[pair] = Presence(room_at is not None, bool(merged), minutes, first, last,
                               late=first > window[0] + GRACE,
                               left_early=last is not None and last < window[1] - GRACE)
    return found


def minutes_attended(session: Session, *, attendee_id: int, session_id: int) -> int:
    """Minutes a person attended a session: all of it when they arrived in the room (the door's rule), else
    the merged online intervals inside its time; 0 when they did not come. A completion rule calls this."""
    found = presences(session, [session_id]).get((attendee_id, session_id))
    return 0 if found is None else found.minutes


def counts_as_attended(presence: Presence, session_minutes: int, percent: int) -> bool:
    """In the room counts; online counts with at least ``percent`` % of the session."""
    return presence.in_room or presence.minutes * 100 >= percent * session_minutes


def session_attendance(session: Session, session_id: int) -> list[tuple[str, str, Presence]]:
    """(attendee uid, name, presence) of everyone who came to a session, by name: the Attendees page's rows."""
    found = presences(session, [session_id])
    people = {aid: (uid, name) for aid, uid, name in session.execute(
        select(Attendee.id, Attendee.uid, Attendee.name).where(Attendee.id.in_([aid for aid, _ in found])))}
    return sorted(((*people[aid], p) for (aid, _), p in found.items()), key=lambda r: r[1].casefold())


def online_only_minutes(session: Session) -> dict[Pair, int]:
    """(attendee, session) -> minutes, for those who attended a session online and not in the room: what the
    report's counts weigh against the attended share (the room counts whole). Cheap when nothing was imported."""
    sessions = list(session.scalars(select(CheckIn.session_id).join(
        VirtualAttendance, VirtualAttendance.checkin_id == CheckIn.id).distinct()))
    if not sessions:
        return {}
    return {pair: p.minutes for pair, p in presences(session, sessions).items() if not p.in_room}


def attended_online(session: Session, session_ids: Collection[int]) -> set[Pair]:
    """The (attendee, session) pairs among ``session_ids`` whose online minutes count as attended by the event's
    share (``counts_as_attended``): what the live view counts of a virtual session's report."""
    windows, percent = _windows(session, session_ids), attended_percent(session)
    return {pair for pair, p in presences(session, session_ids).items() if not p.in_room and counts_as_attended(
        p, int((windows[pair[1]][1] - windows[pair[1]][0]).total_seconds() // 60), percent)}
