"""Attendee import: the roster's column spec and the all-or-nothing write (create or update people)."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from learningday.errors import CancelCheck, InvalidInput, Progress, share_of, stop_if_cancelled
from learningday.roster.codes import looks_like_code, new_code, normalise_code
from learningday.setup.reference import Reference
from learningday.spreadsheet.emails import email_key, parse_email
from learningday.spreadsheet.engine import (
    IMPORT_CANCELLED,
    CellProblem,
    Field,
    FileRead,
    ImportRefused,
    ImportSpec,
    Issue,
    Report,
    find_mapping,
    open_for_import,
    parse_rows,
)
from learningday.store.models import Attendee, new_uid
from learningday.timeutil import UTC

WRITE_CHUNK = 5000
#: what an import may change on a person it recognises (never code, uid or created_utc)
UPDATABLE = ("name", "email", "employee_id", "department", "role", "hub_id", "level_id")
_UID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
#: what makes two rows of a file one person, strongest first
_SAME_PERSON = ("uid", "employee_id", "email_key")


def _code(text: str) -> str:
    if not looks_like_code(text):
        raise CellProblem("not a check-in code (6 letters and digits)")
    return normalise_code(text)


def _uid(text: str) -> str:
    if not _UID.match(text.lower()):
        raise CellProblem("not a LearningDay uid")
    return text.lower()


def attendee_spec(ref: Reference) -> ImportSpec:
    """The attendee columns, their synonyms and parsers (hub and level need the event's data)."""
    return ImportSpec("attendees", (
        Field("name", "Name", ("Full name", "Attendee", "Participant", "Employee name", "Display name",
                               "Person", "Nom", "Nombre", "Name (full)"), required=True, max_length=200),
        Field("email", "Email", ("E-mail", "E-mail address", "Email address", "Work email", "Work e-mail",
                                 "Business email", "Corporate email", "Mail", "Courriel", "Correo"),
              max_length=254, parse=parse_email),
        Field("employee_id", "Employee ID", ("Employee number", "Employee no", "Emp ID", "Emp no", "Staff ID",
                                             "Staff number", "Personnel number", "Worker ID", "Badge ID", "EID"),
              max_length=64),
        Field("department", "Department", ("Dept", "Team", "Business unit", "Division", "Org unit",
                                           "Organisation", "Organization", "Function"), max_length=100),
        Field("role", "Role", ("Job title", "Title", "Position", "Job", "Job family", "Job role", "Function title"),
              max_length=100),
        Field("hub", "Hub", ("Office", "Location", "Site", "City", "Work location", "Time zone", "Timezone",
                             "Zone"), max_length=100, parse=ref.hub),
        Field("level", "Level", ("AI level", "Skill level", "Framework level", "Level ID"), max_length=40,
              parse=ref.level),
        Field("code", "Code", ("Check-in code", "Badge code", "Checkin code"), max_length=20, parse=_code),
        Field("uid", "UID", ("LearningDay ID", "LearningDay UID"), max_length=36, parse=_uid),
    ))


@dataclass(frozen=True)
class ImportResult(FileRead):
    """What an import did (or, refused, would have done) and why."""

    created: int
    updated: int
    unchanged: int
    merged: int
    skipped: int
    levels_from_role: int
    issues: tuple[Issue, ...]
    issue_count: int
    #: updates of known people and rows merged inside the file (the reported choices), capped
    notices: tuple[Issue, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created, "updated": self.updated, "skipped": self.skipped,
            "unchanged": self.unchanged, "merged": self.merged, "levels_from_role": self.levels_from_role,
            "errors": [i.as_dict() for i in self.issues], "error_count": self.issue_count,
            "notices": [i.as_dict() for i in self.notices],
        }


class _Person:
    """One person of the file, after merging the rows that repeat them."""

    __slots__ = ("row", "values", "target")

    def __init__(self, row: int, values: dict[str, Any]) -> None:
        self.row = row
        self.values = values
        self.target: int | None = None  # index into the existing attendees


def _read_people(source, spec: ImportSpec, mapping, report: Report, progress, cancel) -> tuple[list[_Person], int]:
    """Parse the rows and merge those that repeat a person (same uid, employee id or email); the people,
    and how many rows were merged into an earlier one."""
    people: list[_Person] = []
    keys: dict[tuple[str, str], int] = {}
    merged = 0
    for parsed in parse_rows(source, spec, mapping, progress=progress, cancel=cancel):
        for issue in parsed.issues:
            report.problem(issue)
        if parsed.issues:
            continue
        values = parsed.values
        if "email" in values:
            values["email_key"] = email_key(values["email"])
        how = next((key for key in _SAME_PERSON if (key, values.get(key)) in keys), None)
        if how is None:
            people.append(_Person(parsed.row, values))
            index = len(people) - 1
        else:
            index = keys[(how, values[how])]
            earlier = people[index]
            theirs, ours = earlier.values.get("employee_id"), values.get("employee_id")
            if theirs and ours and theirs != ours:
                report.problem(Issue(parsed.row, mapping.header_of("email") if "email" in mapping.columns else "",
                                     values.get("email", ""),
                                     f"row {earlier.row} has this email with another employee id ({theirs})"))
                continue
            report.notice(Issue(parsed.row, "", "", f"repeats row {earlier.row} (same {how.replace('_key', '')}): "
                                                    "merged into one person, this row's values win"))
            earlier.values.update(values)
            merged += 1
        for key in _SAME_PERSON:
            if key in values:
                keys.setdefault((key, values[key]), index)
    return people, merged


_EXISTING = (Attendee.id, Attendee.uid, Attendee.code, *(getattr(Attendee, c) for c in UPDATABLE))


def _match_existing(session: Session, people: list[_Person], report: Report):
    rows = session.execute(select(*_EXISTING).order_by(Attendee.id)).all()
    by_uid = {r.uid: i for i, r in enumerate(rows)}
    by_emp = {r.employee_id: i for i, r in enumerate(rows) if r.employee_id}
    by_email: dict[str, int] = {}
    for i, r in enumerate(rows):
        if r.email:
            by_email.setdefault(email_key(r.email), i)
    claimed: dict[int, int] = {}
    for person in people:
        v = person.values
        target = by_uid.get(v.get("uid", "")) if "uid" in v else None
        if target is None and "employee_id" in v:
            target = by_emp.get(v["employee_id"])
        if target is None and "email_key" in v:
            target = by_email.get(v["email_key"])
            if target is not None and rows[target].employee_id and v.get("employee_id") not in (
                    None, rows[target].employee_id):
                report.problem(Issue(person.row, "Email", v["email"], "this email belongs to an attendee with "
                                     f"employee id {rows[target].employee_id}, not {v['employee_id']}"))
                continue
        owner = by_emp.get(v.get("employee_id", ""))
        if target is not None and owner is not None and owner != target:
            report.problem(Issue(person.row, "Employee ID", v["employee_id"],
                                 f"this employee id belongs to another attendee ({rows[owner].name})"))
            continue
        if target is not None and target in claimed:
            report.problem(Issue(person.row, "", "", f"this person is also row {claimed[target]} of the file"))
            continue
        if target is not None:
            claimed[target] = person.row
        person.target = target
    return rows


def import_roster(
    session: Session,
    path: Path | str,
    *,
    overrides: Mapping[str, str | int | None] | None = None,
    valid_only: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    now: datetime | None = None,
    encoding: str | None = None,
) -> ImportResult:
    """Import attendees from a CSV or XLSX file: all rows or nothing (``valid_only`` skips bad rows).

    People are recognised by uid, else employee id, else email (case-insensitively) and updated
    rather than created again; empty cells never erase what is known. Raises ImportRefused with the
    row-level report when any row is wrong (and ``valid_only`` is false), Cancelled when ``cancel``
    says stop: nothing is written then. A CSV file is read in ``encoding`` if given, else in the one
    guessed, and refused (EncodingUnsure) when that guess is not certain. Run it in the caller's write transaction
    (``EventFile.write()``); the caller commits, and a refusal leaves the file as it was.
    """
    path = Path(path)
    report = Report()
    ref = Reference.load(session)
    spec = attendee_spec(ref)
    with open_for_import(path, encoding) as source:
        mapping = find_mapping(source, spec, overrides)
        people, merged = _read_people(source, spec, mapping, report, share_of(progress, 0.0, 0.8), cancel)
        info = (source.format, source.encoding, source.delimiter)
    stop_if_cancelled(cancel, IMPORT_CANCELLED)
    try:
        rows = _match_existing(session, people, report)
        if report.count and not valid_only:
            raise ImportRefused(f"{path.name}: {len(report.bad_rows):,} row(s) have problems; nothing was imported",
                                tuple(report.issues), report.count)
        counts = _write(session, people, rows, ref, report, progress, now or datetime.now(UTC))
    except IntegrityError as exc:
        raise InvalidInput(f"{path.name}: the roster changed while importing ({exc.orig}); nothing was imported; "
                           "try again") from None
    created, updated, unchanged, from_role = counts
    return ImportResult(
        created=created, updated=updated, unchanged=unchanged,
        merged=merged,
        skipped=len(report.bad_rows), levels_from_role=from_role, issues=tuple(report.issues),
        issue_count=report.count, notices=tuple(report.notices), format=info[0], encoding=info[1],
        delimiter=info[2], ignored_columns=mapping.ignored,
    )


def _write(session: Session, people: list[_Person], rows, ref: Reference, report: Report,
           progress: Progress | None, now: datetime) -> tuple[int, int, int, int]:
    table = Attendee.__table__
    taken = {r.code for r in rows}
    uids = {r.uid for r in rows}
    rng = random.Random(random.SystemRandom().getrandbits(64))  # SystemRandom per character is 10x slower
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    created = updated = unchanged = from_role = 0
    total = max(1, len(people))
    for done, person in enumerate(people, start=1):
        if person.row in report.bad_rows:
            continue
        v = person.values
        if "hub" in v:
            v["hub_id"] = v["hub"]
        if "level" in v:
            v["level_id"] = v["level"]
        if person.target is not None:
            old = rows[person.target]
            new = {c: v.get(c, getattr(old, c)) for c in UPDATABLE}
            if new == {c: getattr(old, c) for c in UPDATABLE}:
                unchanged += 1
                continue
            changed = ", ".join(c for c in UPDATABLE if new[c] != getattr(old, c))
            report.notice(Issue(person.row, "", "", f"updates existing attendee {old.name} ({changed})"))
            updates.append({"_id": old.id, **new})
            updated += 1
        else:
            level = v.get("level_id")
            if level is None and v.get("role"):
                level = ref.roles.recommended_level(v["role"])
                from_role += level is not None
            code = v.get("code")
            if code is None or code in taken:
                code = new_code(rng, taken)
            taken.add(code)
            uid = v.get("uid") if v.get("uid") and v["uid"] not in uids else new_uid()
            uids.add(uid)
            inserts.append({
                "uid": uid, "code": code, "name": v["name"], "email": v.get("email", ""),
                "employee_id": v.get("employee_id"), "department": v.get("department", ""),
                "role": v.get("role", ""), "hub_id": v.get("hub_id"), "level_id": level, "created_utc": now,
            })
            created += 1
        if len(inserts) >= WRITE_CHUNK:
            session.execute(insert(table), inserts)
            inserts = []
            if progress is not None:
                progress(0.8 + 0.2 * done / total, f"written {done:,} of {total:,} people")
    if inserts:
        session.execute(insert(table), inserts)
    if updates:
        stmt = update(table).where(table.c.id == bindparam("_id")).values(
            {c: bindparam(c) for c in UPDATABLE})
        session.connection().execute(stmt, updates)
    if progress is not None:
        progress(1.0, f"{created:,} created, {updated:,} updated")
    return created, updated, unchanged, from_role
