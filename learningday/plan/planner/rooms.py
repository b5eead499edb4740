"""Concrete venues for a plan: interval colouring inside each pool, keeping a session's venue when it is free."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from learningday.plan.planner.problem import NO_VENUE, Problem

Interval = tuple[datetime, datetime]


def _claimed(claims: list[tuple[str, Interval]], uid: str, span: Interval) -> bool:
    """Another session has this venue as its own while ``span``."""
    return any(other != uid and lo < span[1] and span[0] < hi for other, (lo, hi) in claims)


def assign_rooms(p: Problem, chosen: dict[str, int]) -> dict[str, int | None]:
    """uid -> venue id for every chosen session. Fixed sessions keep theirs; the others, in start order,
    keep their own venue when it is free for the whole session, else take the first free one of the pool
    that no other session has as its own at that time (so that one can keep it: a room change is a move)."""
    busy: dict[int, list[Interval]] = defaultdict(list)
    for s in p.fixed:
        if s.venue_id is not None:
            busy[s.venue_id].append((s.start, s.end))
    by_uid = {s.uid: s for s in p.movable}
    # where each movable session will be, by the venue it has now: another session avoids taking it
    claims: dict[int, list[tuple[str, Interval]]] = defaultdict(list)
    for uid, k in chosen.items():
        s = by_uid[uid]
        if s.venue_id is not None:
            at = p.inputs.slot(k)
            claims[s.venue_id].append((uid, (at, at + timedelta(minutes=s.minutes))))
    order = sorted(chosen, key=lambda uid: (chosen[uid], -by_uid[uid].minutes, uid))
    result: dict[str, int | None] = {}
    for uid in order:
        s = by_uid[uid]
        pool = p.pool[uid]
        if pool == NO_VENUE:
            result[uid] = s.venue_id
            continue
        start = p.inputs.slot(chosen[uid])
        span = (start, start + timedelta(minutes=s.minutes))
        venues = list(p.pools[pool])
        venues.sort(key=lambda v: (v.id != s.venue_id, _claimed(claims[v.id], uid, span), v.id))
        pick = next((v.id for v in venues if all(hi <= span[0] or lo >= span[1] for lo, hi in busy[v.id])), None)
        if pick is None:  # only when fixed sessions fragment the pool; the conflict check will show it
            pick = venues[0].id
        busy[pick].append(span)
        result[uid] = pick
    return result
