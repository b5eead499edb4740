"""CLI: `import-agenda` — sessions, facilitators or venues from a CSV or XLSX file (no Qt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.cli.base import command, emit_json, progress_to_stderr
from ui.cli.roster import (
    _overrides,
    _print_issues,
    add_encoding_option,
    counts_line,
    report_bad_file,
    report_refusal,
)

KINDS = ("sessions", "facilitators", "venues")


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("file", metavar="FILE.csv|xlsx", type=Path, help="the spreadsheet to import")
    p.add_argument("--kind", choices=KINDS, help="what the file holds (default: told from its header row)")
    p.add_argument("--valid-only", action="store_true", help="import the valid rows and skip the others")
    p.add_argument("--create-missing", action="store_true",
                   help="create the facilitators and venues that sessions name but the event lacks")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="read FIELD (e.g. title, level, duration, facilitators, start; name, email, zone, "
                        "availability; kind, capacity) from COLUMN")
    add_encoding_option(p)
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")


@command("import-agenda", "import sessions, facilitators or venues from a CSV or XLSX file: every row or nothing")(
    _configure)
def cmd_import_agenda(args: argparse.Namespace) -> int:
    from learningday.errors import InvalidInput
    from learningday.plan.importing import import_agenda
    from learningday.spreadsheet.engine import ImportRefused
    from learningday.store.db import open_event

    try:
        with open_event(args.event) as event_file, event_file.write() as session:
            result = import_agenda(session, args.file, kind=args.kind, overrides=_overrides(args.map),
                                   valid_only=args.valid_only, create_missing=args.create_missing,
                                   encoding=args.encoding,
                                   progress=progress_to_stderr(not args.json and sys.stderr.isatty()))
    except ImportRefused as exc:
        missing = getattr(exc, "missing", ())
        status = report_refusal(args, exc, kind=getattr(exc, "kind", args.kind), missing=[m.as_dict() for m in missing])
        if missing and not args.json:
            print("not in the event (import them first, or add --create-missing):", file=sys.stderr)
            for reference in missing:
                print(f"  {reference}", file=sys.stderr)
        return status
    except InvalidInput as exc:
        return report_bad_file(args, exc, kind=args.kind, missing=[])
    if args.json:
        emit_json(result.as_dict())
        return 0
    print(counts_line(result, f"{result.kind}: {result.created:,} created, {result.updated:,} updated, "
                              f"{result.unchanged:,} unchanged, {result.skipped:,} skipped"))
    if result.drafts:
        print(f"{result.drafts:,} session(s) without a start are unscheduled drafts")
    for label, names in (("facilitators", result.created_facilitators), ("venues", result.created_venues)):
        if names:
            print(f"created {label}: {', '.join(names)}")
    if result.ignored_columns:
        print(f"columns not imported: {', '.join(result.ignored_columns)}")
    if result.warnings:
        print("imported with a part left out:")
        _print_issues(result.warnings, len(result.warnings), sys.stdout)
    if result.missing:
        print("skipped: sessions naming what the event lacks:")
        for reference in result.missing:
            print(f"  {reference}")
    if result.issue_count:
        print("skipped rows:")
        _print_issues(result.issues, result.issue_count, sys.stdout)
    return 0
