"""The exact plan: one binary per session × allowed start, solved by HiGHS (highspy) within a time limit.

Rows: each session starts once (or stays unplaced, at a large cost); a facilitator teaches one session
per slot (changeover included); a pool holds at most its venues per slot; a coverage cell counts the
starts that reach it, up to its minimum. The objective is ``Problem``'s weights, maximised.
"""

from __future__ import annotations

import ctypes
import math
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from learningday.errors import CancelCheck, Cancelled, Progress
from learningday.plan.planner.greedy import CANCELLED
from learningday.plan.planner.problem import Problem


@dataclass(frozen=True)
class Solved:
    chosen: dict[str, int]
    #: "optimal" (proven), "feasible" (a solution, not proven best) or "none" (nothing found in time)
    status: str
    gap: float | None
    objective: float | None


def _quiet_highs():
    """A Highs object without its banner: it prints to the C stdout on construction, which would
    spoil the CLI's ``--json`` output."""
    import highspy

    sys.stdout.flush()
    saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        try:
            ctypes.CDLL(None).fflush(None)
        except (OSError, AttributeError):  # no C library by that name (Windows): nothing buffered to drop
            pass
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)
    return h


def solve(p: Problem, *, time_limit: float, seed: int = 0, start: dict[str, int] | None = None,
          progress: Progress | None = None, cancel: CancelCheck | None = None) -> Solved:
    import highspy

    cols: list[tuple[str, int]] = []
    cost: list[float] = []
    rows: dict[tuple, list[int]] = defaultdict(list)
    cell_cols: dict[tuple[int, int], list[int]] = defaultdict(list)
    slots = p.inputs.slots
    for s in p.movable:
        for k in p.starts[s.uid]:
            j = len(cols)
            cols.append((s.uid, k))
            cost.append(-(p.place_weight + p.value(s, k)))
            rows[("once", s.uid)].append(j)
            for f in s.facilitator_ids:
                for t in range(k, min(k + p.person_span(s), slots)):
                    rows[("person", f, t)].append(j)
            if p.capacity(p.pool[s.uid]) is not None:
                for t in range(k, min(k + p.span(s), slots)):
                    rows[("pool", p.pool[s.uid], t)].append(j)
            for cell in p.cells_of(s, k):
                cell_cols[cell].append(j)
    n_x = len(cols)
    lower, upper, starts, index, values = [], [], [0], [], []

    def row(members: list[int], coefs: list[float], lo: float, hi: float) -> None:
        lower.append(lo)
        upper.append(hi)
        index.extend(members)
        values.extend(coefs)
        starts.append(len(index))

    for key, members in rows.items():
        if key[0] == "once":
            row(members, [1.0] * len(members), -np.inf, 1.0)
        elif key[0] == "person":
            room = 1 - p.fixed_people.get(key[1], {}).get(key[2], 0)
            if len({cols[j][0] for j in members}) > room:
                row(members, [1.0] * len(members), -np.inf, room)
        else:
            room = p.capacity(key[1]) - p.fixed_pools.get(key[1], {}).get(key[2], 0)
            if len({cols[j][0] for j in members}) > room:
                row(members, [1.0] * len(members), -np.inf, room)
    # y_cell <= need and y_cell <= sum of the starts reaching it; y earns the cell weight
    cells = list(cell_cols)
    for c, cell in enumerate(cells):
        row(cell_cols[cell] + [n_x + c], [-1.0] * len(cell_cols[cell]) + [1.0], -np.inf, 0.0)
    cost += [-float(p.cell_weight)] * len(cells)
    col_upper = [1.0] * n_x + [float(p.cells[cell]) for cell in cells]

    h = _quiet_highs()
    n = len(cost)
    h.addVars(n, np.zeros(n), np.array(col_upper))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(cost))
    if n_x:
        h.changeColsIntegrality(n_x, np.arange(n_x, dtype=np.int32),
                                np.array([highspy.HighsVarType.kInteger] * n_x))
    if len(lower):
        h.addRows(len(lower), np.array(lower), np.array(upper), len(index), np.array(starts[:-1], dtype=np.int32),
                  np.array(index, dtype=np.int32), np.array(values))
    for name, value in (("time_limit", float(time_limit)), ("random_seed", int(seed)), ("threads", 1),
                        ("mip_rel_gap", 1e-4)):
        h.setOptionValue(name, value)
    if start:
        chosen_cols = {(uid, k) for uid, k in start.items()}
        x = np.array([1.0 if c in chosen_cols else 0.0 for c in cols], dtype=float)
        idx = np.flatnonzero(x).astype(np.int32)
        h.setSolution(len(idx), idx, x[idx])
    began, stopped = time.monotonic(), [False]

    def interrupt(event) -> None:
        if cancel is not None and cancel():
            stopped[0] = True
            event.interrupt()
        elif time.monotonic() - began > time_limit:  # HiGHS's own clock lets the root LP run over
            event.interrupt()
        elif progress is not None:
            share = min((time.monotonic() - began) / time_limit, 1.0)
            progress(share, "searching for the best plan")

    h.cbMipInterrupt.subscribe(interrupt)
    h.cbSimplexInterrupt.subscribe(interrupt)
    h.run()
    if stopped[0]:
        raise Cancelled(CANCELLED)
    status = h.getModelStatus()
    info = h.getInfo()
    if info.primal_solution_status != 2 and status != highspy.HighsModelStatus.kOptimal:
        return Solved({}, "none", None, None)
    x = np.asarray(h.getSolution().col_value[:n_x])
    chosen = {cols[j][0]: cols[j][1] for j in np.flatnonzero(x > 0.5)}
    optimal = status == highspy.HighsModelStatus.kOptimal
    gap = float(info.mip_gap)
    gap = max(0.0, gap) if math.isfinite(gap) else None  # no bound yet: the gap is not known
    return Solved(chosen, "optimal" if optimal else "feasible", gap, -float(info.objective_function_value))
