"""The arrival rule, written once: who counts as arrived, and the counts the log gives.

An arrival is a check-in or walk-in entry that no undo entry reverses. The rule is one SQLAlchemy
expression; the plain-SQL paths (search, roster filters, the check-in scan) use its SQL text,
compiled from that same expression on the alias ``checkins AS c`` when first asked for (compiling at
import cost start-up a fifth of a second: SQLAlchemy's compiler warms up on its first statement).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from sqlalchemy import and_, exists, func, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session, aliased

from learningday.store.models import CheckIn

ARRIVALS = ("check_in", "walk_in")


def not_undone(entry=CheckIn):  # noqa: ANN001, ANN201 - an ORM entity or alias in, an SQL expression out
    """``entry`` is not reversed by any undo entry."""
    undo = aliased(CheckIn, name="u")
    return ~exists().where(undo.kind == "undo", undo.reverses_uid == entry.uid)


def current_arrivals(entry=CheckIn):  # noqa: ANN001, ANN201
    """Arrival entries that no undo entry reverses."""
    return and_(entry.kind.in_(ARRIVALS), not_undone(entry))


_C = aliased(CheckIn, name="c")


def _sql(expression) -> str:  # noqa: ANN001
    """The condition's SQL text inside a query on ``checkins AS c`` (so ``c`` correlates)."""
    query = select(_C.id).where(expression)
    compiled = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    return " ".join(compiled.partition("\nWHERE ")[2].split())


@cache
def not_undone_sql() -> str:
    """``not_undone`` as SQL text, on ``checkins AS c``."""
    return _sql(not_undone(_C))


@cache
def current_arrival_sql() -> str:
    """``current_arrivals`` as SQL text, on ``checkins AS c``."""
    return _sql(current_arrivals(_C))


def count_log_entries(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(CheckIn)) or 0)


def count_current(session: Session) -> int:
    """Attendances now recorded: one per (attendee, session), undone entries left out."""
    pairs = select(CheckIn.attendee_id, CheckIn.session_id).where(current_arrivals()).distinct().subquery()
    return int(session.scalar(select(func.count()).select_from(pairs)) or 0)


def count_attendees_present(session: Session) -> int:
    """People who checked in to at least one session or to the event."""
    return int(session.scalar(select(func.count(func.distinct(CheckIn.attendee_id))).where(current_arrivals())) or 0)


def checked_in_by_session(session: Session, session_ids: Collection[int] | None = None) -> dict[int | None, int]:
    """Session id (None: the event as a whole) -> attendees checked in (only ``session_ids`` when given)."""
    query = select(CheckIn.session_id, func.count(func.distinct(CheckIn.attendee_id))).where(current_arrivals())
    if session_ids is not None:
        query = query.where(CheckIn.session_id.in_(session_ids))
    rows = session.execute(query.group_by(CheckIn.session_id))
    return {session_id: int(n) for session_id, n in rows}
