"""A hub's day across the event window: working, awake and night stretches, and date changes.

The New Event wizard paints one strip per hub; the times come from clock.py alone, so a hub
whose local date differs from UTC's, a +05:45 zone and a DST change inside the window come
out as the rulers of the Plan workspace show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from learningday.setup.clock import (
    NIGHT_END_MIN,
    NIGHT_START_MIN,
    DateChange,
    date_changes,
    local_time,
    night_windows,
    working_windows,
)
from learningday.timeutil import utc

WORKING, AWAKE, NIGHT = "working", "awake", "night"


@dataclass(frozen=True)
class Segment:
    """``[start, end)`` in UTC, all of one kind; ``local_start``/``local_end`` on the hub's clock."""

    kind: str
    start: datetime
    end: datetime
    local_start: datetime
    local_end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class DayStrip:
    zone: str
    start: datetime
    end: datetime
    segments: tuple[Segment, ...]
    date_changes: tuple[DateChange, ...]

    def minutes_from_start(self, instant: datetime) -> float:
        return (instant - self.start).total_seconds() / 60


def day_strip(start: datetime, length_minutes: int, zone_name: str, work_start_min: int, work_end_min: int,
              *, night: tuple[int, int] = (NIGHT_START_MIN, NIGHT_END_MIN)) -> DayStrip:
    """The event window ``[start, start + length)`` cut where the hub's working hours (on each
    local date) and its night (by default the conflicts' 22:00-07:00) begin and end; working
    hours win where they reach into the night."""
    start = utc(start)
    end = start + timedelta(minutes=length_minutes)
    working = working_windows(start, end, zone_name, work_start_min, work_end_min)
    nights = night_windows(start, end, zone_name, *night)
    cuts = sorted({start, end, *(w.start for w in working + nights), *(w.end for w in working + nights)})
    segments: list[Segment] = []
    for lo, hi in zip(cuts, cuts[1:]):
        if any(w.start <= lo < w.end for w in working):
            kind = WORKING
        elif any(w.start <= lo < w.end for w in nights):
            kind = NIGHT
        else:
            kind = AWAKE
        if segments and segments[-1].kind == kind:
            lo = segments.pop().start
        segments.append(Segment(kind, lo, hi, local_time(lo, zone_name), local_time(hi, zone_name)))
    return DayStrip(zone_name, start, end, tuple(segments), date_changes(start, end, zone_name))
