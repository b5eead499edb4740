"""The event itself: create it, read it, and count what it holds."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learningday.errors import EventFileError, InvalidInput
from learningday.outputs import check_output, partial_name
from learningday.setup.dto import EventDTO, EventSummary, HubDTO, LevelDTO, VenueDraft, VenueDTO
from learningday.setup.new_event import HubSpec, LevelSpec, VenueSpec, check_hubs, check_levels, check_venues
from learningday.setup.rules import clean_text, name_key, refuse, tidy, venue_problems
from learningday.store import arrival
from learningday.store.models import Attendee, Event, Facilitator, Hub, Level, Registration, Venue
from learningday.store.models import Session as LearningSession
from learningday.timeutil import FIRST_YEAR, LAST_YEAR, UTC, utc

MAX_LENGTH_MINUTES = 72 * 60


def create_event(
    session: Session,
    *,
    name: str,
    start_utc: datetime,
    length_minutes: int = 24 * 60,
    theme: str = "",
    created_utc: datetime,
    hubs: Sequence[HubSpec] = (),
    levels: Sequence[LevelSpec] = (),
    venues: Sequence[VenueSpec] = (),
) -> Event:
    """Add the event row of a new file, its hubs (in order), its venues and the labels and colours of
    ``levels``; the file must not hold an event yet. Everything is checked before a row is added."""
    check_event(name=name, start_utc=start_utc, length_minutes=length_minutes, theme=theme, hubs=hubs,
                levels=levels, venues=venues, require_hub=False)
    if session.scalar(select(func.count()).select_from(Event)):
        raise InvalidInput("this file already holds an event")
    if hubs and session.scalar(select(func.count()).select_from(Hub)):
        raise InvalidInput("this file already holds hubs")
    event = Event(
        name=tidy(name), theme=tidy(theme), start_utc=utc(start_utc), length_minutes=length_minutes,
        created_utc=utc(created_utc),
    )
    session.add(event)
    hub_rows = {name_key(h.name): Hub(name=tidy(h.name), zone=h.zone.strip(), work_start_min=h.work_start_min,
                                      work_end_min=h.work_end_min, position=k) for k, h in enumerate(hubs)}
    session.add_all(hub_rows.values())
    for spec in venues:  # checked above by the venue rule; written as it tidies them
        clean = venue_problems(VenueDraft(spec.name, spec.kind, capacity=spec.capacity), [])
        session.add(Venue(name=clean.name, kind=clean.kind, site=clean.site, capacity=clean.capacity,
                          join_url=clean.join_url, hub=hub_rows.get(name_key(spec.hub))))
    for spec in levels:
        level = session.get(Level, spec.id)
        if level is None:
            raise EventFileError(f"this event file has no level {spec.id}")
        level.name, level.colour = spec.name.strip(), spec.colour.upper()
    session.flush()
    return event


def event_problems(name: str, theme: str, start_utc: datetime, length_minutes: object) -> list[str]:
    """What is wrong with an event's name, theme, start and length, in words (the New Event
    wizard, ``learningday new`` and the event editor keep the same rules)."""
    problems: list[str] = []
    clean_text(name, "event name", 200, problems)
    clean_text(theme, "theme", 200, problems, required=False)
    problems.extend(start_problems(start_utc))
    if not isinstance(length_minutes, int) or not 60 <= length_minutes <= MAX_LENGTH_MINUTES:
        problems.append(f"the event must last between 1 and {MAX_LENGTH_MINUTES // 60} hours, "
                        f"not {length_minutes} minutes")
    return problems


def start_problems(start_utc: datetime) -> list[str]:
    """What is wrong with an event's start: it needs a zone, and a year from FIRST_YEAR to LAST_YEAR."""
    if start_utc.tzinfo is None or start_utc.utcoffset() is None:
        return [f"the start {start_utc.isoformat()} has no zone (give it in UTC)"]
    if not all(FIRST_YEAR <= year <= LAST_YEAR for year in _years(start_utc)):
        return [f"the start {start_utc.isoformat()} is outside the years {FIRST_YEAR}-{LAST_YEAR}"]
    return []


def _years(instant: datetime) -> Iterator[int]:
    """The year as written, then (only when that one is sane: no overflow) the year in UTC."""
    yield instant.year
    yield instant.astimezone(UTC).year


def check_event(*, name: str, start_utc: datetime, length_minutes: int, theme: str = "",
                hubs: Sequence[HubSpec] = (), levels: Sequence[LevelSpec] = (), venues: Sequence[VenueSpec] = (),
                require_hub: bool = True) -> None:
    """Everything a new event needs, checked before any file is written."""
    refuse("the event", event_problems(name, theme, start_utc, length_minutes))
    if hubs or require_hub:
        check_hubs(hubs)
    check_venues(venues, hubs)
    check_levels(levels)


def _event_row(session: Session) -> Event:
    event = session.scalars(select(Event).limit(1)).first()
    if event is None:
        raise EventFileError("this event file holds no event yet")
    return event


def get_event(session: Session) -> EventDTO:
    event = _event_row(session)
    if not FIRST_YEAR <= event.start_utc.year <= LAST_YEAR:  # written by an app that did not check it
        raise EventFileError(f"this event starts {event.start_utc:%Y-%m-%d}, outside the years {FIRST_YEAR}-"
                             f"{LAST_YEAR}; give it another start (event-props --start)")
    return EventDTO(
        uid=event.uid,
        name=event.name,
        theme=event.theme,
        start_utc=event.start_utc,
        end_utc=event.start_utc + timedelta(minutes=event.length_minutes),
        length_minutes=event.length_minutes,
    )


def list_levels(session: Session) -> tuple[LevelDTO, ...]:
    return tuple(
        LevelDTO(lv.id, lv.name, lv.audience, lv.colour, lv.foundational, tuple(lv.learning_paths))
        for lv in session.scalars(select(Level).order_by(Level.id))
    )


def list_hubs(session: Session) -> tuple[HubDTO, ...]:
    return tuple(
        HubDTO(h.id, h.name, h.zone, h.work_start_min, h.work_end_min)
        for h in session.scalars(select(Hub).order_by(Hub.position, Hub.name))
    )


def list_venues(session: Session) -> tuple[VenueDTO, ...]:
    """Rooms grouped by site, then virtual channels, each by name."""
    rows = session.execute(
        select(Venue, Hub.name).outerjoin(Hub, Hub.id == Venue.hub_id)
        .order_by(Venue.kind == "virtual", Venue.site, Venue.name)
    )
    return tuple(VenueDTO(v.id, v.name, v.kind, v.site, v.capacity, hub or "") for v, hub in rows)


def list_facilitators(session: Session) -> tuple[tuple[int, str], ...]:
    """(id, name) of every facilitator, by name."""
    return tuple((i, n) for i, n in session.execute(select(Facilitator.id, Facilitator.name).order_by(Facilitator.name)))


def _count(session: Session, model: type, *where: object) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def event_summary(session: Session) -> EventSummary:
    return EventSummary(
        event=get_event(session),
        levels=list_levels(session),
        hubs=list_hubs(session),
        venues=_count(session, Venue),
        facilitators=_count(session, Facilitator),
        sessions=_count(session, LearningSession),
        unscheduled_sessions=_count(session, LearningSession, LearningSession.start_utc.is_(None)),
        attendees=_count(session, Attendee),
        registrations=_count(session, Registration, Registration.status == "registered"),
        waitlisted=_count(session, Registration, Registration.status == "waitlisted"),
        checkins=arrival.count_current(session),
        checkin_log_entries=arrival.count_log_entries(session),
        attendees_checked_in=arrival.count_attendees_present(session),
    )


def create_event_file(
    path: Path,
    *,
    name: str,
    start_utc: datetime,
    length_minutes: int = 24 * 60,
    theme: str = "",
    hubs: Sequence[HubSpec] = (),
    levels: Sequence[LevelSpec] = (),
    venues: Sequence[VenueSpec] = (),
    replace: bool = False,
) -> Path:
    """Write a new event file holding the event, its hubs, venues and level labels, in one transaction;
    ``replace`` lets it take an existing name. Bad input is refused before anything is written."""
    from learningday.store.db import open_event

    check_event(name=name, start_utc=start_utc, length_minutes=length_minutes, theme=theme, hubs=hubs,
                levels=levels, venues=venues, require_hub=False)
    path = check_output(path, kind="event")
    if path.exists() and not replace:
        raise InvalidInput(f"{path} exists already; choose another name")
    tmp = partial_name(path, "event")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    try:
        with open_event(tmp, create=True) as event_file, event_file.write() as session:
            create_event(session, name=name, start_utc=start_utc, length_minutes=length_minutes,
                         theme=theme, created_utc=datetime.now(UTC), hubs=hubs, levels=levels, venues=venues)
        tmp.replace(path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    return path
