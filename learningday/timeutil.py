"""UTC instants and the one conversion path to hub-local time (zoneinfo + tzdata)."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from learningday.errors import InvalidInput

UTC = timezone.utc
#: the years an event may start in; every instant the app reads lies in them (a check-in near its
#: event, a session inside it), and no date arithmetic near them can overflow
FIRST_YEAR, LAST_YEAR = 2000, 2100
_TRAILING_Z = re.compile(r"[zZ]$")


class OutOfRange(InvalidInput, ValueError):
    """A date outside the years the app keeps. A ValueError too: an import's cell parser reports it
    on its row like any value it cannot read."""


def utc(value: datetime) -> datetime:
    """Return ``value`` as an aware UTC datetime; naive values are refused."""
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise InvalidInput(f"time without a zone: {value.isoformat()} (give it in UTC, e.g. '...Z')")
    return value.astimezone(UTC)


def parse_utc(text: str) -> datetime:
    """Parse an ISO 8601 instant; a value without an offset is taken as UTC."""
    value = iso_datetime(text)
    if value is None:
        raise InvalidInput(f"not an ISO 8601 date and time: {text!r} (e.g. 2027-03-10T20:00Z)")
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def iso_datetime(text: str) -> datetime | None:
    """The one reader of a typed or stored date and time: ISO 8601 as written (aware when it names
    an offset or 'Z', else naive), None when the text is not ISO 8601. A year outside
    FIRST_YEAR..LAST_YEAR is refused (OutOfRange) before any arithmetic can overflow on it."""
    try:
        value = datetime.fromisoformat(_TRAILING_Z.sub("+00:00", text.strip()))
    except ValueError:
        return None
    check_years(value)
    return value


def check_years(value: date) -> None:
    """Refuse a date (or date and time, as written) outside the years FIRST_YEAR..LAST_YEAR."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise OutOfRange(f"{value.isoformat()} is outside the years {FIRST_YEAR}-{LAST_YEAR}")


@lru_cache(maxsize=None)
def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; an unknown name is a readable error."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"unknown time zone: {name!r} (use an IANA name such as 'Asia/Kolkata')") from None


def is_zone(name: str) -> bool:
    return name in zone_names()


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Every IANA zone name zoneinfo knows."""
    return frozenset(available_timezones())


def to_local(instant: datetime, zone_name: str) -> datetime:
    """The wall-clock time of a UTC instant in ``zone_name``."""
    return utc(instant).astimezone(zone(zone_name))


def offset_label(instant: datetime, zone_name: str) -> str:
    """'UTC+05:45' for Kathmandu, 'UTC−03:00' style with an ASCII minus for São Paulo."""
    offset = to_local(instant, zone_name).utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def iso(instant: datetime) -> str:
    """ISO 8601 with its offset, seconds precision ('2027-03-10T20:00:00+00:00')."""
    return instant.isoformat(timespec="seconds")
