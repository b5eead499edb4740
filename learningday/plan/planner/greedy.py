"""The seeded greedy plan: always a plan, fast; the fallback when HiGHS has nothing in time, and its first solution."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

from learningday.errors import CancelCheck, Progress, stop_if_cancelled
from learningday.plan.planner.problem import Problem

CANCELLED = "planning cancelled; nothing was changed"


def greedy_plan(p: Problem, *, seed: int = 0, progress: Progress | None = None, cancel: CancelCheck | None = None,
                prefer: dict[str, int] | None = None) -> dict[str, int]:
    """uid -> start slot for every session it could place (most constrained first; ties broken by ``seed``;
    a session keeps its start in ``prefer`` when that is still free)."""
    prefer = prefer or {}
    rng = random.Random(seed)
    people: dict[int, Counter] = defaultdict(Counter, {f: Counter(c) for f, c in p.fixed_people.items()})
    pools: dict[tuple, Counter] = defaultdict(Counter, {k: Counter(c) for k, c in p.fixed_pools.items()})
    cells = dict(p.cells)
    order = list(p.movable)
    rng.shuffle(order)
    order.sort(key=lambda s: len(p.starts[s.uid]))
    chosen: dict[str, int] = {}
    # with ``prefer``, every session whose start there is free takes it first; the rest then take the
    # best start left (so one bumped session does not push others out of theirs)
    passes = [(s, True) for s in order if s.uid in prefer] + [(s, False) for s in order]
    for n, (s, preferring) in enumerate(passes):
        if n % 50 == 0:
            stop_if_cancelled(cancel, CANCELLED)
            if progress is not None:
                progress(n / max(len(passes), 1), "placing sessions one by one")
        if s.uid in chosen:
            continue
        pool = p.pool[s.uid]
        best = _best(p, s, [prefer[s.uid]] if preferring else p.starts[s.uid], cells, people, pools)
        if not best:
            continue
        k = best[0] if len(best) == 1 else rng.choice(best)
        chosen[s.uid] = k
        for f in s.facilitator_ids:
            people[f].update(range(k, k + p.person_span(s)))
        pools[pool].update(range(k, min(k + p.span(s), p.inputs.slots)))
        for h in p.reach(s, k):
            if cells.get((s.level_id, h), 0) > 0:
                cells[(s.level_id, h)] -= 1
    return chosen


def is_free(p: Problem, s, k: int, people: dict[int, Counter], pools: dict[tuple, Counter]) -> bool:
    """``s`` may start at ``k``: its facilitators are not teaching then and its pool has a venue left."""
    cap = p.capacity(p.pool[s.uid])
    return (not any(people[f][t] for f in s.facilitator_ids for t in range(k, k + p.person_span(s)))
            and (cap is None or all(pools[p.pool[s.uid]][t] < cap
                                    for t in range(k, min(k + p.span(s), p.inputs.slots)))))


def _best(p: Problem, s, starts, cells: dict, people: dict[int, Counter], pools: dict[tuple, Counter]) -> list[int]:
    """The free starts among ``starts`` that score highest (cells still open first, then value)."""
    best, best_score = [], None
    for k in starts:
        if not is_free(p, s, k, people, pools):
            continue
        score = p.cell_weight * sum(cells.get((s.level_id, h), 0) > 0 for h in p.reach(s, k)) + p.value(s, k)
        if best_score is None or score > best_score:
            best, best_score = [k], score
        elif score == best_score:
            best.append(k)
    return best


def worth(p: Problem, chosen: dict[str, int]) -> float:
    """The plan's value (hubs reached, preferred and kept times, filled cells), less the placement weight
    of each session it leaves unplaced: the measure the gap is taken on."""
    return objective(p, chosen) - p.place_weight * len(p.movable)


def objective(p: Problem, chosen: dict[str, int]) -> float:
    """The plan's worth by the solver's weights (placed sessions, filled cells, then value)."""
    filled: Counter = Counter()
    total = 0.0
    by_uid = {s.uid: s for s in p.movable}
    for uid, k in chosen.items():
        s = by_uid[uid]
        total += p.place_weight + p.value(s, k)
        filled.update((s.level_id, h) for h in p.reach(s, k))
    total += p.cell_weight * sum(min(filled[c], need) for c, need in p.cells.items())
    return total
