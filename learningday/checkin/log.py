"""Check-in state derived from the append-only log (an undo reverses an entry by uid)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from learningday.checkin import rules
from learningday.checkin.dto import CheckInResult, UndoResult
from learningday.checkin.sql import held, instant, round_trips
from learningday.checkin.sql import rows as _rows
from learningday.errors import InvalidInput
from learningday.roster.codes import new_code, normalise_code
from learningday.roster.rows import attendee_with_email, hub_id_by_name
from learningday.setup.rules import tidy
from learningday.spreadsheet.emails import parse_email
from learningday.spreadsheet.engine import CellProblem
from learningday.spreadsheet.text import checked_text
from learningday.store.arrival import ARRIVALS, not_undone_sql
from learningday.store.lean import Link
from learningday.store.models import CHECKIN_METHODS, Attendee, CheckIn, Registration, new_uid
from learningday.store.models import Session as LearningSession
from learningday.timeutil import utc

# -- the services: one user action each; the caller commits (use EventFile.write()) -------
_UID_LENGTH = 36
MAX_FACILITATOR = 200


@dataclass(frozen=True)
class _Person:
    id: int
    uid: str
    code: str
    name: str
    department: str = ""
    hub: str = ""


@dataclass(frozen=True)
class _Where:
    id: int | None
    uid: str | None
    title: str
    #: the door's facts (rules.FACT_COLUMNS), read with the person
    facts: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class _Entry:
    uid: str
    kind: str
    at_utc: datetime
    name: str | None  # the station's
    reverses_uid: str | None


def _find(session: Link, code_or_attendee: str | int, session_uid: str | None,
          hub: str | None = None, *, facts: bool = False) -> tuple[_Where, _Person | None]:
    """The session and the person scanned, in one statement, and the door's facts for them there when the door
    judges (``facts``: rules.FACT_COLUMNS, the station at ``hub``). On a server the person's row is taken for this
    transaction (``sql.held``): two stations scanning one badge at once, the second waits here, then
    ``_pair_state``, read afresh, shows the first one's entry. The facts come from
    this statement's snapshot, taken before that wait: the only change to a registration made under the person's
    row is an admit at the door, which writes an arrival too, so the second station reads "already" whatever
    they say. A code not on the roster looks the session up alone: an unknown session is the error either way."""
    person = "a.id, a.uid, a.code, a.name, a.department, COALESCE(h.name, '')"
    sql = f"SELECT {person} FROM attendees AS a LEFT JOIN hubs AS h ON h.id = a.hub_id WHERE "
    server = round_trips(session)
    facts = facts and session_uid is not None
    if session_uid is not None:
        columns, joins = (f", {rules.FACT_COLUMNS}", rules.FACT_JOINS) if facts else ("", "")
        sql = (f"SELECT {person}, s.id, s.title{columns} FROM attendees AS a "
               f"LEFT JOIN hubs AS h ON h.id = a.hub_id LEFT JOIN sessions AS s ON s.uid = :session {joins} WHERE ")
    if isinstance(code_or_attendee, int):
        where, key = "a.id = :key", code_or_attendee
    elif len(code_or_attendee.strip()) == _UID_LENGTH and code_or_attendee.count("-") == 4:
        where, key = "a.uid = :key", code_or_attendee.strip().lower()
    else:
        where, key = "a.code = :key", normalise_code(code_or_attendee)
    uid = session_uid.strip().lower() if session_uid is not None else None
    params: dict[str, object] = {"key": key}
    if uid is not None:
        params |= {"session": uid, "hub": rules.station_hub(hub)} if facts else {"session": uid}
    found = _rows(session, sql + where + (held("a") if server else ""), params)
    if not found:
        return _find_session(session, session_uid), None
    row = found[0]
    if session_uid is None:
        return _Where(None, None, ""), _Person(*row)
    if row[6] is None:
        raise InvalidInput(f"no session with uid {session_uid!r} in this event")
    return _Where(row[6], uid, row[7], tuple(row[8:]) if facts else None), _Person(*row[:6])


def _find_session(session: Link, session_uid: str | None) -> _Where:
    if session_uid is None:
        return _Where(None, None, "")
    uid = session_uid.strip().lower()
    rows = _rows(session, "SELECT id, title FROM sessions WHERE uid = :uid", {"uid": uid})
    if not rows:
        raise InvalidInput(f"no session with uid {session_uid!r} in this event")
    return _Where(rows[0][0], uid, rows[0][1])


def station_name(name: str) -> str:
    name = checked_text(tidy(name), "station name")
    if not name:
        raise InvalidInput("the station needs a name (e.g. 'Door B')")
    if len(name) > 100:
        raise InvalidInput(f"a station name is at most 100 characters, not {len(name)}")
    return name


def station_id(session: Link, name: str, *, at_utc: datetime) -> int:
    """The station called ``name``, created on first use."""
    return _station_row(session, station_name(name), at_utc)


def _station_row(session: Link, name: str, at_utc: datetime) -> int:
    """``station_id`` for a name ``station_name`` has already checked."""
    found = _rows(session, "SELECT id FROM stations WHERE name = :name", {"name": name})
    if found:
        return found[0][0]
    # two stations of one name starting at once on a server: the second waits for the first's row, then reads it
    made = _rows(session, "INSERT INTO stations (uid, name, created_utc) VALUES (:uid, :name, :at) "
                          "ON CONFLICT (name) DO NOTHING RETURNING id", {"uid": new_uid(), "name": name, "at": at_utc})
    return (made or _rows(session, "SELECT id FROM stations WHERE name = :name", {"name": name}))[0][0]


def _checked(method: str, facilitator_name: str, at_utc: datetime, station: str) -> datetime:
    station_name(station)
    if method not in CHECKIN_METHODS:
        raise InvalidInput(f"unknown check-in method {method!r} (one of {', '.join(CHECKIN_METHODS)})")
    if len(facilitator_name) > MAX_FACILITATOR:
        raise InvalidInput(f"a facilitator name is at most {MAX_FACILITATOR} characters")
    checked_text(facilitator_name, "facilitator name")
    return utc(at_utc)


def _scan(session: Link, code_or_attendee: str | int, session_uid: str | None, *, station: str,
          facilitator_name: str, method: str, at_utc: datetime,
          hub: str | None = None, facts: bool = False) -> tuple[datetime, _Where, _Person | None]:
    """What a check-in or check-out starts with: its inputs checked, the session and the person found (and the
    door's facts, ``facts``)."""
    at = _checked(method, facilitator_name, at_utc, station)
    return (at, *_find(session, code_or_attendee, session_uid, hub, facts=facts))


def _pair_state(session: Link, attendee_id: int, session_id: int | None) -> _Entry | None:
    """The entry that decides where this person stands for this session: the newest arrival or
    check-out that no undo reverses, or None (never came, or every arrival was undone)."""
    rows = _rows(
        session,
        "SELECT c.uid, c.kind, c.at_utc, s.name, c.reverses_uid FROM checkins AS c "
        "LEFT JOIN stations s ON s.id = c.station_id WHERE c.attendee_id = :attendee AND "
        + ("c.session_id IS NULL" if session_id is None else "c.session_id = :session")
        + " AND c.kind != 'undo' AND " + not_undone_sql() + " ORDER BY c.at_utc DESC, c.id DESC LIMIT 1",
        {"attendee": attendee_id, "session": session_id},
    )
    if not rows:
        return None
    state = rows[0]
    return _Entry(state[0], state[1], instant(state[2]), state[3], state[4])


_COLUMNS = ("uid, kind, attendee_id, session_id, at_utc, station_id, facilitator_name, method, reverses_uid, "
            "override_reason, rehearsal")
#: on a server, the entry written with its station's id found in the same statement (one round trip, not two); the
#: cast types the session when it is NULL (an arrival). SQLite runs the two plain statements faster
_BY_STATION = (f"INSERT INTO checkins ({_COLUMNS}) SELECT :uid, :kind, :attendee, CAST(:session AS INTEGER), :at, "
               "st.id, :facilitator, :method, :reverses, :override, :rehearsal FROM stations AS st "
               "WHERE st.name = :station RETURNING id")
_WITH_STATION = (f"INSERT INTO checkins ({_COLUMNS}) VALUES (:uid, :kind, :attendee, :session, :at, :station, "
                 ":facilitator, :method, :reverses, :override, :rehearsal)")


def _append(session: Link, *, kind: str, attendee_id: int, session_id: int | None, at_utc: datetime,
            station: str, facilitator_name: str, method: str, reverses_uid: str | None = None,
            override_reason: str | None = None, rehearsal: bool = False, uid: str | None = None) -> str:
    """Write one log entry, by the station called ``station`` (created on first use); its uid."""
    uid = uid or new_uid()
    params = {"uid": uid, "kind": kind, "attendee": attendee_id, "session": session_id, "at": at_utc,
              "station": station_name(station), "facilitator": facilitator_name.strip(), "method": method,
              "reverses": reverses_uid, "override": override_reason, "rehearsal": rehearsal}
    if not round_trips(session) or not _rows(session, _BY_STATION, params):  # or the station's first entry
        params["station"] = _station_row(session, params["station"], at_utc)
        _rows(session, _WITH_STATION, params)
    return uid


def check_in(
    session: Link,
    *,
    code_or_attendee: str | int,
    session_uid: str | None = None,
    station: str,
    facilitator_name: str = "",
    method: str = "search",
    at_utc: datetime,
    kind: str = "check_in",
    override: str | None = None,
    over_capacity: bool = False,
    hub: str | None = None,
    judged: bool = True,
    entry_uid: str | None = None,
) -> CheckInResult:
    """Check a person (badge code, attendee uid or id) in to a session or, without one, the event.

    A second check-in of someone already here is reported as "already", not recorded twice. Into a
    session, the door rules (checkin/rules.py) judge it first: a held check-in writes nothing, an
    ``override`` (its reason) admits an amber one, and with ``over_capacity`` a full session. ``hub``:
    the station's, for the local times of a warning. ``entry_uid``: the uid to write it with (a station's
    outbox chose it when it kept the check-in; default: a new one). Run it through ``EventFile.run_lean_write``
    (or ``run_write``): two stations cannot both record the same person (SQLite's write lock at BEGIN; on a
    server the person's row, ``sql.held``).
    """
    at, where, person = _scan(session, code_or_attendee, session_uid, station=station,
                              facilitator_name=facilitator_name, method=method, at_utc=at_utc, hub=hub, facts=judged)
    reason = rules.checked_reason(override)
    if person is None:
        shown = code_or_attendee if isinstance(code_or_attendee, str) else str(code_or_attendee)
        return CheckInResult("unknown_code", "", where.title, None, None, session_uid=where.uid,
                             code=normalise_code(shown) or shown.strip())
    state = _pair_state(session, person.id, where.id)
    if state is not None and state.kind in ARRIVALS:
        return CheckInResult("already", person.name, where.title, at, None, person.uid, where.uid, person.code,
                             earlier_at_utc=state.at_utc, earlier_station=state.name or "", hub=person.hub,
                             department=person.department)
    verdict = rules.Verdict("checked_in", True, "")
    if where.id is not None and judged:  # an arrival at the event needs only a person on the roster
        door = rules.door_for(session, attendee_id=person.id, session_id=where.id, hub=hub, facts=where.facts)
        verdict = rules.judge(door, at, override=reason is not None, over_capacity=over_capacity)
        if not verdict.admitted:
            return CheckInResult(verdict.status, person.name, where.title, at, None, person.uid, where.uid,
                                 person.code, warnings=verdict.warnings, needs=verdict.needs, hub=person.hub,
                                 department=person.department, rehearsal=verdict.rehearsal)
        if verdict.registration_change:
            rules.admit(session, attendee_id=person.id, session_id=where.id, at_utc=at)
    used = reason if verdict.overridden else None
    entry = _append(session, kind=kind, attendee_id=person.id, session_id=where.id, at_utc=at, station=station,
                    facilitator_name=facilitator_name, method=method, override_reason=used,
                    rehearsal=verdict.rehearsal, uid=entry_uid)
    return CheckInResult("checked_in", person.name, where.title, at, entry, person.uid, where.uid, person.code,
                         warnings=verdict.warnings, override_reason=used, rehearsal=verdict.rehearsal,
                         hub=person.hub, department=person.department)


def check_out(
    session: Link,
    *,
    code_or_attendee: str | int,
    session_uid: str | None = None,
    station: str,
    facilitator_name: str = "",
    method: str = "search",
    at_utc: datetime,
) -> CheckInResult:
    """Record that a checked-in person left (for learning-hours reporting)."""
    at, where, person = _scan(session, code_or_attendee, session_uid, station=station,
                              facilitator_name=facilitator_name, method=method, at_utc=at_utc)
    if person is None:
        raise InvalidInput(f"no attendee has the code {code_or_attendee!r}")
    state = _pair_state(session, person.id, where.id)
    if state is None or state.kind not in ARRIVALS:
        raise InvalidInput(f"{person.name} is not checked in{' to ' + where.title if where.title else ''}")
    entry = _append(session, kind="check_out", attendee_id=person.id, session_id=where.id, at_utc=at,
                    station=station, facilitator_name=facilitator_name, method=method)
    return CheckInResult("checked_out", person.name, where.title, at, entry, person.uid, where.uid, person.code)


def undo(session: Session, entry_uid: str, *, station: str, facilitator_name: str = "",
         at_utc: datetime) -> UndoResult:
    """Reverse an entry with a compensating 'undo' entry; the entry itself stays in the log."""
    at = _checked("search", facilitator_name, at_utc, station)
    row = session.execute(
        select(CheckIn.id, CheckIn.kind, CheckIn.attendee_id, CheckIn.session_id, CheckIn.method,
               Attendee.name, LearningSession.title)
        .join(Attendee, Attendee.id == CheckIn.attendee_id)
        .outerjoin(LearningSession, LearningSession.id == CheckIn.session_id)
        .where(CheckIn.uid == entry_uid.strip())
    ).first()
    if row is None:
        raise InvalidInput(f"no check-in entry {entry_uid!r} in this event")
    if row.kind == "undo":
        raise InvalidInput(f"entry {entry_uid} is itself an undo; it cannot be undone")
    earlier = session.scalar(select(CheckIn.at_utc).where(CheckIn.kind == "undo",
                                                          CheckIn.reverses_uid == entry_uid.strip()))
    if earlier is not None:
        raise InvalidInput(f"{row.name}'s {row.kind.replace('_', '-')} was already undone at "
                           f"{earlier:%H:%M} UTC")
    uid = _append(session, kind="undo", attendee_id=row.attendee_id, session_id=row.session_id, at_utc=at,
                  station=station, facilitator_name=facilitator_name,
                  method=row.method, reverses_uid=entry_uid.strip())
    return UndoResult(uid, entry_uid.strip(), row.kind, row.name, row.title or "", at)


def walk_in(
    session: Session,
    *,
    name: str,
    email: str = "",
    hub: str | None = None,
    session_uid: str | None = None,
    station: str,
    facilitator_name: str = "",
    at_utc: datetime,
    employee_id: str | None = None,
    department: str = "",
    role: str = "",
) -> CheckInResult:
    """Someone not on the list turns up: add them to the roster and check them in, at once.

    A person whose email is already on the roster (in any letter case) is checked in as themselves,
    not duplicated. The email is read by the import's own parser (spreadsheet.emails).
    """
    at = _checked("walk_in", facilitator_name, at_utc, station)
    name = checked_text(tidy(name), "name")
    employee_id = (employee_id or "").strip() or None
    if not name:
        raise InvalidInput("a walk-in needs a name")
    if len(name) > 200:
        raise InvalidInput("a name is at most 200 characters")
    try:
        email = parse_email(email.strip()) if email.strip() else ""
    except CellProblem as exc:
        raise InvalidInput(exc.message) from None
    where = _find_session(session, session_uid)
    hub_id = hub_id_by_name(session, hub.strip()) if hub and hub.strip() else None
    existing = attendee_with_email(session, email) if email else None
    if existing is not None:
        on_list = where.id is not None and session.scalar(select(Registration.id).where(
            Registration.attendee_id == existing, Registration.session_id == where.id,
            Registration.status == "registered"))
        # the walk-in dialog is the facilitator's own decision at the door: no rule holds it
        return check_in(session, code_or_attendee=existing, session_uid=session_uid, station=station,
                        facilitator_name=facilitator_name, method="walk_in", at_utc=at,
                        kind="check_in" if on_list else "walk_in", judged=False)
    if employee_id and session.scalar(select(Attendee.id).where(Attendee.employee_id == employee_id)):
        raise InvalidInput(f"employee id {employee_id} belongs to someone else on the roster")
    code = new_unused_code(session)
    uid = new_uid()
    attendee_id = session.execute(insert(Attendee).values(
        uid=uid, code=code, name=name, email=email, employee_id=employee_id, department=department.strip(),
        role=role.strip(), hub_id=hub_id, level_id=None, created_utc=at,
    ).returning(Attendee.id)).scalar_one()
    entry = _append(session, kind="walk_in", attendee_id=attendee_id, session_id=where.id, at_utc=at,
                    station=station, facilitator_name=facilitator_name, method="walk_in")
    return CheckInResult("checked_in", name, where.title, at, entry, uid, where.uid, code, new_attendee=True)


def new_unused_code(session: Session) -> str:
    rng = random.SystemRandom()
    while True:
        code = new_code(rng, set())
        if session.scalar(select(Attendee.id).where(Attendee.code == code)) is None:
            return code
