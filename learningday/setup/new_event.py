"""What a new event is made of (hubs with working hours, level labels) and how it is checked.

The wizard and ``learningday new`` both describe a new event with these specs; everything
is validated before a file is touched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from learningday.errors import InvalidInput
from learningday.setup import cities
from learningday.setup.clock import wall_to_utc
from learningday.setup.rules import hub_problems, parse_window, refuse
from learningday.spreadsheet.text import checked_text
from learningday.store.framework import FRAMEWORK
from learningday.timeutil import UTC, iso_datetime

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
