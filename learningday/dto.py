"""Plain, frozen data handed to the UI, the CLI and the renderers (no SQLAlchemy here)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
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


#: registration states an attendee list can be filtered by (None: anyone)
REGISTRATION_STATES = ("registered", "waitlisted", "unregistered", "checked_in")
#: what an attendee list can be sorted by (then by name)
ATTENDEE_ORDERS = ("name", "code", "email", "employee_id", "department", "role", "hub", "level")


@dataclass(frozen=True)
class AttendeeQuery:
    """What an attendee list asks for: a search text and filters, applied in SQL."""

    text: str = ""
    hub_id: int | None = None
    level_id: int | None = None
    #: None: any department; "": people without one
    department: str | None = None
    #: one of REGISTRATION_STATES, None: anyone
    registration: str | None = None
    #: one of ATTENDEE_ORDERS; ties are broken by name
    order: str = "name"
    descending: bool = False

    @property
    def by_name(self) -> bool:
        return self.order == "name" and not self.descending


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


@dataclass(frozen=True)
class SearchHit(AttendeeRow):
    """One attendee found by the check-in search box: their row, and where they stand."""

    #: registered for the session searched from (always False for the whole event)
    registered: bool = False
    #: already checked in where the search was made (the session, or the event)
    checked_in: bool = False


@dataclass(frozen=True)
class CheckInResult:
    """What a check-in (or check-out) did: the banner a station shows."""

    #: "checked_in" | "already" | "unknown_code" | "checked_out"
    status: str
    attendee: str
    session: str
    at_utc: datetime | None
    entry_uid: str | None
    attendee_uid: str | None = None
    session_uid: str | None = None
    code: str = ""
    #: for "already": when and where the person was checked in before
    earlier_at_utc: datetime | None = None
    earlier_station: str = ""
    #: for a walk-in: whether the person was added to the roster by it
    new_attendee: bool = False

    @property
    def message(self) -> str:
        where = f" to {self.session}" if self.session else ""
        if self.status == "checked_in":
            return f"{self.attendee} checked in{where}"
        if self.status == "checked_out":
            return f"{self.attendee} checked out{where}"
        if self.status == "already":
            when = self.earlier_at_utc.strftime("%H:%M UTC") if self.earlier_at_utc else "earlier"
            by = f" by station {self.earlier_station}" if self.earlier_station else ""
            return f"{self.attendee} is already checked in{where} (at {when}{by})"
        return f"no attendee has the code {self.code!r}"


@dataclass(frozen=True)
class UndoResult:
    entry_uid: str
    reverses_uid: str
    reversed_kind: str
    attendee: str
    session: str
    at_utc: datetime


@dataclass(frozen=True)
class LogEntryRow:
    """One entry of the check-in log, as the station's 'last check-ins' list shows it."""

    uid: str
    kind: str
    attendee_id: int
    attendee: str
    code: str
    session_uid: str | None
    session: str
    at_utc: datetime
    station: str
    facilitator_name: str
    method: str
    #: an arrival that a later undo reversed
    undone: bool = False


@dataclass(frozen=True)
class PresenceCounts:
    """Live counters of a session (or the whole event) at a station."""

    checked_in: int
    registered: int
    capacity: int | None
    walk_ins: int
    not_yet_here: int


@dataclass(frozen=True)
class MergeReport:
    """What merging a station log did, and what it could not apply."""

    entries_added: int
    entries_already_present: int
    attendees_created: int
    attendees_matched_by_email: int
    stations_created: int
    problems: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.entries_added or self.attendees_created or self.stations_created)

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "problems": list(self.problems)}

    def summary(self) -> str:
        return (f"{self.entries_added:,} entries added, {self.entries_already_present:,} already here, "
                f"{self.attendees_created} walk-ins added, {self.attendees_matched_by_email} matched by email")

#: the fields the attendee editor changes, by the key ``attendees.update_attendee`` takes
ATTENDEE_FIELDS = ("name", "email", "employee_id", "department", "role", "hub", "level")


@dataclass(frozen=True)
class AttendeeDetails(AttendeeRow):
    """One attendee as the editor and the registrations panel show them: their row, and more."""

    hub_id: int | None = None
    #: entries of the check-in log about this person (they can then never be deleted)
    log_entries: int = 0

    def fields(self) -> dict[str, str | int | None]:
        """The editable fields as ``update_attendee`` takes them (what undo writes back)."""
        return {"name": self.name, "email": self.email, "employee_id": self.employee_id or "",
                "department": self.department, "role": self.role, "hub": self.hub_id, "level": self.level_id}


@dataclass(frozen=True)
class AttendeeRegistration:
    """One of an attendee's places: a session they are registered or waitlisted for."""

    session_id: int
    session_uid: str
    title: str
    level_id: int
    start_utc: datetime | None
    end_utc: datetime | None
    #: "registered" | "waitlisted"
    status: str
    #: 1 = next to be promoted (waitlisted only)
    waitlist_position: int | None = None
    checked_in: bool = False


@dataclass(frozen=True)
class CancelResult:
    """A cancelled place, and who moved up from the waitlist into it."""

    attendee: str
    session: str
    promoted: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        text = f"{self.attendee}'s place in “{self.session}” was cancelled"
        if self.promoted:
            return text + "; promoted from the waitlist: " + ", ".join(self.promoted)
        return text + "; nobody was waiting"


@dataclass(frozen=True)
class DeletedAttendee:
    """Everything needed to put a deleted attendee back (undo): their row and their places."""

    details: AttendeeDetails
    created_utc: datetime
    #: (session id, "registered" | "waitlisted"), oldest first
    registrations: tuple[tuple[int, str], ...] = ()
    #: people promoted into the places the deletion freed
    promoted: tuple[str, ...] = ()
