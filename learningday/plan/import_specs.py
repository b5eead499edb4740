"""The columns an agenda import reads (sessions, facilitators, venues) and which kind a file holds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.plan.import_fields import (
    every_hub,
    local_to_utc,
    parse_availability,
    parse_capacity,
    parse_duration,
    parse_start,
    parse_url,
    parse_venue_kind,
    person_reference,
    resolve_zone,
    split_list,
    venue_reference,
)
from learningday.setup.dto import HubDTO
from learningday.setup.event import get_event, list_hubs
from learningday.setup.reference import Reference
from learningday.spreadsheet.emails import parse_email
from learningday.spreadsheet.engine import (
    HEADER_SEARCH_ROWS,
    CellProblem,
    ColumnMapping,
    Field,
    ImportRefused,
    ImportSpec,
    Issue,
    find_mapping,
    recognised,
)
from learningday.spreadsheet.sources import Source
from learningday.timeutil import UTC, iso

KINDS = ("sessions", "facilitators", "venues")
DEFAULT_DURATION = 60


@dataclass(frozen=True)
class AgendaContext:
    """What parsing an agenda row needs from the event: its window, hubs and levels."""

    ref: Reference
    hubs: tuple[HubDTO, ...]
    start: datetime
    end: datetime
    length_minutes: int

    @classmethod
    def load(cls, session: Session) -> AgendaContext:
        event = get_event(session)
        return cls(Reference.load(session), list_hubs(session), event.start_utc, event.end_utc, event.length_minutes)

    @property
    def first_zone(self) -> str | None:
        """The first hub's zone: what a facilitator created without a zone gets."""
        return self.hubs[0].zone if self.hubs else None

    def zone(self, text: str) -> str:
        return resolve_zone(text, self.hubs)

    def levels(self, text: str) -> tuple[int, ...]:
        return tuple(sorted({self.ref.level(item) for item in split_list(text)}))

    def target_hubs(self, text: str) -> TargetHubs:
        """The hubs a session is for; a hub the event lacks is left out (the import warns), but a cell
        naming no hub of the event at all is refused: no target hub would open the session to every hub."""
        if every_hub(text):
            return TargetHubs((), ())
        found: dict[int, None] = {}
        unknown: list[str] = []
        for item in split_list(text):
            hub_id = self.ref.find_hub(item)
            if hub_id is None:
                unknown.append(item)
            else:
                found[hub_id] = None
        if unknown and not found:
            if len(unknown) == 1:
                self.ref.hub(unknown[0])  # raises: what one unknown hub (or zone) is told
            raise CellProblem(self.ref.unknown_hub(tuple(unknown)))
        return TargetHubs(tuple(found), tuple(unknown))

    def hub_name(self, hub_id: int) -> str:
        return next(h.name for h in self.hubs if h.id == hub_id)


@dataclass(frozen=True)
class TargetHubs:
    """A session's target hubs as read from its cell: the event's hubs, and the names it does not hold."""

    ids: tuple[int, ...]
    unknown: tuple[str, ...]


def _people(text: str) -> tuple[tuple[str, str], ...]:
    found = []
    for item in split_list(text):
        name, email = person_reference(item)
        found.append((name, parse_email(email) if email else ""))
    return tuple(found)


def _session_times(ctx: AgendaContext) -> Callable[[dict[str, Any]], None]:
    """Give a start without a zone the row's zone (else UTC) and keep the session inside the event."""

    def check(values: dict[str, Any]) -> None:
        minutes = values.get("duration", DEFAULT_DURATION)
        if minutes > ctx.length_minutes:
            raise CellProblem(f"longer than the event ({ctx.length_minutes} minutes)", "duration")
        start = values.get("start")
        if start is None:
            return
        if start.tzinfo is None:
            start = local_to_utc(start, values["start_zone"]) if "start_zone" in values else start.replace(tzinfo=UTC)
            values["start"] = start
        end = start + timedelta(minutes=minutes)
        if start < ctx.start or end > ctx.end:
            raise CellProblem(f"{iso(start)} to {iso(end)} is not inside the event window "
                              f"({iso(ctx.start)} to {iso(ctx.end)})", "start")

    return check


def session_spec(ctx: AgendaContext) -> ImportSpec:
    return ImportSpec("sessions", (
        Field("title", "Title", ("Session", "Session title", "Session name", "Talk", "Course", "Workshop",
                                 "Name"), required=True, max_length=300),
        Field("level", "Level", ("AI level", "Skill level", "Framework level", "Lvl", "Level ID"), required=True,
              max_length=60, parse=ctx.ref.level),
        Field("duration", "Duration", ("Length", "Duration (min)", "Minutes", "Mins", "Duration minutes",
                                       "Session length"), max_length=30, parse=parse_duration),
        Field("description", "Description", ("Abstract", "Summary", "Details", "Synopsis", "Notes"),
              max_length=5000, lines=True),
        Field("topics", "Topics", ("Topic", "Tags", "Keywords", "Strand", "Strands", "Themes"), max_length=500,
              parse=split_list, holds_list=True),
        Field("facilitators", "Facilitators", ("Facilitator", "Facilitator(s)", "Trainer", "Trainers", "Speaker",
                                               "Speakers", "Presenter", "Presenters", "Instructor", "Host",
                                               "Facilitator email", "Led by"), max_length=1000, parse=_people,
              holds_list=True),
        Field("venue", "Venue", ("Room", "Channel", "Location", "Where", "Format", "Delivery", "Venue or kind"),
              max_length=100, parse=venue_reference),
        Field("hubs", "Target hubs", ("Hubs", "For hubs", "Audience", "Audience hubs", "Hub", "Offices",
                                      "Regions"), max_length=1000, parse=ctx.target_hubs, holds_list=True),
        Field("start", "Start", ("Start time", "Starts", "Begins", "When", "Date and time", "Start (UTC)",
                                 "Fixed start", "Scheduled"), max_length=80,
              parse=lambda text: parse_start(text, ctx.hubs)),
        Field("start_zone", "Time zone", ("Timezone", "Zone", "TZ", "Start zone"), max_length=64, parse=ctx.zone),
        Field("capacity", "Capacity", ("Seats", "Max attendees", "Places", "Size"), max_length=12,
              parse=parse_capacity),
    ), row_checks=(_session_times(ctx),))


def facilitator_spec(ctx: AgendaContext) -> ImportSpec:
    return ImportSpec("facilitators", (
        Field("name", "Name", ("Facilitator", "Full name", "Trainer", "Speaker", "Presenter", "Instructor",
                               "Facilitator name"), required=True, max_length=200),
        Field("email", "Email", ("E-mail", "Email address", "E-mail address", "Work email", "Mail"),
              max_length=254, parse=parse_email),
        Field("zone", "Zone", ("Time zone", "Timezone", "TZ", "Home zone", "City", "Location", "Hub", "Office",
                               "Based in"), max_length=100, parse=ctx.zone),
        Field("availability", "Availability", ("Available", "Availability (local)", "Available hours", "Hours",
                                               "Working hours"), max_length=200, parse=parse_availability,
              holds_list=True),
        Field("levels", "Levels", ("Levels taught", "Teaches levels", "Can teach", "Level", "Teaches"),
              max_length=300, parse=ctx.levels, holds_list=True),
    ))


def venue_spec(ctx: AgendaContext) -> ImportSpec:
    return ImportSpec("venues", (
        Field("name", "Name", ("Venue", "Room", "Channel", "Room name", "Venue name"), required=True,
              max_length=100),
        Field("kind", "Kind", ("Type", "Venue type", "Format", "Room or virtual"), max_length=30,
              parse=parse_venue_kind),
        Field("site", "Site", ("Building", "Location", "Campus", "Office", "Address"), max_length=100),
        Field("hub", "Hub", ("Hub name",), max_length=100, parse=ctx.ref.hub),
        Field("capacity", "Capacity", ("Seats", "Max attendees", "Places", "Size"), max_length=12,
              parse=parse_capacity),
        Field("join_url", "Join link", ("Link", "URL", "Join URL", "Meeting link", "Teams link", "Zoom link"),
              max_length=500, parse=parse_url),
    ))


SPECS: dict[str, Callable[[AgendaContext], ImportSpec]] = {
    "sessions": session_spec, "facilitators": facilitator_spec, "venues": venue_spec,
}


def agenda_spec(kind: str, ctx: AgendaContext) -> ImportSpec:
    if kind not in SPECS:
        raise InvalidInput(f"unknown kind of agenda import {kind!r} (choose {', '.join(KINDS)})")
    return SPECS[kind](ctx)


def _another_kind(spec: ImportSpec, mapping: ColumnMapping, ctx: AgendaContext) -> tuple[str, Issue] | None:
    """The kind the header fits better than ``spec``'s, and why in words, if there is one: a sessions
    sheet read as venues would change venues from its Venue and Capacity columns."""
    ours = max(len(mapping.columns), len(recognised(mapping.headers, spec)))
    for other in KINDS:
        theirs = recognised(mapping.headers, SPECS[other](ctx)) if other != spec.kind else ()
        if len(theirs) > ours:
            why = (f"{len(theirs)} of its columns are {other} columns ({', '.join(theirs)}), {ours} "
                   f"{'is a' if ours == 1 else 'are'} {spec.kind} column{'' if ours == 1 else 's'}; "
                   "choose what the file holds")
            return other, Issue(mapping.header_row, "", "", why)
    return None


def _chosen_kind(source: Source, ctx: AgendaContext, kind: str,
                 overrides: Mapping[str, str | int | None] | None) -> tuple[ImportSpec, ColumnMapping]:
    """The spec and mapping of the kind chosen by hand, refused when the header looks like another kind."""
    spec = agenda_spec(kind, ctx)
    try:
        mapping = find_mapping(source, spec, overrides)
    except ImportRefused as exc:
        for other in KINDS:  # a file of another kind: say which, beside what is missing
            try:
                found = _another_kind(spec, find_mapping(source, SPECS[other](ctx), None), ctx)
            except InvalidInput:
                continue
            if found is not None:
                raise ImportRefused(f"{exc.headline}; the header looks like {found[0]}",
                                    (*exc.issues, found[1])) from None
        raise
    found = _another_kind(spec, mapping, ctx)
    if found is not None:
        raise ImportRefused(f"the header looks like {found[0]}, not {kind}; nothing was imported", (found[1],))
    return spec, mapping


def choose_kind(source: Source, ctx: AgendaContext, kind: str | None,
                overrides: Mapping[str, str | int | None] | None) -> tuple[ImportSpec, ColumnMapping]:
    """The spec and mapping of ``kind``, or of the kind whose columns the file's header fits best."""
    if kind is not None:
        return _chosen_kind(source, ctx, kind, overrides)
    fits: list[tuple[int, str]] = []
    for candidate in KINDS:
        try:
            fits.append((len(find_mapping(source, SPECS[candidate](ctx), overrides).columns), candidate))
        except InvalidInput:  # no header of this kind, or --map names a field it does not have
            continue
    fits.sort(reverse=True)
    if not fits:
        raise ImportRefused(f"no header row of sessions (Title, Level …), facilitators (Name, Email, Zone …) or "
                            f"venues (Name, Kind, Capacity …) in the first {HEADER_SEARCH_ROWS} rows")
    if len(fits) > 1 and fits[0][0] == fits[1][0]:
        raise ImportRefused(f"the columns fit both {fits[0][1]} and {fits[1][1]}; choose what the file holds "
                            "(--kind)")
    spec = SPECS[fits[0][1]](ctx)
    return spec, find_mapping(source, spec, overrides)  # again: the winning sheet of a workbook
