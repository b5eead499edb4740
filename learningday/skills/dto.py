"""The skills domain's plain data: frozen dataclasses, no SQLAlchemy."""

from __future__ import annotations

from dataclasses import dataclass

OVERALL = 0  # the level key of an overall self-assessment


@dataclass(frozen=True)
class AssessmentChange:
    """A self-assessment written: the score before (None: there was none) and after (None: cleared)."""

    attendee_uid: str
    phase: str
    level: int
    before: int | None
    after: int | None


@dataclass(frozen=True)
class AttendeeAssessments:
    """An attendee's self-assessments: level key (0 overall, 1-5) -> score, before and after the day."""

    attendee_uid: str
    pre: dict[int, int]
    post: dict[int, int]
    target_level: int | None


@dataclass(frozen=True)
class FeedbackEntry:
    rating: int
    can_apply: int
    comment: str


@dataclass(frozen=True)
class FeedbackChange:
    """Feedback written: what it replaced (None: none) and what it is now (None: removed)."""

    attendee_uid: str
    session_uid: str
    before: FeedbackEntry | None
    after: FeedbackEntry | None


@dataclass(frozen=True)
class CompletionRule:
    min_percent: int = 75
    needs_sign_off: bool = False


DEFAULT_RULE = CompletionRule()


@dataclass(frozen=True)
class SignOffChange:
    """A sign-off recorded (``signed`` True) or removed; ``was_signed``: what undo restores."""

    attendee_uid: str
    session_uid: str
    signed: bool
    was_signed: bool
    facilitator_name: str = ""


@dataclass(frozen=True)
class Completion:
    """One attendee in one scheduled session: how long they were there, and whether it counts."""

    attendee_id: int
    session_id: int
    level: int
    percent: float
    attended: bool
    signed_off: bool
    completed: bool


@dataclass(frozen=True)
class NextStep:
    """One row of the next-steps export (an LMS hand-off)."""

    attendee_uid: str
    code: str
    name: str
    email: str
    employee_id: str
    hub: str
    department: str
    role: str
    validated: tuple[int, ...]
    highest: int
    target: int | None
    gap: int | None
    next_level: int | None
    paths: tuple[str, ...]


@dataclass(frozen=True)
class LevelCount:
    level: int
    name: str
    count: int


@dataclass(frozen=True)
class Uplift:
    """Self-assessment pairs (attendee x level key with both a pre and a post score) in one group."""

    group: str
    people: int
    pairs: int
    pre_mean: float
    post_mean: float

    @property
    def uplift(self) -> float:
        return self.post_mean - self.pre_mean


@dataclass(frozen=True)
class FeedbackScore:
    """Feedback on one session (or all: ``session_uid`` empty) from the people who attended it."""

    session_uid: str
    title: str
    level: int
    attended: int
    responses: int
    rating_mean: float | None
    apply_mean: float | None

    @property
    def response_rate(self) -> float:
        return self.responses / self.attended if self.attended else 0.0


@dataclass(frozen=True)
class SkillsSummary:
    validated_by_level: tuple[LevelCount, ...]
    validated_people: int
    uplift_overall: Uplift | None
    uplift_by_hub: tuple[Uplift, ...]
    uplift_by_department: tuple[Uplift, ...]
    uplift_by_level: tuple[Uplift, ...]
    feedback_by_session: tuple[FeedbackScore, ...]
    feedback_overall: FeedbackScore
    #: stored feedback whose giver is no longer checked in to that session (an undone check-in): not counted
    unmatched_feedback: int
