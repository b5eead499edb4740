"""The split bound is a true bound, and the gap a plan reports is measured against it honestly."""

from __future__ import annotations

import time

from bench.bench_planner import synthetic_inputs
from learningday.plan.planner.greedy import greedy_plan, worth
from learningday.plan.planner.milp import solve
from learningday.plan.planner.model import PlanOptions
from learningday.plan.planner.problem import build_problem
from learningday.plan.planner.propose import plan_inputs
from learningday.plan.planner.split import split_plan


def test_the_split_bound_is_never_below_the_proven_optimum_and_the_reported_gap_holds() -> None:
    # 60 sessions, 12 people, 3 channels for 4 hubs: the channels are the bottleneck the split prices
    inputs = synthetic_inputs(60, hubs=4, facilitators=12, channels=3, grid=30, seed=5)
    p = build_problem(inputs, PlanOptions(grid_minutes=30))
    best = solve(p, time_limit=60, gap=0.0)
    assert best.status == "optimal"
    plan, bound = split_plan(p, greedy_plan(p), deadline=time.monotonic() + 30)
    assert bound is not None and bound >= best.objective - 1e-6
    assert worth(p, plan) <= best.objective + 1e-6
    result = plan_inputs(inputs, PlanOptions(grid_minutes=30, time_limit=30))
    # the plan is no further from the optimum than its gap says (the gap is a share of the bound)
    assert result.gap is not None and best.objective - result.objective <= result.gap * abs(best.objective) + 1e-6
