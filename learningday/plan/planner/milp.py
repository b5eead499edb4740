"""The whole plan as one MILP (built by matrix.py), solved by HiGHS (highspy) within a time limit.

exact.py calls it when the split bound (split.py) leaves a gap: it starts from the split's best plan,
and its own bound is set beside the split's. The helpers here also serve the split's small MILPs.
"""

from __future__ import annotations

import ctypes
import math
import os
import sys
import time
from dataclasses import dataclass

import numpy as np

from learningday.errors import CancelCheck, Cancelled, Progress
from learningday.plan.planner.greedy import CANCELLED
from learningday.plan.planner.matrix import Matrix, build
from learningday.plan.planner.problem import Problem


@dataclass(frozen=True)
class Solved:
    chosen: dict[str, int]
    #: "optimal" (proven), "feasible" (a solution, not proven best) or "none" (nothing found in time)
    status: str
    gap: float | None
    #: the plan's worth: its value, less the placement weight of each session left unplaced
    objective: float | None
    #: the proven best worth could be no more than this (None: not known)
    bound: float | None = None


def quiet_highs():
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


def load_matrix(h, m: Matrix) -> None:
    import highspy

    n = len(m.cost)
    h.addVars(n, np.zeros(n), m.upper)
    h.changeColsCost(n, np.arange(n, dtype=np.int32), m.cost)
    h.changeObjectiveOffset(m.offset)
    if m.n_x:
        h.changeColsIntegrality(m.n_x, np.arange(m.n_x, dtype=np.int32),
                                np.full(m.n_x, highspy.HighsVarType.kInteger))
    if len(m.row_upper):
        h.addRows(len(m.row_upper), m.row_lower, m.row_upper, len(m.row_index), m.row_start[:-1], m.row_index,
                  m.row_value)


def chosen_of(m: Matrix, x: np.ndarray) -> dict[str, int]:
    return {m.sessions[m.col_session[j]].uid: int(m.col_slot[j]) for j in np.flatnonzero(x[: m.n_x] > 0.5)}


def solve(p: Problem, *, time_limit: float, seed: int = 0, start: dict[str, int] | None = None,
          gap: float = 1e-4, progress: Progress | None = None, cancel: CancelCheck | None = None) -> Solved:
    """The whole problem, within ``time_limit`` seconds (the model's building included), stopping once
    the plan is proven within ``gap`` (relative) of the best."""
    import highspy

    began = time.monotonic()
    m = build(p, p.movable)
    h = quiet_highs()
    load_matrix(h, m)
    # presolve cannot be interrupted and gains little on these rows (it took 8 s of a 60 s budget on
    # the 2,000-session bench); symmetry detection likewise costs more than it saves here
    for name, value in (("random_seed", int(seed)), ("threads", 1), ("mip_rel_gap", float(gap)),
                        ("presolve", "off"), ("mip_detect_symmetry", False)):
        h.setOptionValue(name, value)
    left = time_limit - (time.monotonic() - began)
    if left <= 0.1:  # the model took the time: HiGHS would only overrun it
        return Solved({}, "none", None, None)
    h.setOptionValue("time_limit", left)
    if start:
        given = highspy.HighsSolution()
        given.col_value = m.column_of(start).tolist()
        given.value_valid = True
        h.setSolution(given)
    stopped = [False]

    def interrupt(event) -> None:
        if cancel is not None and cancel():
            stopped[0] = True
            event.interrupt()
        elif time.monotonic() - began > time_limit:  # HiGHS's own clock lets the root LP run over
            event.interrupt()
        elif progress is not None:
            progress(min((time.monotonic() - began) / time_limit, 1.0), "searching for the best plan")

    h.cbMipInterrupt.subscribe(interrupt)
    h.cbSimplexInterrupt.subscribe(interrupt)
    h.run()
    if stopped[0]:
        raise Cancelled(CANCELLED)
    status = h.getModelStatus()
    info = h.getInfo()
    if info.primal_solution_status != 2 and status != highspy.HighsModelStatus.kOptimal:
        return Solved({}, "none", None, None)
    optimal = status == highspy.HighsModelStatus.kOptimal
    found = info.mip_gap
    found = max(0.0, float(found)) if math.isfinite(found) else None  # no bound yet: the gap is not known
    bound = -float(info.mip_dual_bound) if math.isfinite(info.mip_dual_bound) else None
    return Solved(chosen_of(m, np.asarray(h.getSolution().col_value)), "optimal" if optimal else "feasible", found,
                  -float(info.objective_function_value), bound)
