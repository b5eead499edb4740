"""Event sub-commands: demo (write a demo event) and info (what an event file holds)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.cli.base import command, emit_json, progress_to_stderr


# -- demo ---------------------------------------------------------------------------------
def _configure_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument("out", metavar="OUT.lday", type=Path, help="the event file to write")
    p.add_argument("--attendees", type=int, default=None, metavar="N", help="how many attendees (default 2,000)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed; one seed, one event (default 1)")
    p.add_argument("--start", default=None, metavar="ISO-UTC", help="event start, e.g. 2027-03-10T21:00Z")


@command("demo", "write a realistic demo event (hubs round the world, 60 sessions, N attendees)")(_configure_demo)
def cmd_demo(args: argparse.Namespace) -> int:
    from learningday.demo.build import DEFAULT_ATTENDEES, DEFAULT_START, build_demo
    from learningday.timeutil import parse_utc

    start = parse_utc(args.start) if args.start else DEFAULT_START
    attendees = DEFAULT_ATTENDEES if args.attendees is None else args.attendees
    out = build_demo(
        args.out, attendees=attendees, seed=args.seed, start=start,
        progress=progress_to_stderr(sys.stderr.isatty()),
    )
    print(f"wrote {out} ({attendees:,} attendees, seed {args.seed})")
    return 0


# -- info ---------------------------------------------------------------------------------
def _configure_info(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


@command("info", "show what an event file holds")(_configure_info)
def cmd_info(args: argparse.Namespace) -> int:
    from learningday.setup.event import event_summary
    from learningday.setup.rules import hhmm
    from learningday.store.db import open_event
    from learningday.timeutil import iso, offset_label, to_local

    with open_event(args.event) as event_file, event_file.read() as session:
        summary = event_summary(session)
    ev = summary.event
    hubs = [
        {
            "name": h.name,
            "zone": h.zone,
            "offset_at_start": offset_label(ev.start_utc, h.zone),
            "local_start": iso(to_local(ev.start_utc, h.zone)),
            "working_hours": f"{hhmm(h.work_start_min)}-{hhmm(h.work_end_min)}",
        }
        for h in summary.hubs
    ]
    if args.json:
        emit_json({
            "name": ev.name,
            "theme": ev.theme,
            "uid": ev.uid,
            "start_utc": iso(ev.start_utc),
            "end_utc": iso(ev.end_utc),
            "length_minutes": ev.length_minutes,
            "levels": len(summary.levels),
            "level_names": [lv.name for lv in summary.levels],
            "hubs": hubs,
            "venues": summary.venues,
            "facilitators": summary.facilitators,
            "sessions": summary.sessions,
            "unscheduled_sessions": summary.unscheduled_sessions,
            "attendees": summary.attendees,
            "registrations": summary.registrations,
            "waitlisted": summary.waitlisted,
            "checkins": summary.checkins,
            "checkin_log_entries": summary.checkin_log_entries,
            "attendees_checked_in": summary.attendees_checked_in,
        })
        return 0
    print(ev.name + (f" — {ev.theme}" if ev.theme else ""))
    print(f"  {iso(ev.start_utc)} → {iso(ev.end_utc)}  ({ev.length_minutes / 60:g} h)")
    print(f"  levels: {', '.join(f'{lv.id} {lv.name}' for lv in summary.levels)}")
    print(f"  hubs ({len(hubs)}):")
    for h in hubs:
        print(f"    {h['name']:<16} {h['zone']:<22} {h['offset_at_start']}  starts {h['local_start'][:16]} local")
    print(f"  venues {summary.venues}  facilitators {summary.facilitators}  sessions {summary.sessions}"
          f" ({summary.unscheduled_sessions} unscheduled)")
    print(f"  attendees {summary.attendees:,}  registrations {summary.registrations:,}"
          f" (+{summary.waitlisted:,} waitlisted)")
    print(f"  check-ins {summary.checkins:,} by {summary.attendees_checked_in:,} people"
          f" ({summary.checkin_log_entries:,} log entries)")
    return 0
