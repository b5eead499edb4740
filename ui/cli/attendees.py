"""One attendee and their places from the command line: attendee, attendee-edit, attendee-delete,
register and cancel-registration (no Qt; the core does the checking)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ui.cli.base import command, emit_json
from ui.cli.roster import add_filter_options, filter_query, filtered

#: option -> the editor field it sets
EDIT_OPTIONS = (("--name", "name"), ("--email", "email"), ("--employee-id", "employee_id"),
                ("--department", "department"), ("--role", "role"), ("--hub", "hub"), ("--level", "level"))


def _describe(session, attendee_id: int) -> dict[str, Any]:  # noqa: ANN001 - a Session
    from learningday.roster.attendees import attendee_details, attendee_registrations

    d = attendee_details(session, attendee_id)
    places = attendee_registrations(session, attendee_id)
    return {
        "uid": d.uid, "code": d.code, "name": d.name, "email": d.email, "employee_id": d.employee_id,
        "department": d.department, "role": d.role, "hub": d.hub or None, "level": d.level_id,
        "log_entries": d.log_entries,
        "registrations": [{"session_uid": p.session_uid, "title": p.title, "status": p.status,
                           "waitlist_position": p.waitlist_position, "checked_in": p.checked_in,
                           "start_utc": p.start_utc.isoformat() if p.start_utc else None} for p in places],
    }


def _print_person(person: dict[str, Any]) -> None:
    print(f"{person['code']}  {person['name']}  ({person['hub'] or 'no hub'}, level {person['level'] or '-'})")
    print("  " + " · ".join(str(v) for v in (person["email"], person["employee_id"], person["department"],
                                             person["role"]) if v))
    for p in person["registrations"]:
        when = p["start_utc"][:16].replace("T", " ") + " UTC" if p["start_utc"] else "unscheduled"
        status = p["status"] + (f" #{p['waitlist_position']}" if p["waitlist_position"] else "")
        print(f"  {when:<20} {status:<14} {p['title']}")


def _event_and_who(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("who", metavar="WHO", help="the attendee: badge code, uid or employee id")


# -- attendee ---------------------------------------------------------------------------------
def _configure_show(p: argparse.ArgumentParser) -> None:
    _event_and_who(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")


@command("attendee", "show one attendee and the sessions they are registered or waitlisted for")(_configure_show)
def cmd_attendee(args: argparse.Namespace) -> int:
    from learningday.roster.attendees import find_attendee
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.read() as session:
        person = _describe(session, find_attendee(session, args.who))
    emit_json(person) if args.json else _print_person(person)
    return 0


# -- attendee-edit ----------------------------------------------------------------------------
def _configure_edit(p: argparse.ArgumentParser) -> None:
    _event_and_who(p)
    for option, field in EDIT_OPTIONS:
        p.add_argument(option, dest=field, metavar="TEXT", default=None,
                       help=f"new {field.replace('_', ' ')} ('' clears it" + (")" if field != "name" else
                                                                              "; a name is required)"))
    p.add_argument("--json", action="store_true", help="print the attendee after the change as JSON")


@command("attendee-edit", "change an attendee's name, email, employee id, department, role, hub or level; "
                          "checked as the roster import checks a row")(_configure_edit)
def cmd_attendee_edit(args: argparse.Namespace) -> int:
    from learningday.errors import InvalidInput
    from learningday.roster.attendees import AttendeeRefused, find_attendee, update_attendee
    from learningday.store.db import open_event

    fields = {field: getattr(args, field) for _, field in EDIT_OPTIONS if getattr(args, field) is not None}
    if not fields:
        raise InvalidInput("nothing to change: give at least one of " + ", ".join(o for o, _ in EDIT_OPTIONS))
    try:
        with open_event(args.event) as event_file, event_file.write() as session:
            attendee_id = find_attendee(session, args.who)
            before = _describe(session, attendee_id)
            update_attendee(session, attendee_id, fields)
            after = _describe(session, attendee_id)
    except AttendeeRefused as exc:
        if args.json:
            emit_json({"changed": [], "errors": exc.problems})
        else:
            print(f"learningday: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    changed = [k for k in ("name", "email", "employee_id", "department", "role", "hub", "level")
               if before[k] != after[k]]
    if args.json:
        emit_json({"changed": changed, "attendee": after})
    else:
        print(f"{after['code']} {after['name']}: " + (f"changed {', '.join(changed)}" if changed else "no change"))
    return 0


# -- attendee-delete --------------------------------------------------------------------------
@command("attendee-delete", "remove an attendee who is not in the check-in log; their places go to the "
                            "waitlists")(_event_and_who)
def cmd_attendee_delete(args: argparse.Namespace) -> int:
    from learningday.roster.attendees import delete_attendee, find_attendee
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.write() as session:
        deleted = delete_attendee(session, find_attendee(session, args.who))
    print(f"deleted {deleted.details.code} {deleted.details.name}")
    if deleted.promoted:
        print("promoted from the waitlist: " + ", ".join(deleted.promoted))
    return 0


# -- register / cancel-registration -----------------------------------------------------------
def _configure_register(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("session", metavar="SESSION", help="the session: its uid or its title")
    p.add_argument("who", metavar="WHO", nargs="*", help="attendees (badge code, uid or employee id); "
                                                         "none: everyone the filters below match")
    add_filter_options(p)
    p.add_argument("--json", action="store_true", help="print {registered, waitlisted, unchanged} as JSON")


@command("register", "register attendees to a session (a place while there is room, else the waitlist); "
                     "refused for anyone already in an overlapping session")(_configure_register)
def cmd_register(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from learningday.errors import InvalidInput
    from learningday.roster.attendees import find_attendee
    from learningday.roster.query import attendee_ids
    from learningday.roster.registrations import find_session, register
    from learningday.store.db import open_event

    if args.who and filtered(args):
        raise InvalidInput("name the attendees or give filters, not both")
    if not args.who and not filtered(args):
        raise InvalidInput("name the attendees, or choose them with --hub, --level, --department, --state or --search")
    with open_event(args.event) as event_file, event_file.write() as session:
        session_id = find_session(session, args.session)
        if args.who:
            ids = [find_attendee(session, who) for who in args.who]
        else:
            ids = attendee_ids(session, filter_query(session, args))
        if not ids:
            raise InvalidInput("no attendee matches the filters; nobody was registered")
        result = register(session, session_id, ids, now=datetime.now(timezone.utc))
    counts = {"registered": len(result.registered), "waitlisted": len(result.waitlisted),
              "unchanged": len(result.unchanged)}
    if args.json:
        emit_json(counts)
    else:
        print(f"{counts['registered']:,} registered, {counts['waitlisted']:,} on the waitlist, "
              f"{counts['unchanged']:,} already there")
    return 0


def _configure_cancel(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("session", metavar="SESSION", help="the session: its uid or its title")
    p.add_argument("who", metavar="WHO", help="the attendee: badge code, uid or employee id")
    p.add_argument("--json", action="store_true", help="print {attendee, session, promoted} as JSON")


@command("cancel-registration", "cancel an attendee's place (or waitlist entry); the first person waiting "
                                "is promoted")(_configure_cancel)
def cmd_cancel_registration(args: argparse.Namespace) -> int:
    from learningday.roster.attendees import cancel_registration, find_attendee
    from learningday.roster.registrations import find_session
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.write() as session:
        result = cancel_registration(session, find_session(session, args.session), find_attendee(session, args.who))
    if args.json:
        emit_json({"attendee": result.attendee, "session": result.session, "promoted": list(result.promoted)})
    else:
        print(result.message)
    return 0
