"""Hub clocks: local time, offset labels, working-hour and night windows, date changes.

Everything goes through ``timeutil.zone`` (zoneinfo + tzdata): one conversion path.

Wall-clock rules ("work starts at 09:00") are turned into UTC instants *for the local date
they apply to*, with one deliberate rule for the two awkward cases:

* a wall time that does not exist (inside a spring-forward gap) maps to the moment the
  clocks jump, i.e. the first instant whose wall time is at or after the one asked for;
* a wall time that happens twice (inside an autumn fold) maps to its first occurrence.

Both cases follow from "the first instant at which the hub's clock shows this time or
later on that date", which never decreases as the wall time grows, so a window never
turns inside out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from learningday.timeutil import UTC, offset_label, to_local, utc, zone

DAY_MINUTES = 24 * 60
#: local night, for facilitators: 22:00 to 07:00 the next morning
NIGHT_START_MIN = 22 * 60
NIGHT_END_MIN = 7 * 60


@dataclass(frozen=True)
class Window:
    """A UTC interval ``[start, end)`` that comes from a wall-clock rule on local date ``day``."""

    day: date
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class DateChange:
    """The instant a hub's local date turns from ``before`` to ``after``."""

    at: datetime
    before: date
    after: date

    @property
    def label(self) -> str:
        return f"{day_label(self.before)} → {day_label(self.after)}"


def day_label(day: date) -> str:
    """'Tue 3': weekday and day of the month, as a ruler shows a date."""
    return f"{day:%a} {day.day}"


def local_time(instant: datetime, zone_name: str) -> datetime:
    """The hub's wall clock at ``instant`` (an aware datetime in the hub's zone)."""
    return to_local(instant, zone_name)


def local_date(instant: datetime, zone_name: str) -> date:
    return to_local(instant, zone_name).date()


def clock_label(instant: datetime, zone_name: str) -> str:
    """'IST (UTC+05:30)' where the zone has a letter abbreviation, else 'UTC+05:45'."""
    numeric = offset_label(instant, zone_name)
    abbreviation = to_local(instant, zone_name).tzname() or ""
    if abbreviation.isalpha() and abbreviation != "UTC":
        return f"{abbreviation} ({numeric})"
    return numeric


# -- the offset rule: a local time carries its offset when it is not the offset the day began with --
def offset_minutes(instant: datetime, zone_name: str) -> int:
    offset = to_local(instant, zone_name).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def _short_offset(minutes: int) -> str:
    """'+05:45', '-03:00' (the offset_label without 'UTC')."""
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def zone_mark(instant: datetime, zone_name: str) -> str:
    """What tells a reader which clock a local time is on: 'GMT' where the zone has a letter
    abbreviation, else the offset ('+12:45' for Chatham, whose tzdata name is '+1245')."""
    abbreviation = to_local(instant, zone_name).tzname() or ""
    if abbreviation.isalpha():
        return abbreviation
    return _short_offset(offset_minutes(instant, zone_name))


def shifted(instant: datetime, zone_name: str, day_start: datetime) -> bool:
    """Whether the hub's offset at ``instant`` differs from its offset at ``day_start``."""
    return offset_minutes(instant, zone_name) != offset_minutes(day_start, zone_name)


def local_text(instant: datetime, zone_name: str, day_start: datetime, fmt: str = "%H:%M") -> str:
    """The local time as ``fmt``, with its zone mark when the clock has changed since ``day_start``
    ('01:30 GMT' on a day that began on BST; '01:30' otherwise)."""
    text = to_local(instant, zone_name).strftime(fmt)
    return f"{text} {zone_mark(instant, zone_name)}" if shifted(instant, zone_name, day_start) else text


def local_span(start: datetime, end: datetime, zone_name: str, day_start: datetime, *,
               start_fmt: str = "%H:%M", end_fmt: str = "%H:%M", dash: str = "–") -> str:
    """'00:30–02:00', or with marks when the clock has changed since ``day_start``: once at the end
    when both ends are on one clock ('02:00–03:00 GMT'), at both ends when the span crosses the
    change ('00:30 BST–01:00 GMT': 90 minutes, not 30)."""
    lo = to_local(start, zone_name).strftime(start_fmt)
    hi = to_local(end, zone_name).strftime(end_fmt)
    if offset_minutes(start, zone_name) != offset_minutes(end, zone_name):
        return f"{lo} {zone_mark(start, zone_name)}{dash}{hi} {zone_mark(end, zone_name)}"
    return f"{lo}{dash}{local_text(end, zone_name, day_start, end_fmt)}"


@dataclass(frozen=True)
class OffsetChange:
    """The instant a hub's clock changes from ``before`` to ``after`` minutes ahead of UTC."""

    at: datetime
    before: int
    after: int
    #: the clock's name after the change ('GMT', '+13:45')
    mark: str

    @property
    def label(self) -> str:
        """'UTC+01:00 → +00:00'."""
        return f"UTC{_short_offset(self.before)} → {_short_offset(self.after)}"


def offset_changes(start: datetime, end: datetime, zone_name: str) -> tuple[OffsetChange, ...]:
    """Where the hub's offset changes inside ``(start, end]``, to the second."""
    return _offset_changes(utc(start), utc(end), zone_name)


@lru_cache(maxsize=1024)
def _offset_changes(start: datetime, end: datetime, zone_name: str) -> tuple[OffsetChange, ...]:
    found = []
    step = timedelta(minutes=30)  # no zone changes its offset twice within half an hour
    low = start
    while low < end:
        high = min(low + step, end)
        before, after = offset_minutes(low, zone_name), offset_minutes(high, zone_name)
        if before != after:
            lo, hi = low, high
            while hi - lo > timedelta(seconds=1):
                mid = (lo + (hi - lo) / 2).replace(microsecond=0)
                lo, hi = (mid, hi) if offset_minutes(mid, zone_name) == before else (lo, mid)
            found.append(OffsetChange(hi, before, after, zone_mark(hi, zone_name)))
        low = high
    return tuple(found)


def offsets_label(start: datetime, end: datetime, zone_name: str) -> str:
    """'UTC+05:45'; a hub whose clock changes inside ``[start, end)``: 'UTC+01:00 → +00:00'."""
    changes = offset_changes(start, end - timedelta(seconds=1), zone_name)
    return offset_label(start, zone_name) + "".join(f" → {_short_offset(c.after)}" for c in changes)


def clocks_label(start: datetime, end: datetime, zone_name: str) -> str:
    """'IST (UTC+05:30)'; a clock that changes inside ``[start, end)``: 'BST (UTC+01:00), then GMT (UTC+00:00)'
    (words, not an arrow: the PDFs' Noto Sans has none)."""
    changes = offset_changes(start, end - timedelta(seconds=1), zone_name)
    return ", then ".join(clock_label(at, zone_name) for at in (start, *(c.at for c in changes)))


def wall_to_utc(day: date, minute: int, zone_name: str) -> datetime:
    """The first instant at which the clock in ``zone_name`` shows ``minute`` after midnight of
    ``day`` or later (a time in a gap gives the jump, a time in a fold its first occurrence).

    ``minute`` may be 1440 (midnight ending ``day``) or more: it then counts into the next days.
    """
    if not 0 <= minute:
        raise ValueError(f"minute must not be negative: {minute}")
    extra_days, minute = divmod(minute, DAY_MINUTES)
    return _wall_to_utc(day + timedelta(days=extra_days), minute, zone_name)


@lru_cache(maxsize=65536)
def _wall_to_utc(day: date, minute: int, zone_name: str) -> datetime:
    tz = zone(zone_name)
    wall = datetime.combine(day, time(minute // 60, minute % 60))
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)  # earlier offset: first occurrence
    if first.astimezone(tz).replace(tzinfo=None) == wall:
        return first
    # ``wall`` is in a gap. With fold=1 zoneinfo applies the offset after the jump, which lands
    # before it; the jump lies in (low, high]: find the first instant past ``wall`` there.
    low = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    high = first
    while high - low > timedelta(seconds=1):
        mid = low + (high - low) / 2
        mid = mid.replace(microsecond=0)
        if mid.astimezone(tz).replace(tzinfo=None) >= wall:
            high = mid
        else:
            low = mid
    return high


def local_dates(start: datetime, end: datetime, zone_name: str) -> list[date]:
    """Every local date a rule starting on it could reach into ``[start, end)``: rules may run
    past midnight, so the day before the first local date is included."""
    first = local_date(start, zone_name) - timedelta(days=1)
    last = local_date(end, zone_name)
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


def rule_window(day: date, start_min: int, end_min: int, zone_name: str) -> Window:
    """The wall-clock rule ``[start_min, end_min)`` on local date ``day`` as UTC instants;
    an end at or before the start runs into the next day (22:00-07:00)."""
    if end_min <= start_min:
        end_min += DAY_MINUTES
    return Window(day, wall_to_utc(day, start_min, zone_name), wall_to_utc(day, end_min, zone_name))


def windows(start: datetime, end: datetime, zone_name: str, start_min: int, end_min: int) -> tuple[Window, ...]:
    """The rule ``[start_min, end_min)`` (local minutes, on every local date) clipped to
    ``[start, end)``: one window per local date that reaches into it."""
    return _windows(utc(start), utc(end), zone_name, start_min, end_min)


@lru_cache(maxsize=4096)
def _windows(start: datetime, end: datetime, zone_name: str, start_min: int, end_min: int) -> tuple[Window, ...]:
    if start_min == end_min:
        return ()
    found = []
    for day in local_dates(start, end, zone_name):
        w = rule_window(day, start_min, end_min, zone_name)
        lo, hi = max(w.start, start), min(w.end, end)
        if lo < hi:
            found.append(Window(day, lo, hi))
    return tuple(found)


def working_windows(start: datetime, end: datetime, zone_name: str, work_start_min: int,
                    work_end_min: int) -> tuple[Window, ...]:
    """A hub's working hours inside the event window, one per local date."""
    return windows(start, end, zone_name, work_start_min, work_end_min)


def night_windows(start: datetime, end: datetime, zone_name: str, night_start_min: int = NIGHT_START_MIN,
                  night_end_min: int = NIGHT_END_MIN) -> tuple[Window, ...]:
    """Local night inside the event window; each window is labelled with the evening's date."""
    return windows(start, end, zone_name, night_start_min, night_end_min)


def date_changes(start: datetime, end: datetime, zone_name: str) -> tuple[DateChange, ...]:
    """Where the hub's local date turns inside ``(start, end)``, with 'Tue 3 → Wed 4' labels.

    A midnight that falls in a gap turns at the jump; a fold that repeats midnight is marked
    once, at its first occurrence.
    """
    start, end = utc(start), utc(end)
    changes = []
    for day in local_dates(start, end, zone_name)[1:]:
        at = wall_to_utc(day, 0, zone_name)
        if start < at < end:
            changes.append(DateChange(at, day - timedelta(days=1), day))
    return tuple(changes)


@dataclass(frozen=True)
class HubClock:
    """What a hub's ruler shows over the event window."""

    name: str
    zone: str
    label_at_start: str
    local_start: datetime
    local_end: datetime
    working: tuple[Window, ...]
    night: tuple[Window, ...]
    date_changes: tuple[DateChange, ...]
    offset_changes: tuple[OffsetChange, ...] = ()
    #: 'UTC+01:00', or 'UTC+01:00 → +00:00' when the clock changes during the event
    offsets: str = ""


def hub_clock(name: str, zone_name: str, start: datetime, end: datetime, work_start_min: int,
              work_end_min: int, *, night: tuple[int, int] = (NIGHT_START_MIN, NIGHT_END_MIN)) -> HubClock:
    return HubClock(
        name=name,
        zone=zone_name,
        label_at_start=clock_label(start, zone_name),
        local_start=local_time(start, zone_name),
        local_end=local_time(end, zone_name),
        working=working_windows(start, end, zone_name, work_start_min, work_end_min),
        night=night_windows(start, end, zone_name, *night),
        date_changes=date_changes(start, end, zone_name),
        offset_changes=offset_changes(start, end - timedelta(seconds=1), zone_name),
        offsets=offsets_label(start, end, zone_name),
    )


def merge(intervals: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Overlapping or touching intervals joined, in order."""
    merged: list[tuple[datetime, datetime]] = []
    for lo, hi in sorted(intervals):
        if merged and lo <= merged[-1][1]:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged
