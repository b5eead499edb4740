"""Plain, frozen data handed to the UI, the CLI and the renderers (no SQLAlchemy here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class LevelDTO:
    id: int
    name: str
    audience: str
    colour: str
    foundational: bool
    learning_paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class HubDTO:
    id: int
    name: str
    zone: str
    work_start_min: int
    work_end_min: int


@dataclass(frozen=True)
class EventDTO:
    uid: str
    name: str
    theme: str
    start_utc: datetime
    end_utc: datetime
    length_minutes: int


@dataclass(frozen=True)
class EventSummary:
    """The headline counts of an event (what ``learningday info`` prints)."""

    event: EventDTO
    levels: tuple[LevelDTO, ...]
    hubs: tuple[HubDTO, ...]
    venues: int
    facilitators: int
    sessions: int
    unscheduled_sessions: int
    attendees: int
    registrations: int
    waitlisted: int
    #: current check-ins (log entries not undone), and every entry of the log
    checkins: int
    checkin_log_entries: int
    attendees_checked_in: int


@dataclass(frozen=True)
class SessionRow:
    """A session as a list shows it, with its live counts."""

    id: int
    uid: str
    title: str
    level_id: int
    start_utc: datetime | None
    end_utc: datetime | None
    duration_minutes: int
    venue: str
    venue_kind: str
    capacity: int | None
    facilitators: tuple[str, ...]
    target_hubs: tuple[str, ...]
    topics: tuple[str, ...] = ()
    registered: int = 0
    waitlisted: int = 0
    checked_in: int = 0


@dataclass(frozen=True)
class AttendeeRow:
    id: int
    uid: str
    code: str
    name: str
    email: str
    employee_id: str | None
    department: str
    role: str
    hub: str
    level_id: int | None


@dataclass(frozen=True)
class AttendeeQuery:
    """What an attendee list asks for: a search text and filters, applied in SQL."""

    text: str = ""
    hub_id: int | None = None
    level_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class VenueDTO:
    id: int
    name: str
    kind: str
    site: str
    capacity: int | None
    hub: str = ""


@dataclass(frozen=True)
class SessionDraft:
    """What the session editor hands back: every field a session service writes."""

    title: str
    level_id: int
    #: None: an unscheduled draft
    start_utc: datetime | None
    duration_minutes: int = 60
    venue_id: int | None = None
    facilitator_ids: tuple[int, ...] = ()
    hub_ids: tuple[int, ...] = ()
    topics: tuple[str, ...] = ()
    description: str = ""
    capacity: int | None = None
