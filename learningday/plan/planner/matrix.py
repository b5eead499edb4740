"""The MILP of a ``Problem`` as numpy arrays, built in one pass: a column per session × allowed start.

Rows: each session starts once (≤ 1: unplaced costs its placement weight); a facilitator teaches one
session per slot (changeover included); a pool holds at most its venues per slot; a coverage cell's
count ``y`` is at most the starts that reach it (its upper bound is the cell's need). Rows that can
never bind (fewer sessions than room) are left out. The objective is minimised: the negated worth,
offset so that a plan placing every session scores minus its value (hubs reached, preferred and kept
times, filled cells); HiGHS's gap is then measured on that value, not on the placement constant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from learningday.plan.planner.model import SessionIn
from learningday.plan.planner.problem import KEEP, PREFERRED, REACH, Problem


@dataclass
class Matrix:
    sessions: list[SessionIn]
    #: column j is session ``col_session[j]`` (an index into ``sessions``) starting at slot ``col_slot[j]``
    col_session: np.ndarray
    col_slot: np.ndarray
    cost: np.ndarray
    upper: np.ndarray
    n_x: int
    offset: float
    row_lower: np.ndarray
    row_upper: np.ndarray
    #: row-wise (CSR) coefficients
    row_start: np.ndarray
    row_index: np.ndarray
    row_value: np.ndarray

    def column_of(self, chosen: dict[str, int]) -> np.ndarray:
        """A full start vector (x and y) for ``chosen`` (uid -> slot)."""
        x = np.zeros(len(self.cost))
        index = {s.uid: i for i, s in enumerate(self.sessions)}
        want = np.full(len(self.sessions), -1)
        for uid, k in chosen.items():
            if uid in index:
                want[index[uid]] = k
        x[: self.n_x] = want[self.col_session] == self.col_slot
        # each cell's y: the starts reaching it (its row holds them at -1), up to its need
        y_at = np.flatnonzero(self.row_index >= self.n_x)
        rows = np.searchsorted(self.row_start, y_at, side="right") - 1
        for at, r in zip(y_at, rows):
            members = self.row_index[self.row_start[r]: self.row_start[r + 1]]
            c = self.row_index[at]
            x[c] = min(self.upper[c], float(x[members[members < self.n_x]].sum()))
        return x


class Reach:
    """Which starts put a session wholly inside a hub's working hours, per (hub, minutes), as slot masks."""

    def __init__(self, p: Problem) -> None:
        self.p = p
        self._masks: dict[tuple[int, int], np.ndarray] = {}

    def mask(self, hub: int, minutes: int) -> np.ndarray:
        key = (hub, minutes)
        if key not in self._masks:
            inputs, length = self.p.inputs, timedelta(minutes=minutes)
            found = np.zeros(inputs.slots, dtype=bool)
            for lo, hi in self.p.rules.working.get(hub, ()):
                first = max(0, int(np.ceil(inputs.slot_of(lo) - 1e-9)))
                last = int(np.floor(inputs.slot_of(hi - length) + 1e-9))
                if last >= first:
                    found[first: last + 1] = True
            self._masks[key] = found
        return self._masks[key]


def values(p: Problem, s: SessionIn, ks: np.ndarray, reach: Reach) -> np.ndarray:
    worth = np.zeros(len(ks))
    for h in p.rules.hubs_of(s):
        worth += REACH * reach.mask(h, s.minutes)[ks]
    inputs = p.inputs
    if s.preferred is not None:
        worth += PREFERRED * (ks == round(inputs.slot_of(s.preferred)))
    if p.options.keep_times and s.start is not None and s.uid not in p.blocked:
        at = inputs.slot_of(s.start)
        if abs(at - round(at)) < 1e-9:
            worth += KEEP * (ks == round(at))
    return worth


def build(p: Problem, sessions: list[SessionIn], *, shared: bool = True) -> Matrix:
    """The model of ``sessions``; without ``shared`` the pool and coverage rows are left out (the
    split bound solves each group of sessions linked by their facilitators alone)."""
    slots, reach = p.inputs.slots, Reach(p)
    people = sorted({f for s in sessions for f in s.facilitator_ids})
    person_row = {f: i for i, f in enumerate(people)}
    pools = sorted({p.pool[s.uid] for s in sessions if p.capacity(p.pool[s.uid]) is not None}, key=repr) if shared else []
    pool_row = {pool: i for i, pool in enumerate(pools)}
    cells = sorted(c for c, need in p.cells.items() if need > 0) if shared else []
    cell_row = {c: i for i, c in enumerate(cells)}
    n = len(sessions)
    person_base, pool_base = n, n + len(people) * slots
    cell_base = pool_base + len(pools) * slots
    col_s, col_k, cost, rows, cols = [], [], [], [], []
    j0 = 0
    for i, s in enumerate(sessions):
        ks = np.asarray(p.starts[s.uid], dtype=np.int64)
        if not len(ks):
            continue
        js = np.arange(j0, j0 + len(ks))
        col_s.append(np.full(len(ks), i))
        col_k.append(ks)
        cost.append(-(p.place_weight + values(p, s, ks, reach)))
        rows.append(np.full(len(ks), i))
        cols.append(js)
        for base, span, keys in ((person_base, p.person_span(s), [person_row[f] for f in s.facilitator_ids]),
                                 (pool_base, p.span(s), [pool_row[p.pool[s.uid]]] if p.pool[s.uid] in pool_row else [])):
            for key in keys:
                t = ks[:, None] + np.arange(span)[None, :]
                inside = t < slots
                rows.append(base + key * slots + t[inside])
                cols.append(np.broadcast_to(js[:, None], t.shape)[inside])
        for h in p.rules.hubs_of(s):
            cell = cell_row.get((s.level_id, h))
            if cell is not None:
                hit = reach.mask(h, s.minutes)[ks]
                rows.append(np.full(int(hit.sum()), cell_base + cell))
                cols.append(js[hit])
        j0 += len(ks)
    n_x = j0
    row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    col_session = np.concatenate(col_s) if col_s else np.zeros(0, dtype=np.int64)
    n_rows = cell_base + len(cells)
    # a person or pool row binds only when more sessions could be in it than it has room for
    sessions_in = np.zeros(n_rows, dtype=np.int64)
    if n_x:
        pairs = np.unique(np.stack([row, col_session[col]]), axis=1)
        np.add.at(sessions_in, pairs[0], 1)
    value = np.where(row >= cell_base, -1.0, 1.0)
    # each cell's y column: +1 in its row
    row = np.concatenate([row, cell_base + np.arange(len(cells))])
    col = np.concatenate([col, n_x + np.arange(len(cells))])
    value = np.concatenate([value, np.ones(len(cells))])
    upper = np.zeros(n_rows)
    upper[:n] = 1.0
    for f, r in person_row.items():
        taken = p.fixed_people.get(f, {})
        upper[person_base + r * slots: person_base + (r + 1) * slots] = [1 - taken.get(t, 0) for t in range(slots)]
    for pool, r in pool_row.items():
        taken = p.fixed_pools.get(pool, {})
        upper[pool_base + r * slots: pool_base + (r + 1) * slots] = [p.capacity(pool) - taken.get(t, 0)
                                                                    for t in range(slots)]
    keep = np.ones(n_rows, dtype=bool)
    keep[person_base:cell_base] = sessions_in[person_base:cell_base] > upper[person_base:cell_base]
    keep[:n] = sessions_in[:n] > 0
    renumber = np.cumsum(keep) - 1
    mine = keep[row]
    row, col, value = renumber[row[mine]], col[mine], value[mine]
    order = np.lexsort((col, row))
    row, col, value = row[order], col[order], value[order]
    n_kept = int(keep.sum())
    lower = np.full(n_kept, -np.inf)
    cost_all = np.concatenate(cost + [np.full(len(cells), -float(p.cell_weight))]) if n_x or cells else np.zeros(0)
    return Matrix(
        sessions, col_session, np.concatenate(col_k) if col_k else np.zeros(0, dtype=np.int64), cost_all,
        np.concatenate([np.ones(n_x), np.array([float(p.cells[c]) for c in cells])]), n_x,
        float(p.place_weight * n), lower, upper[keep],
        np.searchsorted(row, np.arange(n_kept + 1)).astype(np.int32), col.astype(np.int32), value)
