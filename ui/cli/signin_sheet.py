"""CLI `signin-sheet`: a session's printable sign-in sheet (PDF), the paper fallback at the door."""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli.base import command, emit_json


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("out", metavar="OUT.pdf", type=Path, help="the PDF to write")
    p.add_argument("--session", required=True, metavar="UID", help="the session's uid (see `agenda --json`)")
    p.add_argument("--json", action="store_true", help="print what was written as JSON")


@command("signin-sheet", "write a session's printable sign-in sheet (PDF)")(_configure)
def cmd_signin_sheet(args: argparse.Namespace) -> int:
    from learningday.store.db import open_event
    from reports.signin_sheet import write_signin_sheet

    with open_event(args.event) as event_file:
        count = write_signin_sheet(event_file, args.session, args.out)
    if args.json:
        emit_json({"out": str(args.out), "people": count})
    else:
        print(f"wrote {args.out}: {count:,} registered, with walk-in lines")
    return 0
