"""CLI for the agenda's sessions: `session add|edit|move|delete`, through the services the Plan workspace calls."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from learningday.errors import InvalidInput
from ui.cli.base import command, emit_json
from ui.cli.setup_edit import is_none, optional_int


# -- the options ----------------------------------------------------------------------------------
def _target(p: argparse.ArgumentParser, *, adding: bool = False) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    if adding:
        p.add_argument("title", metavar="TITLE", help="the session's title")
    else:
        p.add_argument("session", metavar="SESSION", help="the session: its uid or its title (any case)")
    p.add_argument("--json", action="store_true", help="print the session after the change as JSON")


def _when(p: argparse.ArgumentParser, *, planning: bool = False) -> None:
    p.add_argument("--start", metavar="WHEN", help="e.g. '2027-03-10 09:00' (read in --zone) or 2027-03-10T03:30Z; "
                                                   "none: back to the unscheduled drafts")
    if planning:
        p.add_argument("--preferred-start", metavar="WHEN", help="the start the planner tries to give it (read in "
                                                                 "--zone, like --start); none: no preference")
        pin = p.add_mutually_exclusive_group()
        pin.add_argument("--pin", dest="pinned", action="store_true", default=None,
                         help="the planner leaves it where it is")
        pin.add_argument("--unpin", dest="pinned", action="store_false", help="the planner may move it again")
    p.add_argument("--zone", metavar="HUB_OR_IANA", help="the clock --start%s is read on: a hub's or an IANA zone "
                                                         "(default UTC)" % (" and --preferred-start" if planning else ""))


def _fields(p: argparse.ArgumentParser, *, adding: bool) -> None:
    if not adding:
        p.add_argument("--title", dest="new_title", metavar="TEXT", help="a new title")
    p.add_argument("--level", type=int, required=adding, metavar="N", help="framework level 1-5")
    _when(p, planning=True)
    p.add_argument("--duration", type=int, metavar="MINUTES", help="length in minutes (default 60)")
    p.add_argument("--venue", metavar="NAME", help="the room or virtual channel (none: no venue)")
    p.add_argument("--facilitator", action="append", metavar="NAME_OR_EMAIL",
                   help="who runs it; repeat for several" + ("" if adding else ", replacing the list; none: nobody"))
    p.add_argument("--hub", action="append", metavar="NAME",
                   help="a hub it is for; repeat for several" + ("" if adding else ", replacing the list; "
                                                                                     "none: every hub"))
    p.add_argument("--capacity", metavar="N", help="seats (none: the venue's)")


def _configure(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, help_text in (("add", "add a session (without --start: an unscheduled draft)"),
                            ("edit", "change the fields given, keep the rest"),
                            ("move", "give a session a new start and/or venue"),
                            ("delete", "delete a session that has no check-ins")):
        sub = actions.add_parser(name, help=help_text, description=help_text)
        _target(sub, adding=name == "add")
        if name in ("add", "edit"):
            _fields(sub, adding=name == "add")
        elif name == "move":
            _when(sub)
            sub.add_argument("--venue", metavar="NAME", help="the room or virtual channel (none: no venue)")
        else:
            sub.add_argument("--drop-registrations", action="store_true",
                             help="delete it even with registrations, and them with it")


# -- reading the options against the event ---------------------------------------------------------
def _changes(session, args: argparse.Namespace) -> dict[str, Any]:  # noqa: ANN001 - a Session
    """The session fields the options name, found in the event (an unknown name is refused; nothing written)."""
    from learningday.plan.export import calendar_zone, find_facilitator, find_hub
    from learningday.setup.event import list_hubs, list_venues
    from learningday.setup.new_event import start_in_zone
    from learningday.setup.rules import find_named

    hubs, given = list_hubs(session), vars(args)
    fields: dict[str, Any] = {}
    if given.get("new_title") is not None:
        fields["title"] = args.new_title
    if given.get("level") is not None:
        fields["level_id"] = args.level
    if args.zone is not None and args.start is None and given.get("preferred_start") is None:
        raise InvalidInput("--zone says which clock --start is read on: give --start too")
    zone = calendar_zone(hubs, args.zone) or "UTC"
    if args.start is not None:
        fields["start_utc"] = None if is_none(args.start) else start_in_zone(args.start, zone)
    if given.get("preferred_start") is not None:
        preferred = args.preferred_start
        fields["preferred_start_utc"] = None if is_none(preferred) else start_in_zone(preferred, zone)
    if given.get("pinned") is not None:
        fields["pinned"] = args.pinned
    if given.get("duration") is not None:
        fields["duration_minutes"] = args.duration
    if args.venue is not None:
        fields["venue_id"] = None if is_none(args.venue) else find_named(list_venues(session), args.venue,
                                                                       what="venue", option="--venue").id
    if given.get("facilitator") is not None:
        fields["facilitator_ids"] = () if is_none(args.facilitator) else tuple(
            find_facilitator(session, text)[0] for text in args.facilitator)
    if given.get("hub") is not None:
        fields["hub_ids"] = () if is_none(args.hub) else tuple(
            find_hub(hubs, text).id for text in args.hub)
    if given.get("capacity") is not None:
        fields["capacity"] = optional_int(args.capacity, "--capacity", None)
    return fields


def _uid(session, text: str) -> str:  # noqa: ANN001 - a Session
    from learningday.plan.sessions import session_uids
    from learningday.roster.registrations import find_session

    return next(iter(session_uids(session, [find_session(session, text)])))


# -- the command --------------------------------------------------------------------------------
@command("session", "add, change, move or delete a session of the agenda (checked as the session editor checks it)")(
    _configure)
def cmd_session(args: argparse.Namespace) -> int:
    from learningday.plan import sessions as plan
    from learningday.plan.dto import SessionDraft
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.write() as session:
        if args.action == "add":
            draft = replace(SessionDraft(args.title, args.level, None), **_changes(session, args))
            uid, verb = plan.create_session(session, draft), "added"
        else:
            uid = _uid(session, args.session)
            if args.action == "delete":
                row = plan.list_sessions(session, [uid])[0]
                _delete(session, uid, args.drop_registrations)
                verb = "deleted"
            else:
                _edit(session, uid, args)
                verb = {"edit": "changed", "move": "moved"}[args.action]
        if verb != "deleted":
            row = plan.list_sessions(session, [uid])[0]
    # The write block has ended: the change is committed before anything is printed.
    _show(args, verb, row)
    return 0


def _edit(session, uid: str, args: argparse.Namespace) -> None:  # noqa: ANN001 - a Session
    from learningday.plan.sessions import edit_session, move_session, session_draft

    fields = _changes(session, args)
    if not fields:
        raise InvalidInput("nothing to change: give " + ("--start and/or --venue" if args.action == "move"
                                                         else "at least one option"))
    draft = session_draft(session, uid)
    if args.action == "move":  # the timeline's drag: start and venue, the rest as it is
        move_session(session, uid, **{"start_utc": draft.start_utc, **fields})
    else:
        edit_session(session, uid, replace(draft, **fields))


def _delete(session, uid: str, drop_registrations: bool) -> None:  # noqa: ANN001 - a Session
    from learningday.plan.sessions import SessionHasRegistrations, delete_session

    try:
        delete_session(session, uid, drop_registrations=drop_registrations)
    except SessionHasRegistrations as exc:
        raise SessionHasRegistrations(f"{exc.message}, or add --drop-registrations to delete them with it") from None


def _show(args: argparse.Namespace, verb: str, row) -> None:  # noqa: ANN001 - a SessionRow
    from learningday.timeutil import iso

    if verb == "deleted":
        dropped = row.registered + row.waitlisted
        if args.json:
            emit_json({"action": verb, "session": {"uid": row.uid, "title": row.title},
                       "registrations_dropped": dropped})
        else:
            print(f"deleted session {row.title!r} ({row.uid})"
                  + (f" and its {dropped} registration{'s' if dropped != 1 else ''}" if dropped else ""))
        return
    if args.json:
        emit_json({"action": verb, "session": {
            "uid": row.uid, "title": row.title, "level": row.level_id,
            "start_utc": iso(row.start_utc) if row.start_utc else None,
            "end_utc": iso(row.end_utc) if row.end_utc else None, "duration_minutes": row.duration_minutes,
            "venue": row.venue or None, "facilitators": list(row.facilitators), "target_hubs": list(row.target_hubs),
            "capacity": row.capacity, "registered": row.registered, "waitlisted": row.waitlisted,
            **_planning(row)}})
        return
    when = f"{iso(row.start_utc)} to {iso(row.end_utc)}" if row.start_utc else "unscheduled"
    print(f"{verb} session {row.title!r} ({row.uid})")
    print(f"  level {row.level_id} · {when} · {row.duration_minutes} min · {row.venue or 'no venue'}")
    print(f"  facilitators: {', '.join(row.facilitators) or 'none'} · for hubs: {', '.join(row.target_hubs) or 'every hub'}"
          + (f" · {row.capacity} seats" if row.capacity else ""))
    if row.pinned or row.preferred_start_utc:
        print("  " + " · ".join((["pinned"] if row.pinned else [])
                                + ([f"preferred start {iso(row.preferred_start_utc)}"] if row.preferred_start_utc else [])))


def _planning(row) -> dict:  # noqa: ANN001 - a SessionRow
    """The planner's fields, only when set (so the JSON of a session without them stays as it was)."""
    from learningday.timeutil import iso

    shown: dict = {"pinned": True} if row.pinned else {}
    if row.preferred_start_utc:
        shown["preferred_start_utc"] = iso(row.preferred_start_utc)
    return shown
