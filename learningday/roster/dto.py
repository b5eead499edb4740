"""Plain data of the roster: an attendee row, the table's query, an attendee's places."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
