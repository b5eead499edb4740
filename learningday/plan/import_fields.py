"""Cell parsers of the agenda import: durations, availability, zones, starts, lists and venue kinds.

Every parser takes the trimmed text of one cell and returns a value, or raises CellProblem
(a ValueError) with words a user can act on; the import engine turns that into a row issue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from learningday.errors import InvalidInput
from learningday.setup.clock import wall_to_utc
from learningday.setup.facilitators import availability_windows
from learningday.setup.rules import DAY, NameIndex, name_key, parse_clock, parse_seats, tidy
from learningday.spreadsheet.engine import CellProblem
from learningday.timeutil import UTC, check_years, is_zone, iso_datetime

MAX_DURATION_MINUTES = 72 * 60
_SPLIT = re.compile(r"\s*[;,\n]\s*")
_MINUTES = re.compile(r"(\d+)\s*(?:m|min|mins|minute|minutes)?\.?", re.IGNORECASE)
_HOURS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hour|hours)\.?", re.IGNORECASE)
_HOURS_MINUTES = re.compile(r"(\d+)\s*(?:h|hr|hrs|hours?)\s*(\d{1,2})\s*(?:m|min|mins|minutes?)?\.?", re.IGNORECASE)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::00)?")
#: a spreadsheet time cell (a fraction of a day) as xlsx_read shows it: 1899-12-30 01:30
_EXCEL_TIME = re.compile(r"1899-12-3[01] (\d{2}):(\d{2})")
_WINDOW_SEPARATOR = re.compile(r"\s*(?:-|–|—|to|until)\s*", re.IGNORECASE)
_LOCAL_START = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(.*)")
_NAMED_EMAIL = re.compile(r"(.*?)\s*<\s*([^<>\s]+@[^<>\s]+)\s*>")
_EVERY_HUB = {"all", "all hubs", "every hub", "everyone", "global", "*"}

#: words that say what kind of venue a session wants rather than naming one
VENUE_KINDS = {
    "virtual": "virtual", "online": "virtual", "remote": "virtual", "video": "virtual", "video call": "virtual",
    "virtual channel": "virtual", "room": "room", "in person": "room", "in-person": "room", "onsite": "room",
    "on-site": "room", "on site": "room", "physical": "room", "classroom": "room", "face to face": "room",
}
#: a venue created by name is virtual when its name says so, else a room
_VIRTUAL_NAME = re.compile(r"virtual|online|zoom|teams|meet|webex|channel|remote|stream", re.IGNORECASE)


def split_list(text: str) -> tuple[str, ...]:
    """'a; b, c' -> ('a', 'b', 'c'), empty items dropped, order and first spelling kept."""
    seen: dict[str, str] = {}
    for item in _SPLIT.split(text):
        if item.strip():
            seen.setdefault(name_key(item), item.strip())
    return tuple(seen.values())


def parse_duration(text: str) -> int:
    """'90', '90 min', '1h30', '1h 30m', '1:30', '2h', '1.5 h' -> minutes."""
    raw = text.strip()
    minutes: float | None = None
    if m := _MINUTES.fullmatch(raw):
        minutes = int(m[1])
    elif m := _HOURS_MINUTES.fullmatch(raw):
        minutes = int(m[1]) * 60 + int(m[2])
    elif m := _HOURS.fullmatch(raw):
        minutes = float(m[1].replace(",", ".")) * 60
    elif m := _CLOCK.fullmatch(raw) or _EXCEL_TIME.fullmatch(raw):
        minutes = int(m[1]) * 60 + int(m[2])
    if minutes is None:
        raise CellProblem("not a duration: write minutes (90), hours (2h) or both (1h30, 1:30)")
    if not float(minutes).is_integer():
        raise CellProblem("a duration is a whole number of minutes")
    if not 0 < minutes <= MAX_DURATION_MINUTES:
        raise CellProblem(f"a duration is between 1 minute and {MAX_DURATION_MINUTES // 60} hours")
    return int(minutes)


def _minute(hours: str, minutes: str | None, *, end: bool) -> int:
    h, m = int(hours), int(minutes or 0)
    if m > 59 or h > 24 or (h == 24 and (m or not end)):
        raise CellProblem(f"{hours}:{minutes or '00'} is not a time of day")
    return h * 60 + m


def parse_availability(text: str) -> list[list[int]]:
    """'09:00-17:00' or '08:00-12:00; 13:00-17:00' (local wall clock) -> [[540, 1020], ...].

    The model's format as the facilitator editor keeps it (Facilitator.availability): minutes after
    local midnight, applied on every local date, sorted, none overlapping; a window past midnight
    (22:00-02:00) is kept as its two parts, 00:00-02:00 and 22:00-24:00 (the conflict check joins
    touching windows). Each end is read by setup_rules.parse_clock, as the editors read times.
    """
    windows: list[tuple[int, int]] = []
    for piece in split_list(text):
        ends = _WINDOW_SEPARATOR.split(piece)
        if len(ends) != 2:
            raise CellProblem(f"{piece!r} is not a time window: write 09:00-17:00, several separated by ';'")
        try:
            start, end = parse_clock(ends[0]), parse_clock(ends[1])
        except InvalidInput as exc:
            raise CellProblem(exc.message) from None
        if start == DAY:
            raise CellProblem(f"{piece!r} starts at 24:00: write 00:00")
        if start == end % DAY:
            raise CellProblem(f"{piece!r} starts and ends at the same time")
        windows += [(start, end)] if start < end else [(start, DAY), (0, end)] if end else [(start, DAY)]
    problems: list[str] = []
    clean = availability_windows(tuple(windows), problems)
    if problems:
        raise CellProblem("; ".join(problems))
    return [list(window) for window in clean]


def _hub_zones(hubs: Mapping[str, str] | Iterable[Any]) -> NameIndex[str]:
    pairs = hubs.items() if isinstance(hubs, Mapping) else ((h.name, h.zone) for h in hubs)
    return NameIndex(pairs)


def _city_zone(text: str) -> str | None:
    """learningday.setup.cities.find_zone: imported here so that a test can take the city list away."""
    try:
        from learningday.setup.cities import find_zone
    except ImportError:
        return None
    return find_zone(text)


def resolve_zone(text: str, hubs: Mapping[str, str] | Iterable[Any] = ()) -> str:
    """The IANA zone ``text`` means: an IANA name, a hub of the event, or a known city or zone
    (any case: cities.find_zone).

    ``hubs``: a mapping hub name -> zone, or objects with ``name`` and ``zone`` (HubDTO).
    The one path every zone typed into an import goes through.
    """
    raw = tidy(text)
    if not raw:
        raise CellProblem("no time zone given")
    found = raw if is_zone(raw) else _hub_zones(hubs).get(raw) or _city_zone(raw)
    if found is None:
        raise CellProblem("unknown time zone: give an IANA zone (Asia/Kolkata), a hub of the event or a known city")
    return found


def parse_start(text: str, hubs: Mapping[str, str] | Iterable[Any] = ()) -> datetime:
    """'2027-03-10T09:00Z', ISO with an offset, or '2027-03-10 09:00 Asia/Kolkata' / '… Bangalore'.

    Returns an aware UTC instant, or a naive datetime when the text names no zone: the caller
    applies the row's zone column, else UTC. A wall time in a DST gap or fold follows clock.wall_to_utc.
    """
    raw = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise CellProblem("a start needs a time of day as well as the date (2027-03-10 09:00 Asia/Kolkata)")
    value = iso_datetime(raw)  # the one date reader: a year out of range is this cell's problem
    if value is not None:
        return value.astimezone(UTC) if value.tzinfo is not None else value
    m = _LOCAL_START.fullmatch(raw)
    if m is None:
        raise CellProblem("not a start time: write 2027-03-10 09:00 with a zone or hub (Asia/Kolkata, Bangalore) "
                          "or an ISO time with an offset (2027-03-10T09:00Z)")
    try:
        day = date.fromisoformat(m[1])
    except ValueError:
        raise CellProblem(f"{m[1]} is not a date") from None
    check_years(day)
    minute = _minute(m[2], m[3], end=False)
    if not m[5]:
        return datetime.combine(day, datetime.min.time()).replace(hour=minute // 60, minute=minute % 60)
    return wall_to_utc(day, minute, resolve_zone(m[5], hubs))


def local_to_utc(naive: datetime, zone_name: str) -> datetime:
    """A naive wall time in ``zone_name`` as a UTC instant (gap and fold as clock.wall_to_utc)."""
    return wall_to_utc(naive.date(), naive.hour * 60 + naive.minute, zone_name)


def parse_capacity(text: str) -> int:
    try:
        return parse_seats(text)
    except InvalidInput as exc:
        raise CellProblem(exc.message) from None


def parse_venue_kind(text: str) -> str:
    kind = VENUE_KINDS.get(name_key(text))
    if kind is None:
        raise CellProblem("a venue is a 'room' or 'virtual'")
    return kind


def venue_reference(text: str) -> tuple[str, str]:
    """A session's venue cell: ('kind', 'virtual'|'room') for a kind word, else ('name', the name)."""
    kind = VENUE_KINDS.get(name_key(text))
    return ("kind", kind) if kind else ("name", tidy(text))


def kind_from_name(name: str) -> str:
    """The kind of a venue created from a session's reference: virtual when the name says so."""
    return "virtual" if _VIRTUAL_NAME.search(name) else "room"


def parse_url(text: str) -> str:
    """A join link; 'www.…' gets https:// (the venue editor keeps only http(s) addresses)."""
    if not re.fullmatch(r"(https?://|www\.)\S+", text, re.IGNORECASE):
        raise CellProblem("a join link starts with https:// (or www.)")
    return text if "://" in text else "https://" + text


def person_reference(text: str) -> tuple[str, str]:
    """'Name', 'someone@example.com' or 'Name <someone@example.com>' -> (name, email); either may be ''."""
    m = _NAMED_EMAIL.fullmatch(text)
    if m:
        return tidy(m[1]).strip('"'), m[2]
    if "@" in text and " " not in text.strip():
        return "", text.strip()
    return tidy(text), ""


def name_from_email(email: str) -> str:
    """'priya.raman@example.com' -> 'Priya Raman': a readable name for a facilitator known by email only."""
    local = email.partition("@")[0]
    words = [w for w in re.split(r"[._+-]+", local) if w]
    return " ".join(w[:1].upper() + w[1:] for w in words) or email


def every_hub(text: str) -> bool:
    """'all', 'every hub' …: a session open to every hub (no target hubs)."""
    return name_key(text) in _EVERY_HUB
