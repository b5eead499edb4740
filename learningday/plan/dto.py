"""Plain data of the agenda: a session as lists show it, a draft, and saved versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final


class _Keep:
    """The value of a draft field its writer does not know (a restored version): the stored one stays."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = _Keep()


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
    #: the planner leaves it where it is
    pinned: bool = False
    preferred_start_utc: datetime | None = None


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
    #: the planner leaves a pinned session where it is (KEEP: as stored, for a writer that does not know pins)
    pinned: bool | _Keep = False
    #: the start the planner tries to give it (None: no preference; KEEP: as stored)
    preferred_start_utc: datetime | None | _Keep = None

#: comparison kinds, in the order a list shows them
ADDED, REMOVED, MOVED, CHANGED = "added", "removed", "moved", "changed"
#: fields whose change makes a session "moved"; any other changed field makes it "changed"
MOVE_FIELDS = ("start_utc", "venue")


@dataclass(frozen=True)
class SnapshotRow:
    """A saved version of the agenda, as a list shows it."""

    uid: str
    name: str
    created_utc: datetime
    sessions: int
    scheduled: int


@dataclass(frozen=True)
class SavedSession:
    """One session as a snapshot holds it: references by name (venue, hubs) or uid (facilitators)."""

    uid: str
    title: str
    description: str
    level: int
    topics: tuple[str, ...]
    start_utc: datetime | None
    duration_minutes: int
    venue: str | None
    #: uids (the identity), and the names they had, for display
    facilitators: tuple[str, ...]
    facilitator_names: tuple[str, ...]
    target_hubs: tuple[str, ...]
    capacity: int | None


@dataclass(frozen=True)
class FieldChange:
    """One field that differs; values are plain (ISO text for times, lists of names)."""

    field: str
    before: object
    after: object


@dataclass(frozen=True)
class SessionChange:
    """A session that differs between the snapshot (before) and the agenda now (after)."""

    kind: str
    uid: str
    title: str
    before: SavedSession | None
    after: SavedSession | None
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """What changed since a snapshot. A session that moved and changed otherwise is under ``moved``."""

    snapshot: SnapshotRow
    added: tuple[SessionChange, ...]
    removed: tuple[SessionChange, ...]
    moved: tuple[SessionChange, ...]
    changed: tuple[SessionChange, ...]

    @property
    def all(self) -> tuple[SessionChange, ...]:
        return self.added + self.removed + self.moved + self.changed

    @property
    def identical(self) -> bool:
        return not self.all


@dataclass(frozen=True)
class RestoreResult:
    """What restoring a snapshot did; ``backup`` holds the agenda as it was just before."""

    snapshot: SnapshotRow
    backup: SnapshotRow | None
    recreated: int
    deleted: int
    updated: int


#: how each compared field is named for people
FIELD_LABELS = {
    "start_utc": "start", "venue": "venue", "title": "title", "level": "level", "duration_minutes": "duration",
    "facilitators": "facilitators", "target_hubs": "for hubs", "topics": "topics", "description": "description",
    "capacity": "capacity",
}


def value_text(field: str, value: object) -> str:
    """A compared value in words ('Wed 10 Mar 22:30 UTC', '90 min', 'none')."""
    if value is None or value == [] or value == "":
        return {"start_utc": "unscheduled", "venue": "no venue", "capacity": "the venue's"}.get(field, "none")
    if field == "start_utc":
        return f"{datetime.fromisoformat(str(value)):%a %d %b %H:%M} UTC"
    if field == "duration_minutes":
        return f"{value} min"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    text = str(value).replace("\n", " ")
    return text if field != "description" or len(text) <= 60 else text[:59] + "…"


def change_text(change: FieldChange) -> str:
    """'start: Wed 10 Mar 22:00 UTC → Wed 10 Mar 22:30 UTC'."""
    label = FIELD_LABELS.get(change.field, change.field)
    return f"{label}: {value_text(change.field, change.before)} → {value_text(change.field, change.after)}"
