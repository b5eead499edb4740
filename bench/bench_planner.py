"""The auto-planner: 300 sessions on 48 slots, and 2,000 sessions on a 15-minute grid for 40 hubs."""

from __future__ import annotations

import os
import random
import time
from datetime import UTC, datetime, timedelta

from bench import Result, benchmark

ZONES = ("Australia/Sydney", "Asia/Tokyo", "Asia/Shanghai", "Asia/Singapore", "Asia/Kolkata", "Asia/Kathmandu",
         "Asia/Dubai", "Europe/Moscow", "Africa/Nairobi", "Europe/Berlin", "Europe/London", "Europe/Paris",
         "Africa/Lagos", "America/Sao_Paulo", "America/New_York", "America/Chicago", "America/Denver",
         "America/Los_Angeles", "Pacific/Auckland", "Asia/Seoul")
START = datetime(2027, 3, 27, 12, 0, tzinfo=UTC)  # Europe's clocks change inside the day


def synthetic_inputs(sessions: int, hubs: int, facilitators: int, channels: int, grid: int, seed: int = 11):
    from learningday.plan.plandata import PlanRules
    from learningday.plan.planner.model import (
        FacilitatorIn,
        PlanInputs,
        SessionIn,
        VenueIn,
    )
    from learningday.setup.dto import HubDTO

    rng = random.Random(seed)
    # hubs spread round the globe (every zone once before any twice), as a follow-the-sun company's are
    spread = [ZONES[(k * 7) % len(ZONES)] for k in range(len(ZONES))]
    hub_rows = tuple(HubDTO(i + 1, f"Hub {i + 1}", spread[i % len(spread)], 9 * 60, 17 * 60) for i in range(hubs))
    people = tuple(FacilitatorIn(i + 1, f"Facilitator {i + 1}", hub_rows[i % hubs].zone, ((8 * 60, 18 * 60),))
                   for i in range(facilitators))
    venues = tuple(VenueIn(i + 1, f"Channel {i + 1}", "virtual", None, None) for i in range(channels))
    rows = []
    for i in range(sessions):
        person = people[i % facilitators]
        home = 1 + (person.id - 1) % hubs
        near = sorted({home, 1 + (home + rng.choice((-1, 0, 1)) - 1) % hubs})
        rows.append(SessionIn(i + 1, f"s{i + 1}", f"Session {i + 1}", rng.randint(1, 5), rng.choice((45, 60, 60, 90)),
                              None, venues[i % channels].id, (person.id,), tuple(near), 0, False))
    return PlanInputs(START, START + timedelta(hours=24), grid, (1, 2, 3, 4, 5), hub_rows, venues, people,
                      tuple(rows), PlanRules())


def _rows(label: str, inputs, limit: float, gap_limit: float) -> list[Result]:
    """The exact plan (time limit ``limit`` for the whole call, stopping once within ``gap_limit`` %)
    and the greedy plan, each timed on the wall clock with the machine's load beside it."""
    from learningday.plan.planner.model import PlanOptions
    from learningday.plan.planner.propose import plan_inputs

    began = time.perf_counter()
    greedy = plan_inputs(inputs, PlanOptions(grid_minutes=inputs.grid_minutes, solver="greedy"))
    greedy_seconds = time.perf_counter() - began
    load = os.getloadavg()[0]
    began = time.perf_counter()
    exact = plan_inputs(inputs, PlanOptions(grid_minutes=inputs.grid_minutes, time_limit=limit,
                                            gap=max(gap_limit / 100, 1e-4)))
    seconds = time.perf_counter() - began
    cells = len(inputs.level_ids) * len(inputs.hubs)
    gap = 100 * exact.gap if exact.gap is not None else float("inf")  # unknown: no bound found in time
    cover = f"{cells - len(exact.coverage_gaps)}/{cells} cells"
    greedy_cover = f"{cells - len(greedy.coverage_gaps)}/{cells} cells"
    wanted = "optimal" if gap_limit <= 0.01 else f"feasible, gap {gap_limit:g} % or less,"
    return [
        Result(f"plan {label}: HiGHS {exact.status}, gap {gap:.2f} %, {cover}, {len(exact.unplaced)} unplaced "
               f"(load {load:.1f})", seconds, "s", greedy_seconds, f"{wanted} under {limit:g} s",
               "the greedy plan's time", limit=limit),
        Result(f"plan {label}: HiGHS gap", gap, "%", None, f"{gap_limit:g} % or less", "", limit=gap_limit),
        Result(f"plan {label}: greedy, {greedy_cover}, {len(greedy.unplaced)} unplaced, gap "
               f"{_greedy_gap(exact, greedy):.2f} % to the bound", greedy_seconds, "s", None, f"under {limit:g} s", "",
               limit=limit),
    ]


def _greedy_gap(exact, greedy) -> float:
    """How far the greedy plan's worth is from the exact plan's bound (its worth over its gap)."""
    if exact.gap is None or exact.objective is None or greedy.objective is None:
        return float("inf")
    bound = exact.objective / (1 - exact.gap) if exact.gap < 1 else float("inf")
    return 100 * max(0.0, bound - greedy.objective) / max(abs(bound), 1.0)


@benchmark("planner")
def planner() -> list[Result]:
    small = synthetic_inputs(300, hubs=6, facilitators=60, channels=20, grid=30)
    large = synthetic_inputs(2000, hubs=40, facilitators=400, channels=120, grid=15)
    return (_rows("300 sessions / 48 slots / 20 channels / 60 people / 6 hubs", small, 2.0, 0.01)
            + _rows("2,000 sessions / 15-min grid / 40 hubs", large, 60.0, 1.0))
