"""Times and durations as meeting platforms write them: local wall-clock text read in a zone, DST said."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from learningday.timeutil import UTC, check_years, zone

_DATE_TIME = re.compile(
    r"^\s*(?:(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})"
    r"|(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y2>\d{4}))"
    r"[,T ]\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?\s*$")
_UNITS = re.compile(r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)\b", re.I)
_CLOCK = re.compile(r"^(\d+):(\d{2})(?::(\d{2}))?$")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class TimeProblem(ValueError):
    """A cell that is not a time or duration a platform writes."""


@dataclass(frozen=True)
class WallTime:
    """A local time as written: its fields, and whether the day and month could be read either way."""

    fields: tuple[int, int, int, int, int, int]  # year, first, second, hour, minute, second
    year_first: bool

    @property
    def swappable(self) -> bool:
        return not self.year_first and self.fields[1] <= 12 and self.fields[2] <= 12


#: a day's reports repeat their times and durations across files and rows: each text is read once (pure functions)
_TEXTS = 1 << 16


@lru_cache(maxsize=_TEXTS)
def read_wall_time(text: str) -> WallTime:
    """'11/5/2026, 9:01:33 AM', '2026-11-05 09:01:33', '05.11.2026 09:01' as their fields (no zone yet)."""
    found = _DATE_TIME.match(text)
    if found is None:
        raise TimeProblem(f"not a date and time: {text!r}")
    g = found.groupdict()
    hour, minute, second = int(g["H"]), int(g["M"]), int(g["S"] or 0)
    if g["ampm"]:
        if not 1 <= hour <= 12:
            raise TimeProblem(f"not a 12-hour time: {text!r}")
        hour = hour % 12 + (12 if g["ampm"][0] in "pP" else 0)
    if g["y1"]:
        return WallTime((int(g["y1"]), int(g["m1"]), int(g["d1"]), hour, minute, second), True)
    return WallTime((int(g["y2"]), int(g["a"]), int(g["b"]), hour, minute, second), False)


def month_first(values: list[WallTime], *, us_style: bool) -> bool:
    """Whether 'a/b/yyyy' dates of one file are month/day: a field above 12 decides; else ``us_style``
    (the file writes AM/PM, as en-US does)."""
    others = [v for v in values if not v.year_first]
    if any(v.fields[1] > 12 for v in others):
        return False
    if any(v.fields[2] > 12 for v in others):
        return True
    return us_style


def naive(value: WallTime, *, month_first_order: bool) -> datetime:
    year, a, b, hour, minute, second = value.fields
    month, day = (a, b) if value.year_first or month_first_order else (b, a)
    try:
        result = datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise TimeProblem(f"not a date and time: {exc}") from None
    check_years(result)
    return result


@lru_cache(maxsize=_TEXTS)
def local_readings(wall: datetime, zone_name: str) -> tuple[datetime, ...]:
    """The UTC instants a wall-clock time in ``zone_name`` can mean: one; two in the hour the clocks go
    back (ambiguous); none in the hour they skip (missing)."""
    tz: ZoneInfo = zone(zone_name)
    readings = []
    for fold in (0, 1):
        instant = wall.replace(tzinfo=tz, fold=fold).astimezone(UTC)
        if instant.astimezone(tz).replace(tzinfo=None) == wall and instant not in readings:
            readings.append(instant)
    return tuple(readings)


def to_utc(wall: datetime, zone_name: str, distance=None, *,  # noqa: ANN001 - instant -> timedelta
           after: datetime | None = None) -> tuple[datetime, str | None]:
    """``wall`` in ``zone_name`` as a UTC instant, and a note when DST made it ambiguous or missing.

    Ambiguous: of the readings not before ``after`` (a leave is not before its join), the one ``distance``
    puts nearest (the session's time), else the earlier. Missing: read with the offset before the change
    (what the clock would have said had it not jumped), as zoneinfo does."""
    readings = local_readings(wall, zone_name)
    if len(readings) == 1:
        return readings[0], None
    if readings:
        readings = tuple(r for r in readings if after is None or r >= after) or readings
        chosen = min(readings, key=distance) if distance is not None else readings[0]
        return chosen, f"{wall:%Y-%m-%d %H:%M:%S} is ambiguous in {zone_name} (the clocks went back)"
    instant = wall.replace(tzinfo=zone(zone_name), fold=0).astimezone(UTC)
    return instant, f"{wall:%Y-%m-%d %H:%M:%S} does not exist in {zone_name} (the clocks went forward)"


@lru_cache(maxsize=_TEXTS)
def read_duration(text: str, *, bare_unit: str = "minutes") -> timedelta:
    """'1h 2m 3s', '62' (a bare number in ``bare_unit``: minutes or seconds), '01:02:03' or '62:03' (m:s)."""
    text = text.strip()
    if not text:
        raise TimeProblem("no duration")
    if _NUMBER.fullmatch(text):
        return timedelta(**{bare_unit: float(text)})
    if (clock := _CLOCK.match(text)) is not None:
        first, second, third = clock.groups()
        if third is None:
            return timedelta(minutes=int(first), seconds=int(second))
        return timedelta(hours=int(first), minutes=int(second), seconds=int(third))
    parts = _UNITS.findall(text)
    if not parts or _UNITS.sub("", text).strip(" ,"):
        raise TimeProblem(f"not a duration: {text!r}")
    total = timedelta()
    for amount, unit in parts:
        key = {"h": "hours", "m": "minutes", "s": "seconds"}[unit[0].lower()]
        total += timedelta(**{key: float(amount)})
    return total
