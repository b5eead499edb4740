"""Roster sub-commands: import-roster, attendees, export-roster and badges (no Qt; heavy imports inside)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.cli.base import command, emit_json, emit_json_error, error_kind, progress_to_stderr


def _hub_id(session, name: str | None) -> int | None:
    from learningday.roster.rows import hub_id_by_name

    return None if name is None else hub_id_by_name(session, name)


def _hub_of(event_file, name: str | None) -> int | None:  # noqa: ANN001 - an EventFile
    """The id of the hub called ``name`` (None: every hub), read before a file is written."""
    if name is None:
        return None
    with event_file.read() as session:
        return _hub_id(session, name)


# -- the Attendees table's filters, shared with register --------------------------------------
def add_filter_options(p: argparse.ArgumentParser) -> None:
    from learningday.roster.dto import REGISTRATION_STATES

    p.add_argument("--hub", metavar="NAME", help="attendees of this hub")
    p.add_argument("--level", type=int, metavar="N", help="attendees at this level (1-5)")
    p.add_argument("--department", metavar="NAME", help="attendees of this department ('' : none)")
    p.add_argument("--state", choices=REGISTRATION_STATES, help="attendees in this registration state")
    p.add_argument("--search", metavar="TEXT", default="", help="attendees the search box would find")


def filtered(args: argparse.Namespace, *, beyond_hub: bool = False) -> bool:
    given = [args.level, args.department, args.state, args.search or None]
    return any(v is not None for v in (given if beyond_hub else [args.hub, *given]))


def filter_query(session, args: argparse.Namespace):  # noqa: ANN001, ANN201 - Session -> AttendeeQuery
    from learningday.roster.dto import AttendeeQuery

    return AttendeeQuery(text=args.search, hub_id=_hub_id(session, args.hub), level_id=args.level,
                         department=args.department, registration=args.state)


# -- import-roster ------------------------------------------------------------------------
def _configure_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("roster", metavar="ROSTER.csv|xlsx", type=Path, help="the roster to import")
    p.add_argument("--valid-only", action="store_true", help="import the valid rows and skip the others")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="read FIELD (name, email, employee_id, department, role, hub, level) from COLUMN")
    add_encoding_option(p)
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")


def add_encoding_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--encoding", metavar="NAME",
                   help="the encoding a CSV file was saved in (e.g. utf-8, cp1252, shift_jis, gbk); by default it "
                        "is guessed, and a guess that is not certain is refused")


def _overrides(pairs: list[str]) -> dict[str, str]:
    from learningday.errors import InvalidInput

    result = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip():
            raise InvalidInput(f"--map wants FIELD=COLUMN, not {pair!r}")
        result[field.strip()] = column.strip()
    return result


def _print_issues(issues, count: int, stream) -> None:
    for issue in issues:
        print(f"  {issue}", file=stream)
    if count > len(issues):
        print(f"  … and {count - len(issues):,} more", file=stream)


def report_refusal(args: argparse.Namespace, exc, **extra) -> int:  # noqa: ANN001 - an ImportRefused
    """A refused import: its row-level report as JSON (with ``extra`` keys) or on stderr; the exit status."""
    if args.json:
        emit_json_error(exc.headline, error_kind(exc), **extra, created=0, updated=0, skipped=0,
                        errors=[i.as_dict() for i in exc.issues], error_count=exc.issue_count)
    else:
        print(f"learningday: error: {exc.headline}", file=sys.stderr)
        _print_issues(exc.issues, exc.issue_count, sys.stderr)
    return exc.exit_code


def report_bad_file(args: argparse.Namespace, exc, **extra) -> int:  # noqa: ANN001 - an InvalidInput
    """A file that could not be read at all: one error in the report's shape (JSON), else raised as usual."""
    from learningday.errors import InvalidInput
    from learningday.spreadsheet.engine import EncodingUnsure

    if isinstance(exc, EncodingUnsure):  # say how to choose, here
        choices = ", ".join((exc.guess.encoding, *exc.guess.candidates))
        exc = InvalidInput(f"{exc.message} with --encoding ({choices})")
    if not args.json:
        raise exc
    emit_json_error(exc.message, error_kind(exc), **extra, created=0, updated=0, skipped=0, error_count=1,
                    errors=[{"row": None, "column": None, "value": None, "message": exc.message}])
    return exc.exit_code


def counts_line(result, counts: str) -> str:  # noqa: ANN001 - an import result
    """'4 created, … (csv, cp1252, delimiter ';')': what was done, and how the file was read."""
    read = result.format + (f", {result.encoding}, delimiter {result.delimiter!r}" if result.format == "csv" else "")
    return f"{counts} ({read})"


@command("import-roster", "import attendees from a CSV or XLSX file: every row or nothing")(_configure_import)
def cmd_import_roster(args: argparse.Namespace) -> int:
    from learningday.errors import InvalidInput
    from learningday.roster.importing import import_roster
    from learningday.spreadsheet.engine import ImportRefused
    from learningday.store.db import open_event

    try:
        with open_event(args.event) as event_file, event_file.write() as session:
            result = import_roster(session, args.roster, overrides=_overrides(args.map),
                                   valid_only=args.valid_only, encoding=args.encoding,
                                   progress=progress_to_stderr(not args.json and sys.stderr.isatty()))
    except ImportRefused as exc:
        return report_refusal(args, exc)
    except InvalidInput as exc:
        return report_bad_file(args, exc)
    if args.json:
        emit_json(result.as_dict())
        return 0
    print(counts_line(result, f"{result.created:,} created, {result.updated:,} updated, "
                              f"{result.unchanged:,} unchanged, {result.skipped:,} skipped"))
    if result.merged:
        print(f"{result.merged:,} row(s) repeated a person and were merged")
    if result.ignored_columns:
        print(f"columns not imported: {', '.join(result.ignored_columns)}")
    if result.issue_count:
        print("skipped rows:")
        _print_issues(result.issues, result.issue_count, sys.stdout)
    return 0


# -- attendees ----------------------------------------------------------------------------
def _configure_attendees(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    add_filter_options(p)
    p.add_argument("--json", action="store_true", help="print a JSON list")


@command("attendees", "list the attendees of an event (filtered as the Attendees table filters)")(
    _configure_attendees)
def cmd_attendees(args: argparse.Namespace) -> int:
    from learningday.roster.query import attendee_page
    from learningday.roster.rows import iter_attendee_rows
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.read() as session:
        if filtered(args, beyond_hub=True):
            rows = attendee_page(session, filter_query(session, args), limit=-1, matches=0)  # all, by name
        else:
            rows = list(iter_attendee_rows(session, hub_id=_hub_id(session, args.hub)))
    if args.json:
        emit_json([{"uid": r.uid, "name": r.name, "email": r.email, "employee_id": r.employee_id,
                    "department": r.department, "role": r.role, "hub": r.hub, "level": r.level_id, "code": r.code}
                   for r in rows])
        return 0
    for r in rows:
        print(f"{r.code}  {r.name:<32.32} {r.hub:<14.14} L{r.level_id or '-'}  {r.email}")
    print(f"{len(rows):,} attendee(s)")
    return 0


# -- export-roster ------------------------------------------------------------------------
def _configure_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("out", metavar="OUT.csv|xlsx", type=Path, help="the file to write")
    p.add_argument("--hub", metavar="NAME", help="only the attendees of this hub")


@command("export-roster", "write the roster to CSV or XLSX (it imports back unchanged)")(_configure_export)
def cmd_export_roster(args: argparse.Namespace) -> int:
    from learningday.store.db import open_event
    from reports.roster_files import write_roster

    with open_event(args.event) as event_file:
        count = write_roster(event_file, args.out, hub_id=_hub_of(event_file, args.hub))
    print(f"wrote {args.out} ({count:,} attendees)")
    return 0


# -- badges -------------------------------------------------------------------------------
def _configure_badges(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("out", metavar="OUT.pdf", type=Path, help="the badge sheet to write")
    p.add_argument("--hub", metavar="NAME", help="only the attendees of this hub")
    p.add_argument("--letter", action="store_true", help="US Letter label sheets (default A4)")


@command("badges", "write a badge sheet PDF: name, hub, level colour and QR check-in code")(_configure_badges)
def cmd_badges(args: argparse.Namespace) -> int:
    from learningday.store.db import open_event
    from reports.roster_files import write_badges

    with open_event(args.event) as event_file:
        count = write_badges(event_file, args.out, hub_id=_hub_of(event_file, args.hub), letter=args.letter)
    print(f"wrote {args.out} ({count:,} badges)")
    return 0
