"""UTC instants and the one conversion path to hub-local time (zoneinfo + tzdata)."""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from learningday.errors import InvalidInput

UTC = timezone.utc


def utc(value: datetime) -> datetime:
    """Return ``value`` as an aware UTC datetime; naive values are refused."""
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise InvalidInput(f"time without a zone: {value.isoformat()} (give it in UTC, e.g. '...Z')")
    return value.astimezone(UTC)


def parse_utc(text: str) -> datetime:
    """Parse an ISO 8601 instant; a value without an offset is taken as UTC."""
    raw = text.strip()
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InvalidInput(f"not an ISO 8601 date and time: {text!r} (e.g. 2027-03-10T20:00Z)") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


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
