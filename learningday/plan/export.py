"""What an agenda export holds: the sessions a scope picks, and one hub's day by local date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.plan.dto import SessionRow
from learningday.plan.sessions import list_sessions
from learningday.setup.clock import local_time
from learningday.setup.dto import EventDTO, HubDTO, LevelDTO
from learningday.setup.event import get_event, list_hubs, list_levels
from learningday.setup.rules import find_named, listing
from learningday.spreadsheet.emails import email_key
from learningday.store.models import Facilitator, session_facilitators
from learningday.timeutil import is_zone


@dataclass(frozen=True)
class AgendaScope:
    """Which sessions an export covers; every field left None: the whole agenda."""

    #: sessions meant for this hub (by name), or for every hub
    hub: str | None = None
    level: int | None = None
    #: one facilitator's own sessions, by name or email, or by id (what a list to pick from knows)
    facilitator: str | None = None
    facilitator_id: int | None = None


@dataclass(frozen=True)
class AgendaSelection:
    event: EventDTO
    levels: tuple[LevelDTO, ...]
    hubs: tuple[HubDTO, ...]
    #: scheduled sessions by start, then the drafts
    rows: tuple[SessionRow, ...]
    #: what the selection is called ("Global AI Learning Day — Tokyo — level 2")
    title: str


def find_hub(hubs: tuple[HubDTO, ...], name: str, option: str = "--hub") -> HubDTO:
    """The hub called ``name`` (any case); an unknown name is an error that lists the hubs."""
    return find_named(hubs, name, what="hub", option=option)


def check_level(levels: tuple[LevelDTO, ...], level: int | None, option: str = "--level") -> None:
    if level is not None and level not in {lv.id for lv in levels}:
        raise InvalidInput(f"{option}: there is no level {level} (levels are 1 to 5)")


def find_facilitator(session: Session, text: str, option: str = "--facilitator") -> tuple[int, str]:
    """(id, name) of the facilitator whose email or name is ``text`` (any case)."""
    wanted = text.strip().casefold()
    people = session.execute(select(Facilitator.id, Facilitator.name, Facilitator.email)
                             .order_by(Facilitator.name)).all()
    by_email = [(i, n) for i, n, e in people if e and email_key(e) == email_key(text)]
    if by_email:
        return by_email[0]
    by_name = [(i, n, e) for i, n, e in people if n.casefold() == wanted]
    if len(by_name) == 1:
        return by_name[0][0], by_name[0][1]
    if by_name:
        emails = listing([e or f"#{i} (no email)" for i, _n, e in by_name])
        raise InvalidInput(f"{option}: {len(by_name)} facilitators are called {text!r}; give an email ({emails})")
    raise InvalidInput(f"{option}: no facilitator called {text!r} or with that email"
                       f" (facilitators: {listing([n for _i, n, _e in people])})")


def _facilitator_by_id(session: Session, facilitator_id: int) -> tuple[int, str]:
    name = session.scalar(select(Facilitator.name).where(Facilitator.id == facilitator_id))
    if name is None:
        raise InvalidInput(f"no facilitator #{facilitator_id} in this event (was it deleted?)")
    return facilitator_id, name


def facilitator_session_ids(session: Session, facilitator_id: int) -> frozenset[int]:
    """The sessions one facilitator teaches."""
    link = session_facilitators.c
    return frozenset(session.scalars(select(link.session_id).where(link.facilitator_id == facilitator_id)))


def calendar_zone(hubs: tuple[HubDTO, ...], text: str | None, option: str = "--zone") -> str | None:
    """The IANA zone a calendar's times are written in: a hub's zone (by hub name), an IANA name,
    or None for UTC (no text, or 'UTC')."""
    if text is None or text.strip().upper() in ("", "UTC", "Z"):
        return None
    for hub in hubs:
        if hub.name.casefold() == text.strip().casefold():
            return hub.zone
    if is_zone(text.strip()):
        return text.strip()
    raise InvalidInput(f"{option}: {text!r} is neither a hub nor an IANA time zone"
                       f" (hubs: {listing([h.name for h in hubs])}; or e.g. 'Asia/Kolkata', or UTC)")


@dataclass(frozen=True)
class AgendaClock:
    """Whose clock an agenda is on: a hub's (with its working hours) or a bare IANA zone's."""

    name: str
    zone: str
    hub: HubDTO | None = None


def agenda_clock(hubs: tuple[HubDTO, ...], text: str, option: str = "--zone") -> AgendaClock:
    """A hub's clock (by name), or an IANA zone's (UTC included)."""
    for hub in hubs:
        if hub.name.casefold() == text.strip().casefold():
            return AgendaClock(hub.name, hub.zone, hub)
    zone_name = calendar_zone(hubs, text, option) or "UTC"
    return AgendaClock(zone_name, zone_name)


def select_agenda(session: Session, scope: AgendaScope = AgendaScope()) -> AgendaSelection:
    """The sessions ``scope`` picks, with what an export needs beside them; a bad scope is an error."""
    event, hubs, levels = get_event(session), list_hubs(session), list_levels(session)
    hub = find_hub(hubs, scope.hub, "--for-hub") if scope.hub is not None else None
    check_level(levels, scope.level)
    title = event.name + (f" — {hub.name}" if hub else "") + (f" — level {scope.level}" if scope.level else "")
    taught: frozenset[int] | None = None
    if scope.facilitator is not None or scope.facilitator_id is not None:
        person_id, person = (_facilitator_by_id(session, scope.facilitator_id) if scope.facilitator_id is not None
                             else find_facilitator(session, scope.facilitator or ""))
        taught = facilitator_session_ids(session, person_id)
        title += f" — {person}"
    rows = tuple(r for r in list_sessions(session)
                 if (scope.level is None or r.level_id == scope.level)
                 and (hub is None or not r.target_hubs or hub.name in r.target_hubs)
                 and (taught is None or r.id in taught))
    return AgendaSelection(event, levels, hubs, rows, title)


# -- one hub's day --------------------------------------------------------------------------
@dataclass(frozen=True)
class LocalSession:
    """A scheduled session on a hub's wall clock."""

    row: SessionRow
    start: datetime
    end: datetime

    @property
    def days_later(self) -> int:
        """How many local midnights the session runs past (a session ending at 00:00 runs past none)."""
        return ((self.end - timedelta(microseconds=1)).date() - self.start.date()).days


@dataclass(frozen=True)
class LocalDay:
    day: date
    sessions: tuple[LocalSession, ...]


def local_days(rows: tuple[SessionRow, ...] | list[SessionRow], zone_name: str) -> tuple[LocalDay, ...]:
    """The scheduled ``rows`` in ``zone_name``'s time, grouped by the local date each starts on
    (a session over local midnight stays whole, under its first date); drafts are left out."""
    days: dict[date, list[LocalSession]] = {}
    for row in rows:
        if row.start_utc is None or row.end_utc is None:
            continue
        item = LocalSession(row, local_time(row.start_utc, zone_name), local_time(row.end_utc, zone_name))
        days.setdefault(item.start.date(), []).append(item)
    return tuple(LocalDay(day, tuple(sorted(items, key=lambda s: (s.row.start_utc, s.row.title))))
                 for day, items in sorted(days.items()))
