"""Plain data of an event's setup: the event, its levels, hubs and venues, and the editors' drafts."""

from __future__ import annotations

from dataclasses import dataclass
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
class VenueDTO:
    id: int
    name: str
    kind: str
    site: str
    capacity: int | None
    hub: str = ""

@dataclass(frozen=True)
class HubDraft:
    """A hub as the editor sees it: working hours are minutes after local midnight."""

    name: str
    zone: str
    work_start_min: int = 9 * 60
    work_end_min: int = 17 * 60
    #: order of the hub's ruler; None: after the last hub
    position: int | None = None


@dataclass(frozen=True)
class VenueDraft:
    """A room at a site (capacity, hub) or a virtual channel (join link, no site)."""

    name: str
    kind: str = "room"
    site: str = ""
    capacity: int | None = None
    hub_id: int | None = None
    join_url: str = ""


@dataclass(frozen=True)
class FacilitatorDraft:
    """Someone who teaches; ``availability`` holds (start, end) minutes of THEIR local day, on
    every local date; empty means "not stated" (no availability conflict is ever raised)."""

    name: str
    email: str = ""
    zone: str = "UTC"
    availability: tuple[tuple[int, int], ...] = ()
    level_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class EventProps:
    name: str
    theme: str
    start_utc: datetime
    length_minutes: int
    #: who the door admits (setup.services.POLICIES), and whether the kiosk asks for the badge code's end
    door_policy: str = "registered_first"
    kiosk_strict: bool = False


@dataclass(frozen=True)
class Usage:
    """What a removal would touch besides the row itself (shown in the confirmation)."""

    attendees: int = 0
    venues: tuple[str, ...] = ()
    #: titles of the sessions that refer to it (target hub, venue or facilitator)
    sessions: tuple[str, ...] = ()
    #: sessions that target only this hub: without it they are open to every hub
    only_for_it: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.attendees or self.venues or self.sessions)


@dataclass(frozen=True)
class RemovedHub:
    id: int
    draft: HubDraft
    attendee_ids: tuple[int, ...]
    venue_ids: tuple[int, ...]
    session_ids: tuple[int, ...]


@dataclass(frozen=True)
class RemovedVenue:
    id: int
    draft: VenueDraft
    session_ids: tuple[int, ...]


@dataclass(frozen=True)
class RemovedFacilitator:
    id: int
    uid: str
    draft: FacilitatorDraft
    session_ids: tuple[int, ...]
