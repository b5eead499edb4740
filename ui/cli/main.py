"""The command line: parse, dispatch to a sub-command, turn errors into exit codes.

Every sub-command module is imported here by name; none imports Qt, so ``learningday info``
starts fast. The desktop app is reached through the ``run_gui`` callable ``ui.launch`` hands in.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence

from learningday import __version__
from learningday.errors import InvalidInput, LearningDayError
from ui.cli import (
    agenda,
    agenda_import,
    attendance,
    attendees,
    backups,
    branding,
    checkin,
    events,
    levels,
    new,
    now,
    outbox,
    plan,
    reports,
    roster,
    sessions,
    setup_edit,
    shared,
    signin_sheet,
    skills,
    snapshots,
)
from ui.cli.base import COMMANDS, configure_gui, emit_json_error, error_kind

PROG = "learningday"
#: the modules whose sub-commands this parser offers (importing one registers its commands)
COMMAND_MODULES = (events, agenda, agenda_import, attendance, attendees, backups, branding, checkin, levels, new, now,
                   outbox, plan, reports, roster, sessions, setup_edit, shared, signin_sheet, skills, snapshots)
GuiRunner = Callable[..., int]


class _Parser(argparse.ArgumentParser):
    """argparse, except that a command line asking for ``--json`` gets its usage error as JSON too."""

    json_wanted = False

    def error(self, message: str) -> None:  # type: ignore[override]
        if _Parser.json_wanted:
            self.print_usage(sys.stderr)
            emit_json_error(f"{self.prog}: {message}", "usage")
            raise SystemExit(2)
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="LearningDay: plan, run and report a 24-hour, follow-the-sun AI Learning Day. "
        "Without a command it opens the desktop app (on EVENT.lday if given).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the desktop app (the default)", description="open the desktop app")
    configure_gui(gui)
    for make, _ in COMMANDS.values():
        make(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, run_gui: GuiRunner | None = None) -> int:
    """Run one command; ``run_gui`` opens the desktop app (``ui.launch`` passes it, so this package needs no Qt)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `learningday` and `learningday FILE.lday` open the app; anything else is a command.
    if not args_list or (not args_list[0].startswith("-") and args_list[0] not in COMMANDS
                         and args_list[0] != "gui"):
        args_list.insert(0, "gui")
    parser = build_parser()
    _Parser.json_wanted = "--json" in args_list
    args = parser.parse_args(args_list)
    as_json = bool(getattr(args, "json", False))
    try:
        if args.command == "gui":
            if run_gui is None:
                raise InvalidInput("the desktop app starts from main.py or the `learningday` command, "
                                   "not from `python -m ui.cli`")
            return run_gui(args.event, exit_when_shown=args.exit_when_shown)
        _, handler = COMMANDS[args.command]
        return handler(args)
    except LearningDayError as exc:
        if as_json:
            emit_json_error(exc.message, error_kind(exc))
        else:
            print(f"{PROG}: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except OSError as exc:  # a file the system would not read or write: a read-only folder, a full disk
        from learningday.store.failures import DISK_FULL, short_reason

        where = f"{exc.filename}: " if exc.filename else ""
        why = short_reason(exc, label=where)
        if as_json:
            emit_json_error(f"{where}{why}", "disk_full" if why == DISK_FULL else "os_error")
        else:
            print(f"{PROG}: error: {where}{why}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so plainly, keep the trace for the report
        traceback.print_exc()
        print(f"{PROG}: unexpected error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1
