"""Finding the attendee and the session a skills action names (by id, uid or badge code; by session uid)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.roster.codes import normalise_code
from learningday.store.models import Attendee
from learningday.store.models import Session as LearningSession

_UID_LENGTH = 36


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
    """The attendee with this id, uid or badge code; InvalidInput when there is none."""
    query = select(Attendee.id, Attendee.uid, Attendee.name)
    if isinstance(key, int):
        row = session.execute(query.where(Attendee.id == key)).first()
    elif len(key.strip()) == _UID_LENGTH and key.count("-") == 4:
        row = session.execute(query.where(Attendee.uid == key.strip().lower())).first()
    else:
        row = session.execute(query.where(Attendee.code == normalise_code(key))).first()
    if row is None:
        raise InvalidInput(f"no attendee has the code or uid {key!r}")
    return Person(*row)


def find_session(session: Session, session_uid: str) -> Where:
    row = session.execute(select(LearningSession.id, LearningSession.uid, LearningSession.title,
                                 LearningSession.level_id).where(LearningSession.uid == session_uid.strip().lower())
                          ).first()
    if row is None:
        raise InvalidInput(f"no session with uid {session_uid!r} in this event")
    return Where(*row)
