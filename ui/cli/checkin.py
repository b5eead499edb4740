"""Check-in sub-commands: checkin, walk-in, checkout, undo-checkin, export-log, merge-log (no Qt, light imports)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli.base import command, emit_json

DEFAULT_STATION = "command line"


def _door_options(p: argparse.ArgumentParser, *, who: str = "who recorded it") -> None:
    """The options every command at the door takes: where, which station, who, and --json."""
    p.add_argument("--session", default=None, metavar="UID", help="the session (default: the event as a whole)")
    p.add_argument("--station", default=DEFAULT_STATION, metavar="NAME", help="the station's name")
    p.add_argument("--facilitator", default="", metavar="NAME", help=who)
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _configure_checkin(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("code", metavar="CODE", help="the badge code (or attendee uid)")
    _door_options(p, who="who checked the person in")
    p.add_argument("--override", default=None, metavar="REASON",
                   help="admit someone a door rule holds (waitlisted, not registered, outside the time); logged")
    p.add_argument("--over-capacity", action="store_true", help="with --override: admit into a full session")


#: held at the door, nothing written: an override would admit (3), or it is red (4: full, or registered-only)
HELD_AMBER, HELD_RED = 3, 4


@command("checkin", "check a person in by badge code (exit 0: checked in or already; 2: unknown code; "
                    "3: held, an override admits; 4: held, full or registered-only; 5: an event on a server that "
                    "is gone or refuses: kept in this computer's outbox)")(_configure_checkin)
def cmd_checkin(args: argparse.Namespace) -> int:
    from learningday.checkin.log import check_in
    from learningday.checkin.outbox import on_server
    from ui.cli.outbox import KEPT, check_in_on_server

    if on_server(args.event):  # a server that is gone or refuses: kept in this computer's outbox (exit 5)
        result = check_in_on_server(args, override=args.override, over_capacity=args.over_capacity)
        if result is None:
            return KEPT
    else:
        result = _at_the_door(args, check_in, args.code, method="scan", override=args.override,
                              over_capacity=args.over_capacity)
    _print_result(args, result)
    if result.status == "unknown_code":
        return 2
    if result.held:
        return HELD_AMBER if result.needs == "override" else HELD_RED
    return 0


def _at_the_door(args: argparse.Namespace, service, who: str, *, method: str, **rules: object):  # noqa: ANN001, ANN202
    """``service`` (check_in, check_out) for ``who`` in one write transaction: its result, returned once the
    entry is committed (nothing is printed before that)."""
    from datetime import datetime, timezone

    from learningday.store.db import open_event

    with open_event(args.event) as event_file:
        return event_file.run_lean_write(lambda session: service(
            session, code_or_attendee=who, session_uid=args.session, station=args.station,
            facilitator_name=args.facilitator, method=method, at_utc=datetime.now(timezone.utc), **rules))


def _print_result(args: argparse.Namespace, result, **extra: object) -> None:  # noqa: ANN001 - a CheckInResult
    """A check-in's (walk-in's, check-out's) result: its message and entry, or one JSON object with ``extra``."""
    from learningday.timeutil import iso

    if args.json:
        emit_json({
            "status": result.status,
            "attendee": result.attendee or None,
            "session": result.session or None,
            "at_utc": iso(result.at_utc) if result.at_utc else None,
            "entry_uid": result.entry_uid,
            **extra,
            **_door(result),
        })
    else:
        print(result.message + (f"   (new badge code {result.code})" if result.new_attendee else ""))
        if result.entry_uid:
            print(f"  entry {result.entry_uid}")
            for warning in result.warnings:  # admitted all the same (an open door, or an override)
                print(f"  warning: {warning}")
            if result.override_reason:
                print(f"  override: {result.override_reason}" + ("   (a rehearsal)" if result.rehearsal else ""))


def _door(result) -> dict[str, object]:  # noqa: ANN001 - a CheckInResult
    """What the door rules said, for --json: present only when they said something (older outputs stay as they were)."""
    if not (result.warnings or result.held):
        return {}
    return {"warnings": list(result.warnings), "needs": result.needs or None, "override": result.override_reason,
            "rehearsal": result.rehearsal}


def _configure_walk_in(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("--name", required=True, metavar="NAME", help="the person's name")
    p.add_argument("--email", default="", metavar="ADDRESS",
                   help="optional; an email already on the list (any letter case) checks that person in")
    p.add_argument("--hub", default=None, metavar="NAME", help="the hub they join from (default: none)")
    _door_options(p)


@command("walk-in", "add someone who is not on the list and check them in, as the station's Walk-in dialog does")(
    _configure_walk_in)
def cmd_walk_in(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from learningday.checkin.log import walk_in
    from learningday.store.db import open_event

    with open_event(args.event) as event_file:
        result = event_file.run_write(lambda session: walk_in(
            session, name=args.name, email=args.email, hub=args.hub, session_uid=args.session,
            station=args.station, facilitator_name=args.facilitator, at_utc=datetime.now(timezone.utc)))
    _print_result(args, result, attendee_uid=result.attendee_uid, code=result.code,
                  new_attendee=result.new_attendee)
    return 0


def _configure_checkout(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("attendee", metavar="ATTENDEE", help="the badge code (or attendee uid) of someone checked in")
    _door_options(p)


@command("checkout", "record that a checked-in person left (exit 2: unknown code, or not checked in there)")(
    _configure_checkout)
def cmd_checkout(args: argparse.Namespace) -> int:
    from learningday.checkin.log import check_out

    result = _at_the_door(args, check_out, args.attendee, method="search")
    _print_result(args, result, attendee_uid=result.attendee_uid, code=result.code)
    return 0


def _configure_undo(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("entry_uid", metavar="ENTRY_UID", help="the check-in entry to undo")
    p.add_argument("--station", default=DEFAULT_STATION, metavar="NAME", help="the station's name")


@command("undo-checkin", "undo a check-in (a compensating entry; nothing is deleted)")(_configure_undo)
def cmd_undo_checkin(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from learningday.checkin.log import undo
    from learningday.store.db import open_event

    with open_event(args.event) as event_file:
        result = event_file.run_write(lambda session: undo(session, args.entry_uid, station=args.station,
                                                           at_utc=datetime.now(timezone.utc)))
    where = f" to {result.session}" if result.session else ""
    print(f"undone: {result.attendee}'s {result.reversed_kind.replace('_', '-')}{where} (entry {result.entry_uid})")
    return 0


def _configure_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (a station's copy)")
    p.add_argument("out", metavar="OUT.json", type=Path, help="the station log to write")


@command("export-log", "write this file's check-in log as a station log (JSON)")(_configure_export)
def cmd_export_log(args: argparse.Namespace) -> int:
    from learningday.store.db import open_event
    from reports.roster_files import write_station_log

    with open_event(args.event) as event_file:
        count = write_station_log(event_file, args.out)
    print(f"wrote {args.out} ({count:,} entries)")
    return 0


def _configure_merge(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the organiser's event file")
    p.add_argument("log", metavar="IN.json", type=Path, help="a station log from export-log")
    p.add_argument("--json", action="store_true", help="print the merge report as JSON")


@command("merge-log", "merge a station log into this event (merging twice changes nothing)")(_configure_merge)
def cmd_merge_log(args: argparse.Namespace) -> int:
    from learningday.store.db import open_event
    from reports.roster_files import merge_station_log

    with open_event(args.event) as event_file:
        report = merge_station_log(event_file, args.log)
    if args.json:
        emit_json(report.as_dict())
    else:
        print(f"merged {args.log}: {report.summary()}")
        for problem in report.problems:
            print(f"  not applied: {problem}")
    return 0
