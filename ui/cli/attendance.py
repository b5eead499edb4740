"""import-attendance: meeting-platform attendance reports into the check-in log (no Qt, light imports)."""

from __future__ import annotations

import argparse

from ui.cli.base import command, emit_json, emit_json_error, error_kind, progress_to_stderr


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("files", nargs="+", metavar="FILE", help="attendance reports (Teams, Zoom, Webex, Meet: CSV or XLSX)")
    p.add_argument("--session", default=None, metavar="UID",
                   help="the session every file is of (default: found by each report's title and time)")
    p.add_argument("--zone", default=None, metavar="ZONE",
                   help="the IANA zone the reports' times are in (default: the session's host hub)")
    p.add_argument("--add-walk-ins", action="store_true", help="add people the roster does not know as walk-ins")
    p.add_argument("--progress", action="store_true", help="show progress on stderr")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _person(plan, person) -> dict[str, object]:  # noqa: ANN001 - a FilePlan and a Person
    return {"file": plan.name, "name": person.name, "email": person.email or None, "minutes": person.minutes,
            "candidate": person.attendee_name or None, "candidate_uid": person.attendee_uid,
            "score": round(person.score, 1) if person.match == "fuzzy" else None}


@command("import-attendance", "import meeting attendance reports as 'virtual' check-ins with minutes attended "
         "(fuzzy name matches are listed for review, never applied; exit 2: a file refused, nothing changed)")(
    _configure)
def cmd_import_attendance(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from learningday.attendance.recording import import_attendance
    from learningday.errors import InvalidInput
    from learningday.store.db import open_event

    try:
        with open_event(args.event) as event_file, event_file.write() as session:
            result = import_attendance(session, args.files, at_utc=datetime.now(timezone.utc),
                                       session_uid=args.session, zone=args.zone, add_walk_ins=args.add_walk_ins,
                                       progress=progress_to_stderr(args.progress and not args.json))
    except InvalidInput as exc:
        if not args.json:
            raise
        emit_json_error(exc.message, error_kind(exc), files=[], matched=0, fuzzy_pending=[], unmatched=[],
                        entries_written=0, errors=[exc.message])
        return exc.exit_code
    pending = [_person(plan, p) for plan in result.files for p in plan.people if p.match == "fuzzy"]
    unmatched = [_person(plan, p) for plan in result.files for p in plan.people
                 if p.match == "none" and not args.add_walk_ins]
    if args.json:
        emit_json({
            "files": [{"file": plan.name, "session_uid": plan.session_uid, "session": plan.session_title,
                       "platform": plan.platform, "zone": plan.zone, "people": len(plan.people),
                       "notes": list(plan.notes)} for plan in result.files],
            "matched": result.matched, "fuzzy_pending": pending, "unmatched": unmatched,
            "entries_written": result.entries_written, "entries_undone": result.entries_undone,
            "walk_ins_added": result.walk_ins_added, "errors": [],
        })
        return 0
    for plan in result.files:
        print(f"{plan.name}: '{plan.session_title}' ({plan.platform}, times in {plan.zone}), "
              f"{len(plan.people)} people")
        for note in plan.notes:
            print(f"  note: {note}")
    for p in pending:
        print(f"  to review: {p['name']} ({p['file']}) may be {p['candidate']} ({p['score']}%)")
    for p in unmatched:
        print(f"  not on the roster: {p['name']} ({p['file']}, {p['minutes']} min)")
    print(f"{result.matched} matched, {len(pending)} to review, {len(unmatched)} unmatched; "
          f"{result.entries_written} entries written"
          + (f", {result.entries_undone} reversed (corrected files)" if result.entries_undone else ""))
    return 0
