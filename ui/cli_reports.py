"""`learningday report`: the PDF report, the Excel workbook and certificates from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from learningday.errors import InvalidInput
from ui.cli import _progress_to_stderr, command, emit_json


def _configure_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="write the post-event PDF report here")
    p.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="write the Excel workbook here")
    p.add_argument("--certificates", type=Path, metavar="OUT_DIR_OR_PDF",
                   help="certificates: one merged PDF (a name ending in .pdf) or a new folder of PDFs")
    p.add_argument("--json", action="store_true", help="print what was written as one JSON object")


@command("report", "write the post-event PDF report, the Excel workbook and/or certificates")(_configure_report)
def cmd_report(args: argparse.Namespace) -> int:
    if not (args.pdf or args.xlsx or args.certificates):
        raise InvalidInput("say what to write: --pdf OUT.pdf, --xlsx OUT.xlsx and/or --certificates OUT")
    for option, path in (("--pdf", args.pdf), ("--xlsx", args.xlsx), ("--certificates", args.certificates)):
        if path is None:
            continue
        if option != "--certificates" and path.suffix.lower() != f".{option[2:]}":
            raise InvalidInput(f"{option} needs a file name ending in .{option[2:]}, not {path.name!r}")
        if not path.parent.is_dir():
            raise InvalidInput(f"{option}: folder {path.parent} does not exist")
    from learningday.analytics import analyse, checkin_log
    from learningday.db import open_event

    progress = _progress_to_stderr(sys.stderr.isatty())
    with open_event(args.event) as event_file, event_file.read() as session:
        analytics = analyse(session, progress=progress)
        log = checkin_log(session) if args.xlsx else []
    written: dict[str, str] = {}
    if args.pdf:
        from reports.pdf_report import write_pdf

        written["pdf"] = str(write_pdf(analytics, args.pdf, progress=progress))
    if args.xlsx:
        from reports.xlsx_report import write_xlsx

        written["xlsx"] = str(write_xlsx(analytics, log, args.xlsx, progress=progress))
    if args.certificates:
        from reports.certificates import recipients, write_certificates

        written["certificates"] = str(write_certificates(analytics, args.certificates, progress=progress))
        written["certificate_count"] = str(len(recipients(analytics)))
    o = analytics.overall
    if args.json:
        emit_json({**written, "session_attendances": o.attended, "unique_attendees": analytics.unique_attendees,
                   "attendance_rate": o.rate, "learning_hours": round(o.learning_minutes / 60, 2)})
        return 0
    for kind, path in written.items():
        if kind != "certificate_count":
            print(f"wrote {kind}: {path}")
    rate = "–" if o.rate is None else f"{o.rate:.0%}"
    print(f"{o.attended:,} session attendances by {analytics.unique_attendees:,} people, rate {rate}")
    return 0
