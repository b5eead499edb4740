"""A bound on the best plan's worth, and plans, from the groups of sessions that share facilitators.

Relax the rows every session shares (venue pools, coverage cells) and the problem falls apart into
groups linked by their facilitators, each solved exactly: by dynamic programming when one person runs
the whole group, else as a tiny MILP. The venue pools are priced instead of dropped (Lagrangian
relaxation): a start pays for each slot of each pool it uses, the prices rise where a pool is
over-full (subgradient steps), and each round's sum of group optima, plus what the prices pay back
and every coverage cell some start could fill, bounds the whole plan's worth from above. Each
round's starts, with the over-full pools repaired by ``greedy_plan``, are a plan. On the 2,000-session
bench this gives a bound within about 1 % in seconds, where the whole model's first LP takes tens.
"""

from __future__ import annotations

import math
import time
from collections import Counter

import numpy as np

from learningday.errors import CancelCheck, Cancelled
from learningday.plan.planner.greedy import CANCELLED, greedy_plan, worth
from learningday.plan.planner.matrix import Reach, build, values
from learningday.plan.planner.problem import Problem

#: a group of sessions all run by one person, of at most this many, is solved by dynamic programming
ONE_PERSON_UP_TO = 10


def groups(p: Problem) -> list[list]:
    """The movable sessions in groups linked by a shared facilitator (union-find)."""
    parent = list(range(len(p.movable)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[int, int] = {}
    for i, s in enumerate(p.movable):
        for f in s.facilitator_ids:
            parent[root(i)] = root(first.setdefault(f, i))
    found: dict[int, list] = {}
    for i, s in enumerate(p.movable):
        found.setdefault(root(i), []).append(s)
    return list(found.values())


def one_person(p: Problem, group: list, worth_of: np.ndarray, fits=None) -> tuple[dict[str, int], float]:
    """The best starts of sessions that never overlap (one person runs them all), exactly, by dynamic
    programming over (slot, sessions placed so far); ``worth_of[j, t]``: session j starting at t. Among
    equally good choices, one where ``fits(session, t)`` is taken (a start with room left in its pool)."""
    n, slots = len(group), p.inputs.slots
    spans = [p.person_span(s) for s in group]
    masks = np.arange(1 << n)
    placed = np.array([int(m).bit_count() for m in range(1 << n)])
    # best[t, m]: the most the slots from t on can add when the sessions in m are placed already
    best = np.empty((slots + 1, 1 << n))
    best[slots] = -p.place_weight * (n - placed)
    free = [(masks >> j) & 1 == 0 for j in range(n)]
    for t in range(slots - 1, -1, -1):
        row = best[t + 1].copy()
        for j in range(n):
            if worth_of[j, t] > -np.inf:
                row[free[j]] = np.maximum(row[free[j]], worth_of[j, t]
                                          + best[min(t + spans[j], slots)][masks[free[j]] | (1 << j)])
        best[t] = row
    chosen, m, t = {}, 0, 0
    while t < slots:  # walk the best choices forward
        steps = [j for j in range(n) if not m >> j & 1 and worth_of[j, t] > -np.inf
                 and best[t, m] == worth_of[j, t] + best[min(t + spans[j], slots), m | 1 << j]]
        roomy = [j for j in steps if fits is None or fits(group[j], t)]
        if not roomy and best[t, m] == best[t + 1, m]:
            steps = []  # waiting is as good, and leaves the pool's room to others
        step = (roomy or steps or [None])[0]
        if step is None:
            t += 1
            continue
        chosen[group[step].uid], m, t = t, m | 1 << step, t + spans[step]
    return chosen, float(best[0, 0])


class Split:
    """The groups, their starts' worth, and the pools' room per slot, prepared once for every round."""

    def __init__(self, p: Problem) -> None:
        self.p, slots, reach = p, p.inputs.slots, Reach(p)
        self.groups = groups(p)
        self.pools = sorted({p.pool[s.uid] for s in p.movable if p.capacity(p.pool[s.uid]) is not None}, key=repr)
        index = {pool: i for i, pool in enumerate(self.pools)}
        self.room = np.array([[p.capacity(pool) - p.fixed_pools.get(pool, {}).get(t, 0) for t in range(slots)]
                              for pool in self.pools], dtype=float).reshape(len(self.pools), slots)
        self.starts = {s.uid: np.asarray(p.starts[s.uid], dtype=np.int64) for s in p.movable}
        self.base = {s.uid: values(p, s, self.starts[s.uid], reach) for s in p.movable}
        self.pool_of = {s.uid: index.get(p.pool[s.uid]) for s in p.movable}
        self.span = {s.uid: p.span(s) for s in p.movable}
        self.matrices: dict[int, object] = {}
        self.highs = None
        cells: Counter = Counter()
        for s in p.movable:
            ks = self.starts[s.uid]
            cells.update((s.level_id, hub) for hub in p.rules.hubs_of(s)
                         if p.cells.get((s.level_id, hub), 0) > 0 and reach.mask(hub, s.minutes)[ks].any())
        self.cell_bound = p.cell_weight * sum(min(need, cells[c]) for c, need in p.cells.items() if need > 0)

    def priced(self, s, price: np.ndarray) -> np.ndarray:
        """Each start's worth less what it pays for the pool slots it uses."""
        ks, pool = self.starts[s.uid], self.pool_of[s.uid]
        if pool is None or not len(ks):
            return self.base[s.uid]
        run = np.concatenate([[0.0], np.cumsum(price[pool])])
        return self.base[s.uid] - (run[np.minimum(ks + self.p.span(s), len(price[pool]))] - run[ks])

    def _alone(self, group: list) -> bool:
        return len(group) == 1 or (len(group) <= ONE_PERSON_UP_TO
                                   and bool(set.intersection(*(set(s.facilitator_ids) for s in group))))

    def _worth(self, group: list, price: np.ndarray, used: np.ndarray | None = None) -> np.ndarray:
        """worth_of[j, t] for ``one_person``; with ``used``, the starts that would over-fill a pool are out."""
        p = self.p
        worth_of = np.full((len(group), p.inputs.slots), -np.inf)
        for j, s in enumerate(group):
            ks, value = self.starts[s.uid], self.priced(s, price)
            pool = self.pool_of[s.uid]
            if used is not None and pool is not None and len(ks):
                full = np.concatenate([[0], np.cumsum(used[pool] >= self.room[pool])])
                fits = full[np.minimum(ks + p.span(s), p.inputs.slots)] - full[ks] == 0
                ks, value = ks[fits], value[fits]
            worth_of[j, ks] = value
        return worth_of

    def repair(self, plan: dict[str, int]) -> dict[str, int] | None:
        """``plan`` with each group that over-fills a pool planned again, one group at a time, in the room
        the others leave (None when such a group is not one person's: ``greedy_plan`` repairs it then)."""
        used, p = self.usage(plan), self.p
        over = used > self.room
        bad = []
        for group in self.groups:
            hit = any(self.pool_of[s.uid] is not None and s.uid in plan
                      and over[self.pool_of[s.uid], plan[s.uid]: plan[s.uid] + p.span(s)].any() for s in group)
            if hit:
                if not self._alone(group):
                    return None
                bad.append(group)
                used -= self.usage({s.uid: plan[s.uid] for s in group if s.uid in plan})
        plan = dict(plan)
        zero = np.zeros_like(self.room)
        bad.sort(key=lambda group: sum(len(self.starts[s.uid]) for s in group))  # the least free first
        for group in bad:
            for s in group:
                plan.pop(s.uid, None)
            found, _best = one_person(p, group, self._worth(group, zero, used))
            plan.update(found)
            used += self.usage(found)
        return plan

    def round(self, price: np.ndarray, deadline: float, cancel: CancelCheck | None) -> tuple[dict[str, int], float] | None:
        p, chosen, bound = self.p, {}, float((price * self.room).sum()) + self.cell_bound
        used = np.zeros_like(self.room)

        def fits(s, t: int) -> bool:
            pool, end = self.pool_of[s.uid], t + self.span[s.uid]
            return pool is None or bool((used[pool, t:end] < self.room[pool, t:end]).all())
        for g, group in enumerate(self.groups):
            if cancel is not None and cancel():
                raise Cancelled(CANCELLED)
            if time.monotonic() > deadline:
                return None
            if self._alone(group):
                found, best = one_person(p, group, self._worth(group, price), fits)
            else:
                solved = self._milp(g, group, price, deadline)
                if solved is None:
                    return None
                found, best = solved
            chosen.update(found)
            used += self.usage(found)
            bound += best
        return chosen, bound

    def _milp(self, g: int, group: list, price: np.ndarray, deadline: float) -> tuple[dict[str, int], float] | None:
        from learningday.plan.planner.milp import chosen_of, load_matrix, quiet_highs

        p = self.p
        if g not in self.matrices:
            self.matrices[g] = build(p, group, shared=False)
        m = self.matrices[g]
        if self.highs is None:
            self.highs = quiet_highs()
            self.highs.setOptionValue("threads", 1)
            self.highs.setOptionValue("mip_rel_gap", 0.0)
        h = self.highs
        h.clearModel()
        cost = m.cost.copy()
        for j, s in enumerate(group):
            at = np.flatnonzero(m.col_session == j)
            cost[at] = -(p.place_weight + self.priced(s, price))
        load_matrix(h, m)
        h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
        h.setOptionValue("time_limit", max(deadline - time.monotonic(), 0.01))
        h.run()
        info = h.getInfo()
        if not math.isfinite(info.mip_dual_bound) or info.primal_solution_status != 2:
            return None
        return chosen_of(m, np.asarray(h.getSolution().col_value)), -float(info.mip_dual_bound)

    def usage(self, chosen: dict[str, int]) -> np.ndarray:
        used = np.zeros_like(self.room)
        for uid, k in chosen.items():
            pool = self.pool_of[uid]
            if pool is not None:
                used[pool, k: k + self.span[uid]] += 1
        return used


def split_plan(p: Problem, start: dict[str, int], *, deadline: float, gap: float = 0.0, seed: int = 0,
               cancel: CancelCheck | None = None) -> tuple[dict[str, int], float | None]:
    """(the best plan found, ``start`` or better; the best upper bound on any plan's worth, None when
    the time ran out before the first round ended)."""
    split = Split(p)
    best, best_worth, bound = start, worth(p, start), None
    price = np.zeros_like(split.room)
    step_share = 0.5
    while time.monotonic() < deadline:
        found = split.round(price, deadline, cancel)
        if found is None:
            break
        plan, limit = found
        if bound is None or limit < bound - 1e-9:
            bound = limit
        else:
            step_share /= 2
        over = split.usage(plan) - split.room
        tries = [plan] if (over <= 0).all() else [split.repair(plan), greedy_plan(p, seed=seed, cancel=cancel,
                                                                                    prefer=plan)]
        for repaired in tries:
            if repaired is not None and worth(p, repaired) > best_worth:
                best, best_worth = repaired, worth(p, repaired)
        # the subgradient: prices rise where a pool is over-full and fall (not below 0) where it has room
        slack = over.copy()
        slack[(price <= 0) & (slack < 0)] = 0
        norm = float((slack ** 2).sum())
        if norm == 0 or bound - best_worth <= max(1e-6, gap * max(abs(bound), 1.0)) or step_share < 1e-3:
            break
        price = np.maximum(0.0, price + step_share * (bound - best_worth) / norm * over)
    return best, bound
