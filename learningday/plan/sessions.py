"""The agenda: sessions with their venue, facilitators, audience and live counts; session services."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.plan.dto import KEEP, SessionDraft, SessionRow
from learningday.setup.event import get_event
from learningday.spreadsheet.text import control_problem
from learningday.store import arrival
from learningday.store.models import (
    CheckIn,
    Facilitator,
    Hub,
    Level,
    Registration,
    Venue,
    new_uid,
    session_facilitators,
    session_hubs,
)
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC, iso


def _names_by_session(session: Session, link, model, ids: list[int] | None) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    query = select(link.c.session_id, model.name).join(model, model.id == list(link.c)[1]).order_by(model.name)
    for session_id, name in session.execute(query if ids is None else query.where(link.c.session_id.in_(ids))):
        names[session_id].append(name)
    return names


def list_sessions(session: Session, uids: Collection[str] | None = None) -> list[SessionRow]:
    """Every session (only those of ``uids`` when given: the rows a write changed), scheduled ones by
    start time, then the unscheduled drafts by title."""
    ids = None if uids is None else list(session.scalars(select(LearningSession.id).where(
        LearningSession.uid.in_(set(uids)))))
    registrations = select(Registration.session_id, Registration.status, func.count()).group_by(
        Registration.session_id, Registration.status)
    if ids is not None:
        registrations = registrations.where(Registration.session_id.in_(ids))
    counts: dict[tuple[int, str], int] = {(sid, status): int(n) for sid, status, n in session.execute(registrations)}
    present = arrival.checked_in_by_session(session, ids)
    facilitators = _names_by_session(session, session_facilitators, Facilitator, ids)
    hubs = _names_by_session(session, session_hubs, Hub, ids)
    query = (select(LearningSession, Venue.name, Venue.kind, Venue.capacity)
             .outerjoin(Venue, Venue.id == LearningSession.venue_id)
             .order_by(LearningSession.start_utc.is_(None), LearningSession.start_utc, LearningSession.title))
    rows = session.execute(query if ids is None else query.where(LearningSession.id.in_(ids)))
    result = []
    for s, venue, kind, venue_capacity in rows:
        result.append(
            SessionRow(
                id=s.id,
                uid=s.uid,
                title=s.title,
                level_id=s.level_id,
                start_utc=s.start_utc,
                end_utc=s.start_utc + timedelta(minutes=s.duration_minutes) if s.start_utc else None,
                duration_minutes=s.duration_minutes,
                venue=venue or "",
                venue_kind=kind or "",
                capacity=s.capacity or venue_capacity,
                facilitators=tuple(facilitators.get(s.id, ())),
                target_hubs=tuple(hubs.get(s.id, ())),
                topics=tuple(s.topics or ()),
                registered=counts.get((s.id, "registered"), 0),
                waitlisted=counts.get((s.id, "waitlisted"), 0),
                checked_in=present.get(s.id, 0),
                pinned=bool(s.pinned),
                preferred_start_utc=s.preferred_start_utc,
            )
        )
    return result


# -- session services: validate everything, then write; the caller commits -----------------
_UNCHANGED: object = object()


class SessionHasRegistrations(InvalidInput):
    """A session with places or a waitlist is not deleted unless its registrations may go with it."""


def _session_row(session: Session, uid: str) -> LearningSession:
    row = session.scalars(select(LearningSession).where(LearningSession.uid == uid)).first()
    if row is None:
        raise InvalidInput(f"no session with id {uid!r} in this event")
    return row


def _problems(session: Session, draft: SessionDraft) -> list[str]:
    """Everything wrong with ``draft``, in words (empty when it can be written)."""
    event = get_event(session)
    problems = []
    if not draft.title.strip():
        problems.append("the session needs a title")
    elif len(draft.title.strip()) > 300:
        problems.append("the title is longer than 300 characters")
    for label, text, lines in (("title", draft.title, False), ("description", draft.description, True)):
        if (bad := control_problem(text.strip(), lines=lines)) is not None:  # the one rule (spreadsheet.text)
            problems.append(f"the {label} {bad}")
    if session.get(Level, draft.level_id) is None:
        problems.append(f"there is no level {draft.level_id} (levels are 1 to 5)")
    if not isinstance(draft.duration_minutes, int) or draft.duration_minutes <= 0:
        problems.append(f"the duration must be a positive number of minutes, not {draft.duration_minutes}")
    elif draft.duration_minutes > event.length_minutes:
        problems.append(f"a session cannot last longer than the event ({event.length_minutes} minutes)")
    elif draft.start_utc is not None:
        if draft.start_utc.tzinfo is None:
            problems.append(f"start time {draft.start_utc.isoformat()} has no zone (give it in UTC)")
        else:
            start = draft.start_utc.astimezone(UTC)
            end = start + timedelta(minutes=draft.duration_minutes)
            if start < event.start_utc or end > event.end_utc:
                problems.append(
                    f"{iso(start)} to {iso(end)} is not inside the event window "
                    f"{iso(event.start_utc)} to {iso(event.end_utc)}"
                )
    preferred = draft.preferred_start_utc
    if isinstance(preferred, datetime):
        if preferred.tzinfo is None:
            problems.append(f"preferred start {preferred.isoformat()} has no zone (give it in UTC)")
        elif not event.start_utc <= preferred.astimezone(UTC) < event.end_utc:
            problems.append(f"the preferred start {iso(preferred.astimezone(UTC))} is not inside the event window "
                            f"{iso(event.start_utc)} to {iso(event.end_utc)}")
    if draft.venue_id is not None and session.get(Venue, draft.venue_id) is None:
        problems.append(f"there is no venue {draft.venue_id}")
    if draft.capacity is not None and draft.capacity <= 0:
        problems.append(f"the capacity must be positive, not {draft.capacity}")
    for label, model, ids in (("facilitator", Facilitator, draft.facilitator_ids), ("hub", Hub, draft.hub_ids)):
        known = set(session.scalars(select(model.id).where(model.id.in_(set(ids)))))
        missing = sorted(set(ids) - known)
        if missing:
            problems.append(f"there is no {label} {', '.join(map(str, missing))}")
    return problems


def _check(session: Session, draft: SessionDraft) -> None:
    problems = _problems(session, draft)
    if problems:
        raise InvalidInput(f"session {draft.title.strip()!r}: " + "; ".join(problems))


def _write(session: Session, row: LearningSession, draft: SessionDraft) -> None:
    row.title = draft.title.strip()
    row.level_id = draft.level_id
    row.start_utc = draft.start_utc.astimezone(UTC) if draft.start_utc else None
    row.duration_minutes = draft.duration_minutes
    row.venue_id = draft.venue_id
    row.capacity = draft.capacity
    row.description = draft.description
    row.topics = list(draft.topics)
    if draft.pinned is not KEEP:
        row.pinned = bool(draft.pinned)
    if draft.preferred_start_utc is not KEEP:
        preferred = draft.preferred_start_utc
        row.preferred_start_utc = preferred.astimezone(UTC) if isinstance(preferred, datetime) else None
    fids = list(dict.fromkeys(draft.facilitator_ids))
    hids = list(dict.fromkeys(draft.hub_ids))
    row.facilitators = list(session.scalars(select(Facilitator).where(Facilitator.id.in_(fids)))) if fids else []
    row.target_hubs = list(session.scalars(select(Hub).where(Hub.id.in_(hids)))) if hids else []


def create_session(session: Session, draft: SessionDraft, *, uid: str | None = None) -> str:
    """Add a session (``uid`` given: restore one with its old identity); returns its uid."""
    _check(session, draft)
    if uid is not None and session.scalar(select(LearningSession.id).where(LearningSession.uid == uid)):
        raise InvalidInput(f"a session with id {uid!r} exists already")
    row = LearningSession(uid=uid or new_uid(), title="", level_id=draft.level_id)
    _write(session, row, draft)
    session.add(row)
    session.flush()
    return row.uid


def session_draft(session: Session, uid: str) -> SessionDraft:
    """A session as the editor (and undo) sees it."""
    return _draft(_session_row(session, uid))


def _draft(row: LearningSession) -> SessionDraft:
    return SessionDraft(
        title=row.title, level_id=row.level_id, start_utc=row.start_utc, duration_minutes=row.duration_minutes,
        venue_id=row.venue_id, facilitator_ids=tuple(sorted(f.id for f in row.facilitators)),
        hub_ids=tuple(sorted(h.id for h in row.target_hubs)), topics=tuple(row.topics or ()),
        description=row.description, capacity=row.capacity, pinned=bool(row.pinned),
        preferred_start_utc=row.preferred_start_utc,
    )


def edit_session(session: Session, uid: str, draft: SessionDraft) -> SessionDraft:
    """Replace every field of the session with ``draft``; returns the draft it replaced (what undo
    writes back, so undo needs no read of its own)."""
    row = _session_row(session, uid)
    _check(session, draft)
    before = _draft(row)
    _write(session, row, draft)
    session.flush()
    return before


def move_session(session: Session, uid: str, *, start_utc: datetime | None, venue_id: object = _UNCHANGED,
                 duration_minutes: int | None = None) -> SessionDraft:
    """Give the session a new start (None: back to the drafts) and, if given, a new venue and length
    (a timeline drag); returns the draft before."""
    draft = session_draft(session, uid)
    new_venue = draft.venue_id if venue_id is _UNCHANGED else venue_id
    minutes = draft.duration_minutes if duration_minutes is None else duration_minutes
    return edit_session(session, uid, replace(draft, start_utc=start_utc, venue_id=new_venue,  # type: ignore[arg-type]
                                              duration_minutes=minutes))


def resize_session(session: Session, uid: str, *, duration_minutes: int) -> SessionDraft:
    draft = session_draft(session, uid)
    return edit_session(session, uid, replace(draft, duration_minutes=duration_minutes))


def session_uids(session: Session, ids: Collection[int]) -> frozenset[str]:
    """The uids of the sessions with these ids (a registration names a session by id)."""
    return frozenset(session.scalars(select(LearningSession.uid).where(LearningSession.id.in_(set(ids)))))


def delete_session(session: Session, uid: str, *, drop_registrations: bool = False) -> SessionDraft:
    """Remove a session; returns what it was (for undo). A session with check-ins is kept:
    the log is append-only. Registrations go with it only when ``drop_registrations``."""
    row = _session_row(session, uid)
    draft = _draft(row)
    logged = session.scalar(select(func.count()).select_from(CheckIn).where(CheckIn.session_id == row.id))
    if logged:
        raise InvalidInput(f"session {row.title!r} has {logged} check-in log entries and cannot be deleted")
    registered = session.scalar(
        select(func.count()).select_from(Registration)
        .where(Registration.session_id == row.id, Registration.status != "cancelled")
    )
    if registered and not drop_registrations:
        raise SessionHasRegistrations(f"session {row.title!r} has {registered} registrations; move them first")
    session.execute(delete(Registration).where(Registration.session_id == row.id))
    session.delete(row)
    session.flush()
    return draft
