"""Station logs: export a station's check-in log as JSON and merge it, idempotently, by uid."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from learningday.checkin.dto import MergeReport
from learningday.checkin.log import new_unused_code, station_id
from learningday.errors import InvalidInput
from learningday.roster.rows import attendee_with_email
from learningday.setup.event import get_event
from learningday.spreadsheet.emails import parse_email
from learningday.spreadsheet.engine import CellProblem
from learningday.store.models import CHECKIN_KINDS, CHECKIN_METHODS, Attendee, CheckIn, Hub, Station
from learningday.store.models import Session as LearningSession
from learningday.timeutil import iso, parse_utc

FORMAT = "learningday-station-log"
VERSION = 1
_ENTRY_FIELDS = ("uid", "kind", "attendee_uid", "session_uid", "at_utc", "station", "facilitator_name", "method",
                 "reverses_uid")


def read_log_file(path: Path) -> Any:
    """The JSON of a station log file; a missing or unreadable file is bad input."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"no such station log: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{path} is not a readable station log ({exc})") from None


def log_json(log: dict[str, Any]) -> str:
    return json.dumps(log, ensure_ascii=False, indent=1)


def export_log(session: Session) -> dict[str, Any]:
    """The whole check-in log of this file, with who and where each entry is about (JSON-able)."""
    entries = session.execute(
        select(CheckIn.uid, CheckIn.kind, Attendee.uid, LearningSession.uid, CheckIn.at_utc, Station.name,
               CheckIn.facilitator_name, CheckIn.method, CheckIn.reverses_uid)
        .join(Attendee, Attendee.id == CheckIn.attendee_id)
        .outerjoin(LearningSession, LearningSession.id == CheckIn.session_id)
        .outerjoin(Station, Station.id == CheckIn.station_id)
        .order_by(CheckIn.id)
    ).all()
    walk_ins = set(session.scalars(select(CheckIn.attendee_id).where(CheckIn.kind == "walk_in")))
    people = session.execute(
        select(Attendee.id, Attendee.uid, Attendee.email, Attendee.name, Attendee.code, Attendee.employee_id,
               Attendee.department, Attendee.role, Hub.name, Attendee.level_id, Attendee.created_utc)
        .outerjoin(Hub, Hub.id == Attendee.hub_id)
        .where(Attendee.id.in_(select(CheckIn.attendee_id)))
    ).all()
    sessions = session.execute(select(LearningSession.uid, LearningSession.title)
                               .where(LearningSession.id.in_(select(CheckIn.session_id)))).all()
    attendees = []
    for p in people:
        item: dict[str, Any] = {"uid": p.uid, "email": p.email, "name": p.name, "code": p.code,
                                "walk_in": p.id in walk_ins}
        if p.id in walk_ins:
            item.update(employee_id=p.employee_id, department=p.department, role=p.role, hub=p[8],
                        level_id=p.level_id, created_utc=iso(p.created_utc))
        attendees.append(item)
    return {
        "format": FORMAT,
        "version": VERSION,
        "event_uid": get_event(session).uid,
        "stations": sorted({e[5] for e in entries if e[5]}),
        "sessions": [{"uid": uid, "title": title} for uid, title in sessions],
        "attendees": attendees,
        "entries": [dict(zip(_ENTRY_FIELDS, (*e[:4], iso(e[4]), *e[5:]))) for e in entries],
    }


def _validate(data: Any, event_uid: str) -> tuple[dict[str, dict], list[dict]]:
    """Check the whole document before anything is written; return (attendees by uid, entries)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput("this is not a LearningDay station log")
    if data.get("version") != VERSION:
        raise InvalidInput(f"station log version {data.get('version')!r} is not supported (expected {VERSION})")
    if data.get("event_uid") != event_uid:
        raise InvalidInput("this station log belongs to another event")
    attendees, entries = data.get("attendees"), data.get("entries")
    if not isinstance(attendees, list) or not isinstance(entries, list):
        raise InvalidInput("the station log has no 'attendees' and 'entries' lists")
    people: dict[str, dict] = {}
    for n, person in enumerate(attendees, start=1):
        if not isinstance(person, dict) or not isinstance(person.get("uid"), str) or not person.get("name"):
            raise InvalidInput(f"attendee {n} of the station log has no uid or name")
        people[person["uid"]] = person
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("uid"), str):
            raise InvalidInput(f"entry {n} of the station log has no uid")
        if entry.get("kind") not in CHECKIN_KINDS or entry.get("method") not in CHECKIN_METHODS:
            raise InvalidInput(f"entry {n} ({entry['uid']}) has an unknown kind or method")
        if entry.get("attendee_uid") not in people:
            raise InvalidInput(f"entry {n} ({entry['uid']}) names an attendee the log does not describe")
        entry["_at"] = parse_utc(str(entry.get("at_utc", "")))
        if entry["kind"] == "undo" and not entry.get("reverses_uid"):
            raise InvalidInput(f"entry {n} ({entry['uid']}) is an undo of nothing")
    return people, entries


class _Merger:
    """Resolves the log's people, sessions and stations to this file's rows, creating walk-ins."""

    def __init__(self, session: Session, people: dict[str, dict]) -> None:
        self.session = session
        self.people = people
        self.attendee_ids: dict[str, int | None] = {}
        self.created = self.matched_by_email = 0
        self.problems: list[str] = []

    def attendee(self, uid: str) -> int | None:
        if uid not in self.attendee_ids:
            self.attendee_ids[uid] = self._resolve(self.people[uid])
        return self.attendee_ids[uid]

    def _email(self, person: dict) -> str:
        """The person's email read by the one parser (spreadsheet.emails); one it refuses is left out."""
        text = str(person.get("email") or "").strip()
        try:
            return parse_email(text) if text else ""
        except CellProblem as exc:
            self.problems.append(f"{person['name']} ({person['uid']}): {exc.message}; the email was left out")
            return ""

    def _resolve(self, person: dict) -> int | None:
        s = self.session
        found = s.scalar(select(Attendee.id).where(Attendee.uid == person["uid"]))
        if found is not None:
            return found
        email = self._email(person)
        found = attendee_with_email(s, email) if email else None
        if found is not None:
            self.matched_by_email += 1
            return found
        if not person.get("walk_in"):
            self.problems.append(f"{person['name']} ({person['uid']}) is not in this event: their entries were "
                                 "not applied")
            return None
        code = str(person.get("code") or "")
        if not code or s.scalar(select(Attendee.id).where(Attendee.code == code)) is not None:
            code = new_unused_code(s)
        employee_id = person.get("employee_id") or None
        if employee_id and s.scalar(select(Attendee.id).where(Attendee.employee_id == employee_id)) is not None:
            self.problems.append(f"walk-in {person['name']}: employee id {employee_id} is someone else's; left out")
            employee_id = None
        hub_id = s.scalar(select(Hub.id).where(Hub.name == person.get("hub"))) if person.get("hub") else None
        created = parse_utc(person["created_utc"]) if person.get("created_utc") else None
        self.created += 1
        return s.execute(insert(Attendee).values(
            uid=person["uid"], code=code, name=person["name"], email=email, employee_id=employee_id,
            department=person.get("department") or "", role=person.get("role") or "", hub_id=hub_id,
            level_id=person.get("level_id"), created_utc=created or datetime.now().astimezone(),
        ).returning(Attendee.id)).scalar_one()


def merge_log(session: Session, data: Any) -> MergeReport:
    """Apply a station log: entries already here (same uid) are skipped, so merging twice changes
    nothing; walk-ins with an email already here become that person. The caller commits."""
    s = session
    people, entries = _validate(data, get_event(s).uid)
    merger = _Merger(s, people)
    stations_before = s.scalar(select(func.count()).select_from(Station))
    known = set(s.scalars(select(CheckIn.uid).where(CheckIn.uid.in_([e["uid"] for e in entries]))))
    sessions: dict[str, int | None] = {}
    added = present = 0
    # Arrivals before the undos that reverse them, each in time order.
    for entry in sorted(entries, key=lambda e: (e["kind"] == "undo", e["_at"], e["uid"])):
        if entry["uid"] in known:
            present += 1
            continue
        attendee_id = merger.attendee(entry["attendee_uid"])
        if attendee_id is None:
            continue
        session_uid = entry.get("session_uid")
        if session_uid is not None and session_uid not in sessions:
            sessions[session_uid] = s.scalar(select(LearningSession.id).where(LearningSession.uid == session_uid))
            if sessions[session_uid] is None:
                merger.problems.append(f"session {session_uid} is not in this event: its entries were not applied")
        if session_uid is not None and sessions[session_uid] is None:
            continue
        if entry["kind"] == "undo" and entry["reverses_uid"] not in known:
            merger.problems.append(f"entry {entry['uid']} undoes {entry['reverses_uid']}, which is not in this "
                                   "event; not applied")
            continue
        s.execute(insert(CheckIn).values(
            uid=entry["uid"], kind=entry["kind"], attendee_id=attendee_id,
            session_id=sessions.get(session_uid) if session_uid else None, at_utc=entry["_at"],
            station_id=station_id(s, entry.get("station") or "merged log", at_utc=entry["_at"]),
            facilitator_name=str(entry.get("facilitator_name") or "")[:200], method=entry["method"],
            reverses_uid=entry.get("reverses_uid"),
        ))
        known.add(entry["uid"])
        added += 1
    stations_after = s.scalar(select(func.count()).select_from(Station))
    return MergeReport(added, present, merger.created, merger.matched_by_email,
                       int(stations_after - stations_before), tuple(merger.problems))
