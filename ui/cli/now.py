"""CLI `now`: what runs now and next in every hub, at the real now or a simulated instant (--at)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from ui.cli.base import command, emit_json


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("--at", metavar="ISO", help="the instant to show (default: now), e.g. 2027-03-11T03:30Z")
    p.add_argument("--json", action="store_true", help="print the hubs as JSON")


def _line(s) -> str:
    counts = f"  {s.present}/{s.registered} here" if s.registered or s.present else ""
    return f"{s.local:<24} L{s.level_id}  {s.title} ({s.venue or 'no venue'}){counts}"


@command("now", "what runs now and next in every hub, in its local time")(_configure)
def cmd_now(args: argparse.Namespace) -> int:
    from learningday.attendance.rule import attended_online
    from learningday.checkin.now import FACILITATOR_WINDOW_TEXT, as_dict, live_day
    from learningday.store.db import open_event
    from learningday.timeutil import parse_utc

    at = parse_utc(args.at) if args.at else datetime.now(UTC)
    with open_event(args.event) as event_file, event_file.read() as session:
        day = live_day(session, at, attended=attended_online)
    if args.json:
        emit_json(as_dict(day))
        return 0
    print(f"{day.event.name} — {day.at:%Y-%m-%d %H:%M} UTC")
    for hub in day.hubs:
        print(f"\n{hub.hub}  {hub.local_time}  {hub.clock}")
        for label, sessions in (("now ", hub.now), ("next", hub.next)):
            if not sessions:
                print(f"  {label}  —")
            for s in sessions:
                print(f"  {label}  {_line(s)}")
    if day.facilitator_missing:
        print(f"\nStarting within {FACILITATOR_WINDOW_TEXT}, no facilitator checked in:")
        for s in day.facilitator_missing:
            print(f"  {s.start_utc:%H:%M} UTC  {s.title} — {', '.join(s.facilitators)}")
    return 0
