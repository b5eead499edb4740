"""Frozen results of the analytics pass, handed to the renderers (no SQLAlchemy here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from learningday.setup.dto import EventDTO, HubDTO, LevelDTO
from learningday.skills.dto import FeedbackScore, SkillsSummary


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Attendance of one group (a level, hub, department, facilitator or the whole event).

    Counts are session attendances: one per (attendee, session). ``attendees`` counts the
    distinct people behind them.
    """

    key: int | str | None
    label: str
    registered: int = 0
    #: distinct attendees with a current (not undone) check-in or walk-in
    attended: int = 0
    #: attended without a place ('registered' status) in the session
    walk_ins: int = 0
    #: registered, never arrived
    no_shows: int = 0
    attendees: int = 0
    learning_minutes: int = 0

    @property
    def registered_attended(self) -> int:
        return self.attended - self.walk_ins

    @property
    def rate(self) -> float | None:
        """Registered people who came, over registered people; None when nobody registered."""
        return self.registered_attended / self.registered if self.registered else None

    @property
    def learning_hours(self) -> float:
        return self.learning_minutes / 60


@dataclass(frozen=True, slots=True)
class SessionOutcome:
    """One scheduled session and what happened in it."""

    id: int
    uid: str
    title: str
    level_id: int
    level_name: str
    start_utc: datetime
    end_utc: datetime
    duration_minutes: int
    venue: str
    venue_kind: str
    #: the venue's hub for a room, else the first target hub; None: show UTC
    main_hub: str | None
    main_hub_zone: str | None
    facilitators: tuple[str, ...]
    capacity: int | None
    registered: int
    waitlisted: int
    attended: int
    walk_ins: int
    no_shows: int
    walk_in_names: tuple[str, ...] = ()
    no_show_names: tuple[str, ...] = ()

    @property
    def rate(self) -> float | None:
        return (self.attended - self.walk_ins) / self.registered if self.registered else None


@dataclass(frozen=True, slots=True)
class AttendeeOutcome:
    """One person on the roster: what they registered for and what they attended."""

    id: int
    code: str
    name: str
    email: str
    employee_id: str | None
    department: str
    role: str
    hub: str
    hub_zone: str | None
    #: the person's own (self-assessed) level; None when unknown
    level_id: int | None
    registered: int
    #: ids of the sessions attended, by start time
    sessions_attended: tuple[int, ...]
    walk_ins: int
    learning_minutes: int
    #: distinct levels of the sessions attended, ascending
    levels_attended: tuple[int, ...]
    uid: str = ""

    @property
    def highest_level(self) -> int | None:
        return self.levels_attended[-1] if self.levels_attended else None

    @property
    def no_shows(self) -> int:
        return self.registered - (len(self.sessions_attended) - self.walk_ins)


@dataclass(frozen=True, slots=True)
class HourBucket:
    """Session attendances whose session starts in the hour ``[start_utc, start_utc + 1 h)``."""

    index: int
    start_utc: datetime
    attendances: int


@dataclass(frozen=True, slots=True)
class HubHours:
    """A hub's own people, by the local clock hour (0-23) their sessions start at."""

    hub: str
    zone: str
    by_local_hour: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ProgressionPath:
    """How many attendees attended exactly this set of levels (more than one level)."""

    levels: tuple[int, ...]
    attendees: int


@dataclass(frozen=True, slots=True)
class CheckInLogRow:
    """One entry of the append-only check-in log, as an analyst reads it."""

    uid: str
    kind: str
    at_utc: datetime
    attendee_code: str
    attendee_name: str
    hub: str
    hub_zone: str | None
    session_title: str
    session_uid: str | None
    station: str
    method: str
    facilitator_name: str
    reverses_uid: str | None
    #: an undo entry reverses this entry
    undone: bool


@dataclass(frozen=True)
class EventAnalytics:
    """Everything the reports show, from one pass over the event."""

    event: EventDTO
    levels: tuple[LevelDTO, ...]
    hubs: tuple[HubDTO, ...]
    overall: Breakdown
    roster_size: int
    #: people with at least one registration
    registered_people: int
    #: people who attended at least one session (equals overall.attendees)
    unique_attendees: int
    #: people checked in to the event as a whole (entries without a session)
    event_checkins: int
    by_level: tuple[Breakdown, ...]
    by_hub: tuple[Breakdown, ...]
    by_department: tuple[Breakdown, ...]
    by_facilitator: tuple[Breakdown, ...]
    sessions: tuple[SessionOutcome, ...]
    attendees: tuple[AttendeeOutcome, ...]
    hours_utc: tuple[HourBucket, ...]
    hours_local: tuple[HubHours, ...]
    #: attendees who attended sessions of more than one level: (attendee id, levels)
    progression: tuple[tuple[int, tuple[int, ...]], ...]
    progression_paths: tuple[ProgressionPath, ...]
    top_sessions: tuple[SessionOutcome, ...]
    bottom_sessions: tuple[SessionOutcome, ...]
    #: session attendances by (level id, hub label): the levels x hubs matrix, zero cells left out
    by_level_and_hub: tuple[tuple[int, str, int], ...] = ()
    #: "did it work?": reach, skills, feedback per facilitator and the facts they support (None: not computed)
    leader: LeaderView | None = None
    #: arrivals a door rule held that an override admitted, and check-ins before the event's days (rehearsals)
    overrides: int = 0
    rehearsals: int = 0

    @property
    def session_attendances(self) -> int:
        return self.overall.attended

    @property
    def learning_hours(self) -> float:
        return self.overall.learning_hours

    @property
    def sessions_per_attendee(self) -> float:
        return self.overall.attended / self.unique_attendees if self.unique_attendees else 0.0

    def level(self, level_id: int) -> LevelDTO:
        return next(lv for lv in self.levels if lv.id == level_id)


@dataclass(frozen=True, slots=True)
class Reach:
    """People on the roster (the headcount) against the people among them who attended a session."""

    label: str
    headcount: int
    reached: int
    #: reach well below the event's: the cell a leader should look at
    gap: bool = False

    @property
    def rate(self) -> float | None:
        return self.reached / self.headcount if self.headcount else None


@dataclass(frozen=True, slots=True)
class FacilitatorFeedback:
    """Feedback on the sessions a facilitator ran (a session with two facilitators counts for both)."""

    name: str
    sessions: int
    #: their sessions' feedback pooled (title: the facilitator's name)
    score: FeedbackScore


@dataclass(frozen=True)
class LeaderView:
    """The figures of the report's first page. Headcount: the attendees on the roster (no event setting)."""

    reach: Reach
    #: hub label -> its reach; level columns: own level ids 1-5 then None (no level)
    reach_by_hub: tuple[Reach, ...]
    reach_by_level: tuple[Reach, ...]
    #: (hub label, level id or None) -> Reach; empty cells (headcount 0) left out
    reach_cells: tuple[tuple[str, int | None, Reach], ...]
    skills: SkillsSummary
    by_facilitator: tuple[FacilitatorFeedback, ...]
    #: attendee id -> validated levels (only people with one or more)
    validated: dict[int, frozenset[int]]
    #: sentences written from the numbers: best and worst sessions, hubs left behind, levels oversubscribed
    facts: tuple[str, ...]
