"""CLI for agenda versions: `snapshot save | list | compare | restore`."""

from __future__ import annotations

import argparse
from typing import Any

from ui.cli.base import command, emit_json


def _configure_snapshot(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    save = actions.add_parser("save", help="save the agenda as it is now under a name",
                              description="save the agenda as it is now under a name")
    save.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    save.add_argument("name", metavar="NAME", help="a name no other saved version has")
    listing = actions.add_parser("list", help="list the saved versions, newest first",
                                 description="list the saved versions, newest first")
    listing.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    for name, text in (("compare", "what changed since a saved version (added, removed, moved, changed)"),
                       ("restore", "bring the agenda back to a saved version (the current one is saved first)")):
        sub = actions.add_parser(name, help=text, description=text)
        sub.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
        sub.add_argument("version", metavar="NAME_OR_UID", help="the saved version, by name or uid")
        if name == "compare":
            sub.add_argument("--json", action="store_true", help="print one JSON object")


@command("snapshot", "save, list, compare and restore named versions of the agenda")(_configure_snapshot)
def cmd_snapshot(args: argparse.Namespace) -> int:
    return {"save": _save, "list": _list, "compare": _compare, "restore": _restore}[args.action](args)


def _row_json(row) -> dict[str, Any]:  # noqa: ANN001 - SnapshotRow
    from learningday.timeutil import iso

    return {"uid": row.uid, "name": row.name, "created_utc": iso(row.created_utc), "sessions": row.sessions,
            "scheduled": row.scheduled}


def _save(args: argparse.Namespace) -> int:
    from learningday.plan.snapshots import save_snapshot
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.write() as session:
        row = save_snapshot(session, args.name)
    print(f"saved {row.name!r} ({row.sessions} sessions, {row.scheduled} scheduled) as {row.uid}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from learningday.plan.snapshots import list_snapshots
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.read() as session:
        rows = list_snapshots(session)
    if args.json:
        emit_json([_row_json(r) for r in rows])
        return 0
    if not rows:
        print("no saved versions yet (learningday snapshot save EVENT NAME)")
    for r in rows:
        print(f"{r.created_utc:%Y-%m-%d %H:%M} UTC  {r.sessions:>4} sessions  {r.name}  [{r.uid}]")
    return 0


def _compare(args: argparse.Namespace) -> int:
    from learningday.plan.dto import change_text
    from learningday.plan.snapshots import compare, find_snapshot, saved_session_json
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.read() as session:
        result = compare(session, find_snapshot(session, args.version).uid)
    groups = {"added": result.added, "removed": result.removed, "moved": result.moved, "changed": result.changed}
    if args.json:
        emit_json({"snapshot": _row_json(result.snapshot), **{kind: [{
            "uid": c.uid, "title": c.title,
            "before": saved_session_json(c.before) if c.before else None,
            "after": saved_session_json(c.after) if c.after else None,
            "fields": [{"field": f.field, "before": f.before, "after": f.after} for f in c.fields],
        } for c in changes] for kind, changes in groups.items()}})
        return 0
    print(f"since {result.snapshot.name!r}: " + ", ".join(f"{len(v)} {k}" for k, v in groups.items()))
    for kind, changes in groups.items():
        for c in changes:
            print(f"  {kind:<8} {c.title}")
            for f in c.fields:
                print(f"           {change_text(f)}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from learningday.plan.snapshots import find_snapshot, restore
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.write() as session:
        result = restore(session, find_snapshot(session, args.version).uid)
    if result.backup is None:
        print(f"the agenda already matches {result.snapshot.name!r}: nothing changed")
        return 0
    print(f"restored {result.snapshot.name!r}: {result.updated} sessions updated, {result.recreated} re-created, "
          f"{result.deleted} deleted; the agenda before is saved as {result.backup.name!r}")
    return 0
