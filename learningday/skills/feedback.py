"""Per-session feedback, only from attendees checked in to that session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.skills.assessments import check_score
from learningday.skills.completion import is_checked_in
from learningday.skills.dto import FeedbackChange, FeedbackEntry
from learningday.skills.lookup import find_attendee, find_session
from learningday.spreadsheet.text import checked_text
from learningday.store.models import Feedback
from learningday.timeutil import UTC

MAX_COMMENT = 2000
SOURCES = ("kiosk", "import", "cli", "editor")


class NotCheckedIn(InvalidInput):
    """Feedback from someone not checked in to the session: unmatched, not counted."""


def check_feedback(rating: int, can_apply: int, comment: str) -> FeedbackEntry:
    check_score(rating, "a rating")
    check_score(can_apply, "'I can apply this'")
    comment = checked_text(comment.strip(), "the comment", lines=True)
    if len(comment) > MAX_COMMENT:
        raise InvalidInput(f"a comment is at most {MAX_COMMENT:,} characters, not {len(comment):,}")
    return FeedbackEntry(rating, can_apply, comment)


def record_feedback(session: Session, attendee: str | int, session_uid: str, *, rating: int, can_apply: int,
                    comment: str = "", source: str = "kiosk", at_utc: datetime | None = None) -> FeedbackChange:
    """Write (or replace) the attendee's feedback on a session they are checked in to."""
    entry = check_feedback(rating, can_apply, comment)
    if source not in SOURCES:
        raise InvalidInput(f"unknown feedback source {source!r}")
    person, where = find_attendee(session, attendee), find_session(session, session_uid)
    if not is_checked_in(session, person.id, where.id):
        raise NotCheckedIn(f"{person.name} is not checked in to {where.title}: their feedback would not count")
    return write_feedback(session, person.id, person.uid, where.id, where.uid, entry, source,
                          at_utc or datetime.now(UTC))


def write_feedback(session: Session, attendee_id: int, attendee_uid: str, session_id: int, session_uid: str,
                   entry: FeedbackEntry | None, source: str, at_utc: datetime) -> FeedbackChange:
    """Store (``entry`` None: remove) one feedback row, checks already done; what it replaced comes back."""
    row = session.scalars(select(Feedback).where(Feedback.attendee_id == attendee_id,
                                                 Feedback.session_id == session_id)).first()
    before = FeedbackEntry(row.rating, row.can_apply, row.comment) if row is not None else None
    if entry is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Feedback(attendee_id=attendee_id, session_id=session_id, rating=entry.rating,
                             can_apply=entry.can_apply, comment=entry.comment, source=source, at_utc=at_utc))
    else:
        row.rating, row.can_apply, row.comment, row.source, row.at_utc = (
            entry.rating, entry.can_apply, entry.comment, source, at_utc)
    session.flush()
    return FeedbackChange(attendee_uid, session_uid, before, entry)


def restore_feedback(session: Session, change: FeedbackChange) -> FeedbackChange:
    """Undo: put back what ``change`` replaced."""
    person, where = find_attendee(session, change.attendee_uid), find_session(session, change.session_uid)
    return write_feedback(session, person.id, person.uid, where.id, where.uid, change.before, "kiosk",
                          datetime.now(UTC))
