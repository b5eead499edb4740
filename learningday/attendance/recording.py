"""The import service: reports read and matched (a plan, nothing written), then written to the log at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from learningday.attendance.dto import FilePlan, ImportResult, Person
from learningday.attendance.matching import Roster, match_people
from learningday.attendance.people import people_of
from learningday.attendance.reading import read_report
from learningday.attendance.sessions import find_target, scheduled_targets, target_by_uid, zone_for
from learningday.attendance.writing import Detail, Entry, write
from learningday.checkin.log import station_id, walk_in
from learningday.errors import CancelCheck, InvalidInput, Progress, stop_if_cancelled
from learningday.store.arrival import not_undone
from learningday.store.models import CheckIn, VirtualAttendance
from learningday.timeutil import utc

STATION = "Virtual attendance"
WRITTEN = ("email", "name", "confirmed")


def plan_import(session: Session, paths: Sequence[Path | str], *, session_uid: str | None = None,
                zone: str | None = None, confirmed: Mapping[str, str] | None = None,
                progress: Progress | None = None, cancel: CancelCheck | None = None) -> tuple[FilePlan, ...]:
    """Read every report and match its people; nothing is written. An unreadable file refuses them all."""
    if not paths:
        raise InvalidInput("no attendance report to import")
    targets = scheduled_targets(session)
    given = target_by_uid(targets, session_uid) if session_uid else None
    roster = Roster(session)
    plans = []
    for i, path in enumerate(paths):
        stop_if_cancelled(cancel, "import cancelled; nothing was imported")
        report = read_report(path)
        target, sure = (given, True) if given else find_target(targets, report, zone=zone)
        reading_zone = zone_for(target, zone)
        people, notes = people_of(report, zone_name=reading_zone, window=target.window)
        prefix = f"{report.path.name}|"  # the review keys of this file's people
        matched = match_people(roster, people, confirmed={
            key[len(prefix):]: uid for key, uid in (confirmed or {}).items() if key.startswith(prefix)})
        plans.append(FilePlan(str(report.path), report.path.name, report.sha256, report.platform, target.id,
                              target.uid, target.title, sure, reading_zone, matched, notes))
        if progress:
            progress((i + 1) / len(paths) * 0.5, f"read {report.path.name}")
    return tuple(plans)


def review_key(plan: FilePlan, person: Person) -> str:
    """How a user's decision about a person names them in ``confirmed``: the file's name and the person's key."""
    return f"{plan.name}|{person.key}"


_ENTRY = aliased(CheckIn, name="c")


def _current(session: Session, plans: Sequence[FilePlan]) -> dict[tuple[int, str], list[tuple[int, str, str]]]:
    """(session id, file name) -> (attendee id, check-in uid, file hash) of that file's entries no undo reverses."""
    found: dict[tuple[int, str], list[tuple[int, str, str]]] = defaultdict(list)
    names = sorted({plan.name for plan in plans})
    for first in range(0, len(names), 500):
        for sid, name, aid, uid, sha in session.execute(
            select(_ENTRY.session_id, VirtualAttendance.file_name, _ENTRY.attendee_id, _ENTRY.uid,
                   VirtualAttendance.file_sha256)
            .join(VirtualAttendance, VirtualAttendance.checkin_id == _ENTRY.id)
            .where(VirtualAttendance.file_name.in_(names[first:first + 500]), not_undone(_ENTRY))):
            found[sid, name].append((aid, uid, sha))
    return found


def apply_import(session: Session, plans: Sequence[FilePlan], *, at_utc: datetime, add_walk_ins: bool = False,
                 progress: Progress | None = None, cancel: CancelCheck | None = None) -> ImportResult:
    """Write each plan's matched people as 'virtual' check-ins with their intervals. The same file again
    writes nothing; a corrected file (same name and session, other content) reverses its earlier entries
    with undo entries first. Fuzzy matches are not written; unmatched people become walk-ins on request."""
    unsure = [p for p in plans if not p.session_sure]
    if unsure:
        raise InvalidInput(f"{unsure[0].name}: not clearly a report of '{unsure[0].session_title}'; "
                           "give the session (--session UID) or confirm it in the dialog")
    at = utc(at_utc)
    station = station_id(session, STATION, at_utc=at)
    entries: list[Entry] = []
    details: list[Detail] = []
    undone = walk_ins = 0
    earlier = _current(session, plans)
    if len({(plan.session_id, plan.name) for plan in plans}) < len(plans):
        raise InvalidInput("two reports of one session have the same file name; import them one at a time")
    for n, plan in enumerate(plans):
        stop_if_cancelled(cancel, "import cancelled; nothing was imported")
        current = earlier.pop((plan.session_id, plan.name), [])
        kept = {aid for aid, _, sha in current if sha == plan.sha256}
        for aid, uid, sha in current:
            if sha != plan.sha256:
                entries.append(("undo", aid, plan.session_id, at, uid))
                undone += 1
        for person in plan.people:
            if person.match in WRITTEN and person.attendee_id not in kept:
                kept.add(person.attendee_id)
                details.append((len(entries), plan, person))
                entries.append(("check_in", person.attendee_id, plan.session_id, person.intervals[0][0], None))
            elif person.match == "none" and add_walk_ins:
                result = walk_in(session, name=person.name or person.email, email=person.email,
                                 session_uid=plan.session_uid, station=STATION, at_utc=person.intervals[0][0])
                assert result.entry_uid is not None
                details.append((result.entry_uid, plan, person))
                walk_ins += result.new_attendee
        if progress:
            progress(0.5 + 0.4 * (n + 1) / len(plans), f"matched {plan.name}")
    write(session, station, entries, details)
    people = [p for plan in plans for p in plan.people]
    return ImportResult(
        files=tuple(plans), matched=sum(p.match in WRITTEN for p in people),
        fuzzy_pending=tuple(p for p in people if p.match == "fuzzy"),
        unmatched=tuple(p for p in people if p.match == "none" and not add_walk_ins),
        entries_written=len(entries) - undone + walk_ins, entries_undone=undone, walk_ins_added=walk_ins,
        notes=tuple(f"{plan.name}: {note}" for plan in plans for note in plan.notes))


def import_attendance(session: Session, paths: Sequence[Path | str], *, at_utc: datetime,
                      session_uid: str | None = None, zone: str | None = None,
                      confirmed: Mapping[str, str] | None = None, add_walk_ins: bool = False,
                      progress: Progress | None = None, cancel: CancelCheck | None = None) -> ImportResult:
    """Read, match and write in one go (the CLI's path; the dialog plans first, then applies)."""
    plans = plan_import(session, paths, session_uid=session_uid, zone=zone, confirmed=confirmed,
                        progress=progress, cancel=cancel)
    return apply_import(session, plans, at_utc=at_utc, add_walk_ins=add_walk_ins, progress=progress, cancel=cancel)


def confirm(plans: Sequence[FilePlan], decisions: Mapping[str, bool]) -> tuple[FilePlan, ...]:
    """The plans with a user's review applied: review key -> True (the proposed attendee is them) or False
    (they are not: unmatched, a walk-in if the user adds them). Undecided fuzzy matches keep waiting."""
    out = []
    for plan in plans:
        people = []
        for person in plan.people:
            key = review_key(plan, person)
            if key in decisions and person.match == "fuzzy":
                person = replace(person, match="confirmed") if decisions[key] else replace(
                    person, match="none", attendee_id=None, attendee_uid=None, attendee_name="", score=0.0)
            people.append(person)
        out.append(replace(plan, people=tuple(people)))
    return tuple(out)


