"""Coverage: does every hub get every level inside its own working hours?"""

from __future__ import annotations

from dataclasses import dataclass

from learningday.plan.plandata import PlanRules, PlanSnapshot
from learningday.setup.clock import Window, merge, working_windows


@dataclass(frozen=True)
class CoverageCell:
    level_id: int
    hub_id: int
    hub: str
    #: sessions of this level for this hub lying wholly inside one of its working windows
    count: int
    minimum: int

    @property
    def gap(self) -> bool:
        return self.count < self.minimum


@dataclass(frozen=True)
class HubIdle:
    """A hub's working hours (inside the event) in which no session for it runs at all."""

    hub_id: int
    hub: str
    working: tuple[Window, ...]
    idle: tuple[Window, ...]


@dataclass(frozen=True)
class Coverage:
    cells: tuple[CoverageCell, ...]
    idle: tuple[HubIdle, ...]

    @property
    def gaps(self) -> tuple[CoverageCell, ...]:
        return tuple(c for c in self.cells if c.gap)

    def cell(self, level_id: int, hub: str) -> CoverageCell:
        return next(c for c in self.cells if c.level_id == level_id and c.hub == hub)


def _subtract(window: Window, busy: list[tuple]) -> list[Window]:
    free, cursor = [], window.start
    for lo, hi in busy:
        if hi <= cursor or lo >= window.end:
            continue
        if lo > cursor:
            free.append(Window(window.day, cursor, lo))
        cursor = max(cursor, hi)
    if cursor < window.end:
        free.append(Window(window.day, cursor, window.end))
    return free


def coverage_by_level_and_hub(plan: PlanSnapshot, rules: PlanRules = PlanRules()) -> Coverage:
    """The level × hub matrix (rows: levels, then hubs in order) and each hub's idle working hours.

    A session counts for a hub when it targets that hub (or no hub: then everyone) and lies
    wholly inside one of the hub's working windows, each computed for its own local date.
    """
    cells, idle = [], []
    for hub in plan.hubs:
        work = working_windows(plan.start, plan.end, hub.zone, hub.work_start_min, hub.work_end_min)
        counts = dict.fromkeys(plan.level_ids, 0)
        busy = []
        for s in plan.sessions:
            if s.hub_ids and hub.id not in s.hub_ids:
                continue
            busy.append((s.start, s.end))
            if s.level_id in counts and any(w.start <= s.start and s.end <= w.end for w in work):
                counts[s.level_id] += 1
        cells.extend(CoverageCell(level, hub.id, hub.name, n, rules.coverage_minimum) for level, n in counts.items())
        merged = merge(busy)
        idle.append(HubIdle(hub.id, hub.name, work, tuple(f for w in work for f in _subtract(w, merged))))
    cells.sort(key=lambda c: c.level_id)
    return Coverage(tuple(cells), tuple(idle))
