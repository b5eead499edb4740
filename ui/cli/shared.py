"""CLI for a shared event on a database server: `publish EVENT.lday URL` and `pull URL OUT.lday`.

A URL names no password: libpq finds it in a pgpass or service file (README, "A shared event"), so
none is ever typed on a command line, written to a log or kept in the event file.
"""

from __future__ import annotations

import argparse

from ui.cli.base import command, emit_json

URL_HELP = "the database, postgresql+psycopg://user@host/dbname (its password from ~/.pgpass or a service file)"


def _report(args: argparse.Namespace, copied, verb: str) -> int:  # noqa: ANN001 - a store.copying.Copied
    if args.json:
        emit_json({"target": copied.target, "rows": copied.rows})
    else:
        print(f"{verb} {sum(copied.rows.values()):,} rows in {len(copied.rows)} tables to {copied.target}")
    return 0


def _configure_publish(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file to copy")
    p.add_argument("url", metavar="URL", help=URL_HELP + "; it must hold no event yet")
    p.add_argument("--json", action="store_true", help="print one JSON object")


@command("publish", "copy an event file into an empty database on a server, for many stations")(_configure_publish)
def cmd_publish(args: argparse.Namespace) -> int:
    from learningday.store.copying import publish

    return _report(args, publish(args.event, args.url), "published")


def _configure_pull(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", metavar="URL", help=URL_HELP)
    p.add_argument("out", metavar="OUT.lday", help="the new event file (an archive of the shared event)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


@command("pull", "copy a shared event from a database server into a new event file")(_configure_pull)
def cmd_pull(args: argparse.Namespace) -> int:
    from learningday.store.copying import pull

    return _report(args, pull(args.url, args.out), "pulled")
