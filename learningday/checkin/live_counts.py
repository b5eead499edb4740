"""The one count of who is here, for every screen: check-ins, people, each session's present/registered, arrivals per hub.

The log is append-only, so a ``LiveTally`` reads it once (one grouped query) and then only the entries added
since, by id (by any station or process): a tick at 100k attendees costs what the new entries cost, not a
recount. What the log does not carry (the attendee total, registrations, hub names) is kept between ticks:
the total grows by the attendees added since (by id), a session's registrations are counted again when an
override admits someone, and all of it is read whole after ``forget`` (the owner wrote registrations or
the roster) and every ``FRESH_S`` (deletions, registrations made by another process). An undo recounts
just the one (person, session) pair it touches, with the arrival rule of
``store/arrival.py``; registrations come from ``counts.py``, the seats count every screen shares.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy.orm import Session

from learningday.checkin.counts import session_counts
from learningday.checkin.sql import rows as _rows
from learningday.checkin.sql import instant, stamp
from learningday.store.arrival import ARRIVALS, current_arrival_sql

#: "arrivals over the last hour"
RECENT = timedelta(hours=1)
#: the figures kept between ticks are read whole at least this often (seconds): what another process changed
#: without a log entry (a registration, a deletion). Reading them costs tens of milliseconds at 100k (the pages
#: of every attendee, read again after another connection's write), so not on every tick; the owner's own
#: writes call ``LiveTally.forget`` instead
FRESH_S = 60.0
_Pair = tuple[int, int | None]  # (attendee id, session id; None: the event as a whole)
#: the log method of a meeting report's line (``attendance.rule.VIRTUAL``: that domain sits above this one)
VIRTUAL = "virtual"
#: (session, session ids) -> the online-only pairs there that count as attended: ``attendance.rule.attended_online``,
#: handed in by the caller (the attendance domain sits above check-in)
AttendedRule = Callable[[Session, list[int]], set[tuple[int, int]]]


def _stamped(at: str | datetime | None) -> str | None:
    """An instant as the tally keeps it: SQLite's stored text as it is, a server's datetime as that same text."""
    return at if at is None or isinstance(at, str) else stamp(instant(at))


@cache
def _all_arrivals() -> str:
    """Every current arrival: the first read. The arrival rule of ``store/arrival.py`` (an arrival entry no
    undo entry reverses) with the undone entries found once, by the undos' index, rather than probed per row:
    a third of the time at 100k (and no GROUP BY: its sort costs more than folding the rows in Python)."""
    return f"""
SELECT c.attendee_id, c.session_id, c.at_utc, a.hub_id, c.method != '{VIRTUAL}'
FROM checkins AS c JOIN attendees AS a ON a.id = c.attendee_id
WHERE c.kind IN ({", ".join(f"'{k}'" for k in ARRIVALS)}) AND c.id NOT IN (
    SELECT r.id FROM checkins AS u JOIN checkins AS r ON r.uid = u.reverses_uid WHERE u.kind = 'undo')"""


@cache
def _new_entries() -> str:
    """The log entries after ``:last``, each with what it does to the counts."""
    return f"""
SELECT c.id, c.kind, c.attendee_id, c.session_id, c.at_utc, a.hub_id, r.attendee_id, r.session_id,
       CASE WHEN {current_arrival_sql()} THEN 1 ELSE 0 END, c.method != '{VIRTUAL}', c.override_reason IS NOT NULL
FROM checkins AS c JOIN attendees AS a ON a.id = c.attendee_id
LEFT JOIN checkins AS r ON c.kind = 'undo' AND r.uid = c.reverses_uid
WHERE c.id > :last ORDER BY c.id"""


@cache
def _pair_now(event: bool) -> str:
    """When a pair (attendee, session; ``event``: the event as a whole) arrived, if it is here now, and whether
    in the room. Two texts: PostgreSQL takes no parameter after IS."""
    where = "c.session_id IS NULL" if event else "c.session_id = :session"
    return f"""
SELECT min(c.at_utc), a.hub_id, max(CASE WHEN c.method != '{VIRTUAL}' THEN 1 ELSE 0 END) FROM checkins AS c
JOIN attendees AS a ON a.id = c.attendee_id
WHERE c.attendee_id = :attendee AND {where} AND {current_arrival_sql()}
GROUP BY a.hub_id"""


@dataclass(frozen=True)
class SessionCount:
    #: here now: in the room, or online long enough to count as attended (``attendance.rule``)
    present: int
    registered: int


@dataclass(frozen=True)
class LiveCounts:
    """Every counter a screen shows, from one read."""

    #: the newest log entry counted
    log_id: int
    attendees: int
    #: attendances now recorded, one per (person, session or the event): the status bar's "check-ins"
    checkins: int
    #: people checked in anywhere
    people_present: int
    #: session uid -> present / registered, for the sessions asked about; None: the event as a whole
    sessions: Mapping[str | None, SessionCount] = field(default_factory=dict)
    #: hub name ("" for people without a hub) -> people arrived (anywhere)
    hub_arrivals: Mapping[str, int] = field(default_factory=dict)
    #: hub name -> people whose first arrival lies in the hour before ``as_of`` (empty unless asked)
    hub_arrivals_last_hour: Mapping[str, int] = field(default_factory=dict)

    def session(self, uid: str | None) -> SessionCount:
        return self.sessions.get(uid, SessionCount(0, 0))


class LiveTally:
    """Where everyone stands, kept up to date from the log's new entries. Not thread-safe: one owner."""

    def __init__(self) -> None:
        self.last_id = 0
        #: person -> {session id (None: the event): first arrival's stamp}
        self._people: dict[int, dict[int | None, str]] = {}
        self._session_people: dict[int | None, set[int]] = {}
        #: pairs here only through a meeting report (no arrival in the room)
        self._online: set[_Pair] = set()
        self._hub_of: dict[int, int | None] = {}
        self._hub_people: Counter[int | None] = Counter()
        self._pairs = 0
        # kept between ticks, read whole when ``_fresh_until`` has passed
        self._fresh_until = 0.0
        self._attendees = 0
        self._last_attendee = 0
        self._hubs: dict[int | None, str] = {}
        self._session_ids: dict[str, int] = {}
        self._registered: dict[int, int] = {}

    def refresh(self, session: Session) -> None:
        """Take in the entries written since the last refresh (all of them the first time)."""
        if self.last_id == 0:
            self._first_read(session)
            return
        for (entry_id, kind, attendee, session_id, at, hub, undone_attendee, undone_session,
             arrival, room, override) in _rows(session, _new_entries(), {"last": self.last_id}):
            self.last_id = entry_id
            if arrival:
                self._hub_of[attendee] = hub
                self._set(attendee, session_id, _stamped(at), bool(room), keep_earlier=True)
            elif kind == "undo" and undone_attendee is not None:
                self._recount(session, (undone_attendee, undone_session))
            if override and session_id is not None:  # an admission may have registered them
                self._registered.pop(session_id, None)
        self._follow(session)

    def forget(self) -> None:
        """The registrations, the hubs or the roster changed: read them whole at the next refresh."""
        self._fresh_until = 0.0

    def _first_read(self, session: Session) -> None:
        # one read transaction is one snapshot: the rows and the newest id agree
        last = _rows(session, "SELECT max(id) FROM checkins", {})[0][0] or 0
        people, hub_of, room_pairs = self._people, self._hub_of, set()
        for attendee, session_id, at, hub, room in _rows(session, _all_arrivals(), {}):
            at = _stamped(at)
            where = people.get(attendee)
            if where is None:
                where = people[attendee] = {}
                hub_of[attendee] = hub
            before = where.get(session_id)
            if before is None or at < before:
                where[session_id] = at
            if room:
                room_pairs.add((attendee, session_id))
        for attendee, where in people.items():
            self._hub_people[hub_of[attendee]] += 1
            self._pairs += len(where)
            for session_id in where:
                self._session_people.setdefault(session_id, set()).add(attendee)
                if (attendee, session_id) not in room_pairs:
                    self._online.add((attendee, session_id))
        self.last_id = last
        self._follow(session)

    def _follow(self, session: Session) -> None:
        """The figures the log does not carry: whole every ``FRESH_S``, else the attendees added since."""
        now = time.monotonic()
        if now >= self._fresh_until:
            self._fresh_until = now + FRESH_S
            self._attendees, self._last_attendee = _rows(
                session, "SELECT count(*), coalesce(max(id), 0) FROM attendees", {})[0]
            self._hubs = dict(_rows(session, "SELECT id, name FROM hubs", {}))
            self._session_ids.clear()
            self._registered.clear()
            return
        added, last = _rows(session, "SELECT count(*), max(id) FROM attendees WHERE id > :last",
                            {"last": self._last_attendee})[0]
        if added:
            self._attendees += added
            self._last_attendee = last
        if any(hub is not None and hub not in self._hubs for hub in self._hub_people):  # a hub added since
            self._hubs = dict(_rows(session, "SELECT id, name FROM hubs", {}))

    def _recount(self, session: Session, pair: _Pair) -> None:
        found = _rows(session, _pair_now(pair[1] is None), {"attendee": pair[0], "session": pair[1]})
        at, hub, room = found[0] if found else (None, None, False)
        if at is not None:
            self._hub_of[pair[0]] = hub
        self._set(pair[0], pair[1], _stamped(at), bool(room), keep_earlier=False)

    def _set(self, attendee: int, session_id: int | None, at: str | None, room: bool, *,
             keep_earlier: bool) -> None:
        where = self._people.get(attendee)
        before = where.get(session_id) if where else None
        pair = (attendee, session_id)
        if at is None:  # the pair is gone (undone)
            if before is None:
                return
            del where[session_id]
            self._pairs -= 1
            self._online.discard(pair)
            self._session_people[session_id].discard(attendee)
            if not where:
                del self._people[attendee]
                self._hub_people[self._hub_of.get(attendee)] -= 1
            return
        if room:
            self._online.discard(pair)
        elif before is None or (not keep_earlier and pair in self._online):
            self._online.add(pair)
        if before is not None:
            where[session_id] = min(before, at) if keep_earlier else at
            return
        if where is None:
            where = self._people[attendee] = {}
            self._hub_people[self._hub_of.get(attendee)] += 1
        where[session_id] = at
        self._pairs += 1
        self._session_people.setdefault(session_id, set()).add(attendee)

    @property
    def attendances(self) -> int:
        return self._pairs

    @property
    def attendees(self) -> int:
        return self._attendees

    @property
    def people_present(self) -> int:
        return len(self._people)

    @property
    def hub_people(self) -> Counter[int | None]:
        return self._hub_people

    def hub_name(self, hub: int | None) -> str:
        return self._hubs.get(hub, "")

    def present(self, session_id: int | None, as_of: str | None = None,
                online_counted: set[_Pair] | None = None) -> int:
        """People here at ``session_id`` (as of ``as_of``); with ``online_counted``, those here only online
        count when their pair is in it (the attended-share rule)."""
        people = self._session_people.get(session_id, ())
        if online_counted is not None:
            online = self._online
            people = [p for p in people if (p, session_id) not in online or (p, session_id) in online_counted]
        if as_of is None:
            return len(people)
        return sum(1 for p in people if self._people[p][session_id] <= as_of)

    def online_sessions(self, session_ids: Iterable[int]) -> list[int]:
        """Those of ``session_ids`` with someone here only online."""
        asked = set(session_ids)
        return sorted({sid for _, sid in self._online if sid in asked})

    def registered(self, session: Session, uids: list[str]) -> dict[str, tuple[int, int]]:
        """uid -> (session id, registered) of the sessions ``uids`` (unknown uids left out), from the seats
        count (``counts.py``), kept between ticks."""
        unknown = [u for u in uids if u not in self._session_ids]
        if unknown:
            marks = ", ".join(f":u{i}" for i in range(len(unknown)))
            self._session_ids.update(_rows(session, f"SELECT uid, id FROM sessions WHERE uid IN ({marks})",
                                           {f"u{i}": u for i, u in enumerate(unknown)}))
        ids = [self._session_ids[u] for u in uids if u in self._session_ids]
        missing = [sid for sid in ids if sid not in self._registered]
        if missing:
            self._registered.update({sid: seats.registered for sid, seats in session_counts(session, missing).items()})
        return {u: (self._session_ids[u], self._registered.get(self._session_ids[u], 0))
                for u in uids if u in self._session_ids}

    def first_arrivals(self, start: str, end: str) -> Counter[int | None]:
        """hub id -> people whose first arrival (anywhere) lies in [start, end]."""
        found: Counter[int | None] = Counter()
        for person, where in self._people.items():
            if start <= min(where.values()) <= end:
                found[self._hub_of.get(person)] += 1
        return found


def live_counts(session: Session, tally: LiveTally | None = None, *, session_uids: Iterable[str | None] = (),
                as_of: datetime | None = None, attended: AttendedRule | None = None) -> LiveCounts:
    """Every count a screen shows: the log's new entries taken into ``tally`` (kept between calls by its
    owner; without one the log is read whole), registrations for ``session_uids`` only, and, with ``as_of``,
    the sessions' present counts and the last hour's arrivals as of that instant (a simulated now replays
    the day). With ``attended``, a session's online-only attendees count as present by its rule (minutes
    attended against the event's share); without it, every arrival counts."""
    tally = tally or LiveTally()
    tally.refresh(session)
    uids = list(dict.fromkeys(session_uids))
    mark = stamp(as_of) if as_of is not None else None
    sessions: dict[str | None, SessionCount] = {}
    if None in uids:
        sessions[None] = SessionCount(tally.present(None, mark), 0)
    found = tally.registered(session, [u for u in uids if u is not None])
    online = tally.online_sessions(sid for sid, _ in found.values()) if attended is not None else []
    counted = attended(session, online) if online else None  # type: ignore[misc]
    for uid, (session_id, registered) in found.items():
        sessions[uid] = SessionCount(tally.present(session_id, mark, counted), registered)
    last_hour: dict[str, int] = {}
    if as_of is not None:
        recent = tally.first_arrivals(stamp(as_of - RECENT), mark)
        last_hour = {tally.hub_name(hub): n for hub, n in recent.items() if n}
    return LiveCounts(
        log_id=tally.last_id,
        attendees=tally.attendees,
        checkins=tally.attendances,
        people_present=tally.people_present,
        sessions=sessions,
        hub_arrivals={tally.hub_name(hub): n for hub, n in tally.hub_people.items() if n},
        hub_arrivals_last_hour=last_hour,
    )
