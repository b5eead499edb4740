"""What a new event is made of (hubs with working hours, venues, level labels) and how it is checked.

The wizard and ``learningday new`` both describe a new event with these specs; everything
is validated before a file is touched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from learningday.errors import InvalidInput
from learningday.setup import cities
from learningday.setup.clock import wall_to_utc
from learningday.setup.dto import VenueDraft
from learningday.setup.rules import (
    hub_problems,
    listing,
    name_key,
    parse_seats,
    parse_window,
    refuse,
    venue_problems,
)
from learningday.spreadsheet.text import checked_text
from learningday.store.framework import FRAMEWORK
from learningday.timeutil import FIRST_YEAR, LAST_YEAR, UTC, iso_datetime

DEFAULT_WORK_START = 9 * 60
DEFAULT_WORK_END = 17 * 60
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class HubSpec:
    """A hub of a new event: its label, IANA zone and working hours (local minutes)."""

    name: str
    zone: str
    work_start_min: int = DEFAULT_WORK_START
    work_end_min: int = DEFAULT_WORK_END


@dataclass(frozen=True)
class VenueSpec:
    """A venue of a new event: a room (seats) or a virtual channel, at a hub named by its name ('': none)."""

    name: str
    kind: str = "room"
    hub: str = ""
    capacity: int | None = None


@dataclass(frozen=True)
class LevelSpec:
    """The label and colour a new event gives framework level ``id``."""

    id: int
    name: str
    colour: str


def zone_of(text: str) -> str:
    """The IANA zone ``text`` names, directly or through a city of the list."""
    found = cities.find_zone(text)
    if found is None:
        raise InvalidInput(f"unknown time zone or city: {text.strip()!r} (use an IANA name such as "
                           "'Asia/Kathmandu' or a city such as 'Bangalore')")
    return found


def parse_hub(text: str) -> HubSpec:
    """A hub written 'City', 'Name=Zone-or-city' or either followed by '@09:00-17:00'."""
    place, at, hours = text.partition("@")
    start, end = parse_window(hours) if at else (DEFAULT_WORK_START, DEFAULT_WORK_END)
    name, eq, where = place.partition("=")
    if eq:
        if not name.strip():
            raise InvalidInput(f"hub {text!r} has no name before '='")
        return HubSpec(name.strip(), zone_of(where), start, end)
    found = cities.resolve(place)
    if found is None:
        zone_of(place)  # raises the readable error
        raise AssertionError(place)
    return HubSpec(found[0], found[1], start, end)


def start_in_zone(text: str, zone_name: str = "UTC") -> datetime:
    """An ISO start; without an offset it is a wall time in ``zone_name`` (a time skipped by a
    spring-forward counts from the jump, a repeated one is its first occurrence)."""
    value = iso_datetime(text)
    if value is None:
        raise InvalidInput(f"not an ISO 8601 date and time: {text!r} (e.g. 2027-03-10T09:00)")
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    return wall_to_utc(value.date(), value.hour * 60 + value.minute, zone_name) + timedelta(
        seconds=value.second, microseconds=value.microsecond)


def check_hubs(hubs: Sequence[HubSpec]) -> None:
    """At least one hub, each keeping the hub editor's rules (setup_rules.hub_problems), no two
    with the same name (case and spacing aside)."""
    if not hubs:
        raise InvalidInput("the event needs at least one hub")
    seen: set[str] = set()
    for hub in hubs:
        problems: list[str] = []
        name = hub_problems(hub.name, hub.zone, hub.work_start_min, hub.work_end_min, problems)
        if name and name.casefold() in seen:
            problems.append(f"two hubs are called {name!r}; give each hub its own name")
        seen.add(name.casefold())
        refuse(f"hub {name or hub.zone!r}", problems)


def check_levels(levels: Sequence[LevelSpec]) -> None:
    ids = [lv.id for lv in levels]
    if sorted(set(ids)) != sorted(ids) or not set(ids) <= {seed.id for seed in FRAMEWORK}:
        raise InvalidInput(f"levels must be the framework's 1-5, each once, not {ids}")
    for lv in levels:
        if not lv.name.strip():
            raise InvalidInput(f"level {lv.id} needs a label")
        if len(lv.name.strip()) > 100:
            raise InvalidInput(f"the label of level {lv.id} is longer than 100 characters")
        checked_text(lv.name.strip(), f"label of level {lv.id}")
        if not _COLOUR.match(lv.colour):
            raise InvalidInput(f"level {lv.id}: colour must look like #2E86AB, not {lv.colour!r}")


# -- venues ------------------------------------------------------------------------------------
def channels_per_hub(hubs: Sequence[HubSpec]) -> list[VenueSpec]:
    """The default virtual channel of each hub: 'Bangalore online', …"""
    return [VenueSpec(f"{hub.name.strip()} online", "virtual", hub.name.strip()) for hub in hubs]


def parse_venue(text: str, kind: str = "room") -> VenueSpec:
    """A venue written 'Name', 'Name@Hub', 'Name:40' or 'Name@Hub:40' (40 seats)."""
    place, colon, seats = text.rpartition(":") if ":" in text else (text, "", "")
    name, at, hub = place.rpartition("@") if "@" in place else (place, "", "")
    if at and not hub.strip():
        raise InvalidInput(f"venue {text!r} has no hub after '@'")
    return VenueSpec(name.strip(), kind, hub.strip(), parse_seats(seats) if colon else None)


def check_venues(venues: Sequence[VenueSpec], hubs: Sequence[HubSpec]) -> None:
    """Each venue keeps the venue editor's rules (setup.rules.venue_problems), no two share a name
    (case and spacing aside), and a venue's hub is one of ``hubs``."""
    hub_names = {name_key(h.name): h.name for h in hubs}
    seen: set[str] = set()

    def twice(name: str) -> str | None:
        return f"two venues are called {name!r}; give each venue its own name" if name_key(name) in seen else None

    for venue in venues:
        problems: list[str] = []
        clean = venue_problems(VenueDraft(venue.name, venue.kind, capacity=venue.capacity), problems,
                               name_problem=twice)
        if venue.hub.strip() and name_key(venue.hub) not in hub_names:
            problems.append(f"there is no hub called {venue.hub.strip()!r} (hubs: {listing(list(hub_names.values()))})")
        seen.add(name_key(clean.name))
        refuse(f"venue {clean.name or venue.name!r}", problems)


# -- a typed date ------------------------------------------------------------------------------
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO_DAY = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*")


def _month_of(word: str) -> int | None:
    """1-12 for a month's name or its first three letters or more ('Mar', 'sept'), else None."""
    word = word.casefold().rstrip(".")
    hits = [k for k, month in enumerate(_MONTHS, start=1) if len(word) >= 3 and month.startswith(word)]
    return hits[0] if len(hits) == 1 else None


def parse_day(text: str, shown: date) -> date:
    """A typed date: '2027-03-10', '10 Mar 2027', 'Wed 10 March 2027', 'March 10, 2027'; what is left
    out comes from ``shown`` ('10' is the 10th of the shown month, 'April' the same day in April)."""
    if (iso := _ISO_DAY.fullmatch(text)) is not None:
        year, month, day = (int(part) for part in iso.groups())
    else:
        year, month, day = shown.year, shown.month, shown.day
        numbers: list[str] = []
        named_month = False
        for word in re.findall(r"[^\W\d_]+|\d+", text):
            if word.isdigit():
                numbers.append(word)
            elif (found := _month_of(word)) is not None:
                month, named_month = found, True
            elif len(word) < 2 or not any(name.startswith(word.casefold()) for name in _WEEKDAYS):
                raise InvalidInput(f"{text.strip()!r} is not a date: {word!r} is not a month (write e.g. "
                                   "2027-03-10 or 10 Mar 2027)")
        years, days = [n for n in numbers if len(n) == 4], [n for n in numbers if len(n) <= 2]
        if (not numbers and not named_month) or len(years) > 1 or len(days) > 1 or len(years) + len(days) < len(numbers):
            raise InvalidInput(f"{text.strip()!r} is not a date (write e.g. 2027-03-10 or 10 Mar 2027; give the "
                               "month as a word: 03/10 could be March or October)")
        year, day = int(years[0]) if years else year, int(days[0]) if days else day
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(f"the year must be from {FIRST_YEAR} to {LAST_YEAR}, not {year}")
    if not 1 <= month <= 12:
        raise InvalidInput(f"{text.strip()!r} is not a date: there is no month {month}")
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"{text.strip()!r} is not a date: {_MONTHS[month - 1].title()} {year} has no day "
                           f"{day}") from None
