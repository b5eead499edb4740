"""The world's major business cities with their IANA zones: search as you type, name → zone.

The list is ``resources/cities.csv`` (name, country, zone, ``|``-separated alternative names).
Matching ignores case and accents and works on word prefixes of any name, so "bang" finds
Bangalore, "sao p" São Paulo and "gravenhage" The Hague. Every IANA zone can be found too:
by its full name ("Asia/Kathmandu", "asia/kath" as a prefix) or by its place ("Dili").
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from learningday.resources import resource_path
from learningday.timeutil import UTC, zone, zone_names

#: letters NFKD does not take apart
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th",
                       "ð": "d"})
_APOSTROPHES = re.compile("['’ʻ`]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
#: the areas of current IANA zone names (not the old 'US/…', 'Etc/…' and single-word aliases)
REGIONS = frozenset({"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian",
                     "Pacific"})


@dataclass(frozen=True)
class City:
    """A city (or, with ``is_zone``, a bare IANA zone) a hub can be placed in."""

    name: str
    country: str
    zone: str
    alt_names: tuple[str, ...] = ()
    is_zone: bool = False

    @property
    def label(self) -> str:
        """'Bangalore — Asia/Kolkata'; a bare zone shows just its name."""
        return self.zone if self.is_zone else f"{self.name} — {self.zone}"


def normalise(text: str) -> str:
    """Lower case, accents and punctuation gone, words single-spaced: 'Zürich' → 'zurich'."""
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(_FOLD)
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", plain)).strip()


class _Entry(NamedTuple):
    key: str  # normalised name
    starts: tuple[int, ...]  # where its words start
    name: str  # as written
    city: City
    is_alt: bool


def _entry(name: str, city: City, is_alt: bool) -> _Entry:
    key = normalise(name)
    starts = (0,) + tuple(i + 1 for i, ch in enumerate(key) if ch == " ")
    return _Entry(key, starts, name, city, is_alt)


@lru_cache(maxsize=1)
def all_cities() -> tuple[City, ...]:
    """Every city of the list, in file order (roughly: most important first within a country)."""
    with resource_path("cities.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            City(row["name"].strip(), row["country"].strip(), row["zone"].strip(),
                 tuple(a.strip() for a in (row["alt_names"] or "").split("|") if a.strip()))
            for row in csv.DictReader(handle)
        )


@lru_cache(maxsize=1)
def _city_index() -> tuple[_Entry, ...]:
    return tuple(
        _entry(name, city, k > 0)
        for city in all_cities()
        for k, name in enumerate((city.name, *city.alt_names))
    )


def _zone_place(zone_name: str) -> str:
    """'America/Argentina/Buenos_Aires' → 'Buenos Aires'; 'UTC' → 'UTC'."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


@lru_cache(maxsize=1)
def _zone_index() -> tuple[tuple[str, _Entry], ...]:
    """(case-folded zone name, entry over the zone's places) for every IANA zone."""
    found = []
    for zone_name in sorted(zone_names()):
        places = " ".join(zone_name.split("/")[1:]) or zone_name
        entry = _entry(places.replace("_", " "), City(_zone_place(zone_name), "", zone_name, is_zone=True), False)
        found.append((zone_name.casefold(), entry))
    return tuple(found)


@lru_cache(maxsize=None)
def _clock(zone_name: str) -> tuple[float, ...]:
    """The zone's UTC offsets mid-January and mid-July, 2015-2035: equal for a zone and its
    old alias, so an alias adds nothing to the list."""
    tz = zone(zone_name)
    return tuple(
        datetime(year, month, 15, 12, tzinfo=UTC).astimezone(tz).utcoffset().total_seconds()  # type: ignore[union-attr]
        for year in range(2015, 2036) for month in (1, 7)
    )


def _rank(entry: _Entry, query: str) -> int | None:
    """0: the whole name, 1: a prefix of it, 2: a prefix of a later word; None: no match."""
    if entry.key == query:
        return 0
    for start in entry.starts:
        if entry.key.startswith(query, start):
            return 1 if start == 0 else 2
    return None


def search(text: str, limit: int = 10) -> list[City]:
    """Cities whose name or alternative name has a word starting with ``text`` (accents and
    case ignored), best first; then IANA zones matching ``text`` as a zone name or place."""
    return list(_search(text, limit))


@lru_cache(maxsize=1024)
def _search(text: str, limit: int) -> tuple[City, ...]:
    raw = text.strip()
    query = normalise(raw)
    if not query or limit <= 0:
        return ()
    zone_query = raw.casefold().replace(" ", "_")
    zone_like = "/" in raw
    scored: dict[City, tuple[int, int, int]] = {}
    for order, (folded, entry) in enumerate(_zone_index()):
        if folded == zone_query:
            scored[entry.city] = (-1, 0, order)  # the exact zone name comes first
        elif zone_like and folded.startswith(zone_query):
            scored[entry.city] = (0, 0, order)
    if not zone_like:
        for order, entry in enumerate(_city_index()):
            rank = _rank(entry, query)
            if rank is not None:
                score = (rank, int(entry.is_alt), order)
                if entry.city not in scored or score < scored[entry.city]:
                    scored[entry.city] = score
        # then zones by place, skipping old names of a clock already offered ('Asia/Saigon')
        covered = {_clock(city.zone) for city in scored}
        for order, (_, entry) in enumerate(_zone_index()):
            if entry.city.zone.split("/")[0] not in REGIONS or _rank(entry, query) is None:
                continue
            if _clock(entry.city.zone) not in covered:
                covered.add(_clock(entry.city.zone))
                scored.setdefault(entry.city, (_rank(entry, query) + 3, 0, order))
    return tuple(sorted(scored, key=scored.__getitem__)[:limit])


def resolve(text: str) -> tuple[str, str] | None:
    """(hub name, zone) for a city, one of its alternative names, or an IANA zone; the name is
    the one that matched as the list writes it ('bengaluru' → ('Bengaluru', 'Asia/Kolkata'))."""
    raw = text.strip()
    if not raw:
        return None
    if raw in zone_names():
        return _zone_place(raw), raw
    folded = raw.casefold().replace(" ", "_")
    query = normalise(raw)
    for entry in _city_index():
        if entry.key == query:
            return entry.name, entry.city.zone
    places = []
    for zone_folded, entry in _zone_index():
        if zone_folded == folded:
            return entry.city.name, entry.city.zone
        if normalise(entry.city.name) == query:
            places.append(entry.city)
    if len(places) == 1:
        return places[0].name, places[0].zone
    return None


def find_zone(text: str) -> str | None:
    """The IANA zone of a city or alternative name ('Saigon'), or the zone ``text`` names."""
    found = resolve(text)
    return found[1] if found else None


def also_known_as(city: City, text: str) -> str | None:
    """The alternative name of ``city`` that ``text`` matched, if it was not the main name."""
    query = normalise(text)
    if not query or city.is_zone or _rank(_entry(city.name, city, False), query) is not None:
        return None
    return next((alt for alt in city.alt_names if _rank(_entry(alt, city, True), query) is not None), None)
