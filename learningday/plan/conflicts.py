"""Live conflicts of an agenda: pure functions over a PlanSnapshot (no database here)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import NamedTuple

from learningday.plan.plandata import PlanRules, PlanSnapshot, SessionSnap
from learningday.setup.clock import local_span, merge, night_windows, windows

ERROR, WARNING = "error", "warning"
KINDS = ("outside_window", "venue_double_booked", "facilitator_double_booked", "facilitator_unavailable",
         "facilitator_night", "over_capacity", "level_overlap")


def _utc_span(s: SessionSnap) -> str:
    return f"{s.start:%a %d %H:%M}–{s.end:%H:%M} UTC"


def _local_span(s: SessionSnap, zone_name: str, day_start: datetime | None) -> str:
    """'Sun 25 00:30 BST–01:00 GMT Europe/London time': marked where the clock changed since the day began."""
    span = local_span(s.start, s.end, zone_name, day_start or s.start, start_fmt="%a %d %H:%M")
    return f"{span} {zone_name} time"


class Conflict(NamedTuple):
    """One conflict (immutable); its message is worded when asked for: a bad plan has
    thousands, a view shows a few dozen, and a tuple is several times cheaper to make than a
    frozen dataclass."""

    kind: str
    severity: str
    #: uids of the sessions involved, in start order
    sessions: tuple[str, ...]
    #: the sessions themselves and what they clash over (a venue, people, hubs, a zone)
    subjects: tuple[SessionSnap, ...]
    about: str = ""
    extra: str = ""
    #: the event's start: a local time on another offset than the zone had then carries its mark
    day_start: datetime | None = None

    @property
    def message(self) -> str:
        a, b = self.subjects[0], self.subjects[-1]
        match self.kind:
            case "outside_window":
                return f"'{a.title}' ({_utc_span(a)}) is not inside the event window"
            case "over_capacity":
                return f"'{a.title}' has {a.registered} registrations for {self.about} ({self.extra} seats)"
            case "venue_double_booked":
                return f"{self.about} is booked twice: '{a.title}' ({_utc_span(a)}) and '{b.title}' ({_utc_span(b)})"
            case "facilitator_double_booked":
                return (f"{self.about} cannot teach '{a.title}' ({_utc_span(a)}) and '{b.title}' ({_utc_span(b)})"
                        " at once")
            case "level_overlap":
                return f"level {a.level_id} sessions '{a.title}' and '{b.title}' overlap for {self.about}"
            case "facilitator_unavailable":
                when = _local_span(a, self.extra, self.day_start)
                return f"{self.about} is not available for '{a.title}' ({when})"
            case "facilitator_night":
                when = _local_span(a, self.extra, self.day_start)
                return f"{self.about} would teach '{a.title}' in their night ({when})"
        raise AssertionError(self.kind)


def overlapping_pairs(sessions: Iterable[SessionSnap]) -> Iterator[tuple[SessionSnap, SessionSnap]]:
    """Every pair whose ``[start, end)`` intervals overlap, earlier one first (a sweep, not n²)."""
    active: list[SessionSnap] = []
    for s in sorted(sessions, key=lambda x: (x.start, x.id)):
        active = [a for a in active if a.end > s.start]
        for a in active:
            yield a, s
        active.append(s)


def _pairs_by_group(groups: dict, name_of) -> list[tuple[SessionSnap, SessionSnap, list[str]]]:
    """(a, b, names of the groups - venues, facilitators, hubs - in which the two overlap)."""
    found: dict[tuple[int, int], tuple[SessionSnap, SessionSnap, list[str]]] = {}
    for key, members in groups.items():
        if len(members) > 1:
            for a, b in overlapping_pairs(members):
                entry = found.get((a.id, b.id))
                if entry is None:
                    entry = found[(a.id, b.id)] = (a, b, [])
                entry[2].append(name_of(key))
    return list(found.values())


def find_conflicts(plan: PlanSnapshot, rules: PlanRules = PlanRules()) -> list[Conflict]:
    """Every conflict of the agenda, errors first, then by the start of the first session."""
    venues = {v.id: v for v in plan.venues}
    people = {f.id: f for f in plan.facilitators}
    hubs = {h.id: h for h in plan.hubs}
    all_hubs = tuple(hubs)
    found: list[tuple[datetime, Conflict]] = []

    def add(kind: str, sessions: tuple[SessionSnap, ...], about: str = "", extra: str = "",
            severity: str = ERROR) -> None:
        uids = (sessions[0].uid,) if len(sessions) == 1 else (sessions[0].uid, sessions[1].uid)
        found.append((sessions[0].start, Conflict(kind, severity, uids, sessions, about, extra, plan.start)))

    by_venue: dict[int, list[SessionSnap]] = defaultdict(list)
    by_person: dict[int, list[SessionSnap]] = defaultdict(list)
    by_level_hub: dict[tuple[int, int], list[SessionSnap]] = defaultdict(list)
    for s in plan.sessions:
        if s.start < plan.start or s.end > plan.end:
            add("outside_window", (s,))
        if s.venue_id is not None:
            by_venue[s.venue_id].append(s)
            venue = venues.get(s.venue_id)
            if venue is not None and venue.capacity is not None and s.registered > venue.capacity:
                add("over_capacity", (s,), venue.name, str(venue.capacity))
        for fid in s.facilitator_ids:
            by_person[fid].append(s)
        for hid in s.hub_ids or all_hubs:
            by_level_hub[(s.level_id, hid)].append(s)

    for a, b, names in _pairs_by_group(by_venue, lambda vid: venues[vid].name):
        add("venue_double_booked", (a, b), names[0])
    for a, b, names in _pairs_by_group(by_person, lambda fid: people[fid].name):
        add("facilitator_double_booked", (a, b), " and ".join(names))
    for a, b, names in _pairs_by_group(by_level_hub, lambda key: hubs[key[1]].name):
        add("level_overlap", (a, b), ", ".join(names), severity=WARNING)

    span = (plan.start - timedelta(days=1), plan.end + timedelta(days=1))  # sessions may stray outside
    for fid, sessions in by_person.items():
        person = people[fid]
        nights = night_windows(*span, person.zone, rules.night_start_min, rules.night_end_min)
        free = merge([(w.start, w.end) for a, b in person.availability for w in windows(*span, person.zone, a, b)])
        for s in sessions:
            if person.availability and not any(lo <= s.start and s.end <= hi for lo, hi in free):
                add("facilitator_unavailable", (s,), person.name, person.zone)
            if any(w.start < s.end and s.start < w.end for w in nights):
                add("facilitator_night", (s,), person.name, person.zone)
    order = {kind: k for k, kind in enumerate(KINDS)}
    found.sort(key=lambda item: (item[1].severity != ERROR, item[0], order[item[1].kind]))
    return [conflict for _, conflict in found]
