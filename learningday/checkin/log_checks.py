"""A station log checked entry by entry before anything is merged: the roster import's field rules
for the people it describes, the door's rules for its entries, and every instant near the event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from learningday.checkin.log import MAX_FACILITATOR, station_name
from learningday.errors import InvalidInput
from learningday.roster.importing import attendee_spec
from learningday.setup.event import get_event
from learningday.setup.reference import Reference
from learningday.spreadsheet.engine import CellProblem, clean
from learningday.spreadsheet.text import control_problem
from learningday.store.models import CHECKIN_KINDS, CHECKIN_METHODS
from learningday.timeutil import UTC, parse_utc

FORMAT = "learningday-station-log"
VERSION = 1
#: how far from its event (or from today, for a late merge) a logged instant may lie
CHECKIN_MARGIN = timedelta(days=366)
#: where entries that name no station are said to come from
MERGED_STATION = "merged log"
#: problems a refusal lists in full (it counts the rest)
LISTED = 5


@dataclass(frozen=True, slots=True)
class LogPerson:
    """Someone a log's entries are about, as the roster import would read them."""

    uid: str
    name: str
    walk_in: bool
    email: str = ""
    #: why the log's email was left out (the one email rule refused it), or ""
    email_problem: str = ""
    code: str | None = None
    employee_id: str | None = None
    department: str = ""
    role: str = ""
    hub_id: int | None = None
    #: why the log's hub was left out (no such hub here), or ""
    hub_problem: str = ""
    level_id: int | None = None
    created_utc: datetime | None = None


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One entry of a log, checked; ``n`` is its place in the log (for messages)."""

    uid: str
    kind: str
    attendee_uid: str
    session_uid: str | None
    at_utc: datetime
    station: str
    facilitator_name: str
    method: str
    reverses_uid: str | None
    n: int = field(default=0, compare=False)


@dataclass(frozen=True)
class StationLog:
    people: dict[str, LogPerson]
    #: each uid once (a log may repeat an entry word for word)
    entries: list[LogEntry]


class _Problem(Exception):
    """One thing wrong with a value of the log (collected, then refused all at once)."""


class _Unknown(_Problem):
    """An entry about a person the log does not describe (or describes wrongly: said once, for the person)."""

    def __init__(self, message: str, uid: str) -> None:
        super().__init__(message)
        self.uid = uid


class _NotText(_Problem):
    """A list, a number or an object where text belongs: a forged or damaged log, never left out."""


class _Reader:
    """The rules one log is read by: the roster import's fields, the event's window."""

    def __init__(self, session: Session) -> None:
        self.fields = {f.key: f for f in attendee_spec(Reference.load(session)).fields}
        self.uids: dict[str, str] = {}  # the people's and sessions' uids recur: each is read once
        event = get_event(session)
        self.earliest = event.start_utc - CHECKIN_MARGIN
        self.latest = max(event.end_utc, datetime.now(UTC)) + CHECKIN_MARGIN
        self.event_uid = event.uid

    def cell(self, key: str, value: object, *, required: bool = False) -> Any:
        """``value`` read by the roster import's field ``key`` (its length limit and parser)."""
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise _NotText(f"{self.fields[key].label} is not text")
        try:
            read = self.fields[key].read(clean(value))
        except CellProblem as exc:
            raise _Problem(exc.message) from None
        if read is None and required:
            raise _Problem(f"{self.fields[key].label} is required")
        return read

    def uid(self, value: object, what: str = "UID") -> str:
        if not isinstance(value, str):
            raise _Problem(f"its {what} is not text")
        if value not in self.uids:
            try:
                self.uids[value] = self.cell("uid", value, required=True)
            except _Problem as exc:
                raise _Problem(f"its {what} {value[:40]!r}: {exc}") from None
        return self.uids[value]

    def instant(self, value: object, what: str) -> datetime:
        if not isinstance(value, str):
            raise _Problem(f"its {what} is not a date and time")
        try:
            at = parse_utc(value)
        except InvalidInput as exc:
            raise _Problem(f"its {what}: {exc.message}") from None
        if not self.earliest <= at <= self.latest:
            raise _Problem(f"its {what} {value!r} is not near this event ({self.earliest:%Y-%m-%d} to "
                           f"{self.latest:%Y-%m-%d})")
        return at


def _left_out(read: _Reader, key: str, value: object) -> tuple[Any, str]:
    """A value the other station's file may hold and this one refuse (an email an older rule let in, a
    hub renamed here): (the value, "") or (None, why it is left out). Text it is not is still refused."""
    try:
        return read.cell(key, value or None), ""
    except _NotText:
        raise
    except _Problem as exc:
        return None, str(exc)


def _person(read: _Reader, item: object) -> LogPerson:
    if not isinstance(item, dict):
        raise _Problem("it is not an object")
    walk_in = item.get("walk_in", False)
    if not isinstance(walk_in, bool):
        raise _Problem("'walk_in' is not true or false")
    email, email_problem = _left_out(read, "email", item.get("email"))
    hub_id, hub_problem = _left_out(read, "hub", item.get("hub"))
    level = item.get("level_id")
    if level is not None and type(level) is not int:
        raise _Problem("its level is not a level number")
    return LogPerson(
        uid=read.uid(item.get("uid")), name=read.cell("name", item.get("name"), required=True), walk_in=walk_in,
        email=email or "", email_problem=email_problem,
        # only a walk-in's code is kept (the others are found by uid or email)
        code=read.cell("code", item.get("code") or None) if walk_in else None,
        employee_id=read.cell("employee_id", item.get("employee_id") or None),
        department=read.cell("department", item.get("department") or None) or "",
        role=read.cell("role", item.get("role") or None) or "", hub_id=hub_id, hub_problem=hub_problem,
        level_id=None if level is None else read.cell("level", str(level)),
        created_utc=read.instant(item["created_utc"], "created_utc") if item.get("created_utc") else None,
    )


def _entry(read: _Reader, item: object, n: int, people: dict[str, LogPerson]) -> LogEntry:
    if not isinstance(item, dict):
        raise _Problem("it is not an object")
    uid = read.uid(item.get("uid"))
    kind, method = item.get("kind"), item.get("method")
    if kind not in CHECKIN_KINDS or method not in CHECKIN_METHODS:
        raise _Problem("it has an unknown kind or method")
    attendee = read.uid(item.get("attendee_uid"), "attendee")
    if attendee not in people:
        raise _Unknown("it names an attendee the log does not describe", attendee)
    session, station, facilitator = item.get("session_uid"), item.get("station"), item.get("facilitator_name")
    if not isinstance(station, str | None) or not isinstance(facilitator, str | None):
        raise _Problem("its station or facilitator is not text")
    if len(facilitator or "") > MAX_FACILITATOR:
        raise _Problem(f"its facilitator name is longer than {MAX_FACILITATOR} characters")
    if (problem := control_problem(facilitator or "")) is not None:
        raise _Problem(f"its facilitator name {problem}")
    try:
        station = station_name(station) if station and station.strip() else MERGED_STATION
    except InvalidInput as exc:
        raise _Problem(exc.message) from None
    reverses = item.get("reverses_uid")
    if kind == "undo":
        if not reverses:
            raise _Problem("it is an undo of nothing")
        reverses = read.uid(reverses, "reversed entry")
        if reverses == uid:
            raise _Problem("it undoes itself")
    elif reverses is not None:
        raise _Problem(f"a {kind} entry reverses nothing")
    return LogEntry(uid, kind, attendee, None if session is None else read.uid(session, "session"),
                    read.instant(item.get("at_utc"), "at_utc"), station, (facilitator or "").strip(), method,
                    reverses, n)


def _refuse(problems: list[str]) -> None:
    if problems:
        more = f" (and {len(problems) - LISTED:,} more)" if len(problems) > LISTED else ""
        raise InvalidInput(f"the station log has {len(problems):,} problem(s), so nothing was merged: "
                           + "; ".join(problems[:LISTED]) + more)


def read_station_log(session: Session, data: Any) -> StationLog:
    """The whole log checked before anything is written: every problem found is listed in one refusal."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput("this is not a LearningDay station log")
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        # no str() of a huge number: Python refuses to write one of more than 4,300 digits
        shown = "(a long number)" if isinstance(version, int) and abs(version) > 10**12 else repr(version)[:40]
        raise InvalidInput(f"station log version {shown} is not supported (expected {VERSION})")
    read = _Reader(session)
    if data.get("event_uid") != read.event_uid:
        raise InvalidInput("this station log belongs to another event")
    attendees, entries = data.get("attendees"), data.get("entries")
    if not isinstance(attendees, list) or not isinstance(entries, list):
        raise InvalidInput("the station log has no 'attendees' and 'entries' lists")
    problems: list[str] = []
    people: dict[str, LogPerson] = {}
    refused: set[object] = set()  # the uids of people refused: their entries are not reported again
    for n, item in enumerate(attendees, start=1):
        try:
            person = _person(read, item)
        except _Problem as exc:
            problems.append(f"attendee {n}: {exc}")
            uid = item.get("uid") if isinstance(item, dict) else None
            refused.add(uid.strip().lower() if isinstance(uid, str) else None)
            continue
        if people.get(person.uid, person) != person:
            problems.append(f"attendee {n}: uid {person.uid} describes two different people")
        people[person.uid] = person
    checked: dict[str, LogEntry] = {}
    for n, item in enumerate(entries, start=1):
        try:
            entry = _entry(read, item, n, people)
        except _Unknown as exc:
            if exc.uid not in refused:
                problems.append(f"entry {n}: {exc}")
            continue
        except _Problem as exc:
            problems.append(f"entry {n}: {exc}")
            continue
        first = checked.setdefault(entry.uid, entry)
        if first != entry:
            problems.append(f"entries {first.n} and {n} share the uid {entry.uid} but differ (a conflict)")
    for entry in checked.values():
        target = checked.get(entry.reverses_uid or "")
        if target is not None and target.kind == "undo":
            problems.append(f"entry {entry.n}: it undoes an undo (entry {target.n})")
    _refuse(problems)
    return StationLog(people, list(checked.values()))
