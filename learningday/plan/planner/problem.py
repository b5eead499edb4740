"""The planning problem on the slot grid: candidate starts, what each occupies, and what each is worth.

Both solvers (milp.py, greedy.py) read this one structure, so they plan by the same rules and weights.
Interchangeable venues (one kind, one hub, one size) form a *pool* with a capacity per slot; concrete
rooms are handed out afterwards (rooms.py). A session uses the smallest pool whose seats fit it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from learningday.plan.planner.allowed import Rules
from learningday.plan.planner.model import PlanInputs, PlanOptions, SessionIn, VenueIn

#: a pool of interchangeable venues: ("virtual",), ("room", hub id, seats) or ("none",) (no venue: unlimited)
Pool = tuple
NO_VENUE: Pool = ("none",)

# Lexicographic weights: each level outweighs everything one session can add to the levels below it.
KEEP, PREFERRED, REACH = 1, 2, 4


def pool_of_venue(v: VenueIn) -> Pool:
    return ("virtual",) if v.kind == "virtual" else ("room", v.hub_id, v.capacity)


@dataclass
class Problem:
    inputs: PlanInputs
    options: PlanOptions
    rules: Rules
    movable: list[SessionIn]
    fixed: list[SessionIn]
    #: uid -> allowed start slots (the hard rule, minus clashes with fixed sessions)
    starts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    pool: dict[str, Pool] = field(default_factory=dict)
    pools: dict[Pool, tuple[VenueIn, ...]] = field(default_factory=dict)
    #: what fixed sessions already take: per facilitator and per pool, slot -> count
    fixed_people: dict[int, Counter] = field(default_factory=dict)
    fixed_pools: dict[Pool, Counter] = field(default_factory=dict)
    #: (level, hub) -> sessions still needed there (the minimum less what fixed sessions give)
    cells: dict[tuple[int, int], int] = field(default_factory=dict)
    #: sessions whose venue a fixed session holds at their current time: keeping that time is a move anyway
    blocked: set[str] = field(default_factory=set)
    #: notes for the explanation found while building (a room too small, ...)
    notes: list[str] = field(default_factory=list)
    _reach: dict[tuple[str, int], tuple[int, ...]] = field(default_factory=dict)

    # -- what a start occupies ---------------------------------------------------------------
    def span(self, s: SessionIn) -> int:
        return math.ceil(s.minutes / self.inputs.grid_minutes)

    def person_span(self, s: SessionIn) -> int:
        """Slots a facilitator is held: the session and the changeover after it."""
        return math.ceil((s.minutes + self.options.changeover_minutes) / self.inputs.grid_minutes)

    def capacity(self, pool: Pool) -> int | None:
        return None if pool == NO_VENUE else len(self.pools[pool])

    # -- what a start is worth ---------------------------------------------------------------
    @property
    def cell_weight(self) -> int:
        return REACH * (len(self.inputs.hubs) + 1) + PREFERRED + KEEP

    @property
    def place_weight(self) -> int:
        return self.cell_weight * (len(self.inputs.hubs) + 1) + self.cell_weight

    def reach(self, s: SessionIn, k: int) -> tuple[int, ...]:
        key = (s.uid, k)  # asked for each start by the solver, the greedy plan and the explanation
        if key not in self._reach:
            self._reach[key] = self.rules.reached(s, self.inputs.slot(k))
        return self._reach[key]

    def value(self, s: SessionIn, k: int) -> int:
        """A start's worth below coverage: hubs reached, the preferred time, the time it has now."""
        at = self.inputs.slot(k)
        worth = REACH * len(self.reach(s, k))
        if s.preferred is not None and k == round(self.inputs.slot_of(s.preferred)):
            worth += PREFERRED
        if self.options.keep_times and s.start == at and s.uid not in self.blocked:
            worth += KEEP
        return worth


def _occupied(inputs: PlanInputs, start: datetime, minutes: int) -> range:
    lo = math.floor(inputs.slot_of(start) + 1e-9)
    hi = math.ceil(inputs.slot_of(start) + minutes / inputs.grid_minutes - 1e-9)
    return range(max(lo, 0), min(hi, inputs.slots))


def _choose_pool(p: Problem, s: SessionIn, venues: dict[int, VenueIn]) -> Pool:
    """The pool a movable session draws from: its venue's kind (and hub, for a room), the smallest
    size that seats it; a draft without a venue goes to the virtual channels when there are any."""
    current = venues.get(s.venue_id) if s.venue_id is not None else None
    if current is None:
        if ("virtual",) in p.pools:
            return ("virtual",)
        hubs = set(s.hub_ids)
        rooms = [key for key in p.pools if key[0] == "room" and (not hubs or key[1] in hubs)]
    else:
        if current.kind == "virtual":
            return ("virtual",)
        if current.capacity is None or current.capacity >= s.seats:  # its room fits: keep to its size
            return pool_of_venue(current)
        rooms = [key for key in p.pools if key[0] == "room" and key[1] == current.hub_id]
    if not rooms:
        return NO_VENUE

    def seats(key: Pool) -> float:
        return math.inf if key[2] is None else key[2]

    fitting = sorted((key for key in rooms if seats(key) >= s.seats), key=lambda key: (seats(key), key[1] or 0))
    if fitting:
        return fitting[0]
    largest = max(rooms, key=seats)
    p.notes.append(f"'{s.title}' has {s.seats} people for it but the largest room it can use seats {largest[2]}; "
                   "it is planned in that room")
    return largest


def build_problem(inputs: PlanInputs, options: PlanOptions) -> Problem:
    rules = Rules(inputs)
    stay = set(options.pinned)
    movable, fixed = [], []
    for s in inputs.sessions:
        pinned = s.pinned or s.uid in stay or (options.only is not None and s.uid not in options.only)
        if not pinned:
            movable.append(s)
        elif s.start is not None:
            fixed.append(s)
    p = Problem(inputs, options, rules, movable, fixed)
    venues = {v.id: v for v in inputs.venues}
    pools: dict[Pool, list[VenueIn]] = defaultdict(list)
    for v in inputs.venues:
        pools[pool_of_venue(v)].append(v)
    p.pools = {key: tuple(vs) for key, vs in pools.items()}
    people: dict[int, Counter] = defaultdict(Counter)
    taken: dict[Pool, Counter] = defaultdict(Counter)
    for s in fixed:
        slots = _occupied(inputs, s.start, s.minutes)
        for fid in s.facilitator_ids:
            people[fid].update(_occupied(inputs, s.start, s.minutes + options.changeover_minutes))
        if s.venue_id in venues:
            taken[pool_of_venue(venues[s.venue_id])].update(slots)
    p.fixed_people, p.fixed_pools = dict(people), dict(taken)
    minimum = options.min_per_cell
    p.cells = {(level, h.id): minimum for level in inputs.level_ids for h in inputs.hubs}
    for s in fixed:
        for h in rules.reached(s, s.start):
            if p.cells.get((s.level_id, h), 0) > 0:
                p.cells[(s.level_id, h)] -= 1
    held = [(f.venue_id, f.start, f.end) for f in fixed if f.venue_id is not None]
    p.blocked = {s.uid for s in movable if s.start is not None and any(
        v == s.venue_id and lo < s.end and s.start < hi for v, lo, hi in held)}
    for s in movable:
        pool = p.pool[s.uid] = _choose_pool(p, s, venues)
        cap = p.capacity(pool)
        free = []
        for k in rules.start_slots(s):
            if any(people.get(fid, {}).get(t, 0) for fid in s.facilitator_ids for t in range(k, k + p.person_span(s))):
                continue
            if cap is not None and any(taken[pool].get(t, 0) >= cap for t in range(k, min(k + p.span(s), inputs.slots))):
                continue
            free.append(k)
        p.starts[s.uid] = tuple(free)
    return p
