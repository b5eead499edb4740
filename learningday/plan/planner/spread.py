"""Level overlap, lightly: once a plan is chosen, move sessions off each other's audience at no cost.

Two sessions of one level for the same hub at once draw the conflict check's level-overlap warning.
The plan's worth does not count that (a weight would fight the others, and rows per level, hub and slot
would double the model); instead each session that overlaps another of its audience moves, when it
can, to a start worth exactly as much (same hubs reached, same preferred and kept time), where its
facilitators are free and its pool has room. The plan's worth, and so its gap, are unchanged.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict

from learningday.plan.planner.greedy import is_free
from learningday.plan.planner.problem import Problem


def _covered(p: Problem, k: float, minutes: int) -> range:
    """The grid slots a session starting at slot ``k`` (not necessarily whole) lasts over."""
    lo = math.floor(k + 1e-9)
    return range(max(lo, 0), min(math.ceil(k + minutes / p.inputs.grid_minutes - 1e-9), p.inputs.slots))


def spread(p: Problem, chosen: dict[str, int], *, deadline: float | None = None) -> dict[str, int]:
    """``chosen`` with sessions moved off their audience's other sessions where that costs nothing."""
    by_uid = {s.uid: s for s in p.movable}
    people: dict[int, Counter] = defaultdict(Counter, {f: Counter(c) for f, c in p.fixed_people.items()})
    pools: dict[tuple, Counter] = defaultdict(Counter, {k: Counter(c) for k, c in p.fixed_pools.items()})
    audience: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for s in p.fixed:
        for h in p.rules.hubs_of(s):
            audience[(s.level_id, h)].update(_covered(p, p.inputs.slot_of(s.start), s.minutes))

    def take(s, k: int, sign: int) -> None:
        for f in s.facilitator_ids:
            people[f].update({t: sign for t in range(k, k + p.person_span(s))})
        pools[p.pool[s.uid]].update({t: sign for t in range(k, min(k + p.span(s), p.inputs.slots))})
        for h in p.rules.hubs_of(s):
            audience[(s.level_id, h)].update({t: sign for t in _covered(p, k, s.minutes)})

    def crowded(s, k: int) -> bool:
        return any(audience[(s.level_id, h)][t] for h in p.rules.hubs_of(s) for t in _covered(p, k, s.minutes))

    for uid, k in chosen.items():
        take(by_uid[uid], k, 1)
    result = dict(chosen)
    for uid in sorted(chosen, key=lambda u: (chosen[u], u)):
        if deadline is not None and time.monotonic() > deadline:
            break
        s, k = by_uid[uid], result[uid]
        take(s, k, -1)
        if crowded(s, k):
            worth, reach = p.value(s, k), p.reach(s, k)
            k = next((j for j in p.starts[uid] if p.value(s, j) == worth and p.reach(s, j) == reach
                      and is_free(p, s, j, people, pools) and not crowded(s, j)), k)
        take(s, k, 1)
        result[uid] = k
    return result
