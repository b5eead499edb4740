"""CLI for an event file's rolling backups: `backups EVENT`, `backup EVENT`, `restore-backup EVENT BACKUP`."""

from __future__ import annotations

import argparse
from typing import Any

from ui.cli.base import command, emit_json

EVENT_HELP = "the event file (its backups are in the folder NAME.backups beside it)"


def _json(backup) -> dict[str, Any]:  # noqa: ANN001 - a store.backups.Backup
    from learningday.timeutil import iso

    return {"name": backup.path.name, "path": str(backup.path), "taken_utc": iso(backup.taken_utc),
            "size": backup.size, "reason": backup.reason}


def _line(backup) -> str:  # noqa: ANN001 - a store.backups.Backup
    """One backup as a person reads it: the time on this computer's clock, the size, the name, why."""
    local = backup.taken_utc.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
    why = f"  ({backup.reason.replace('-', ' ')})" if backup.reason else ""
    return f"{local}  {backup.size / 1e6:8.1f} MB  {backup.path.name}{why}"


def _configure_list(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help=EVENT_HELP)
    p.add_argument("--json", action="store_true", help="print a JSON list")


@command("backups", "list an event file's backups, newest first, with their local times and sizes")(_configure_list)
def cmd_backups(args: argparse.Namespace) -> int:
    from learningday.store.backups import event_path, list_backups

    found = list_backups(event_path(args.event))
    if args.json:
        emit_json([_json(b) for b in found])
    elif not found:
        print(f"{args.event} has no backups yet")
    else:
        print("\n".join(map(_line, found)))
    return 0


def _configure_backup(p: argparse.ArgumentParser) -> None:
    # no core import here: building the parser must not load SQLAlchemy (store.backups does)
    p.add_argument("event", metavar="EVENT.lday", help=EVENT_HELP)
    p.add_argument("--keep", type=int, metavar="K",
                   help="then keep only the newest K backups (default: as many as the app keeps)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


@command("backup", "back up an event file now, into its backups folder")(_configure_backup)
def cmd_backup(args: argparse.Namespace) -> int:
    from learningday.store.backups import DEFAULT_KEEP, back_up, event_path

    backup = back_up(event_path(args.event), keep=DEFAULT_KEEP if args.keep is None else args.keep)
    if args.json:
        emit_json(_json(backup))
    else:
        print(f"backed up to {backup.path}")
    return 0


def _configure_restore(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help=EVENT_HELP)
    p.add_argument("backup", metavar="BACKUP", help="the backup's file name, as `learningday backups` lists it")
    p.add_argument("--json", action="store_true", help="print one JSON object")


@command("restore-backup", "put a backup back into its event file (the file as it is now is backed up first)"
         )(_configure_restore)
def cmd_restore_backup(args: argparse.Namespace) -> int:
    from learningday.store.backups import event_path, find_backup, restore_backup

    event = event_path(args.event)
    backup = find_backup(event, args.backup)
    before = restore_backup(event, backup)
    if args.json:
        emit_json({"restored": _json(backup), "before": str(before)})
    else:
        print(f"restored {event} to {backup.path.name}; the file as it was is kept as {before}")
    return 0
