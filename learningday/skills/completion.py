"""Completion rules per session, facilitator sign-offs, and who completed which session.

Time present in the room comes from the check-in log (a meeting report's entries are not the room); minutes
online come from ``learningday.attendance`` (its online-only minutes), or from a caller's ``MinutesAttended``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import String, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from learningday.attendance.rule import in_the_room, online_only_minutes
from learningday.errors import InvalidInput
from learningday.skills.dto import DEFAULT_RULE, Completion, CompletionRule, SignOffChange
from learningday.skills.lookup import find_attendee, find_session
from learningday.spreadsheet.text import checked_text
from learningday.store.arrival import ARRIVALS, current_arrivals, not_undone
from learningday.store.models import CheckIn, CompletionRuleRow, SignOff
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC


class MinutesAttended(Protocol):
    """Minutes each attendee spent in each session by another channel (virtual attendance)."""

    def __call__(self, session: Session) -> Mapping[tuple[int, int], float]:
        """(attendee_id, session_id) -> minutes attended."""
        ...


def set_completion_rule(session: Session, session_uid: str, *, min_percent: int,
                        needs_sign_off: bool = False) -> CompletionRule:
    """Set a session's rule; returns the rule it replaced (what undo writes back)."""
    if isinstance(min_percent, bool) or not isinstance(min_percent, int) or not 0 <= min_percent <= 100:
        raise InvalidInput(f"a completion rule asks for 0-100 % of the session, not {min_percent!r}")
    where = find_session(session, session_uid)
    row = session.get(CompletionRuleRow, where.id)
    before = CompletionRule(row.min_percent, row.needs_sign_off) if row is not None else DEFAULT_RULE
    if row is None:
        session.add(CompletionRuleRow(session_id=where.id, min_percent=min_percent, needs_sign_off=needs_sign_off))
    else:
        row.min_percent, row.needs_sign_off = min_percent, needs_sign_off
    session.flush()
    return before


def completion_rules(session: Session) -> dict[int, CompletionRule]:
    """Session id -> its rule, for the sessions that have one (the others: DEFAULT_RULE)."""
    return {sid: CompletionRule(pct, sign) for sid, pct, sign in session.execute(
        select(CompletionRuleRow.session_id, CompletionRuleRow.min_percent, CompletionRuleRow.needs_sign_off))}


def is_checked_in(session: Session, attendee_id: int, session_id: int) -> bool:
    return session.scalar(select(CheckIn.id).where(CheckIn.attendee_id == attendee_id, CheckIn.session_id ==
                                                   session_id, current_arrivals()).limit(1)) is not None


def sign_off(session: Session, attendee: str | int, session_uid: str, *, facilitator_name: str = "",
             at_utc: datetime | None = None) -> SignOffChange:
    """Record that the attendee completed the session's hands-on exercise (they must be checked in to it)."""
    person, where = find_attendee(session, attendee), find_session(session, session_uid)
    name = checked_text(facilitator_name.strip(), "facilitator name")[:200]
    if not is_checked_in(session, person.id, where.id):
        raise InvalidInput(f"{person.name} is not checked in to {where.title}: nothing to sign off")
    row = session.scalars(select(SignOff).where(SignOff.attendee_id == person.id, SignOff.session_id == where.id)
                          ).first()
    if row is None:
        session.add(SignOff(attendee_id=person.id, session_id=where.id, facilitator_name=name,
                            at_utc=at_utc or datetime.now(UTC)))
        session.flush()
    return SignOffChange(person.uid, where.uid, True, row is not None, name)


def remove_sign_off(session: Session, attendee: str | int, session_uid: str) -> SignOffChange:
    person, where = find_attendee(session, attendee), find_session(session, session_uid)
    row = session.scalars(select(SignOff).where(SignOff.attendee_id == person.id, SignOff.session_id == where.id)
                          ).first()
    name = row.facilitator_name if row is not None else ""
    if row is not None:
        session.delete(row)
        session.flush()
    return SignOffChange(person.uid, where.uid, False, row is not None, name)


def signed_off(session: Session) -> set[tuple[int, int]]:
    return set(session.execute(select(SignOff.attendee_id, SignOff.session_id)).tuples())


def _log_presence(session: Session) -> dict[tuple[int, int], tuple[datetime, datetime, datetime | None] | None]:
    """(attendee, session) -> first arrival, last arrival, last check-out (entries no undo reverses); None
    when there is no check-out.

    One grouped pass over the log; the instants come back as the database's raw values (text on SQLite)
    and are parsed here, because the column type's per-row processing costs more than the query at 100k."""
    arrival, out = CheckIn.kind.in_(ARRIVALS), CheckIn.kind == "check_out"
    raw = lambda expr: type_coerce(expr, String)  # noqa: E731 - skip the UTCDateTime processor
    query = (select(CheckIn.attendee_id, CheckIn.session_id,
                    raw(func.min(case((arrival, CheckIn.at_utc)))), raw(func.max(case((arrival, CheckIn.at_utc)))),
                    raw(func.max(case((out, CheckIn.at_utc)))))
             .where(CheckIn.session_id.is_not(None), or_(arrival, out), not_undone(), in_the_room())
             .group_by(CheckIn.attendee_id, CheckIn.session_id))
    found: dict[tuple[int, int], tuple[datetime, datetime, datetime | None] | None] = {}
    for attendee_id, session_id, first, last, left in session.connection().execute(query):
        if first is None:
            continue
        # only a check-out makes the times matter (no check-out: there to the end): parse only then
        found[(attendee_id, session_id)] = (_aware(first), _aware(last), _aware(left)) if left else None
    return found


def _aware(value: datetime | str) -> datetime:
    if isinstance(value, str):  # an aggregate over the column comes back as SQLite's text
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _percent_in_room(first: datetime, last: datetime, out: datetime | None, start: datetime, minutes: int) -> float:
    if out is None or out < last:  # never checked out, or back in after leaving: there to the end
        return 100.0
    end = start + timedelta(minutes=minutes)
    seconds = (min(out, end) - max(first, start)).total_seconds()
    return max(0.0, min(100.0, seconds * 100 / (minutes * 60)))


def completions(session: Session, *, minutes_attended: MinutesAttended | None = None) -> list[Completion]:
    """Every attendee x scheduled session with an arrival (or virtual minutes), and whether it is completed."""
    sessions = {sid: (start, minutes, level) for sid, start, minutes, level in session.execute(
        select(LearningSession.id, LearningSession.start_utc, LearningSession.duration_minutes,
               LearningSession.level_id).where(LearningSession.start_utc.is_not(None)))}
    rules = completion_rules(session)
    signs = signed_off(session)
    presence = _log_presence(session)
    virtual = dict((minutes_attended or online_only_minutes)(session))
    result = []
    for pair in sorted(set(presence) | {p for p, m in virtual.items() if m > 0}):
        if pair[1] not in sessions:
            continue
        start, minutes, level = sessions[pair[1]]
        times = presence.get(pair, ())
        percent = 0.0 if pair not in presence else 100.0 if times is None else _percent_in_room(*times, start,
                                                                                                  minutes)
        percent = max(percent, min(100.0, virtual.get(pair, 0) * 100 / minutes))
        rule = rules.get(pair[1], DEFAULT_RULE)
        signed = pair in signs
        done = percent >= rule.min_percent and (signed or not rule.needs_sign_off)
        result.append(Completion(pair[0], pair[1], level, percent, True, signed, done))
    return result
