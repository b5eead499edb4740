"""The command line: sub-commands for scripts, no sub-command for the desktop app.

This module imports no Qt at import time, so ``learningday info`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from learningday import __version__
from learningday.errors import InvalidInput, LearningDayError

PROG = "learningday"

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Callable[[argparse._SubParsersAction], argparse.ArgumentParser], Handler]] = {}


def command(name: str, help_text: str):
    """Register ``func(args) -> exit status`` as sub-command ``name``; ``configure`` adds its options."""

    def register(configure: Callable[[argparse.ArgumentParser], None]):
        def deco(func: Handler) -> Handler:
            def make(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
                parser = sub.add_parser(name, help=help_text, description=help_text)
                configure(parser)
                return parser

            COMMANDS[name] = (make, func)
            return func

        return deco

    return register


def emit_json(value: Any) -> None:
    """One JSON document on stdout."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _progress_to_stderr(enabled: bool) -> Callable[[float, str], None] | None:
    if not enabled:
        return None

    def show(fraction: float, message: str) -> None:
        sys.stderr.write(f"\r{fraction:6.1%}  {message:<40}")
        if fraction >= 1.0:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


# -- demo ---------------------------------------------------------------------------------
def _configure_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument("out", metavar="OUT.lday", type=Path, help="the event file to write")
    p.add_argument("--attendees", type=int, default=None, metavar="N", help="how many attendees (default 2,000)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed; one seed, one event (default 1)")
    p.add_argument("--start", default=None, metavar="ISO-UTC", help="event start, e.g. 2027-03-10T21:00Z")


@command("demo", "write a realistic demo event (hubs round the world, 60 sessions, N attendees)")(_configure_demo)
def cmd_demo(args: argparse.Namespace) -> int:
    from learningday.demo import DEFAULT_ATTENDEES, DEFAULT_START, build_demo
    from learningday.timeutil import parse_utc

    start = parse_utc(args.start) if args.start else DEFAULT_START
    attendees = DEFAULT_ATTENDEES if args.attendees is None else args.attendees
    out = build_demo(
        args.out, attendees=attendees, seed=args.seed, start=start,
        progress=_progress_to_stderr(sys.stderr.isatty()),
    )
    print(f"wrote {out} ({attendees:,} attendees, seed {args.seed})")
    return 0


# -- info ---------------------------------------------------------------------------------
def _configure_info(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


@command("info", "show what an event file holds")(_configure_info)
def cmd_info(args: argparse.Namespace) -> int:
    from learningday.db import open_event
    from learningday.event import event_summary
    from learningday.setup_rules import hhmm
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


# -- the desktop app ----------------------------------------------------------------------
def _run_gui(event: str | None, *, exit_when_shown: bool = False) -> int:
    # The core first: PySide6 installs an import hook that slows every module imported after it
    # (SQLAlchemy takes 0.6 s instead of 0.4 s behind it).
    import learningday.agenda  # noqa: F401
    import learningday.demo  # noqa: F401
    import learningday.roster  # noqa: F401
    import sqlalchemy.orm  # noqa: F401
    from ui.app import run_gui  # Qt is imported here and only here

    return run_gui(event, exit_when_shown=exit_when_shown)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="LearningDay: plan, run and report a 24-hour, follow-the-sun AI Learning Day. "
        "Without a command it opens the desktop app (on EVENT.lday if given).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the desktop app (the default)", description="open the desktop app")
    gui.add_argument("event", nargs="?", metavar="EVENT.lday", help="the event to open (default: the demo event)")
    gui.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    for make, _ in COMMANDS.values():
        make(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `learningday` and `learningday FILE.lday` open the app; anything else is a command.
    if not args_list or (not args_list[0].startswith("-") and args_list[0] not in COMMANDS
                         and args_list[0] != "gui"):
        args_list.insert(0, "gui")
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        if args.command == "gui":
            return _run_gui(args.event, exit_when_shown=args.exit_when_shown)
        _, handler = COMMANDS[args.command]
        return handler(args)
    except LearningDayError as exc:
        print(f"{PROG}: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug: say so plainly, keep the trace for the report
        traceback.print_exc()
        print(f"{PROG}: unexpected error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1


#: modules that add sub-commands with @command (imported once the helpers above exist)
COMMAND_MODULES: tuple[str, ...] = ("ui.cli_agenda", "ui.cli_checkin", "ui.cli_roster", "ui.cli_reports",
                                    "ui.cli_snapshots", "ui.cli_agenda_import", "ui.cli_new",
                                    "ui.cli_setup_edit", "ui.cli_attendees")
for _module in COMMAND_MODULES:
    __import__(_module)

__all__ = ["main", "command", "emit_json", "InvalidInput"]
