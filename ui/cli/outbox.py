"""CLI for a station's outbox: `outbox URL [--flush]`, and `checkin` on a server that is gone (no Qt)."""

from __future__ import annotations

import argparse
import sys

from ui.cli.base import command, emit_json, emit_json_error

#: the check-in is kept in this computer's outbox, not yet on the server (also: `outbox --flush` left some waiting)
KEPT = 5


def _plural(count: int) -> str:
    return f"{count:,} check-in{'s' if count != 1 else ''}"


def _delivered_lines(delivered) -> list[str]:  # noqa: ANN001 - outbox_flush.Delivered items
    """What the server said to each kept check-in it received: written, judged by the door rules, or refused."""
    return [f"  {d.result.message} (entry {d.result.entry_uid})" if d.result is not None and d.result.entry_uid
            else f"  {d.result.message}" if d.result is not None
            else f"  not written: {d.entry.shown}: {d.error.message}" for d in delivered]


def _delivered_json(delivered) -> list[dict[str, object]]:  # noqa: ANN001
    return [{"uid": d.entry.uid, "who": d.entry.shown, "status": d.result.status if d.result else "refused",
             "attendee": d.result.attendee or None if d.result else None,
             "entry_uid": d.result.entry_uid if d.result else None,
             "message": d.result.message if d.result else d.error.message} for d in delivered]


def check_in_on_server(args: argparse.Namespace, **rules: object):  # noqa: ANN201 - a CheckInResult or None
    """`checkin` on a server: written behind what this computer kept, or kept itself while the server is gone or
    refuses (then None: the error is said, with --json as one document)."""
    from datetime import datetime, timezone

    from learningday.checkin.log import station_name
    from learningday.checkin.outbox import Kept
    from learningday.checkin.outbox_flush import JUDGED_LATER, deliver_to

    station_name(args.station)  # bad input is refused now, not kept to be refused later
    entry = Kept(args.code, args.code, "scan", args.session, args.station, args.facilitator,
                 datetime.now(timezone.utc), **rules)
    flushed = deliver_to(args.event, entry)
    earlier = [d for d in flushed.delivered if d.entry.uid != entry.uid]
    if earlier:
        print(f"written from this computer's outbox first: {_plural(len(earlier))}", file=sys.stderr)
        print("\n".join(_delivered_lines(earlier)), file=sys.stderr)
    mine = next((d for d in flushed.delivered if d.entry.uid == entry.uid), None)
    if mine is not None and mine.error is not None:
        raise mine.error
    if mine is not None:
        return mine.result
    message = (f"not saved: {flushed.reason}; kept in this computer's outbox ({_plural(flushed.waiting)} waiting; "
               f"`learningday outbox URL --flush` writes them in order); {JUDGED_LATER}")
    if args.json:
        emit_json_error(message, "server_gone", status="kept", entry_uid=entry.uid, waiting=flushed.waiting)
    else:
        print(f"learningday: error: {message}", file=sys.stderr)
    return None


def _configure_outbox(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT_URL", help="the event on a database server (postgresql+psycopg://…)")
    p.add_argument("--flush", action="store_true", help="write the kept check-ins to the server now, in order")
    p.add_argument("--json", action="store_true", help="print one JSON object")


@command("outbox", "the check-ins this computer keeps for an event on a server that was gone or refused them; "
                   f"--flush writes them in order (exit {KEPT} while some still wait)")(_configure_outbox)
def cmd_outbox(args: argparse.Namespace) -> int:
    from learningday.checkin.outbox import Outbox, on_server
    from learningday.checkin.outbox_flush import Flushed, flush_url
    from learningday.errors import InvalidInput
    from learningday.store.failures import ServerGone
    from learningday.timeutil import iso

    if not on_server(args.event):
        raise InvalidInput(f"{args.event} is not a database server URL: only an event on a server keeps an outbox "
                           "(an event file's station keeps its check-ins itself)")
    gone: ServerGone | None = None
    try:
        flushed = flush_url(args.event) if args.flush else Flushed([], 0)
    except ServerGone as exc:  # still away: everything keeps waiting
        flushed, gone = Flushed([], 0), exc
    with Outbox.for_event(args.event) as outbox:
        entries, reason, label = outbox.entries(), outbox.reason, outbox.label
    report = {"event": label, "waiting": len(entries), "reason": reason or None,
              "delivered": _delivered_json(flushed.delivered),
              "entries": [{"uid": e.uid, "who": e.shown, "session_uid": e.session_uid, "station": e.station,
                           "facilitator": e.facilitator, "at_utc": iso(e.at_utc), "override": e.override}
                          for e in entries]}
    message = f"{gone.message}; {_plural(len(entries))} still waiting in this computer's outbox" if gone else ""
    if args.json:
        emit_json_error(message, "server_gone", **report) if gone else emit_json(report)
        return KEPT if args.flush and entries else 0
    if flushed.delivered:
        print(f"written to the server: {_plural(len(flushed.delivered))}")
        print("\n".join(_delivered_lines(flushed.delivered)))
    print(f"{_plural(len(entries))} waiting for the server" + (f" ({reason})" if entries and reason else ""))
    for e in entries:
        where = f"session {e.session_uid}" if e.session_uid else "the event"
        print(f"  {iso(e.at_utc)}  {e.shown}  {where}  station {e.station}")
    if gone:
        print(f"learningday: error: {message}", file=sys.stderr)
    return KEPT if args.flush and entries else 0
