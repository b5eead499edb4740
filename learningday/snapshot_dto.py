"""Plain data of agenda snapshots: a saved version, a session as saved, and a comparison."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
