"""CLI: `import-agenda` — sessions, facilitators or venues from a CSV or XLSX file (no Qt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.cli import _progress_to_stderr, command, emit_json
from ui.cli_roster import _overrides, _print_issues

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
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")


def _refused_json(exc) -> dict:
    return {"kind": getattr(exc, "kind", None), "created": 0, "updated": 0, "skipped": 0,
            "errors": [i.as_dict() for i in exc.issues], "error_count": exc.issue_count,
            "missing": [m.as_dict() for m in getattr(exc, "missing", ())]}


@command("import-agenda", "import sessions, facilitators or venues from a CSV or XLSX file: every row or nothing")(
    _configure)
def cmd_import_agenda(args: argparse.Namespace) -> int:
    from learningday.agenda_import import import_agenda
    from learningday.db import open_event
    from learningday.errors import InvalidInput
    from learningday.importer import ImportRefused

    try:
        with open_event(args.event) as event_file:
            result = import_agenda(event_file, args.file, kind=args.kind, overrides=_overrides(args.map),
                                   valid_only=args.valid_only, create_missing=args.create_missing,
                                   progress=_progress_to_stderr(not args.json and sys.stderr.isatty()))
    except ImportRefused as exc:
        if args.json:
            emit_json(_refused_json(exc))
        else:
            print(f"learningday: error: {exc.headline}", file=sys.stderr)
            _print_issues(exc.issues, exc.issue_count, sys.stderr)
            missing = getattr(exc, "missing", ())
            if missing:
                print("not in the event (import them first, or add --create-missing):", file=sys.stderr)
                for reference in missing:
                    print(f"  {reference}", file=sys.stderr)
        return exc.exit_code
    except InvalidInput as exc:
        if not args.json:
            raise
        emit_json({"kind": args.kind, "created": 0, "updated": 0, "skipped": 0, "error_count": 1, "missing": [],
                   "errors": [{"row": None, "column": None, "value": None, "message": exc.message}]})
        return exc.exit_code
    if args.json:
        emit_json(result.as_dict())
        return 0
    print(f"{result.kind}: {result.created:,} created, {result.updated:,} updated, {result.unchanged:,} unchanged, "
          f"{result.skipped:,} skipped ({result.format}"
          + (f", {result.encoding}, delimiter {result.delimiter!r}" if result.format == "csv" else "") + ")")
    if result.drafts:
        print(f"{result.drafts:,} session(s) without a start are unscheduled drafts")
    for label, names in (("facilitators", result.created_facilitators), ("venues", result.created_venues)):
        if names:
            print(f"created {label}: {', '.join(names)}")
    if result.ignored_columns:
        print(f"columns not imported: {', '.join(result.ignored_columns)}")
    if result.missing:
        print("skipped: sessions naming what the event lacks:")
        for reference in result.missing:
            print(f"  {reference}")
    if result.issue_count:
        print("skipped rows:")
        _print_issues(result.issues, result.issue_count, sys.stdout)
    return 0
