"""CLI for event setup: `hub`, `venue`, `facilitator` add|edit|remove, `event-props`, and the lists."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from learningday.errors import InvalidInput
from ui.cli.base import command, emit_json

NONE_WORDS = ("", "none", "-")


def is_none(texts: str | list[str]) -> bool:
    """An option (or a repeated option given once) that says "none": it clears the field."""
    items = [texts] if isinstance(texts, str) else texts
    return len(items) == 1 and items[0].strip().lower() in NONE_WORDS


# -- shared pieces ----------------------------------------------------------------------------
def _event_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")


def _actions(p: argparse.ArgumentParser, what: str, add: Callable, edit: Callable) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, help_text, options in (("add", f"add a {what}", add), ("edit", f"change a {what}", edit),
                                     ("remove", f"remove a {what}", None)):
        sub = actions.add_parser(name, help=help_text, description=help_text)
        _event_arg(sub)
        sub.add_argument("name", metavar="NAME", help=f"the {what}'s name" + (" (any case)" if name != "add" else ""))
        if options is not None:
            options(sub)
        else:
            sub.add_argument("--force", action="store_true",
                             help=f"remove it even when other rows refer to it (they lose the {what})")


def _find(drafts: dict[int, Any], name: str, what: str) -> int:
    from learningday.setup.rules import name_key

    key = name_key(name)
    for ident, draft in drafts.items():
        if name_key(draft.name) == key:
            return ident
    known = ", ".join(d.name for d in drafts.values()) or "none"
    raise InvalidInput(f"there is no {what} called {name!r} ({what}s: {known})")


def optional_int(text: str | None, option: str, current: int | None) -> int | None:
    if text is None:
        return current
    if text.strip().lower() in NONE_WORDS:
        return None
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"{option}: not a whole number: {text!r}") from None


def _hub_id(session, name: str | None, current: int | None) -> int | None:
    from learningday.setup.services import hub_drafts

    if name is None:
        return current
    if name.strip().lower() in NONE_WORDS:
        return None
    return _find(hub_drafts(session), name, "hub")


def _change(args: argparse.Namespace, work: Callable[[Any], str]) -> int:
    """Run ``work(session)`` in one write transaction and print what it says."""
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.write() as session:
        message = work(session)
    print(message)
    return 0


def _save(session, what: str, ident: int | None, draft: Any, add: Callable, edit: Callable,
          drafts: Callable, line: Callable) -> str:
    """Add ``draft`` (``ident`` None) or write it over row ``ident``; say what the row is now."""
    verb = "added" if ident is None else "changed"
    if ident is None:
        ident = add(session, draft)
    else:
        edit(session, ident, draft)
    return f"{verb} {what} " + line(drafts(session)[ident])


def _new_name(args: argparse.Namespace, current: str) -> str:
    """--name on edit renames; add has no such option."""
    return args.new_name if getattr(args, "new_name", None) is not None else current


def _removal(args: argparse.Namespace, what: str, drafts: Callable, usage: Callable, remove: Callable) -> int:
    from learningday.setup.services import usage_words

    def work(session) -> str:
        rows = drafts(session)
        ident = _find(rows, args.name, what)
        used, name = usage(session, ident), rows[ident].name
        if not used.empty and not args.force:
            raise InvalidInput(f"{what} {name!r} is in use: {usage_words(f'{what} {name!r}', used)}; "
                               "add --force to remove it anyway")
        remove(session, ident, detach=args.force)
        return f"removed {what} {name!r}" + (f" ({usage_words(f'{what} {name!r}', used)})" if not used.empty else "")

    return _change(args, work)


# -- hubs ---------------------------------------------------------------------------------------
def _hub_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    if not adding:
        p.add_argument("--name", dest="new_name", metavar="NEW", help="rename the hub")
    p.add_argument("--zone", required=adding, metavar="IANA", help="time zone, e.g. Asia/Kolkata")
    p.add_argument("--hours", metavar="HH:MM-HH:MM", help="local working hours (default 09:00-17:00)")
    p.add_argument("--position", type=int, metavar="N", help="order of the hub's ruler (default: last)")


def _hub_line(draft) -> str:
    from learningday.setup.services import format_window

    return f"{draft.name} ({draft.zone}, working {format_window(draft.work_start_min, draft.work_end_min)})"


@command("hub", "add, change or remove a hub (an office's time zone and working hours)")(
    lambda p: _actions(p, "hub", lambda s: _hub_options(s, adding=True), lambda s: _hub_options(s, adding=False)))
def cmd_hub(args: argparse.Namespace) -> int:
    from learningday.setup import services as setup
    from learningday.setup.dto import HubDraft

    if args.action == "remove":
        return _removal(args, "hub", setup.hub_drafts, setup.hub_usage, setup.remove_hub)
    hours = setup.parse_window(args.hours) if args.hours else None

    def work(session) -> str:
        drafts = setup.hub_drafts(session)
        hub_id = None if args.action == "add" else _find(drafts, args.name, "hub")
        base = HubDraft(args.name, "") if hub_id is None else drafts[hub_id]
        start, end = hours or (base.work_start_min, base.work_end_min)
        draft = HubDraft(_new_name(args, base.name), args.zone or base.zone, start, end,
                         args.position if args.position is not None else base.position)
        return _save(session, "hub", hub_id, draft, setup.add_hub, setup.edit_hub, setup.hub_drafts, _hub_line)

    return _change(args, work)


# -- venues -------------------------------------------------------------------------------------
def _venue_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    if not adding:
        p.add_argument("--name", dest="new_name", metavar="NEW", help="rename the venue")
    p.add_argument("--kind", choices=("room", "virtual"), help="a room at a site (default) or a virtual channel")
    p.add_argument("--site", metavar="TEXT", help="where the room is (rooms only)")
    p.add_argument("--capacity", metavar="N", help="seats (none: no limit)")
    p.add_argument("--hub", metavar="NAME", help="the hub it belongs to (none: no hub)")
    p.add_argument("--link", metavar="URL", help="join link, http(s) (virtual channels)")


def _venue_line(draft) -> str:
    where = draft.site if draft.kind == "room" else draft.join_url
    seats = f", {draft.capacity} seats" if draft.capacity else ""
    return f"{draft.name} ({draft.kind}{', ' + where if where else ''}{seats})"


@command("venue", "add, change or remove a venue (a room at a site or a virtual channel)")(
    lambda p: _actions(p, "venue", lambda s: _venue_options(s, adding=True),
                       lambda s: _venue_options(s, adding=False)))
def cmd_venue(args: argparse.Namespace) -> int:
    from learningday.setup import services as setup
    from learningday.setup.dto import VenueDraft

    if args.action == "remove":
        return _removal(args, "venue", setup.venue_drafts, setup.venue_usage, setup.remove_venue)

    def work(session) -> str:
        drafts = setup.venue_drafts(session)
        venue_id = None if args.action == "add" else _find(drafts, args.name, "venue")
        base = VenueDraft(args.name) if venue_id is None else drafts[venue_id]
        draft = VenueDraft(
            _new_name(args, base.name),
            args.kind or base.kind,
            args.site if args.site is not None else base.site,
            optional_int(args.capacity, "--capacity", base.capacity),
            _hub_id(session, args.hub, base.hub_id),
            args.link if args.link is not None else base.join_url,
        )
        return _save(session, "venue", venue_id, draft, setup.add_venue, setup.edit_venue, setup.venue_drafts,
                     _venue_line)

    return _change(args, work)


# -- facilitators -------------------------------------------------------------------------------
def _facilitator_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    if not adding:
        p.add_argument("--name", dest="new_name", metavar="NEW", help="rename the facilitator")
    p.add_argument("--email", metavar="ADDRESS", help="email address (none: no address)")
    p.add_argument("--zone", metavar="IANA", help="home time zone (default UTC)")
    p.add_argument("--available", action="append", metavar="HH:MM-HH:MM",
                   help="a window of THEIR local day; repeat for several; 'none': not stated (any time)")
    p.add_argument("--levels", metavar="N,N", help="levels they can teach, e.g. 1,2,3 (none: no level)")


def _levels(text: str | None, current: tuple[int, ...]) -> tuple[int, ...]:
    if text is None:
        return current
    if text.strip().lower() in NONE_WORDS:
        return ()
    try:
        return tuple(int(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        raise InvalidInput(f"--levels: not a list of level numbers like 1,2,3: {text!r}") from None


def _availability(texts: list[str] | None, current: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    from learningday.setup.services import parse_window

    if texts is None:
        return current
    if [t.strip().lower() for t in texts] in (["none"], ["any"]):
        return ()
    return tuple(parse_window(window) for text in texts for window in text.split(",") if window.strip())


def _facilitator_line(draft) -> str:
    from learningday.setup.services import format_window

    hours = ", ".join(format_window(a, b) for a, b in draft.availability) or "any time"
    levels = ",".join(map(str, draft.level_ids)) or "none"
    return f"{draft.name} <{draft.email or 'no email'}> ({draft.zone}, available {hours} local, levels {levels})"


@command("facilitator", "add, change or remove a facilitator (home zone, availability, levels)")(
    lambda p: _actions(p, "facilitator", lambda s: _facilitator_options(s, adding=True),
                       lambda s: _facilitator_options(s, adding=False)))
def cmd_facilitator(args: argparse.Namespace) -> int:
    from learningday.setup import services as setup
    from learningday.setup.dto import FacilitatorDraft

    if args.action == "remove":
        return _removal(args, "facilitator", setup.facilitator_drafts, setup.facilitator_usage,
                        setup.remove_facilitator)
    available = _availability(args.available, ())  # parsed before the file is opened

    def work(session) -> str:
        drafts = setup.facilitator_drafts(session)
        fid = None if args.action == "add" else _find(drafts, args.name, "facilitator")
        base = FacilitatorDraft(args.name) if fid is None else drafts[fid]
        email = base.email if args.email is None else ("" if args.email.strip().lower() in NONE_WORDS else args.email)
        draft = replace(base, name=_new_name(args, base.name),
                        email=email, zone=args.zone or base.zone,
                        availability=base.availability if args.available is None else available,
                        level_ids=_levels(args.levels, base.level_ids))
        return _save(session, "facilitator", fid, draft, setup.add_facilitator, setup.edit_facilitator,
                     setup.facilitator_drafts, _facilitator_line)

    return _change(args, work)


# -- event properties ---------------------------------------------------------------------------
def _configure_props(p: argparse.ArgumentParser) -> None:
    _event_arg(p)
    p.add_argument("--name", help="the event's name")
    p.add_argument("--theme", help="the theme line")
    p.add_argument("--start", metavar="ISO", help="start instant, e.g. 2027-03-10T21:00Z (no offset: UTC)")
    p.add_argument("--hours", type=float, metavar="H", help="length in hours (1 to 72)")
    p.add_argument("--door-policy", metavar="POLICY", help="who the door admits: open, registered-first, registered-only")
    p.add_argument("--kiosk-strict", choices=("yes", "no"), help="the kiosk asks for the badge code's last 3 characters")
    p.add_argument("--json", action="store_true", help="print the properties (after any change) as JSON")


@command("event-props", "show or change the event's name, theme, start and length")(_configure_props)
def cmd_event_props(args: argparse.Namespace) -> int:
    import sys

    from learningday.setup.services import edit_event, event_props, sessions_outside
    from learningday.store.db import open_event
    from learningday.timeutil import iso, parse_utc

    start = parse_utc(args.start) if args.start is not None else None
    minutes = round(args.hours * 60) if args.hours is not None else None
    strict = None if args.kiosk_strict is None else args.kiosk_strict == "yes"
    changing = any(v is not None for v in (args.name, args.theme, start, minutes, args.door_policy, strict))
    with open_event(args.event) as event_file, (event_file.write() if changing else event_file.read()) as session:
        props = event_props(session)
        new = replace(props, name=props.name if args.name is None else args.name,
                      theme=props.theme if args.theme is None else args.theme,
                      start_utc=props.start_utc if start is None else start,
                      length_minutes=props.length_minutes if minutes is None else minutes,
                      door_policy=props.door_policy if args.door_policy is None else args.door_policy,
                      kiosk_strict=props.kiosk_strict if strict is None else strict)
        outside = sessions_outside(session, new) if changing else ()
        if changing:
            edit_event(session, new)
            props = event_props(session)
    if outside:
        print(f"{len(outside)} sessions now lie outside the event window: " + ", ".join(outside), file=sys.stderr)
    door = (props.door_policy, props.kiosk_strict) != ("registered_first", False)  # the defaults say nothing
    if args.json:
        emit_json({"name": props.name, "theme": props.theme, "start_utc": iso(props.start_utc),
                   "length_minutes": props.length_minutes, "sessions_outside": list(outside),
                   **({"door_policy": props.door_policy, "kiosk_strict": props.kiosk_strict} if door else {})})
    else:
        print(f"{props.name}" + (f" — {props.theme}" if props.theme else ""))
        print(f"  starts {iso(props.start_utc)}, lasts {props.length_minutes / 60:g} h")
        if door:
            print(f"  door: {props.door_policy.replace('_', '-')}" + (", strict kiosk" if props.kiosk_strict else ""))
    return 0


# -- lists --------------------------------------------------------------------------------------
def _configure_list(p: argparse.ArgumentParser) -> None:
    _event_arg(p)
    p.add_argument("--json", action="store_true", help="print a JSON list")


def _list(args: argparse.Namespace, read: Callable, as_dict: Callable, line: Callable) -> int:
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.read() as session:
        rows = read(session)
    if args.json:
        emit_json([as_dict(ident, draft) for ident, draft in rows.items()])
    else:
        for draft in rows.values():
            print(line(draft))
    return 0


@command("hubs", "list the hubs with their zones, offsets and working hours")(_configure_list)
def cmd_hubs(args: argparse.Namespace) -> int:
    from learningday.setup.event import get_event
    from learningday.setup.services import hhmm, hub_drafts
    from learningday.timeutil import offset_label

    start = []

    def read(session):
        start.append(get_event(session).start_utc)
        return hub_drafts(session)

    return _list(args, read, lambda i, d: {
        "id": i, "name": d.name, "zone": d.zone, "offset_at_start": offset_label(start[0], d.zone),
        "working_hours": f"{hhmm(d.work_start_min)}-{hhmm(d.work_end_min)}", "position": d.position,
    }, lambda d: f"{_hub_line(d)}  {offset_label(start[0], d.zone)}")


@command("venues", "list the rooms and virtual channels")(_configure_list)
def cmd_venues(args: argparse.Namespace) -> int:
    from learningday.setup.services import hub_drafts, venue_drafts

    hubs: dict[int, str] = {}

    def read(session):
        hubs.update((i, d.name) for i, d in hub_drafts(session).items())
        return venue_drafts(session)

    return _list(args, read, lambda i, d: {
        "id": i, "name": d.name, "kind": d.kind, "site": d.site, "capacity": d.capacity,
        "hub": hubs.get(d.hub_id), "join_url": d.join_url,
    }, _venue_line)


@command("facilitators", "list the facilitators with their zones, availability and levels")(_configure_list)
def cmd_facilitators(args: argparse.Namespace) -> int:
    from learningday.setup.services import facilitator_drafts, hhmm

    return _list(args, facilitator_drafts, lambda i, d: {
        "id": i, "name": d.name, "email": d.email, "zone": d.zone,
        "availability": [f"{hhmm(a)}-{hhmm(b)}" for a, b in d.availability], "levels": list(d.level_ids),
    }, _facilitator_line)
