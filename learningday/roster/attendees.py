"""One attendee: the editor's changes (checked as the import checks a row), delete and undo, their places.

Search terms follow every change: the SQL triggers of migration 0002 rewrite ``attendee_terms``
on each UPDATE of name, email, employee id or code, and on DELETE.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.roster import registrations
from learningday.roster.codes import normalise_code
from learningday.roster.dto import (
    ATTENDEE_FIELDS,
    AttendeeDetails,
    AttendeeRegistration,
    CancelResult,
    DeletedAttendee,
)
from learningday.roster.importing import attendee_spec
from learningday.roster.rows import attendee_with_email
from learningday.setup.reference import Reference
from learningday.spreadsheet.engine import CellProblem, clean
from learningday.store.arrival import current_arrivals
from learningday.store.models import Attendee, CheckIn, Hub, Registration
from learningday.store.models import Session as LearningSession
from learningday.timeutil import utc

#: the column each editor field is written to
_COLUMN = {"name": "name", "email": "email", "employee_id": "employee_id", "department": "department",
           "role": "role", "hub": "hub_id", "level": "level_id"}


class AttendeeRefused(InvalidInput):
    """The editor's values have problems; nothing was written. ``problems``: field key -> what is wrong."""

    def __init__(self, name: str, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        listed = "; ".join(f"{key.replace('_', ' ')}: {message}" for key, message in self.problems.items())
        super().__init__(f"{name or 'the attendee'} was not changed: {listed}")


def _row(session: Session, attendee_id: int) -> Attendee:
    found = session.get(Attendee, attendee_id)
    if found is None:
        raise InvalidInput(f"no attendee with id {attendee_id}")
    return found


def find_attendee(session: Session, who: str) -> int:
    """The attendee a person means by a badge code, a uid or an employee id."""
    text = who.strip()
    for condition in (Attendee.code == normalise_code(text), Attendee.uid == text.lower(),
                      Attendee.employee_id == text):
        found = session.scalar(select(Attendee.id).where(condition))
        if found is not None:
            return found
    raise InvalidInput(f"no attendee has the badge code, uid or employee id {text!r}")


def attendee_details(session: Session, attendee_id: int) -> AttendeeDetails:
    a = _row(session, attendee_id)
    hub = session.scalar(select(Hub.name).where(Hub.id == a.hub_id)) if a.hub_id is not None else None
    entries = session.scalar(select(func.count()).select_from(CheckIn).where(CheckIn.attendee_id == attendee_id))
    return AttendeeDetails(a.id, a.uid, a.code, a.name, a.email, a.employee_id, a.department, a.role, hub or "",
                           a.level_id, hub_id=a.hub_id, log_entries=int(entries or 0))


def _value(key: str, raw: str | int | None, ref: Reference, spec) -> object:  # noqa: ANN001 - an ImportSpec
    """One editor field as stored, read by the import's own field rules."""
    if key == "hub" and isinstance(raw, int):
        if raw not in ref.hubs_by_name.values():
            raise CellProblem(f"no hub with id {raw}")
        return raw
    text = "" if raw is None else clean(str(raw))
    value = spec.field(key).read(text)
    if value is None:
        return None if key in ("employee_id", "hub", "level") else ""
    return value


def _clashes(session: Session, attendee_id: int, values: dict[str, object]) -> dict[str, str]:
    """What another attendee already holds: an employee id, or an email (they identify people)."""
    problems = {}
    if values.get("employee_id"):
        other = session.execute(select(Attendee.name, Attendee.code).where(
            Attendee.employee_id == values["employee_id"], Attendee.id != attendee_id)).first()
        if other is not None:
            problems["employee_id"] = f"{other.name} ({other.code}) already has this employee id"
    email = values.get("email")
    holder = attendee_with_email(session, str(email), other_than=attendee_id) if email else None
    if holder is not None:
        other = session.execute(select(Attendee.name, Attendee.code).where(Attendee.id == holder)).one()
        problems["email"] = f"{other.name} ({other.code}) already has this email"
    return problems


def update_attendee(session: Session, attendee_id: int, fields: Mapping[str, str | int | None]) -> AttendeeDetails:
    """Change an attendee's fields (keys of ``dto.ATTENDEE_FIELDS``; absent keys stay as they are).

    Values are read as the roster import reads a cell: trimmed, NFC, email syntax, a known hub
    (name, zone or id), a level 1-5 or a level name; an empty value clears an optional field.
    Every problem is reported at once in AttendeeRefused and nothing is written.
    """
    unknown = sorted(set(fields) - set(ATTENDEE_FIELDS))
    if unknown:
        raise InvalidInput(f"unknown attendee field(s): {', '.join(unknown)} (fields: {', '.join(ATTENDEE_FIELDS)})")
    row = _row(session, attendee_id)
    ref = Reference.load(session)
    spec = attendee_spec(ref)
    values: dict[str, object] = {}
    problems: dict[str, str] = {}
    for key, raw in fields.items():
        try:
            values[key] = _value(key, raw, ref, spec)
        except CellProblem as exc:
            problems[key] = exc.message
    problems.update({k: m for k, m in _clashes(session, attendee_id, values).items() if k not in problems})
    if problems:
        raise AttendeeRefused(row.name, problems)
    changes = {_COLUMN[k]: v for k, v in values.items() if getattr(row, _COLUMN[k]) != v}
    if changes:
        session.execute(update(Attendee).where(Attendee.id == attendee_id).values(**changes))
        session.expire(row)
    return attendee_details(session, attendee_id)


def _titles(session: Session, session_ids: list[int]) -> dict[int, str]:
    return dict(session.execute(select(LearningSession.id, LearningSession.title)
                                .where(LearningSession.id.in_(session_ids))).all())


def _names(session: Session, attendee_ids: tuple[int, ...]) -> tuple[str, ...]:
    names = dict(session.execute(select(Attendee.id, Attendee.name).where(Attendee.id.in_(attendee_ids))).all())
    return tuple(names[i] for i in attendee_ids)


def cancel_registration(session: Session, session_id: int, attendee_id: int) -> CancelResult:
    """Cancel a place (or a waitlist entry); the freed place goes to the first waiting person."""
    promoted = registrations.cancel(session, session_id, attendee_id)
    return CancelResult(_row(session, attendee_id).name, _titles(session, [session_id])[session_id],
                        _names(session, promoted))


def attendee_registrations(session: Session, attendee_id: int) -> list[AttendeeRegistration]:
    """The sessions an attendee holds a place or a waitlist entry for, by start time."""
    _row(session, attendee_id)
    rows = session.execute(
        select(Registration.session_id, Registration.status, Registration.created_utc, Registration.id,
               LearningSession.uid, LearningSession.title, LearningSession.level_id, LearningSession.start_utc,
               LearningSession.duration_minutes)
        .join(LearningSession, LearningSession.id == Registration.session_id)
        .where(Registration.attendee_id == attendee_id, Registration.status.in_(registrations.ACTIVE))
        .order_by(LearningSession.start_utc.is_(None), LearningSession.start_utc, LearningSession.title)
    ).all()
    here = set(session.scalars(select(CheckIn.session_id).where(CheckIn.attendee_id == attendee_id,
                                                                current_arrivals())))
    result = []
    for r in rows:
        position = None
        if r.status == "waitlisted":
            position = 1 + int(session.scalar(select(func.count()).select_from(Registration).where(
                Registration.session_id == r.session_id, Registration.status == "waitlisted",
                (Registration.created_utc < r.created_utc)
                | ((Registration.created_utc == r.created_utc) & (Registration.id < r.id)))) or 0)
        end = r.start_utc + timedelta(minutes=r.duration_minutes) if r.start_utc is not None else None
        result.append(AttendeeRegistration(r.session_id, r.uid, r.title, r.level_id, r.start_utc, end, r.status,
                                           position, r.session_id in here))
    return result


def delete_attendee(session: Session, attendee_id: int) -> DeletedAttendee:
    """Remove someone from the roster, freeing their places for the waitlists.

    Refused for anyone the check-in log mentions: the log is append-only, and its entries
    would point at nobody.
    """
    details = attendee_details(session, attendee_id)
    if details.log_entries:
        raise InvalidInput(f"{details.name} cannot be deleted: the check-in log holds {details.log_entries} "
                           "entr" + ("y" if details.log_entries == 1 else "ies") + " about them, and the log "
                           "is append-only")
    places = session.execute(
        select(Registration.session_id, Registration.status).where(
            Registration.attendee_id == attendee_id, Registration.status.in_(registrations.ACTIVE))
        .order_by(Registration.created_utc, Registration.id)).all()
    created = _row(session, attendee_id).created_utc
    promoted: list[int] = []
    for session_id, status in places:
        if status == "registered":
            promoted += registrations.cancel(session, session_id, attendee_id)
    session.execute(delete(Registration).where(Registration.attendee_id == attendee_id))
    session.execute(delete(Attendee).where(Attendee.id == attendee_id))
    session.expunge_all()  # the deleted rows' objects must not be flushed again
    return DeletedAttendee(details, created, tuple((s, st) for s, st in places), _names(session, tuple(promoted)))


def restore_attendee(session: Session, deleted: DeletedAttendee, *, now: datetime) -> int:
    """Put a deleted attendee back with the same uid and badge code, and ask again for their places.

    A place someone was promoted into meanwhile stays theirs: the restored person then waits.
    """
    d = deleted.details
    taken = session.execute(select(Attendee.name).where(
        (Attendee.uid == d.uid) | (Attendee.code == d.code)
        | ((Attendee.employee_id == d.employee_id) & (Attendee.employee_id.is_not(None))))).first()
    if taken is not None:
        raise InvalidInput(f"{d.name} cannot be put back: {taken.name} now has their uid, code or employee id")
    hub_id = d.hub_id if d.hub_id is not None and session.get(Hub, d.hub_id) is not None else None
    attendee_id = session.execute(insert(Attendee).values(
        uid=d.uid, code=d.code, name=d.name, email=d.email, employee_id=d.employee_id, department=d.department,
        role=d.role, hub_id=hub_id, level_id=d.level_id, created_utc=deleted.created_utc,
    ).returning(Attendee.id)).scalar_one()
    existing = set(session.scalars(select(LearningSession.id).where(
        LearningSession.id.in_([s for s, _ in deleted.registrations]))))
    for session_id, _status in deleted.registrations:
        if session_id in existing:
            registrations.register(session, session_id, [attendee_id], now=utc(now))
    return attendee_id
