"""Finding the attendee and the session a skills action names (by id, or as the roster finds a person; by
session uid)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.roster.attendees import find_attendee as roster_attendee
from learningday.store.models import Attendee
from learningday.store.models import Session as LearningSession


@dataclass(frozen=True)
class Person:
    id: int
    uid: str
    name: str


@dataclass(frozen=True)
class Where:
    id: int
    uid: str
    title: str
    level: int


def find_attendee(session: Session, key: str | int) -> Person:
    """The attendee with this id, or this badge code, uid or employee id (roster.attendees.find_attendee);
    InvalidInput when there is none."""
    attendee_id = key if isinstance(key, int) else roster_attendee(session, key)
    row = session.execute(select(Attendee.id, Attendee.uid, Attendee.name).where(Attendee.id == attendee_id)).first()
    if row is None:
        raise InvalidInput(f"no attendee with id {key}")
    return Person(*row)


def find_session(session: Session, session_uid: str) -> Where:
    row = session.execute(select(LearningSession.id, LearningSession.uid, LearningSession.title,
                                 LearningSession.level_id).where(LearningSession.uid == session_uid.strip().lower())
                          ).first()
    if row is None:
        raise InvalidInput(f"no session with uid {session_uid!r} in this event")
    return Where(*row)
