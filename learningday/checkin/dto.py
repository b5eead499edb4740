"""Plain data of the door: a check-in's result, an undo, log entries, presence, a merge report."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from learningday.roster.dto import AttendeeRow


@dataclass(frozen=True)
class SearchHit(AttendeeRow):
    """One attendee found by the check-in search box: their row, and where they stand."""

    #: registered for the session searched from (always False for the whole event)
    registered: bool = False
    #: already checked in where the search was made (the session, or the event)
    checked_in: bool = False
    #: on the waitlist of the session searched from
    waitlisted: bool = False


HELD = ("full", "waitlisted", "not_registered", "outside_event", "outside_time")
HINTS = {"": "", "override": " (admit with an override and its reason)",
         "over_capacity": " (admit only with an override and 'admit over capacity')",
         "refused": " (this event admits registered people only)"}


@dataclass(frozen=True)
class CheckInResult:
    """What a check-in (or check-out) did: the banner a station shows."""

    #: "checked_in" | "already" | "unknown_code" | "checked_out", or held at the door (nothing written):
    #: "full" | "waitlisted" | "not_registered" | "outside_event" | "outside_time" (checkin/rules.py)
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
    #: the door rules' warnings in words (a held check-in's reasons, or an admitted one's)
    warnings: tuple[str, ...] = ()
    #: for a held check-in, what would admit: "override" | "over_capacity" | "refused" (nothing)
    needs: str = ""
    #: the reason of the override that admitted it; a check-in before the event's days
    override_reason: str | None = None
    rehearsal: bool = False
    hub: str = ""
    department: str = ""

    @property
    def held(self) -> bool:
        """Stopped by a door rule: nothing was written."""
        return self.status in HELD

    @property
    def colour(self) -> str:
        """green, amber or red, as the station shows it."""
        if self.status == "unknown_code" or self.needs in ("over_capacity", "refused"):
            return "red"
        if self.status == "checked_in" and (not self.warnings or self.override_reason) or self.status == "checked_out":
            return "green"
        return "amber"

    @property
    def message(self) -> str:
        where = f" to {self.session}" if self.session else ""
        if self.status == "checked_in":
            return f"{self.attendee} checked in{where}"
        if self.status == "checked_out":
            return f"{self.attendee} checked out of {self.session}" if self.session else f"{self.attendee} checked out"
        if self.status == "already":
            when = self.earlier_at_utc.strftime("%H:%M UTC") if self.earlier_at_utc else "earlier"
            by = f" by station {self.earlier_station}" if self.earlier_station else ""
            return f"{self.attendee} is already checked in{where} (at {when}{by})"
        if self.held:
            return f"{self.attendee} not checked in{where}: {'; '.join(self.warnings)}{HINTS[self.needs]}"
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
