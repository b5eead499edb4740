"""`learningday report`: the PDF report, the Excel workbook and certificates from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.cli.base import command, emit_json, progress_to_stderr


def _configure_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="write the post-event PDF report here")
    p.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="write the Excel workbook here")
    p.add_argument("--certificates", type=Path, metavar="OUT_DIR_OR_PDF",
                   help="certificates: one merged PDF (a name ending in .pdf), a zip of one PDF per person "
                        "(.zip) or a new folder of them")
    p.add_argument("--with-names", action="store_true",
                   help="put attendee names (walk-ins, no-shows) in the PDF, for internal use; the cover says so")
    p.add_argument("--json", action="store_true", help="print what was written as one JSON object")


@command("report", "write the post-event PDF report, the Excel workbook and/or certificates")(_configure_report)
def cmd_report(args: argparse.Namespace) -> int:
    from learningday.store.db import open_event
    from reports.output import pct
    from reports.report_files import ReportRequest, write_reports

    request = ReportRequest(pdf=args.pdf, xlsx=args.xlsx, certificates=args.certificates, with_names=args.with_names)
    request.check()
    with open_event(args.event) as event_file:
        outcome = write_reports(event_file, request, progress=progress_to_stderr(sys.stderr.isatty()))
    analytics = outcome.analytics
    written: dict[str, str] = {kind: str(path) for kind, path in outcome.written.items()}
    if args.certificates:
        written["certificate_count"] = str(outcome.certificate_count)
    o = analytics.overall
    if args.json:
        emit_json({**written, "session_attendances": o.attended, "unique_attendees": analytics.unique_attendees,
                   "attendance_rate": o.rate, "learning_hours": round(o.learning_minutes / 60, 2)})
        return 0
    for kind, path in written.items():
        if kind != "certificate_count":
            print(f"wrote {kind}: {path}")
    print(f"{o.attended:,} session attendances by {analytics.unique_attendees:,} people, rate {pct(o.rate)}")
    return 0
