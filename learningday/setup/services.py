"""Event setup services: hubs, venues, facilitators, the framework levels' labels and the event's properties.

Each service validates everything first (InvalidInput, nothing written) and is meant to run
inside one ``EventFile.write()`` transaction; the caller commits. Edits return the previous
state and removals what they took away, so the UI can undo them exactly (same ids, same links).

Removing a hub, venue or facilitator that other rows refer to is refused unless ``detach=True``:
then attendees and venues lose their hub, sessions their target hub, venue or facilitator (the
sessions themselves stay, in the agenda). The UI asks first and passes ``detach=True``; the CLI
needs ``--force``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.setup.dto import EventProps, HubDraft, LevelDTO, RemovedHub, RemovedVenue, Usage, VenueDraft
from learningday.setup.event import _event_row, event_problems, list_levels
from learningday.setup.facilitators import (
    add_facilitator,
    edit_facilitator,
    facilitator_drafts,
    facilitator_usage,
    remove_facilitator,
    restore_facilitator,
)
from learningday.setup.rules import (
    clean_text,
    delete_row,
    format_window,
    get_row,
    hhmm,
    hub_problems,
    name_taken,
    parse_clock,
    parse_window,
    refuse,
    refuse_used,
    session_titles,
    tidy,
    usage_words,
    venue_problems,
)
from learningday.setup.new_event import LevelSpec, check_levels
from learningday.store.models import Attendee, Hub, Level, Venue, session_hubs
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC


# -- hubs --------------------------------------------------------------------------------------
def hub_drafts(session: Session) -> dict[int, HubDraft]:
    """Every hub by id, in ruler order."""
    return {h.id: HubDraft(h.name, h.zone, h.work_start_min, h.work_end_min, h.position)
            for h in session.scalars(select(Hub).order_by(Hub.position, Hub.name))}


def _valid_hub(session: Session, draft: HubDraft, current: Hub | None) -> HubDraft:
    problems: list[str] = []
    name = hub_problems(draft.name, draft.zone, draft.work_start_min, draft.work_end_min, problems)
    if name and (current is None or name != current.name) and name_taken(session, Hub, name, current and current.id):
        problems.append(f"there is a hub called {name!r} already")
    if draft.position is not None and (not isinstance(draft.position, int) or draft.position < 0):
        problems.append(f"the position must be a whole number from 0, not {draft.position!r}")
    refuse(f"hub {name or draft.name!r}", problems)
    position = draft.position
    if position is None:
        position = current.position if current else int(session.scalar(select(func.max(Hub.position))) or 0) + 1
    return HubDraft(name, draft.zone.strip(), draft.work_start_min, draft.work_end_min, position)


def add_hub(session: Session, draft: HubDraft, *, hub_id: int | None = None) -> int:
    """Add a hub (``hub_id``: bring back one with its old id); returns its id."""
    clean = _valid_hub(session, draft, None)
    if hub_id is not None and session.get(Hub, hub_id) is not None:
        raise InvalidInput(f"hub id {hub_id} is taken")
    row = Hub(id=hub_id, name=clean.name, zone=clean.zone, work_start_min=clean.work_start_min,
              work_end_min=clean.work_end_min, position=clean.position)
    session.add(row)
    session.flush()
    return row.id


def edit_hub(session: Session, hub_id: int, draft: HubDraft) -> HubDraft:
    """Replace the hub's fields; returns what they were."""
    row = get_row(session, Hub, hub_id, "hub")
    before = HubDraft(row.name, row.zone, row.work_start_min, row.work_end_min, row.position)
    clean = _valid_hub(session, draft, row)
    row.name, row.zone, row.position = clean.name, clean.zone, clean.position
    row.work_start_min, row.work_end_min = clean.work_start_min, clean.work_end_min
    session.flush()
    return before


def reorder_hubs(session: Session, hub_ids: Sequence[int]) -> tuple[int, ...]:
    """Put the hubs in this order (every hub, once); returns the previous order."""
    before = tuple(hub_drafts(session))
    if sorted(hub_ids) != sorted(before):
        raise InvalidInput("the new order must name every hub exactly once")
    for position, hub_id in enumerate(hub_ids, start=1):
        session.get(Hub, hub_id).position = position
    session.flush()
    return before


def _only_target(session: Session, session_ids: list[int]) -> list[int]:
    """The sessions among ``session_ids`` that target one hub only."""
    counts = dict(session.execute(
        select(session_hubs.c.session_id, func.count()).where(session_hubs.c.session_id.in_(session_ids))
        .group_by(session_hubs.c.session_id)).all())
    return [sid for sid in session_ids if counts.get(sid) == 1]


def _hub_links(session: Session, hub_id: int) -> tuple[list[int], list[int], list[int]]:
    attendees = list(session.scalars(select(Attendee.id).where(Attendee.hub_id == hub_id).order_by(Attendee.id)))
    venues = list(session.scalars(select(Venue.id).where(Venue.hub_id == hub_id).order_by(Venue.id)))
    sessions = list(session.scalars(select(session_hubs.c.session_id).where(session_hubs.c.hub_id == hub_id)
                                    .order_by(session_hubs.c.session_id)))
    return attendees, venues, sessions


def hub_usage(session: Session, hub_id: int) -> Usage:
    get_row(session, Hub, hub_id, "hub")
    attendees, venues, sessions = _hub_links(session, hub_id)
    names = tuple(session.scalars(select(Venue.name).where(Venue.id.in_(venues)).order_by(Venue.name)))
    return Usage(len(attendees), names, session_titles(session, sessions),
                 session_titles(session, _only_target(session, sessions)))


def remove_hub(session: Session, hub_id: int, *, detach: bool = False) -> RemovedHub:
    """Remove a hub; attendees and venues lose it (NULL), sessions stop targeting it."""
    row = get_row(session, Hub, hub_id, "hub")
    refuse_used(f"hub {row.name!r}", hub_usage(session, hub_id), detach)
    attendees, venues, sessions = _hub_links(session, hub_id)
    removed = RemovedHub(hub_id, HubDraft(row.name, row.zone, row.work_start_min, row.work_end_min, row.position),
                         tuple(attendees), tuple(venues), tuple(sessions))
    session.execute(update(Attendee).where(Attendee.hub_id == hub_id).values(hub_id=None))
    session.execute(update(Venue).where(Venue.hub_id == hub_id).values(hub_id=None))
    session.execute(delete(session_hubs).where(session_hubs.c.hub_id == hub_id))
    delete_row(session, row)
    return removed


def restore_hub(session: Session, removed: RemovedHub) -> None:
    """Undo ``remove_hub``: the same id, and every link it had."""
    add_hub(session, removed.draft, hub_id=removed.id)
    if removed.attendee_ids:
        session.execute(update(Attendee).where(Attendee.id.in_(removed.attendee_ids)).values(hub_id=removed.id))
    if removed.venue_ids:
        session.execute(update(Venue).where(Venue.id.in_(removed.venue_ids)).values(hub_id=removed.id))
    if removed.session_ids:
        session.execute(insert(session_hubs), [{"session_id": sid, "hub_id": removed.id}
                                               for sid in removed.session_ids])
    session.expire_all()


# -- venues ------------------------------------------------------------------------------------
def venue_drafts(session: Session) -> dict[int, VenueDraft]:
    """Every venue by id: rooms by site and name, then virtual channels."""
    return {v.id: VenueDraft(v.name, v.kind, v.site, v.capacity, v.hub_id, v.join_url)
            for v in session.scalars(select(Venue).order_by(Venue.kind == "virtual", Venue.site, Venue.name))}


def _valid_venue(session: Session, draft: VenueDraft, current: Venue | None) -> VenueDraft:
    def taken(name: str) -> str | None:
        if (current is None or name != current.name) and name_taken(session, Venue, name, current and current.id):
            return f"there is a venue called {name!r} already"
        return None

    problems: list[str] = []
    clean = venue_problems(draft, problems, name_problem=taken)
    if draft.hub_id is not None and session.get(Hub, draft.hub_id) is None:
        problems.append(f"there is no hub {draft.hub_id}")
    refuse(f"venue {clean.name or draft.name!r}", problems)
    return clean


def _write_venue(row: Venue, clean: VenueDraft) -> None:
    row.name, row.kind, row.site, row.capacity = clean.name, clean.kind, clean.site, clean.capacity
    row.hub_id, row.join_url = clean.hub_id, clean.join_url


def add_venue(session: Session, draft: VenueDraft, *, venue_id: int | None = None) -> int:
    clean = _valid_venue(session, draft, None)
    if venue_id is not None and session.get(Venue, venue_id) is not None:
        raise InvalidInput(f"venue id {venue_id} is taken")
    row = Venue(id=venue_id)
    _write_venue(row, clean)
    session.add(row)
    session.flush()
    return row.id


def edit_venue(session: Session, venue_id: int, draft: VenueDraft) -> VenueDraft:
    row = get_row(session, Venue, venue_id, "venue")
    before = VenueDraft(row.name, row.kind, row.site, row.capacity, row.hub_id, row.join_url)
    _write_venue(row, _valid_venue(session, draft, row))
    session.flush()
    return before


def _venue_sessions(session: Session, venue_id: int) -> list[int]:
    return list(session.scalars(select(LearningSession.id).where(LearningSession.venue_id == venue_id)
                                .order_by(LearningSession.id)))


def venue_usage(session: Session, venue_id: int) -> Usage:
    get_row(session, Venue, venue_id, "venue")
    return Usage(sessions=session_titles(session, _venue_sessions(session, venue_id)))


def remove_venue(session: Session, venue_id: int, *, detach: bool = False) -> RemovedVenue:
    """Remove a venue; with ``detach`` its sessions stay in the agenda without a venue."""
    row = get_row(session, Venue, venue_id, "venue")
    refuse_used(f"venue {row.name!r}", venue_usage(session, venue_id), detach)
    removed = RemovedVenue(venue_id, VenueDraft(row.name, row.kind, row.site, row.capacity, row.hub_id,
                                                row.join_url), tuple(_venue_sessions(session, venue_id)))
    session.execute(update(LearningSession).where(LearningSession.venue_id == venue_id).values(venue_id=None))
    delete_row(session, row)
    return removed


def restore_venue(session: Session, removed: RemovedVenue) -> None:
    add_venue(session, removed.draft, venue_id=removed.id)
    if removed.session_ids:
        session.execute(update(LearningSession).where(LearningSession.id.in_(removed.session_ids))
                        .values(venue_id=removed.id))
    session.expire_all()


# -- the event ---------------------------------------------------------------------------------
#: who the door admits (checkin/rules.py): everyone with warnings, the registered first (others by an
#: override), or only the registered
POLICIES = ("open", "registered_first", "registered_only")
DEFAULT_POLICY = "registered_first"
POLICY_LABELS = {"open": "Open: everyone, warnings only", "registered_first": "Registered first (others by override)",
                 "registered_only": "Registered only"}


def checked_policy(policy: str) -> str:
    """A door policy as stored ('registered-first' and 'Registered_First' are read as 'registered_first')."""
    value = policy.strip().lower().replace("-", "_")
    if value not in POLICIES:
        names = ", ".join(p.replace("_", "-") for p in POLICIES)
        raise InvalidInput(f"unknown door policy {policy!r} (one of {names})")
    return value


def event_props(session: Session) -> EventProps:
    ev = _event_row(session)  # not get_event: a start out of range must stay readable, to be changed
    return EventProps(ev.name, ev.theme, ev.start_utc, ev.length_minutes, ev.door_policy or DEFAULT_POLICY,
                      bool(ev.kiosk_strict))


def _valid_props(props: EventProps) -> EventProps:
    refuse("the event", event_problems(props.name, props.theme, props.start_utc, props.length_minutes))
    return EventProps(tidy(props.name), tidy(props.theme), props.start_utc.astimezone(UTC), props.length_minutes,
                      checked_policy(props.door_policy), bool(props.kiosk_strict))


def sessions_outside(session: Session, props: EventProps) -> tuple[str, ...]:
    """Titles of the scheduled sessions that would not fit in the window ``props`` describes."""
    clean = _valid_props(props)
    end = clean.start_utc.timestamp() + clean.length_minutes * 60
    rows = session.execute(select(LearningSession.title, LearningSession.start_utc, LearningSession.duration_minutes)
                           .where(LearningSession.start_utc.is_not(None)).order_by(LearningSession.start_utc))
    return tuple(title for title, start, minutes in rows
                 if start < clean.start_utc or start.timestamp() + minutes * 60 > end)


def edit_event(session: Session, props: EventProps) -> EventProps:
    """Change the event's name, theme, start or length; returns what they were. Sessions keep
    their UTC times: any that fall outside the new window show up as conflicts."""
    clean = _valid_props(props)
    before = event_props(session)
    row = _event_row(session)
    row.name, row.theme, row.start_utc, row.length_minutes = (clean.name, clean.theme, clean.start_utc,
                                                              clean.length_minutes)
    row.door_policy, row.kiosk_strict = clean.door_policy, clean.kiosk_strict
    session.flush()
    return before


# -- the framework levels (fixed ids 1-5) ------------------------------------------------------
MAX_PATHS = 20


def edit_level(session: Session, level_id: int, *, name: str | None = None, colour: str | None = None,
               learning_paths: Sequence[str] | None = None) -> LevelDTO:
    """Change a level's label, colour (#RRGGBB) or learning paths (None: as it is), checked as the New
    Event wizard checks a label and colour; no two levels share a label. Returns the level before."""
    before = next((lv for lv in list_levels(session) if lv.id == level_id), None)
    if before is None:
        raise InvalidInput(f"there is no level {level_id!r} (levels are 1 to 5)")
    spec = LevelSpec(level_id, before.name if name is None else name, before.colour if colour is None else colour)
    check_levels([spec])
    problems: list[str] = []
    if name_taken(session, Level, spec.name, level_id):
        problems.append(f"another level is called {spec.name.strip()!r}")
    paths = before.learning_paths if learning_paths is None else tuple(
        clean_text(path, "learning path", 200, problems) for path in learning_paths)
    if len(paths) > MAX_PATHS:
        problems.append(f"a level has at most {MAX_PATHS} learning paths, not {len(paths)}")
    refuse(f"level {level_id}", problems)
    row = session.get(Level, level_id)
    row.name, row.colour, row.learning_paths = spec.name.strip(), spec.colour.upper(), list(paths)
    session.flush()
    return before
