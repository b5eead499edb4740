"""A realistic demo event from a seed: hubs round the world, 60+ sessions, thousands of people."""

from __future__ import annotations

import random
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import insert

from learningday.demo import data
from learningday.demo.skills import write_skills
from learningday.errors import CancelCheck, InvalidInput, LearningDayError, Progress, stop_if_cancelled
from learningday.outputs import check_output, partial_name
from learningday.roster.codes import new_code
from learningday.setup.event import start_problems
from learningday.setup.rules import refuse
from learningday.store.db import open_event
from learningday.store.models import (
    Attendee,
    CheckIn,
    Event,
    Facilitator,
    Hub,
    Registration,
    Station,
    Venue,
    facilitator_levels,
    session_facilitators,
    session_hubs,
)
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC, zone

DEMO_NAME = "Global AI Learning Day (demo)"
DEFAULT_START = datetime(2027, 3, 10, 21, 0, tzinfo=UTC)
DEFAULT_ATTENDEES = 2000
MAX_ATTENDEES = 1_000_000

#: what a cancelled build says (learningday.errors.Cancelled); no file was written
DEMO_CANCELLED = "demo generation cancelled"


@dataclass(frozen=True)
class HubSpec:
    name: str
    zone: str
    weight: int
    cultures: tuple[tuple[str, int], ...]
    rooms: tuple[tuple[str, int], ...]


HUBS: tuple[HubSpec, ...] = (
    HubSpec("Sydney", "Australia/Sydney", 7, (("en", 8), ("zh", 1), ("in_latin", 1)), (("Harbour Room", 40),)),
    HubSpec("Tokyo", "Asia/Tokyo", 8, (("ja", 9), ("ko", 1)), (("Sakura Room", 60),)),
    HubSpec("Singapore", "Asia/Singapore", 8, (("zh", 5), ("en", 2), ("in_latin", 2), ("ko", 1)), (("Marina Room", 50),)),
    HubSpec("Bangalore", "Asia/Kolkata", 22, (("in_latin", 7), ("hi", 3)), (("Cubbon Hall", 150), ("Lalbagh Room", 40))),
    HubSpec("Dubai", "Asia/Dubai", 5, (("ar", 4), ("ar_latin", 3), ("in_latin", 2), ("en", 1)), (("Creek Room", 30),)),
    HubSpec("Sofia", "Europe/Sofia", 6, (("bg_ru", 9), ("en", 1)), (("Vitosha Room", 40),)),
    HubSpec("Berlin", "Europe/Berlin", 10, (("de_pl", 8), ("en", 1), ("fr", 1)), (("Spree Room", 60),)),
    HubSpec("London", "Europe/London", 12, (("en", 7), ("fr", 1), ("in_latin", 1), ("de_pl", 1)), (("Thames Room", 80),)),
    HubSpec("New York", "America/New_York", 14, (("en", 7), ("es_pt", 2), ("zh", 1)), (("Hudson Room", 80),)),
    HubSpec("São Paulo", "America/Sao_Paulo", 8, (("es_pt", 10),), (("Paulista Room", 50),)),
)
VIRTUAL_CHANNELS = ("Virtual · Channel A", "Virtual · Channel B")
FAMILY_FIRST = {"ja", "zh", "ko"}
#: local start (minutes after midnight) and duration of the room sessions in each hub's day
ROOM_SLOTS = ((9 * 60, 60), (10 * 60 + 30, 90), (13 * 60, 60), (14 * 60 + 15, 60), (15 * 60 + 30, 60))
ATTENDANCE_RATE = 0.78


def _t(target):
    """The Core table behind a mapped class (Core executemany is several times faster)."""
    return getattr(target, "__table__", target)


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _local_instants(start: datetime, end: datetime, tz: str, minute: int) -> list[datetime]:
    """Every UTC instant in [start, end) that is ``minute`` after midnight on a local date there."""
    zone_info = zone(tz)
    first = start.astimezone(zone_info).date() - timedelta(days=1)
    last = end.astimezone(zone_info).date()
    found = []
    day: date = first
    while day <= last:
        local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone_info)
        instant = local.astimezone(UTC)
        if start <= instant < end:
            found.append(instant)
        day += timedelta(days=1)
    return found


class _Builder:
    """Builds the rows of the demo event in memory, then writes them in one transaction."""

    def __init__(self, seed: int, start: datetime, attendees: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.start = start
        self.end = start + timedelta(hours=24)
        self.n_attendees = attendees
        self.sessions: list[dict] = []
        self.session_facilitators: list[dict] = []
        self.session_hubs: list[dict] = []
        self.titles = {level: list(items) for level, items in data.SESSION_CATALOGUE.items()}
        for items in self.titles.values():
            self.rng.shuffle(items)

    # -- people -------------------------------------------------------------------------
    def person(self, culture: str) -> tuple[str, str]:
        """(display name, ASCII email stem) for someone of ``culture``."""
        given, family = data.NAME_POOLS[culture]
        gi, fi = self.rng.randrange(len(given)), self.rng.randrange(len(family))
        if culture in FAMILY_FIRST:
            name = f"{family[fi]}{given[gi]}"
        else:
            name = f"{given[gi]} {family[fi]}"
        if culture in data.ROMANISED:
            rgiven, rfamily = data.ROMANISED[culture]
            stem = f"{_ascii(rgiven[gi])}.{_ascii(rfamily[fi])}"
        else:
            stem = f"{_ascii(given[gi])}.{_ascii(family[fi])}"
        return name, stem

    # -- agenda -------------------------------------------------------------------------
    def next_title(self, level: int) -> tuple[str, str, list[str]]:
        pool = self.titles[level]
        if pool:
            title, description, topics = pool.pop()
        else:
            title, description, topics = self.rng.choice(data.SESSION_CATALOGUE[level])
            title = f"{title} (encore)"
        return title, description, list(topics)

    def add_session(self, level: int, start: datetime, minutes: int, venue_id: int,
                    facilitator_id: int | None, hub_ids: list[int]) -> None:
        session_id = len(self.sessions) + 1
        title, description, topics = self.next_title(level)
        self.sessions.append({
            "id": session_id, "uid": _uid(self.rng), "title": title, "description": description,
            "level_id": level, "topics": topics, "start_utc": start, "duration_minutes": minutes,
            "venue_id": venue_id, "capacity": None,
        })
        if facilitator_id is not None:
            self.session_facilitators.append({"session_id": session_id, "facilitator_id": facilitator_id})
        self.session_hubs.extend({"session_id": session_id, "hub_id": h} for h in hub_ids)


def _in_local_hours(instant: datetime, minutes: int, tz: str, first: int, last: int) -> bool:
    """Whether [instant, instant + minutes) lies within local [first, last) minutes of one day."""
    local_start = instant.astimezone(zone(tz))
    local_end = (instant + timedelta(minutes=minutes)).astimezone(zone(tz))
    if local_start.date() != local_end.date() and local_end.time() != time(0):
        return False
    begin = local_start.hour * 60 + local_start.minute
    return begin >= first and begin + minutes <= last


def build_demo(
    out: Path,
    *,
    attendees: int = DEFAULT_ATTENDEES,
    seed: int = 1,
    start: datetime = DEFAULT_START,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> Path:
    """Write a demo event to ``out`` (a new file, or an earlier demo it replaces); Cancelled when
    ``cancel`` says stop. The builder owns the new file, so it opens (and commits) its one transaction."""
    if not 0 <= attendees <= MAX_ATTENDEES:
        raise InvalidInput(f"--attendees must be between 0 and {MAX_ATTENDEES:,}, not {attendees:,}")
    refuse("the demo event", start_problems(start))
    out = check_output(out, kind="event")  # a folder, a device, a name too long: before a replaced demo is read
    if out.exists():
        _refuse_to_replace_real_event(out)
    report = progress or (lambda _f, _m: None)
    start = start.astimezone(UTC)
    tmp = partial_name(out, "event")
    _remove_with_sidecars(tmp)
    try:
        with open_event(tmp, create=True) as event_file:
            with event_file.engine.begin() as connection:
                _write(connection, _Builder(seed, start, attendees), report, cancel)
        tmp.replace(out)
    finally:
        _remove_with_sidecars(tmp)
    report(1.0, "done")
    return out


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _refuse_to_replace_real_event(out: Path) -> None:
    from sqlalchemy import select

    try:
        with open_event(out) as existing, existing.read() as session:
            name = session.scalar(select(Event.name))
    except LearningDayError:
        name = None
    if name != DEMO_NAME:
        raise InvalidInput(f"{out} exists and is not a demo event; choose another file name")


def _write(connection, b: _Builder, report: Progress, cancel: CancelCheck | None) -> None:
    rng = b.rng
    created = b.start - timedelta(days=21)
    connection.execute(insert(_t(Event)), [{
        "uid": _uid(rng), "name": DEMO_NAME, "theme": "Follow the sun: from AI literacy to AI systems",
        "start_utc": b.start, "length_minutes": 24 * 60, "created_utc": created,
    }])

    # Hubs, venues, facilitators.
    hubs, venues, facilitators, fac_levels = [], [], [], []
    venue_rooms: dict[int, list[int]] = {}
    hub_facilitators: dict[int, list[tuple[int, set[int]]]] = {}
    for position, spec in enumerate(HUBS, start=1):
        hubs.append({"id": position, "name": spec.name, "zone": spec.zone, "work_start_min": 9 * 60,
                     "work_end_min": 17 * 60, "position": position})
        venue_rooms[position] = []
        for room, capacity in spec.rooms:
            venues.append({"id": len(venues) + 1, "name": f"{spec.name} · {room}", "kind": "room",
                           "site": f"{spec.name} office", "hub_id": position, "capacity": capacity,
                           "join_url": ""})
            venue_rooms[position].append(len(venues))
        hub_facilitators[position] = []
        for k in range(3):
            name, stem = b.person(_weighted(rng, spec.cultures))
            fid = len(facilitators) + 1
            levels = {1 + (position + k) % 5, 1 + (position + k + 2) % 5, 1 + (position + 2 * k + 1) % 5}
            facilitators.append({"id": fid, "uid": _uid(rng), "name": name, "email": f"{stem}@example.com",
                                 "zone": spec.zone, "availability": [[8 * 60, 18 * 60]]})
            fac_levels.extend({"facilitator_id": fid, "level_id": lv} for lv in sorted(levels))
            hub_facilitators[position].append((fid, levels))
    virtual_ids = []
    for channel in VIRTUAL_CHANNELS:
        venues.append({"id": len(venues) + 1, "name": channel, "kind": "virtual", "site": "", "hub_id": None,
                       "capacity": None, "join_url": f"https://meet.example.com/{_ascii(channel)}"})
        virtual_ids.append(len(venues))
    connection.execute(insert(_t(Hub)), hubs)
    connection.execute(insert(_t(Venue)), venues)
    connection.execute(insert(_t(Facilitator)), facilitators)
    connection.execute(insert(facilitator_levels), fac_levels)
    report(0.02, "hubs, venues and facilitators")

    # Room sessions: each hub gets the five levels inside its own working day.
    busy: dict[int, list[tuple[datetime, datetime]]] = {}

    def free(fid: int, start: datetime, minutes: int) -> bool:
        end = start + timedelta(minutes=minutes)
        return all(end <= s or start >= e for s, e in busy.get(fid, []))

    def pick_facilitator(candidates: list[tuple[int, set[int]]], level: int, start: datetime, minutes: int) -> int:
        ranked = [f for f, lv in candidates if level in lv and free(f, start, minutes)]
        ranked = ranked or [f for f, _ in candidates if free(f, start, minutes)] or [candidates[0][0]]
        fid = rng.choice(ranked[:2])  # share the teaching out rather than give it all to one person
        busy.setdefault(fid, []).append((start, start + timedelta(minutes=minutes)))
        return fid

    for hub_id, spec in enumerate(HUBS, start=1):
        levels = [1, 2, 3, 4, 5]
        rng.shuffle(levels)
        slot = 0
        for minute, minutes in ROOM_SLOTS:
            for instant in _local_instants(b.start, b.end, spec.zone, minute):
                if instant + timedelta(minutes=minutes) > b.end:
                    continue
                rooms = venue_rooms[hub_id]
                level = levels[slot % 5]
                fid = pick_facilitator(hub_facilitators[hub_id], level, instant, minutes)
                b.add_session(level, instant, minutes, rooms[slot % len(rooms)], fid, [hub_id])
                slot += 1

    # Virtual sessions every two hours, for the hubs whose working day they fall in.
    all_facilitators = [f for fs in hub_facilitators.values() for f in fs]
    for k in range(12):
        instant = b.start + timedelta(hours=2 * k, minutes=30)
        level = 1 + k % 5
        audience = [h for h, spec in enumerate(HUBS, start=1)
                    if _in_local_hours(instant, 60, spec.zone, 9 * 60, 17 * 60)]
        if not audience:
            audience = [h for h, spec in enumerate(HUBS, start=1)
                        if _in_local_hours(instant, 60, spec.zone, 7 * 60, 22 * 60)] or [1]
        local_team = [f for h in audience for f in hub_facilitators[h]] or all_facilitators
        fid = pick_facilitator(local_team, level, instant, 60)
        b.add_session(level, instant, 60, virtual_ids[k % len(virtual_ids)], fid, audience)
    connection.execute(insert(_t(LearningSession)), b.sessions)
    connection.execute(insert(session_facilitators), b.session_facilitators)
    connection.execute(insert(session_hubs), b.session_hubs)
    report(0.05, "agenda")
    stop_if_cancelled(cancel, DEMO_CANCELLED)

    _write_people(connection, b, venues, report, cancel)
    write_skills(connection, b.seed, b.start)


def _write_people(connection, b: _Builder, venues: list[dict], report: Progress,
                  cancel: CancelCheck | None) -> None:
    rng = b.rng
    capacity = {v["id"]: v["capacity"] for v in venues}
    venue_kind = {v["id"]: v["kind"] for v in venues}
    sessions_for_hub: dict[int, list[dict]] = {}
    for link in b.session_hubs:
        sessions_for_hub.setdefault(link["hub_id"], []).append(b.sessions[link["session_id"] - 1])
    stations = {}
    for v in venues:
        name = f"{v['name']} door" if v["kind"] == "room" else f"{v['name']} host"
        stations[v["id"]] = len(stations) + 1
        connection.execute(insert(_t(Station)), [{"id": stations[v["id"]], "uid": _uid(rng), "name": name,
                                              "created_utc": b.start - timedelta(hours=2)}])
    weights = [spec.weight for spec in HUBS]
    roles = data.ROLES
    taken: set[str] = set()
    emails: dict[str, int] = {}
    registered: dict[int, int] = {}
    chunk = 5000
    attendees, registrations, checkins = [], [], []
    created = b.start - timedelta(days=14)
    total = b.n_attendees
    for i in range(total):
        attendee_id = i + 1
        hub_id = rng.choices(range(1, len(HUBS) + 1), weights=weights)[0]
        name, stem = b.person(_weighted(rng, HUBS[hub_id - 1].cultures))
        n = emails.get(stem, 0)
        emails[stem] = n + 1
        role, department, level = rng.choice(roles)
        if rng.random() < 0.2:
            level = min(5, max(1, level + rng.choice((-1, 1))))
        attendees.append({
            "id": attendee_id, "uid": _uid(rng), "code": new_code(rng, taken), "name": name,
            "email": f"{stem}{n if n else ''}@example.com", "employee_id": f"E{1_000_000 + i * 7919 % 9_000_000:07d}",
            "department": department, "role": role, "hub_id": hub_id, "level_id": level,
            "created_utc": created + timedelta(seconds=i % 86400),
        })
        # Registrations: sessions for this hub near the person's level, never two at once.
        wanted = rng.choices((0, 1, 2, 3), weights=(10, 35, 35, 20))[0]
        options = sessions_for_hub.get(hub_id, [])
        preferred = [s for s in options if abs(s["level_id"] - level) <= 1] or options
        chosen: list[dict] = []
        for s in rng.sample(preferred, min(len(preferred), wanted + 2)):
            if len(chosen) == wanted:
                break
            end = s["start_utc"] + timedelta(minutes=s["duration_minutes"])
            if any(s["start_utc"] < c["start_utc"] + timedelta(minutes=c["duration_minutes"]) and
                   c["start_utc"] < end for c in chosen):
                continue
            chosen.append(s)
        for s in chosen:
            cap = capacity[s["venue_id"]]
            full = cap is not None and registered.get(s["id"], 0) >= cap
            status = "waitlisted" if full else "registered"
            if not full:
                registered[s["id"]] = registered.get(s["id"], 0) + 1
            registrations.append({"attendee_id": attendee_id, "session_id": s["id"], "status": status,
                                  "created_utc": created + timedelta(days=rng.randint(0, 12), minutes=rng.randint(0, 1439))})
            if status == "registered" and rng.random() < ATTENDANCE_RATE:
                room = venue_kind[s["venue_id"]] == "room"
                entry = {
                    "uid": _uid(rng), "kind": "check_in", "attendee_id": attendee_id, "session_id": s["id"],
                    "at_utc": s["start_utc"] + timedelta(seconds=rng.randint(-900, 600)),
                    "station_id": stations[s["venue_id"]], "facilitator_name": "",
                    "method": rng.choices(("scan", "search"), weights=(7, 3))[0] if room else "search",
                    "reverses_uid": None,
                }
                checkins.append(entry)
                if rng.random() < 0.01:  # a mistaken check-in, undone a minute later
                    checkins.append({**entry, "uid": _uid(rng), "kind": "undo", "method": entry["method"],
                                     "at_utc": entry["at_utc"] + timedelta(minutes=1), "reverses_uid": entry["uid"]})
        # Walk-ins: a few people turn up at a room session they never registered for.
        if not chosen and options and rng.random() < 0.03:
            s = rng.choice(options)
            checkins.append({
                "uid": _uid(rng), "kind": "walk_in", "attendee_id": attendee_id, "session_id": s["id"],
                "at_utc": s["start_utc"] + timedelta(seconds=rng.randint(0, 900)),
                "station_id": stations[s["venue_id"]], "facilitator_name": "", "method": "walk_in",
                "reverses_uid": None,
            })
        if len(attendees) >= chunk or i == total - 1:
            connection.execute(insert(_t(Attendee)), attendees)
            if registrations:
                connection.execute(insert(_t(Registration)), registrations)
            if checkins:
                connection.execute(insert(_t(CheckIn)), checkins)
            attendees, registrations, checkins = [], [], []
            report(0.05 + 0.95 * (i + 1) / total, f"{i + 1:,} of {total:,} attendees")
            stop_if_cancelled(cancel, DEMO_CANCELLED)
