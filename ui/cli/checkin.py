"""Check-in sub-commands: checkin, undo-checkin, export-log, merge-log (no Qt, light imports)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli.base import command, emit_json

DEFAULT_STATION = "command line"


def _configure_checkin(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("code", metavar="CODE", help="the badge code (or attendee uid)")
    p.add_argument("--session", default=None, metavar="UID", help="the session (default: the event as a whole)")
    p.add_argument("--station", default=DEFAULT_STATION, metavar="NAME", help="the station's name")
    p.add_argument("--facilitator", default="", metavar="NAME", help="who checked the person in")
    p.add_argument("--json", action="store_true", help="print one JSON object")


@command("checkin", "check a person in by badge code (exit 0: checked in or already; 2: unknown code)")(
    _configure_checkin)
def cmd_checkin(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from learningday.checkin.log import check_in
    from learningday.store.db import open_event
    from learningday.timeutil import iso

    with open_event(args.event) as event_file, event_file.write() as session:
        result = check_in(session, code_or_attendee=args.code, session_uid=args.session, station=args.station,
                          facilitator_name=args.facilitator, method="scan", at_utc=datetime.now(timezone.utc))
    # The write block has ended: the entry is committed before anything is printed.
    if args.json:
        emit_json({
            "status": result.status,
            "attendee": result.attendee or None,
            "session": result.session or None,
            "at_utc": iso(result.at_utc) if result.at_utc else None,
            "entry_uid": result.entry_uid,
        })
    else:
        print(result.message)
        if result.entry_uid:
            print(f"  entry {result.entry_uid}")
    return 2 if result.status == "unknown_code" else 0


def _configure_undo(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("entry_uid", metavar="ENTRY_UID", help="the check-in entry to undo")
    p.add_argument("--station", default=DEFAULT_STATION, metavar="NAME", help="the station's name")


@command("undo-checkin", "undo a check-in (a compensating entry; nothing is deleted)")(_configure_undo)
def cmd_undo_checkin(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from learningday.checkin.log import undo
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.write() as session:
        result = undo(session, args.entry_uid, station=args.station, at_utc=datetime.now(timezone.utc))
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
