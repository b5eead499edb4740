"""What an attendance import reads, proposes and writes: frozen dataclasses for the CLI, the dialog and tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class Person:
    """One person of a report: their rows' intervals merged (UTC) and how they match the roster."""

    key: str  # within the file: 'email:<address>' or 'name:<folded name>'
    name: str
    email: str
    role: str
    rows: int
    intervals: tuple[Interval, ...]
    minutes: int  # inside the session's time
    share: float  # minutes / the session's length
    late: bool
    left_early: bool
    match: str = "none"  # 'email', 'name', 'fuzzy' (waits for review), 'confirmed', 'none'
    attendee_id: int | None = None
    attendee_uid: str | None = None
    attendee_name: str = ""
    score: float = 0.0


@dataclass(frozen=True)
class FilePlan:
    """One report, read and matched; nothing written yet."""

    path: str
    name: str
    sha256: str
    platform: str
    session_id: int
    session_uid: str
    session_title: str
    #: the session was given, or the report's title and time named it clearly
    session_sure: bool
    zone: str
    people: tuple[Person, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    files: tuple[FilePlan, ...]
    matched: int
    fuzzy_pending: tuple[Person, ...]
    unmatched: tuple[Person, ...]
    entries_written: int
    entries_undone: int = 0
    walk_ins_added: int = 0
    notes: tuple[str, ...] = field(default=())
