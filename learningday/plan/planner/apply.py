"""Write a plan: save the agenda as "Before auto-plan <time>" first, then every move, in the caller's transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.plan import sessions as agenda
from learningday.plan.dto import SnapshotRow
from learningday.plan.planner.result import PlanResult
from learningday.plan.snapshots import free_name, save_snapshot
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC

BACKUP_PREFIX = "Before auto-plan "


def apply_plan(db: Session, result: PlanResult, *, now: datetime | None = None) -> SnapshotRow | None:
    """Apply ``result`` (moves and placements) in the caller's one transaction; returns the version saved
    first (None when the plan changes nothing). Refused, with nothing changed, when a session it moves was
    changed or removed since the plan was made."""
    changes = result.changes
    if not changes:
        return None
    now = (now or datetime.now(UTC)).astimezone(UTC)
    current = {uid: (start, venue) for uid, start, venue in db.execute(
        select(LearningSession.uid, LearningSession.start_utc, LearningSession.venue_id)
        .where(LearningSession.uid.in_([p.uid for p in changes])))}
    stale = [p.title for p in changes if current.get(p.uid) != (p.before_start, p.before_venue_id)]
    if stale:
        shown = ", ".join(repr(t) for t in stale[:3]) + (f" and {len(stale) - 3} more" if len(stale) > 3 else "")
        raise InvalidInput(f"the agenda changed since this plan was made ({shown}); propose a plan again; "
                           "nothing was changed")
    kept = save_snapshot(db, free_name(db, f"{BACKUP_PREFIX}{now:%Y-%m-%d %H:%M} UTC"), now=now)
    for p in changes:
        agenda.move_session(db, p.uid, start_utc=p.start_utc, venue_id=p.venue_id)
    return kept
