"""HiGHS's plan within the time limit: the split bound first on a large event, the whole MILP after.

The gap reported is the plan's distance from the best bound known (HiGHS's own, or the split's), on
the plan's value (``greedy.worth``), so "optimal" means proven and 1 % means 1 % of what can be won.
"""

from __future__ import annotations

import time

from learningday.errors import CancelCheck, Progress
from learningday.plan.planner.greedy import greedy_plan, worth
from learningday.plan.planner.milp import Solved, solve
from learningday.plan.planner.model import PlanOptions
from learningday.plan.planner.problem import Problem
from learningday.plan.planner.split import split_plan

#: a plan this close to its bound is called optimal (HiGHS's own default tolerance)
PROVEN = 1e-4


def _gap(bound: float | None, found: float) -> float | None:
    if bound is None:
        return None
    return max(0.0, bound - found) / max(abs(bound), abs(found), 1.0)


def _solved(chosen: dict[str, int], found: float, bound: float | None) -> Solved:
    gap = _gap(bound, found)
    return Solved(chosen, "optimal" if gap is not None and gap <= PROVEN else "feasible", gap, found, bound)


def exact_plan(p: Problem, start: dict[str, int], *, deadline: float, options: PlanOptions,
               progress: Progress | None = None, cancel: CancelCheck | None = None) -> Solved:
    """The best plan found by ``deadline`` (``start`` or better) and its gap; status "none" when neither
    the split nor HiGHS had anything to say in time (``chosen`` is then the greedy plan)."""
    # two thirds of the time left at most: the whole model keeps a share for when the split falls short
    best, bound = split_plan(p, start, deadline=time.monotonic() + (deadline - time.monotonic()) * 2 / 3,
                             gap=options.gap, seed=options.seed, cancel=cancel)
    if not best:  # the split had no round in time: the greedy plan is the start
        best = greedy_plan(p, seed=options.seed, cancel=cancel)
    found = worth(p, best)
    gap = _gap(bound, found)
    left = deadline - time.monotonic()
    # the whole model takes time to build and to start (about 30 µs a column here); with less time left
    # than three times that, HiGHS would only overrun the limit
    if (gap is not None and gap <= max(options.gap, PROVEN)) or left < 1e-4 * sum(map(len, p.starts.values())):
        return _solved(best, found, bound) if bound is not None else Solved(best, "none", None, found)
    solved = solve(p, time_limit=left, seed=options.seed, start=best, gap=options.gap, progress=progress,
                   cancel=cancel)
    if solved.status == "none":
        return _solved(best, found, bound) if bound is not None else Solved(best, "none", None, found)
    if solved.objective is not None and solved.objective >= found:
        best, found = solved.chosen, solved.objective
    if solved.bound is not None:
        bound = solved.bound if bound is None else min(bound, solved.bound)
    return _solved(best, found, bound)
