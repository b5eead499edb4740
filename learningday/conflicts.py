"""Live conflicts of an agenda: pure functions over a PlanSnapshot (no database here)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from .clock import merge, night_windows, windows
from .plandata import PlanRules, PlanSnapshot, SessionSnap
from .timeutil import to_local

ERROR, WARNING = "error", "warning"
KINDS = ("outside_window", "venue_double_booked", "facilitator_double_booked", "facilitator_unavailable",
         "facilitator_night", "over_capacity", "level_overlap")


@dataclass(frozen=True)
class Conflict:
    kind: str
    severity: str
    #: uids of the sessions involved, in start order
    sessions: tuple[str, ...]
    message: str


def _utc_span(s: SessionSnap) -> str:
    return f"{s.start:%a %d %H:%M}–{s.end:%H:%M} UTC"


def _local_span(s: SessionSnap, zone_name: str) -> str:
    lo, hi = to_local(s.start, zone_name), to_local(s.end, zone_name)
    return f"{lo:%a %d %H:%M}–{hi:%H:%M} {zone_name} time"


def overlapping_pairs(sessions: Iterable[SessionSnap]) -> Iterator[tuple[SessionSnap, SessionSnap]]:
    """Every pair whose ``[start, end)`` intervals overlap, earlier one first (a sweep, not n²)."""
    active: list[SessionSnap] = []
    for s in sorted(sessions, key=lambda x: (x.start, x.id)):
        active = [a for a in active if a.end > s.start]
        for a in active:
            yield a, s
        active.append(s)


def _pairs_by_group(groups: dict, name_of) -> dict[tuple[SessionSnap, SessionSnap], list[str]]:
    """(a, b) -> names of the groups (venue, facilitator, hub) in which the two overlap."""
    found: dict[tuple[SessionSnap, SessionSnap], list[str]] = defaultdict(list)
    for key, members in groups.items():
        if len(members) > 1:
            for pair in overlapping_pairs(members):
                found[pair].append(name_of(key))
    return found


def find_conflicts(plan: PlanSnapshot, rules: PlanRules = PlanRules()) -> list[Conflict]:
    """Every conflict of the agenda, errors first, then by the start of the first session."""
    venues = {v.id: v for v in plan.venues}
    people = {f.id: f for f in plan.facilitators}
    hubs = {h.id: h for h in plan.hubs}
    all_hubs = tuple(hubs)
    found: list[tuple[datetime, Conflict]] = []

    def add(kind: str, sessions: tuple[SessionSnap, ...], message: str, severity: str = ERROR) -> None:
        found.append((sessions[0].start, Conflict(kind, severity, tuple(s.uid for s in sessions), message)))

    by_venue: dict[int, list[SessionSnap]] = defaultdict(list)
    by_person: dict[int, list[SessionSnap]] = defaultdict(list)
    by_level_hub: dict[tuple[int, int], list[SessionSnap]] = defaultdict(list)
    for s in plan.sessions:
        if s.start < plan.start or s.end > plan.end:
            add("outside_window", (s,), f"'{s.title}' ({_utc_span(s)}) is not inside the event window")
        if s.venue_id is not None:
            by_venue[s.venue_id].append(s)
            cap = venues[s.venue_id].capacity if s.venue_id in venues else None
            if cap is not None and s.registered > cap:
                add("over_capacity", (s,), f"'{s.title}' has {s.registered} registrations for "
                    f"{venues[s.venue_id].name} ({cap} seats)")
        for fid in s.facilitator_ids:
            by_person[fid].append(s)
        for hid in s.hub_ids or all_hubs:
            by_level_hub[(s.level_id, hid)].append(s)

    for (a, b), names in _pairs_by_group(by_venue, lambda vid: venues[vid].name).items():
        add("venue_double_booked", (a, b), f"{names[0]} is booked twice: '{a.title}' ({_utc_span(a)}) "
            f"and '{b.title}' ({_utc_span(b)})")
    for (a, b), names in _pairs_by_group(by_person, lambda fid: people[fid].name).items():
        add("facilitator_double_booked", (a, b), f"{' and '.join(names)} cannot teach '{a.title}' "
            f"({_utc_span(a)}) and '{b.title}' ({_utc_span(b)}) at once")
    for (a, b), names in _pairs_by_group(by_level_hub, lambda key: hubs[key[1]].name).items():
        add("level_overlap", (a, b), f"level {a.level_id} sessions '{a.title}' and '{b.title}' overlap "
            f"for {', '.join(names)}", WARNING)

    span = (plan.start - timedelta(days=1), plan.end + timedelta(days=1))  # sessions may stray outside
    for fid, sessions in by_person.items():
        person = people[fid]
        nights = night_windows(*span, person.zone, rules.night_start_min, rules.night_end_min)
        free = merge([(w.start, w.end) for a, b in person.availability for w in windows(*span, person.zone, a, b)])
        for s in sessions:
            if person.availability and not any(lo <= s.start and s.end <= hi for lo, hi in free):
                add("facilitator_unavailable", (s,), f"{person.name} is not available for '{s.title}' "
                    f"({_local_span(s, person.zone)})")
            if any(w.start < s.end and s.start < w.end for w in nights):
                add("facilitator_night", (s,), f"{person.name} would teach '{s.title}' in their night "
                    f"({_local_span(s, person.zone)})")
    found.sort(key=lambda item: (item[1].severity != ERROR, item[0], KINDS.index(item[1].kind)))
    return [conflict for _, conflict in found]
