"""What cannot be done, in words: checks before the solve, and the sessions and cells a plan leaves open."""

from __future__ import annotations

from datetime import datetime

from learningday.plan.coverage import CoverageCell
from learningday.plan.planner.problem import Problem
from learningday.setup.clock import local_time

NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(n: int, noun: str) -> str:
    return f"{NUMBERS[n] if n < len(NUMBERS) else n} {noun}{'' if n == 1 else 's'}"


def _hours(minutes: float) -> str:
    if minutes % 60 == 0:
        return f"{int(minutes // 60)} h"
    return f"{int(minutes // 60)} h {int(minutes % 60)} min" if minutes >= 60 else f"{int(minutes)} min"


def _minutes(intervals: list[tuple[datetime, datetime]]) -> float:
    return sum((hi - lo).total_seconds() / 60 for lo, hi in intervals)


def _why_nowhere(p: Problem, s) -> str:
    people = {f.id: f for f in p.inputs.facilitators}
    if s.minutes > (p.inputs.end - p.inputs.start).total_seconds() / 60:
        return f"'{s.title}' ({_hours(s.minutes)}) is longer than the event"
    alone = [people[f] for f in s.facilitator_ids if f in people and not p.rules._slots_inside(p.rules.teach(f), s.minutes)]
    if alone:
        f = alone[0]
        teach = p.rules.teach(f.id)
        spans = ", ".join(f"{local_time(lo, f.zone):%H:%M}–{local_time(hi, f.zone):%H:%M}" for lo, hi in teach[:3])
        where = f" ({spans} {f.zone} time)" if teach else ""
        return (f"'{s.title}' ({_hours(s.minutes)}) fits nowhere: {f.name} can teach at most "
                f"{_hours(max((_minutes([w]) for w in teach), default=0))} at a stretch outside their night{where}")
    names = " and ".join(people[f].name for f in s.facilitator_ids if f in people)
    return f"'{s.title}' ({_hours(s.minutes)}) fits nowhere: {names} are never free together for that long"


def before_solve(p: Problem) -> list[str]:
    """Sessions with nowhere to go, facilitators with more teaching than time, cells no session can reach."""
    said = list(p.notes)
    for s in p.movable:
        if not p.rules.start_slots(s):
            said.append(_why_nowhere(p, s))
        elif not p.starts[s.uid]:
            said.append(f"'{s.title}' has no free start: wherever its facilitators may teach, pinned sessions "
                        "already hold them or its venues")
    load: dict[int, list] = {}
    for s in p.movable + p.fixed:
        for f in s.facilitator_ids:
            load.setdefault(f, []).append(s)
    for f in p.inputs.facilitators:
        mine = load.get(f.id, [])
        if not mine:
            continue
        need = sum(s.minutes for s in mine) + p.options.changeover_minutes * (len(mine) - 1)
        free = _minutes(p.rules.teach(f.id))
        if need > free:
            said.append(f"{f.name} has {_count(len(mine), 'session')} ({_hours(need)}) but "
                        f"{_hours(free)} of availability outside their night")
    said += unreachable_cells(p)
    return said


def unreachable_cells(p: Problem) -> list[str]:
    hubs = {h.id: h for h in p.inputs.hubs}
    people = {f.id: f for f in p.inputs.facilitators}
    said = []
    for (level, hub_id), need in sorted(p.cells.items()):
        if need <= 0:
            continue
        hub = hubs[hub_id]
        mine = [s for s in p.movable if s.level_id == level and hub_id in p.rules.hubs_of(s)]
        reaching = [s for s in mine if any(hub_id in p.reach(s, k) for k in p.starts[s.uid])]
        if len(reaching) >= need:
            continue
        if not mine:
            pinned = any(s.level_id == level and hub_id in p.rules.hubs_of(s) for s in p.fixed)
            why = f"its sessions are pinned outside {hub.name}'s working hours" if pinned else \
                f"no level {level} session is meant for {hub.name}"
            said.append(f"level {level} cannot reach {hub.name}: {why}")
            continue
        shut_out = [s for s in mine if s not in reaching]
        ids = sorted({f for s in shut_out for f in s.facilitator_ids})
        fits_day = any(p.rules.fits([w], w[0], s.minutes) for s in shut_out for w in p.rules.working.get(hub_id, ()))
        if ids and fits_day:
            names = " and ".join(people[f].name for f in ids if f in people)
            who = (f"its facilitator ({names}) is" if len(ids) == 1
                   else f"its {_count(len(ids), 'facilitator')} ({names}) are")
            said.append(f"level {level} cannot reach {hub.name}: {who} in night hours, unavailable "
                        f"or already teaching during all of {hub.name}'s working day")
        elif not fits_day:
            said.append(f"level {level} cannot reach {hub.name}: its sessions are longer than {hub.name}'s working day")
        else:
            said.append(f"level {level} has {_count(len(reaching), 'session')} that can reach {hub.name} "
                        f"but needs {need}")
    return said


def after_solve(p: Problem, chosen: dict[str, int], gaps: tuple[CoverageCell, ...], said: list[str]) -> list[str]:
    """What the plan could not do that the checks before it did not already say."""
    more = []
    for s in p.movable:
        if s.uid not in chosen and p.starts[s.uid] and not any(f"'{s.title}'" in line for line in said):
            more.append(f"'{s.title}' could not be placed: at every start its facilitators allow, they are "
                        "already teaching or its venues are full")
    for c in gaps:
        if not any(f"level {c.level_id} " in line and c.hub in line for line in said + more):
            more.append(f"level {c.level_id} has {c.count} of {c.minimum} sessions in {c.hub}'s working hours: "
                        "the sessions that could reach it are needed elsewhere")
    return more

