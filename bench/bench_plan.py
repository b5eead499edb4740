"""Conflicts + coverage recomputation for 500 sessions / 40 venues / 100 facilitators / 8 hubs."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from bench import Result, benchmark, median_seconds

ZONES = ("Australia/Sydney", "Asia/Tokyo", "Asia/Kolkata", "Asia/Kathmandu", "Europe/Berlin",
         "Europe/London", "America/New_York", "America/Chicago")
START = datetime(2027, 3, 13, 18, 0, tzinfo=timezone.utc)  # spans Chicago's and New York's spring-forward


def synthetic_plan(sessions: int = 500, venues: int = 40, facilitators: int = 100, seed: int = 5):
    from learningday.plan.plandata import FacilitatorSnap, PlanSnapshot, SessionSnap, VenueSnap
    from learningday.setup.dto import HubDTO

    rng = random.Random(seed)
    hubs = tuple(HubDTO(i + 1, zone.split("/")[1], zone, 9 * 60, 17 * 60) for i, zone in enumerate(ZONES))
    venue_rows = tuple(VenueSnap(i + 1, f"Room {i + 1}", rng.choice((None, 20, 40, 80))) for i in range(venues))
    people = tuple(FacilitatorSnap(i + 1, f"Facilitator {i + 1}", rng.choice(ZONES), ((8 * 60, 18 * 60),))
                   for i in range(facilitators))
    rows = []
    for i in range(sessions):
        start = START + timedelta(minutes=15 * rng.randrange(0, 92))
        minutes = rng.choice((30, 45, 60, 90, 120))
        rows.append(SessionSnap(
            i + 1, f"uid-{i + 1}", f"Session {i + 1}", rng.randint(1, 5), start, start + timedelta(minutes=minutes),
            rng.randint(1, venues), tuple(rng.sample(range(1, facilitators + 1), rng.choice((1, 1, 2)))),
            tuple(sorted(rng.sample(range(1, len(hubs) + 1), rng.randint(1, 3)))), rng.randint(0, 60)))
    return PlanSnapshot(START, START + timedelta(hours=24), (1, 2, 3, 4, 5), hubs, venue_rows, people, tuple(rows))


def naive_overlaps(plan) -> int:
    """The raw baseline: every pair of sessions compared as plain tuples, venue and facilitator clashes."""
    rows = [(s.start.timestamp(), s.end.timestamp(), s.venue_id, set(s.facilitator_ids)) for s in plan.sessions]
    found = 0
    for i, (a0, a1, av, af) in enumerate(rows):
        for b0, b1, bv, bf in rows[i + 1:]:
            if a0 < b1 and b0 < a1 and (av == bv or af & bf):
                found += 1
    return found


@benchmark("conflicts")
def conflicts_and_coverage() -> list[Result]:
    from learningday.plan.conflicts import find_conflicts
    from learningday.plan.coverage import coverage_by_level_and_hub
    from learningday.setup import clock

    plan = synthetic_plan()

    def recompute() -> None:
        find_conflicts(plan)
        coverage_by_level_and_hub(plan)

    def cold() -> None:  # as on opening the file: no window computed yet
        clock._windows.cache_clear()
        clock._wall_to_utc.cache_clear()
        recompute()

    found = len(find_conflicts(plan))  # a deliberately messy plan: thousands of conflicts to word
    baseline = median_seconds(lambda: naive_overlaps(plan), repeat=15) * 1000
    return [
        Result(f"conflicts + coverage, 500 sessions, {found:,} conflicts (live)",
               median_seconds(recompute, repeat=30) * 1000, "ms", baseline, "under 20 ms",
               "naive pairwise venue/facilitator overlap loop over tuples", limit=20),
        Result("same, windows not yet computed (cold)", median_seconds(cold, repeat=15) * 1000, "ms",
               baseline, "under 20 ms", "same baseline", limit=20),
    ]
