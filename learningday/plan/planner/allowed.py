"""Where a session may start: the one rule the solver, the greedy plan and the drag bands share.

A start is allowed when the session lies inside the event window and, for each of its facilitators,
inside their stated availability and outside their local night (the rules of ``plan.conflicts``,
computed with ``setup.clock``). Target hubs' working hours are not a limit but a preference: a start
that puts the session wholly inside a hub's working window "reaches" that hub (the rule of
``plan.coverage``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from sqlalchemy.orm import Session

from learningday.plan.planner.model import (
    FacilitatorIn,
    PlanInputs,
    SessionIn,
    load_inputs,
)
from learningday.setup.clock import merge, night_windows, windows, working_windows

Interval = tuple[datetime, datetime]


def _subtract(free: list[Interval], busy: list[Interval]) -> list[Interval]:
    """``free`` minus ``busy`` (both sorted, merged)."""
    result = []
    for lo, hi in free:
        cursor = lo
        for b_lo, b_hi in busy:
            if b_hi <= cursor or b_lo >= hi:
                continue
            if b_lo > cursor:
                result.append((cursor, b_lo))
            cursor = max(cursor, b_hi)
        if cursor < hi:
            result.append((cursor, hi))
    return result


class Rules:
    """The allowed-start rule over one ``PlanInputs``, with each person's and hub's windows computed once."""

    def __init__(self, inputs: PlanInputs) -> None:
        self.inputs = inputs
        self._people = {f.id: f for f in inputs.facilitators}
        self._teach: dict[int, list[Interval]] = {}

    def nights(self, person: FacilitatorIn) -> list[Interval]:
        rules, i = self.inputs.rules, self.inputs
        return merge([(w.start, w.end) for w in night_windows(i.start, i.end, person.zone, rules.night_start_min,
                                                              rules.night_end_min)])

    def available(self, person: FacilitatorIn) -> list[Interval]:
        """Stated availability inside the event (all of it when none is stated)."""
        i = self.inputs
        if not person.availability:
            return [(i.start, i.end)]
        return merge([(w.start, w.end) for a, b in person.availability for w in windows(i.start, i.end, person.zone, a, b)])

    def teach(self, fid: int) -> list[Interval]:
        """When facilitator ``fid`` may teach: available and not in their night."""
        if fid not in self._teach:
            person = self._people.get(fid)
            self._teach[fid] = ([(self.inputs.start, self.inputs.end)] if person is None
                                else _subtract(self.available(person), self.nights(person)))
        return self._teach[fid]

    @cached_property
    def working(self) -> dict[int, tuple[Interval, ...]]:
        i = self.inputs
        return {h.id: tuple((w.start, w.end) for w in working_windows(i.start, i.end, h.zone, h.work_start_min,
                                                                       h.work_end_min)) for h in i.hubs}

    def hubs_of(self, s: SessionIn) -> tuple[int, ...]:
        """The hubs a session is for: its targets, or every hub when it names none (as coverage counts it)."""
        return s.hub_ids or tuple(h.id for h in self.inputs.hubs)

    def fits(self, intervals: list[Interval] | tuple[Interval, ...], start: datetime, minutes: int) -> bool:
        end = start + timedelta(minutes=minutes)
        return any(lo <= start and end <= hi for lo, hi in intervals)

    def _slots_inside(self, intervals, minutes: int) -> set[int]:
        i, found = self.inputs, set()
        for lo, hi in intervals:
            first = max(0, math.ceil(i.slot_of(lo) - 1e-9))
            last = math.floor(i.slot_of(hi - timedelta(minutes=minutes)) + 1e-9)
            found.update(range(first, last + 1))
        return found

    def start_slots(self, s: SessionIn) -> tuple[int, ...]:
        """The grid slots ``s`` may start at (hard rule), in order."""
        slots = self._slots_inside([(self.inputs.start, self.inputs.end)], s.minutes)
        for fid in s.facilitator_ids:
            slots &= self._slots_inside(self.teach(fid), s.minutes)
        return tuple(sorted(slots))

    def reached(self, s: SessionIn, start: datetime) -> tuple[int, ...]:
        """The hubs of ``s`` that have it wholly inside their working hours when it starts at ``start``."""
        return tuple(h for h in self.hubs_of(s) if self.fits(self.working.get(h, ()), start, s.minutes))


@dataclass(frozen=True)
class Bands:
    """Where one session may go, for the drag help: every interval is UTC ``[start, end)``.

    ``allowed`` and ``preferred`` hold *start* instants (a grid start ``t`` is allowed when some
    interval has ``lo <= t < hi``); ``preferred`` are the allowed starts that put the session wholly
    inside the working hours of at least one target hub. ``unavailable`` is when each facilitator
    cannot teach ("night" or "unavailable"); ``working`` each target hub's working hours.
    """

    uid: str
    minutes: int
    grid_minutes: int
    allowed: tuple[Interval, ...]
    preferred: tuple[Interval, ...]
    unavailable: tuple[tuple[str, str, datetime, datetime], ...]
    working: tuple[tuple[str, datetime, datetime], ...]


def _runs(inputs: PlanInputs, slots: list[int]) -> tuple[Interval, ...]:
    runs: list[list[int]] = []
    for k in slots:
        if runs and runs[-1][1] == k:
            runs[-1][1] = k + 1
        else:
            runs.append([k, k + 1])
    return tuple((inputs.slot(a), inputs.slot(b)) for a, b in runs)


def bands_for(rules: Rules, s: SessionIn) -> Bands:
    inputs = rules.inputs
    slots = rules.start_slots(s)
    preferred = [k for k in slots if rules.reached(s, inputs.slot(k))]
    people = {f.id: f for f in inputs.facilitators}
    unavailable = []
    for fid in s.facilitator_ids:
        person = people.get(fid)
        if person is None:
            continue
        nights = rules.nights(person)
        unavailable += [(person.name, "night", lo, hi) for lo, hi in nights]
        off = _subtract([(inputs.start, inputs.end)], rules.available(person))
        unavailable += [(person.name, "unavailable", lo, hi) for lo, hi in _subtract(off, nights)]
    names = {h.id: h.name for h in inputs.hubs}
    working = tuple((names[h], lo, hi) for h in rules.hubs_of(s) for lo, hi in rules.working.get(h, ()))
    return Bands(s.uid, s.minutes, inputs.grid_minutes, _runs(inputs, slots), _runs(inputs, preferred),
                 tuple(sorted(unavailable, key=lambda u: (u[2], u[0]))), working)


def allowed_starts(source: Session | PlanInputs, session_uid: str, grid_minutes: int = 15) -> Bands:
    """The bands of one session, read from an open event (``source``: a database session) or from
    inputs already loaded (their grid is used then)."""
    inputs = source if isinstance(source, PlanInputs) else load_inputs(source, grid_minutes)
    return bands_for(Rules(inputs), inputs.session(session_uid))
