"""The one count of who is here, for every screen: check-ins, people, each session's present/registered, arrivals per hub.

The log is append-only, so a ``LiveTally`` reads it once and then only the entries added since (by any
station or process): a tick at 100k attendees costs what the new entries cost, not a recount. An undo
recounts just the one (person, session) pair it touches, with the arrival rule of ``store/arrival.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy.orm import Session

from learningday.checkin.sql import rows as _rows
from learningday.checkin.sql import stamp
from learningday.store.arrival import current_arrival_sql

#: "arrivals over the last hour"
RECENT = timedelta(hours=1)
_Pair = tuple[int, int | None]  # (attendee id, session id; None: the event as a whole)


@cache
def _new_entries() -> str:
    """The log entries after ``:last``, each with what it does to the counts (SQL text, built when first asked
    for: the arrival rule's SQL compiles the mappers, which start-up leaves until after the first paint)."""
    return f"""
SELECT c.id, c.kind, c.attendee_id, c.session_id, c.at_utc, a.hub_id, r.attendee_id, r.session_id,
       CASE WHEN {current_arrival_sql()} THEN 1 ELSE 0 END
FROM checkins AS c JOIN attendees AS a ON a.id = c.attendee_id
LEFT JOIN checkins AS r ON c.kind = 'undo' AND r.uid = c.reverses_uid
WHERE c.id > :last ORDER BY c.id"""


@cache
def _pair_now() -> str:
    """When a pair (attendee, session) arrived, if it is here now."""
    return f"""
SELECT min(c.at_utc), a.hub_id FROM checkins AS c JOIN attendees AS a ON a.id = c.attendee_id
WHERE c.attendee_id = :attendee AND c.session_id IS :session AND {current_arrival_sql()}"""


@dataclass(frozen=True)
class SessionCount:
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
        self._hub_of: dict[int, int | None] = {}
        self._hub_people: Counter[int | None] = Counter()
        self._pairs = 0

    def refresh(self, session: Session) -> None:
        """Take in the entries written since the last refresh (all of them the first time)."""
        for (entry_id, kind, attendee, session_id, at, hub, undone_attendee, undone_session,
             arrival) in _rows(session, _new_entries(), {"last": self.last_id}):
            self.last_id = entry_id
            if arrival:
                self._hub_of[attendee] = hub
                self._set(attendee, session_id, at, keep_earlier=True)
            elif kind == "undo" and undone_attendee is not None:
                self._recount(session, (undone_attendee, undone_session))

    def _recount(self, session: Session, pair: _Pair) -> None:
        at, hub = _rows(session, _pair_now(), {"attendee": pair[0], "session": pair[1]})[0]
        if at is not None:
            self._hub_of[pair[0]] = hub
        self._set(pair[0], pair[1], at, keep_earlier=False)

    def _set(self, attendee: int, session_id: int | None, at: str | None, *, keep_earlier: bool) -> None:
        where = self._people.get(attendee)
        before = where.get(session_id) if where else None
        if at is None:  # the pair is gone (undone)
            if before is None:
                return
            del where[session_id]
            self._pairs -= 1
            self._session_people[session_id].discard(attendee)
            if not where:
                del self._people[attendee]
                self._hub_people[self._hub_of.get(attendee)] -= 1
            return
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
    def people_present(self) -> int:
        return len(self._people)

    @property
    def hub_people(self) -> Counter[int | None]:
        return self._hub_people

    def present(self, session_id: int | None, as_of: str | None = None) -> int:
        people = self._session_people.get(session_id, ())
        if as_of is None:
            return len(people)
        return sum(1 for p in people if self._people[p][session_id] <= as_of)

    def first_arrivals(self, start: str, end: str) -> Counter[int | None]:
        """hub id -> people whose first arrival (anywhere) lies in [start, end]."""
        found: Counter[int | None] = Counter()
        for person, where in self._people.items():
            if start <= min(where.values()) <= end:
                found[self._hub_of.get(person)] += 1
        return found


def live_counts(session: Session, tally: LiveTally | None = None, *, session_uids: Iterable[str | None] = (),
                as_of: datetime | None = None) -> LiveCounts:
    """Every count a screen shows: the log's new entries taken into ``tally`` (kept between calls by its
    owner; without one the log is read whole), registrations for ``session_uids`` only (each an index probe),
    and, with ``as_of``, the sessions' present counts and the last hour's arrivals as of that instant (a
    simulated now replays the day)."""
    tally = tally or LiveTally()
    tally.refresh(session)
    hubs = {hub_id: name for hub_id, name in _rows(session, "SELECT id, name FROM hubs", {})}
    uids = list(dict.fromkeys(session_uids))
    mark = stamp(as_of) if as_of is not None else None
    sessions: dict[str | None, SessionCount] = {}
    if None in uids:
        sessions[None] = SessionCount(tally.present(None, mark), 0)
    named = [u for u in uids if u is not None]
    if named:
        marks = ", ".join(f":u{i}" for i in range(len(named)))
        for uid, session_id, registered in _rows(session, f"""
                SELECT s.uid, s.id, (SELECT count(*) FROM registrations AS r
                                     WHERE r.session_id = s.id AND r.status = 'registered')
                FROM sessions AS s WHERE s.uid IN ({marks})""", {f"u{i}": u for i, u in enumerate(named)}):
            sessions[uid] = SessionCount(tally.present(session_id, mark), int(registered))
    last_hour: dict[str, int] = {}
    if as_of is not None:
        recent = tally.first_arrivals(stamp(as_of - RECENT), mark)
        last_hour = {hubs.get(hub, ""): n for hub, n in recent.items() if n}
    return LiveCounts(
        log_id=tally.last_id,
        attendees=int(_rows(session, "SELECT count(*) FROM attendees", {})[0][0]),
        checkins=tally.attendances,
        people_present=tally.people_present,
        sessions=sessions,
        hub_arrivals={hubs.get(hub, ""): n for hub, n in tally.hub_people.items() if n},
        hub_arrivals_last_hour=last_hour,
    )
