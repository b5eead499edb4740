"""Skills sub-commands: import-survey, validate, next-steps, sign-off, feedback and completion-rule (no Qt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.cli.base import command, emit_json, progress_to_stderr
from ui.cli.roster import add_encoding_option, counts_line, report_bad_file, report_refusal


def _configure_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("survey", metavar="FILE.csv|xlsx", type=Path, help="the forms tool's export")
    p.add_argument("--kind", required=True, choices=("pre", "post", "feedback"),
                   help="self-assessments before or after the day, or session feedback")
    p.add_argument("--valid-only", action="store_true", help="import the valid rows and skip the others")
    add_encoding_option(p)
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")


@command("import-survey", "import a survey export as self-assessments or feedback: every row or nothing")(
    _configure_import)
def cmd_import_survey(args: argparse.Namespace) -> int:
    from learningday.errors import InvalidInput
    from learningday.skills.survey import import_survey
    from learningday.spreadsheet.engine import ImportRefused
    from learningday.store.db import open_event

    try:
        with open_event(args.event) as event_file, event_file.write() as session:
            result = import_survey(session, args.survey, kind=args.kind, valid_only=args.valid_only,
                                   encoding=args.encoding,
                                   progress=progress_to_stderr(not args.json and sys.stderr.isatty()))
    except ImportRefused as exc:
        return report_refusal(args, exc, kind=args.kind, written=0, unmatched=0)
    except InvalidInput as exc:
        return report_bad_file(args, exc, kind=args.kind, written=0, unmatched=0)
    if args.json:
        emit_json(result.as_dict())
        return 0
    print(counts_line(result, f"{result.written:,} written, {result.unmatched:,} unmatched, "
                              f"{result.skipped:,} skipped"))
    for label, issues in (("unmatched rows (not counted)", result.unmatched_rows), ("skipped rows", result.issues)):
        if issues:
            print(f"{label}:")
            for issue in issues:
                print(f"  {issue}")
    return 0


def _configure_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("--json", action="store_true", help="print the counts as one JSON object")


@command("validate", "how many people are validated at each level (a session of that level completed)")(
    _configure_validate)
def cmd_validate(args: argparse.Namespace) -> int:
    from learningday.skills.summary import validated_counts
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.read() as session:
        counts, people = validated_counts(session)
    if args.json:
        emit_json({"levels": [{"level": c.level, "name": c.name, "validated": c.count} for c in counts],
                   "people": people})
        return 0
    for c in counts:
        print(f"level {c.level}  {c.name:<28} {c.count:>7,}")
    print(f"people validated at one level or more: {people:,}")
    return 0


def _configure_next_steps(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("out", metavar="OUT.xlsx|csv", type=Path, help="the file to write (one row per attendee)")


@command("next-steps", "write each attendee's validated levels, gap to target and recommended paths (for an LMS)")(
    _configure_next_steps)
def cmd_next_steps(args: argparse.Namespace) -> int:
    from learningday.store.db import open_event
    from reports.next_steps import next_steps_file

    with open_event(args.event) as event_file:
        count = next_steps_file(event_file, args.out)
    print(f"{count:,} attendees written to {args.out}")
    return 0


def _person_and_session(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("attendee", metavar="ATTENDEE", help="badge code or uid")
    p.add_argument("--session", required=True, metavar="UID", help="the session's uid")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")


def _configure_sign_off(p: argparse.ArgumentParser) -> None:
    _person_and_session(p)
    p.add_argument("--facilitator", default="", metavar="NAME", help="who signs off")


@command("sign-off", "record that an attendee completed a session's hands-on exercise")(_configure_sign_off)
def cmd_sign_off(args: argparse.Namespace) -> int:
    from learningday.skills.completion import sign_off
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.write() as session:
        change = sign_off(session, args.attendee, args.session, facilitator_name=args.facilitator)
    if args.json:
        emit_json({"attendee": change.attendee_uid, "session": change.session_uid, "already": change.was_signed})
    else:
        print("already signed off" if change.was_signed else "signed off")
    return 0


def _configure_feedback(p: argparse.ArgumentParser) -> None:
    _person_and_session(p)
    p.add_argument("--rating", required=True, type=int, metavar="N", help="the session overall, 1-5")
    p.add_argument("--apply", required=True, type=int, metavar="N", help="'I can apply this', 1-5")
    p.add_argument("--comment", default="", help="a free comment")


@command("feedback", "record an attendee's feedback on a session they are checked in to")(_configure_feedback)
def cmd_feedback(args: argparse.Namespace) -> int:
    from learningday.skills.feedback import record_feedback
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.write() as session:
        change = record_feedback(session, args.attendee, args.session, rating=args.rating, can_apply=args.apply,
                                 comment=args.comment, source="cli")
    if args.json:
        emit_json({"attendee": change.attendee_uid, "session": change.session_uid, "replaced": change.before is not None})
    else:
        print("feedback replaced" if change.before is not None else "feedback recorded")
    return 0


def _configure_completion_rule(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("--session", required=True, metavar="UID", help="the session's uid")
    p.add_argument("--percent", required=True, type=int, metavar="N", help="attended at least N %% of it (0-100)")
    p.add_argument("--sign-off", action=argparse.BooleanOptionalAction, default=False,
                   help="also needs a facilitator's sign-off (default: no)")
    p.add_argument("--json", action="store_true", help="print the rule and the one it replaced as one JSON object")


@command("completion-rule", "set when a session counts as completed: N percent of it attended, and maybe a sign-off")(
    _configure_completion_rule)
def cmd_completion_rule(args: argparse.Namespace) -> int:
    from learningday.skills.completion import set_completion_rule
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.write() as session:
        before = set_completion_rule(session, args.session, min_percent=args.percent, needs_sign_off=args.sign_off)
    if args.json:
        emit_json({"session": args.session, "percent": args.percent, "sign_off": args.sign_off,
                   "before": {"percent": before.min_percent, "sign_off": before.needs_sign_off}})
    else:
        needs = " and a sign-off" if args.sign_off else ""
        print(f"completed when {args.percent} % of the session is attended{needs} "
              f"(was {before.min_percent} %{' and a sign-off' if before.needs_sign_off else ''})")
    return 0
