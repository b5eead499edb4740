"""Self-assessed levels before and after the day, and the target level an attendee's role suggests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.setup.roles import role_matcher
from learningday.skills.dto import AssessmentChange, AttendeeAssessments
from learningday.skills.lookup import find_attendee
from learningday.store.models import ASSESSMENT_PHASES, Assessment, Attendee
from learningday.timeutil import UTC

SOURCES = ("editor", "kiosk", "import", "cli")


def check_score(score: int, what: str = "a self-assessed level") -> int:
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise InvalidInput(f"{what} is 1-5, not {score!r}")
    return score


def check_phase(phase: str) -> str:
    if phase not in ASSESSMENT_PHASES:
        raise InvalidInput(f"an assessment is 'pre' or 'post', not {phase!r}")
    return phase


def check_level_key(level: int) -> int:
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 5:
        raise InvalidInput(f"an assessment is overall (0) or for a framework level 1-5, not {level!r}")
    return level


def set_assessment(session: Session, attendee: str | int, *, phase: str, score: int | None, level: int = 0,
                   source: str = "editor", at_utc: datetime | None = None) -> AssessmentChange:
    """Write (or, with ``score`` None, clear) one self-assessment; returns the score it replaced."""
    check_phase(phase)
    check_level_key(level)
    if score is not None:
        check_score(score)
    if source not in SOURCES:
        raise InvalidInput(f"unknown assessment source {source!r}")
    person = find_attendee(session, attendee)
    row = session.scalars(select(Assessment).where(Assessment.attendee_id == person.id, Assessment.phase == phase,
                                                   Assessment.level == level)).first()
    before = row.score if row is not None else None
    if score is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Assessment(attendee_id=person.id, phase=phase, level=level, score=score, source=source,
                               at_utc=at_utc or datetime.now(UTC)))
    else:
        row.score, row.source, row.at_utc = score, source, at_utc or datetime.now(UTC)
    session.flush()
    return AssessmentChange(person.uid, phase, level, before, score)


def target_level(session: Session, role: str) -> int | None:
    """The level a role aims at: the top of its range in the role -> level table (None: no rule matches)."""
    rule = role_matcher(session).match(role)
    return rule.level_max if rule else None


def assessments_of(session: Session, attendee: str | int) -> AttendeeAssessments:
    person = find_attendee(session, attendee)
    pre: dict[int, int] = {}
    post: dict[int, int] = {}
    for phase, level, score in session.execute(select(Assessment.phase, Assessment.level, Assessment.score)
                                               .where(Assessment.attendee_id == person.id)):
        (pre if phase == "pre" else post)[level] = score
    role = session.scalar(select(Attendee.role).where(Attendee.id == person.id)) or ""
    return AttendeeAssessments(person.uid, pre, post, target_level(session, role))
