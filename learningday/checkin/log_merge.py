"""Merging a checked station log: a plan made in a read transaction (every refusal happens there),
then the planned entries written in steps, each step a short write transaction of its own."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from learningday.checkin.dto import MergeReport
from learningday.checkin.log import new_unused_code, station_id
from learningday.checkin.sql import stamp
from learningday.checkin.log_checks import MERGED_STATION, LogEntry, LogPerson, StationLog
from learningday.errors import InvalidInput
from learningday.roster.rows import attendee_with_email
from learningday.store.models import Attendee, CheckIn, Station
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC

#: uids per IN (...) look-up: under the variable limit of every SQLite build
LOOKUP = 900
_T = TypeVar("_T")
#: what two entries with one uid must share to be the same entry
_CONTENT = ("kind", "attendee", "session_uid", "at_utc", "station", "method", "reverses_uid", "facilitator_name")


def _batches(items: Sequence[_T], size: int = LOOKUP) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass(frozen=True, slots=True)
class Planned:
    """An entry to write: who it is about (an attendee id, or the uid of a walk-in to add) and where."""

    entry: LogEntry
    attendee: int | str
    session_id: int | None


@dataclass
class MergePlan:
    """What a merge will write, decided before any write; the counts of what it will not."""

    rows: list[Planned] = field(default_factory=list)
    people: dict[str, LogPerson] = field(default_factory=dict)
    present: int = 0
    matched_by_email: int = 0
    problems: list[str] = field(default_factory=list)


class _Planner:
    """Resolves the log's people, sessions and entries against this file (reads only)."""

    def __init__(self, session: Session, log: StationLog) -> None:
        self.s = session
        self.log = log
        self.plan = MergePlan(people=log.people)
        uids = [p.uid for p in log.people.values()]
        self.by_uid = {u: i for batch in _batches(uids)
                       for i, u in self.s.execute(select(Attendee.id, Attendee.uid).where(Attendee.uid.in_(batch)))}
        self.looked_up: dict[str, int | None] = {}
        self.used: dict[str, int | str | None] = {}
        self.sessions: dict[str, int | None] = {}

    def lookup(self, uid: str) -> int | None:
        """This file's attendee for the log's person: the same uid, else the same email."""
        if uid not in self.looked_up:
            person = self.log.people[uid]
            found = self.by_uid.get(uid)
            if found is None and person.email:
                found = attendee_with_email(self.s, person.email)
            self.looked_up[uid] = found
        return self.looked_up[uid]

    def use(self, uid: str) -> int | str | None:
        """The attendee an entry to write is about, reported once per person: matched by email, a
        walk-in to add (its uid), or None (not in this event: the entry is not applied)."""
        if uid in self.used:
            return self.used[uid]
        person, found = self.log.people[uid], self.lookup(uid)
        if uid not in self.by_uid:
            if person.email_problem:
                self.plan.problems.append(f"{person.name} ({uid}): {person.email_problem}; the email was left out")
            if found is not None:
                self.plan.matched_by_email += 1
            elif person.walk_in:
                found = uid  # added by the write that first needs them
            else:
                self.plan.problems.append(f"{person.name} ({uid}) is not in this event: their entries were not "
                                          "applied")
        self.used[uid] = found
        return found

    def session_id(self, uid: str | None) -> int | None:
        if uid is not None and uid not in self.sessions:
            self.sessions[uid] = self.s.scalar(select(LearningSession.id).where(LearningSession.uid == uid))
            if self.sessions[uid] is None:
                self.plan.problems.append(f"session {uid} is not in this event: its entries were not applied")
        return None if uid is None else self.sessions[uid]

    def existing(self) -> dict[str, dict[str, object]]:
        """The entries of this file that share a uid with the log's entries or the entries they undo."""
        uids = sorted({e.uid for e in self.log.entries} | {e.reverses_uid for e in self.log.entries if e.reverses_uid})
        found: dict[str, dict[str, object]] = {}
        for batch in _batches(uids):
            for row in self.s.execute(
                select(CheckIn.uid, CheckIn.kind, CheckIn.attendee_id.label("attendee"),
                       LearningSession.uid.label("session_uid"), CheckIn.at_utc, Station.name.label("station"),
                       CheckIn.method, CheckIn.reverses_uid, CheckIn.facilitator_name)
                .outerjoin(LearningSession, LearningSession.id == CheckIn.session_id)
                .outerjoin(Station, Station.id == CheckIn.station_id).where(CheckIn.uid.in_(batch))
            ).mappings():
                found[row["uid"]] = _content(row)
        return found


def _content(values: dict[str, object] | LogEntry, attendee: int | str | None = None) -> dict[str, object]:
    """What makes an entry the entry it is, compared at the log's precision (whole seconds)."""
    get = values.get if isinstance(values, dict) else lambda key: getattr(values, key)
    at = get("at_utc")
    assert isinstance(at, datetime)
    return {"kind": get("kind"), "attendee": get("attendee") if attendee is None else attendee,
            "session_uid": get("session_uid"), "at_utc": at.replace(microsecond=0), "station": get("station")
            or MERGED_STATION, "method": get("method"), "reverses_uid": get("reverses_uid"),
            "facilitator_name": str(get("facilitator_name") or "").strip()}


def plan_merge(session: Session, log: StationLog) -> MergePlan:
    """Decide every entry: already here, in conflict, not applicable (reported) or to write. Entries are
    planned arrivals first, then the undos that reverse them, each in time order. Raises InvalidInput for
    an undo that no station could have written; reads only."""
    planner = _Planner(session, log)
    plan = planner.plan
    here = planner.existing()
    planned: dict[str, dict[str, object]] = {}
    for entry in sorted(log.entries, key=lambda e: (e.kind == "undo", e.at_utc, e.uid)):
        if entry.uid in here:
            ours = _content(entry, planner.lookup(entry.attendee_uid))
            differs = [key for key in _CONTENT if here[entry.uid][key] != ours[key]]
            if differs:
                plan.problems.append(f"entry {entry.uid} conflicts with the entry already here with this uid (they "
                                     f"differ in {', '.join(differs)}); not applied")
            else:
                plan.present += 1
            continue
        attendee = planner.use(entry.attendee_uid)
        session_id = planner.session_id(entry.session_uid)
        if attendee is None or (entry.session_uid is not None and session_id is None):
            continue
        if entry.kind == "undo":
            target = here.get(entry.reverses_uid or "") or planned.get(entry.reverses_uid or "")
            if target is None:
                plan.problems.append(f"entry {entry.uid} undoes {entry.reverses_uid}, which is not in this event; "
                                     "not applied")
                continue
            if target["kind"] == "undo":
                raise InvalidInput(f"entry {entry.uid} of the station log undoes an undo; nothing was merged")
            if (target["attendee"], target["session_uid"]) != (attendee, entry.session_uid):
                raise InvalidInput(f"entry {entry.uid} of the station log undoes another person's or session's "
                                   "entry; nothing was merged")
        plan.rows.append(Planned(entry, attendee, session_id))
        planned[entry.uid] = {"kind": entry.kind, "attendee": attendee, "session_uid": entry.session_uid}
    return plan


_COLUMNS = ("uid", "kind", "attendee_id", "session_id", "at_utc", "station_id", "facilitator_name", "method",
            "reverses_uid")
#: an entry another write added since the plan (a second merge of the same log) is skipped, not an error
_INSERT = f"INSERT INTO checkins ({', '.join(_COLUMNS)}) VALUES ({{}}) ON CONFLICT (uid) DO NOTHING"


def _insert_entries(session: Session, values: list[tuple]) -> int:
    """One statement for many entries; how many were added. On SQLite it goes straight to the driver:
    SQLAlchemy's work per row costs as much as SQLite's own, and a merge step holds the write lock."""
    if not values:
        return 0
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        at = _COLUMNS.index("at_utc")
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.executemany(_INSERT.format(", ".join("?" * len(_COLUMNS))),
                           [(*v[:at], stamp(v[at]), *v[at + 1:]) for v in values])
        added = cursor.rowcount
        cursor.close()
        return added
    named = _INSERT.format(", ".join(f":{c}" for c in _COLUMNS))
    return connection.execute(text(named), [dict(zip(_COLUMNS, v)) for v in values]).rowcount


class Writer:
    """Writes planned entries, in as many transactions as the caller likes, and counts what it did."""

    def __init__(self, plan: MergePlan) -> None:
        self.plan = plan
        self.attendees: dict[str, int] = {}
        self.stations: dict[str, int] = {}
        self.added = self.raced = self.created = self.stations_created = 0
        self.matched_by_email = plan.matched_by_email
        self.problems = list(plan.problems)

    def write(self, session: Session, rows: Sequence[Planned]) -> None:
        """Write ``rows`` in the caller's transaction (one a concurrent merge already wrote is skipped)."""
        values = [(r.entry.uid, r.entry.kind, self._attendee(session, r.attendee), r.session_id, r.entry.at_utc,
                   self._station(session, r.entry), r.entry.facilitator_name, r.entry.method, r.entry.reverses_uid)
                  for r in rows]
        added = _insert_entries(session, values)
        self.added += added
        self.raced += len(values) - added

    def _station(self, session: Session, entry: LogEntry) -> int:
        if entry.station not in self.stations:
            before = session.scalar(select(Station.id).where(Station.name == entry.station))
            self.stations[entry.station] = before or station_id(session, entry.station, at_utc=entry.at_utc)
            self.stations_created += before is None
        return self.stations[entry.station]

    def _attendee(self, session: Session, attendee: int | str) -> int:
        if isinstance(attendee, int):
            return attendee
        if attendee not in self.attendees:
            self.attendees[attendee] = self._add_walk_in(session, self.plan.people[attendee])
        return self.attendees[attendee]

    def _add_walk_in(self, session: Session, person: LogPerson) -> int:
        """A walk-in of the log: re-checked in this transaction (another write may have added them since
        the plan), then added with a code and an employee id nobody here has."""
        s = session
        found = s.scalar(select(Attendee.id).where(Attendee.uid == person.uid))
        if found is None and person.email:
            found = attendee_with_email(s, person.email)
            self.matched_by_email += found is not None
        if found is not None:
            return found
        code = person.code
        if not code or s.scalar(select(Attendee.id).where(Attendee.code == code)) is not None:
            code = new_unused_code(s)
        employee_id = person.employee_id
        if employee_id and s.scalar(select(Attendee.id).where(Attendee.employee_id == employee_id)) is not None:
            self.problems.append(f"walk-in {person.name}: employee id {employee_id} is someone else's; left out")
            employee_id = None
        if person.hub_problem:
            self.problems.append(f"walk-in {person.name}: {person.hub_problem}; the hub was left out")
        self.created += 1
        return s.execute(insert(Attendee).values(
            uid=person.uid, code=code, name=person.name, email=person.email, employee_id=employee_id,
            department=person.department, role=person.role, hub_id=person.hub_id, level_id=person.level_id,
            created_utc=person.created_utc or datetime.now(UTC),
        ).returning(Attendee.id)).scalar_one()

    def report(self) -> MergeReport:
        return MergeReport(self.added, self.plan.present + self.raced, self.created, self.matched_by_email,
                           self.stations_created, tuple(self.problems))
