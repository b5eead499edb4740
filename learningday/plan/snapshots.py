"""Agenda snapshots: save a named version of every session, list, compare and restore them.

A snapshot refers to venues and hubs by name and to facilitators by uid, so it survives ids
changing; restoring one checks those still exist. Services never commit: the caller does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from learningday.errors import InvalidInput
from learningday.plan import sessions as agenda
from learningday.plan.dto import (
    ADDED,
    KEEP,
    CHANGED,
    MOVE_FIELDS,
    MOVED,
    REMOVED,
    Comparison,
    FieldChange,
    RestoreResult,
    SavedSession,
    SessionChange,
    SessionDraft,
    SnapshotRow,
)
from learningday.store.models import AgendaSnapshot, CheckIn, Facilitator, Hub, Registration, Venue
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC, iso, parse_utc

PAYLOAD_VERSION = 1
MAX_NAME = 200
BACKUP_PREFIX = "Before restoring "


# -- the agenda as plain data ---------------------------------------------------------------
def current_sessions(session: Session) -> dict[str, SavedSession]:
    """Every session now, keyed by uid, in the form a snapshot keeps."""
    rows = session.scalars(select(LearningSession).options(
        selectinload(LearningSession.venue), selectinload(LearningSession.facilitators),
        selectinload(LearningSession.target_hubs)))
    result = {}
    for s in rows:
        people = sorted(s.facilitators, key=lambda f: f.uid)
        result[s.uid] = SavedSession(
            uid=s.uid, title=s.title, description=s.description or "", level=s.level_id,
            topics=tuple(s.topics or ()), start_utc=s.start_utc, duration_minutes=s.duration_minutes,
            venue=s.venue.name if s.venue else None, facilitators=tuple(f.uid for f in people),
            facilitator_names=tuple(f.name for f in people),
            target_hubs=tuple(sorted(h.name for h in s.target_hubs)), capacity=s.capacity,
        )
    return result


def saved_session_json(s: SavedSession) -> dict[str, Any]:
    return {
        "uid": s.uid, "title": s.title, "description": s.description, "level": s.level,
        "topics": list(s.topics), "start_utc": iso(s.start_utc) if s.start_utc else None,
        "duration_minutes": s.duration_minutes, "venue": s.venue, "facilitators": list(s.facilitators),
        "facilitator_names": list(s.facilitator_names), "target_hubs": list(s.target_hubs),
        "capacity": s.capacity,
    }


def _from_json(d: dict[str, Any]) -> SavedSession:
    return SavedSession(
        uid=d["uid"], title=d["title"], description=d.get("description", ""), level=int(d["level"]),
        topics=tuple(d.get("topics", ())), start_utc=parse_utc(d["start_utc"]) if d.get("start_utc") else None,
        duration_minutes=int(d["duration_minutes"]), venue=d.get("venue"),
        facilitators=tuple(d.get("facilitators", ())), facilitator_names=tuple(d.get("facilitator_names", ())),
        target_hubs=tuple(d.get("target_hubs", ())), capacity=d.get("capacity"),
    )


def _saved_sessions(row: AgendaSnapshot) -> dict[str, SavedSession]:
    return {d["uid"]: _from_json(d) for d in row.payload.get("sessions", [])}


def _row(row: AgendaSnapshot) -> SnapshotRow:
    sessions = row.payload.get("sessions", [])
    return SnapshotRow(uid=row.uid, name=row.name, created_utc=row.created_utc, sessions=len(sessions),
                       scheduled=sum(1 for s in sessions if s.get("start_utc")))


# -- save, list, find -----------------------------------------------------------------------
def save_snapshot(session: Session, name: str, *, now: datetime | None = None) -> SnapshotRow:
    """Keep the agenda as it is now under ``name`` (required, unique, trimmed)."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput("a saved version needs a name")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"the name of a saved version is at most {MAX_NAME} characters, not {len(name)}")
    taken = next((n for n in _names(session) if n.casefold() == name.casefold()), None)
    if taken is not None:
        raise InvalidInput(f"there is already a saved version called {taken!r}; choose another name")
    return _save(session, name, current_sessions(session), now)


def _save(session: Session, name: str, sessions: dict[str, SavedSession], now: datetime | None) -> SnapshotRow:
    row = AgendaSnapshot(name=name, created_utc=(now or datetime.now(UTC)).astimezone(UTC),
                         payload={"version": PAYLOAD_VERSION,
                                  "sessions": [saved_session_json(s) for s in sorted(sessions.values(), key=_order)]})
    session.add(row)
    session.flush()
    return _row(row)


def _names(session: Session) -> list[str]:
    return list(session.scalars(select(AgendaSnapshot.name)))


def list_snapshots(session: Session) -> list[SnapshotRow]:
    """Every saved version, newest first."""
    rows = session.scalars(select(AgendaSnapshot).order_by(AgendaSnapshot.created_utc.desc(),
                                                           AgendaSnapshot.id.desc()))
    return [_row(r) for r in rows]


def _snapshot(session: Session, uid: str) -> AgendaSnapshot:
    row = session.scalars(select(AgendaSnapshot).where(AgendaSnapshot.uid == uid)).first()
    if row is None:
        raise InvalidInput(f"no saved version with id {uid!r} in this event")
    return row


def find_snapshot(session: Session, name_or_uid: str) -> SnapshotRow:
    """A saved version by its uid or its name (any case)."""
    wanted = (name_or_uid or "").strip()
    rows = list(session.scalars(select(AgendaSnapshot).order_by(AgendaSnapshot.created_utc)))
    for row in rows:
        if row.uid == wanted or row.name.casefold() == wanted.casefold():
            return _row(row)
    known = ", ".join(repr(r.name) for r in rows[-10:]) or "none saved yet"
    raise InvalidInput(f"no saved version called {wanted!r} (versions: {known})")


# -- compare --------------------------------------------------------------------------------
def _order(s: SavedSession) -> tuple:
    return (s.start_utc is None, s.start_utc or datetime.min.replace(tzinfo=UTC), s.title.casefold(), s.uid)


FIELDS: tuple[tuple[str, Any], ...] = (
    ("start_utc", lambda s: iso(s.start_utc) if s.start_utc else None),
    ("venue", lambda s: s.venue),
    ("title", lambda s: s.title),
    ("level", lambda s: s.level),
    ("duration_minutes", lambda s: s.duration_minutes),
    ("facilitators", lambda s: s.facilitators),
    ("target_hubs", lambda s: list(s.target_hubs)),
    ("topics", lambda s: list(s.topics)),
    ("description", lambda s: s.description),
    ("capacity", lambda s: s.capacity),
)


def _names_of(s: SavedSession) -> list[str]:
    return sorted(s.facilitator_names, key=str.casefold)


def field_changes(before: SavedSession, after: SavedSession) -> tuple[FieldChange, ...]:
    """The fields that differ (facilitators compared by uid, shown by name)."""
    changes = []
    for name, value in FIELDS:
        if value(before) != value(after):
            if name == "facilitators":
                changes.append(FieldChange(name, _names_of(before), _names_of(after)))
            else:
                changes.append(FieldChange(name, value(before), value(after)))
    return tuple(changes)


def _compare(row: AgendaSnapshot, saved: dict[str, SavedSession], now: dict[str, SavedSession]) -> Comparison:
    groups: dict[str, list[tuple[tuple, SessionChange]]] = {ADDED: [], REMOVED: [], MOVED: [], CHANGED: []}
    for uid, after in now.items():
        before = saved.get(uid)
        if before is None:
            groups[ADDED].append((_order(after), SessionChange(ADDED, uid, after.title, None, after)))
            continue
        fields = field_changes(before, after)
        if fields:
            kind = MOVED if any(f.field in MOVE_FIELDS for f in fields) else CHANGED
            groups[kind].append((_order(after), SessionChange(kind, uid, after.title, before, after, fields)))
    for uid, before in saved.items():
        if uid not in now:
            groups[REMOVED].append((_order(before), SessionChange(REMOVED, uid, before.title, before, None)))
    ordered = {k: tuple(c for _, c in sorted(v, key=lambda pair: pair[0])) for k, v in groups.items()}
    return Comparison(_row(row), ordered[ADDED], ordered[REMOVED], ordered[MOVED], ordered[CHANGED])


def compare(session: Session, snapshot_uid: str) -> Comparison:
    """What changed from the snapshot (before) to the agenda now (after)."""
    row = _snapshot(session, snapshot_uid)
    return _compare(row, _saved_sessions(row), current_sessions(session))


# -- restore --------------------------------------------------------------------------------
def _in_use(session: Session, uids: list[str]) -> list[str]:
    """Sessions among ``uids`` that hold registrations or check-ins, in words."""
    if not uids:
        return []
    ids = dict(session.execute(select(LearningSession.id, LearningSession.title)
                               .where(LearningSession.uid.in_(uids))).all())
    registered = dict(session.execute(
        select(Registration.session_id, func.count()).where(
            Registration.session_id.in_(list(ids)), Registration.status != "cancelled")
        .group_by(Registration.session_id)).all())
    logged = dict(session.execute(
        select(CheckIn.session_id, func.count()).where(CheckIn.session_id.in_(list(ids)))
        .group_by(CheckIn.session_id)).all())
    words = []
    for sid, title in sorted(ids.items(), key=lambda item: item[1].casefold()):
        parts = [f"{n} {label}" for n, label in ((registered.get(sid, 0), "registrations"),
                                                   (logged.get(sid, 0), "check-in log entries")) if n]
        if parts:
            words.append(f"{title!r} ({', '.join(parts)})")
    return words


def _drafts(session: Session, saved: list[SavedSession]) -> dict[str, SessionDraft]:
    """The drafts that bring ``saved`` back; every missing venue, facilitator or hub is an error."""
    venues = dict(session.execute(select(Venue.name, Venue.id)).all())
    people = dict(session.execute(select(Facilitator.uid, Facilitator.id)).all())
    hubs = dict(session.execute(select(Hub.name, Hub.id)).all())
    problems, drafts = [], {}
    for s in saved:
        missing = []
        if s.venue is not None and s.venue not in venues:
            missing.append(f"venue {s.venue!r}")
        names = dict(zip(s.facilitators, s.facilitator_names))
        missing += [f"facilitator {names.get(f, f)!r}" for f in s.facilitators if f not in people]
        missing += [f"hub {h!r}" for h in s.target_hubs if h not in hubs]
        if missing:
            problems.append(f"session {s.title!r} needs {', '.join(missing)}, which no longer exist"
                            if len(missing) > 1 else f"session {s.title!r} needs {missing[0]}, which no longer exists")
            continue
        drafts[s.uid] = SessionDraft(
            title=s.title, level_id=s.level, start_utc=s.start_utc, duration_minutes=s.duration_minutes,
            venue_id=venues[s.venue] if s.venue is not None else None,
            facilitator_ids=tuple(sorted(people[f] for f in s.facilitators)),
            hub_ids=tuple(sorted(hubs[h] for h in s.target_hubs)), topics=s.topics,
            description=s.description, capacity=s.capacity, pinned=KEEP, preferred_start_utc=KEEP)
    if problems:
        raise InvalidInput("; ".join(problems))
    return drafts


def free_name(session: Session, wanted: str) -> str:
    """``wanted`` (cut to fit), or with " (2)", " (3)" … when a version has that name already."""
    taken = {n.casefold() for n in _names(session)}
    base, name, number = wanted[:MAX_NAME], wanted[:MAX_NAME], 1
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[:MAX_NAME - len(suffix)] + suffix
    return name


def restore(session: Session, snapshot_uid: str, *, now: datetime | None = None,
            backup: bool = True) -> RestoreResult:
    """Bring the agenda back to the snapshot, in the caller's one transaction.

    Sessions get their saved fields back (same uid), sessions added since are deleted and
    sessions removed since are created again with their uid. Refused, with nothing changed,
    when a session added since has registrations or check-ins, or when a venue, facilitator
    or hub the snapshot needs is gone. With ``backup`` (and something to change) the agenda
    is first saved as "Before restoring <name>", so the restore can itself be undone.
    """
    row = _snapshot(session, snapshot_uid)
    saved, now_sessions = _saved_sessions(row), current_sessions(session)
    comparison = _compare(row, saved, now_sessions)
    added = [c.uid for c in comparison.added]
    blocked = _in_use(session, added)
    if blocked:
        raise InvalidInput(
            f"cannot restore {row.name!r}: sessions added since then have people on them: "
            f"{'; '.join(blocked)}. Move or cancel those registrations first; nothing was changed")
    back = [c.before for c in comparison.moved + comparison.changed + comparison.removed]
    try:
        drafts = _drafts(session, [s for s in back if s is not None])
    except InvalidInput as exc:
        raise InvalidInput(f"cannot restore {row.name!r}: {exc.message}; nothing was changed") from None
    if comparison.identical:
        return RestoreResult(_row(row), None, 0, 0, 0)
    kept = _save(session, free_name(session, BACKUP_PREFIX + row.name), now_sessions, now) if backup else None
    try:
        for uid in added:
            agenda.delete_session(session, uid, drop_registrations=True)  # only cancelled ones remain
        for change in comparison.moved + comparison.changed:
            agenda.edit_session(session, change.uid, drafts[change.uid])
        for change in comparison.removed:
            agenda.create_session(session, drafts[change.uid], uid=change.uid)
    except InvalidInput as exc:  # e.g. the event window moved since; the caller's transaction rolls back
        raise InvalidInput(f"cannot restore {row.name!r}: {exc.message}; nothing was changed") from None
    return RestoreResult(_row(row), kept, recreated=len(comparison.removed), deleted=len(added),
                         updated=len(comparison.moved) + len(comparison.changed))
