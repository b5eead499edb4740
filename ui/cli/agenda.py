"""CLI for the plan: `agenda` (sessions in a hub's local time) and `check` (conflicts, coverage)."""

from __future__ import annotations

import argparse
from typing import Any

from learningday.errors import InvalidInput
from ui.cli.base import command, emit_json

#: exit status of `check` when the agenda has conflicts
CONFLICTS_FOUND = 3


def _hub_by_name(hubs: tuple, name: str | None, option: str):
    from learningday.plan.export import find_hub

    return None if name is None else find_hub(hubs, name, option)


def _check_level(levels: tuple, level: int | None) -> None:
    from learningday.plan.export import check_level

    check_level(levels, level)


def _gone_hub_option(p: argparse.ArgumentParser) -> None:
    """The old ``--hub`` meant the clock in one command and the sessions in the other: it is refused
    with the two options that replace it, rather than guessed."""
    p.add_argument("--hub", dest="gone_hub", help=argparse.SUPPRESS)


def _refuse_gone_hub(args: argparse.Namespace) -> None:
    if args.gone_hub is not None:
        raise InvalidInput(f"--hub is gone: write --zone {args.gone_hub!r} for the times on its clock, "
                           f"--for-hub {args.gone_hub!r} for only its sessions (or both)")


# -- agenda -------------------------------------------------------------------------------
def _configure_agenda(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("--zone", metavar="HUB_OR_IANA",
                   help="show every session on this clock: a hub's name or an IANA zone (default UTC)")
    p.add_argument("--for-hub", metavar="NAME", help="only the sessions for this hub (or for every hub)")
    p.add_argument("--level", type=int, metavar="N", help="only sessions of framework level N (1-5)")
    p.add_argument("--json", action="store_true", help="print a JSON list of sessions")
    _gone_hub_option(p)
    p.add_argument("--audience", dest="gone_audience", help=argparse.SUPPRESS)


@command("agenda", "list the sessions, in one hub's local time if asked")(_configure_agenda)
def cmd_agenda(args: argparse.Namespace) -> int:
    from learningday.plan.export import agenda_clock
    from learningday.plan.sessions import list_sessions
    from learningday.setup.clock import clocks_label, day_label, local_span
    from learningday.setup.event import get_event, list_hubs, list_levels
    from learningday.store.db import open_event
    from learningday.timeutil import iso, to_local

    _refuse_gone_hub(args)
    if args.gone_audience is not None:
        raise InvalidInput(f"--audience is gone: write --for-hub {args.gone_audience!r} for only its sessions")
    with open_event(args.event) as event_file, event_file.read() as session:
        event, hubs, levels = get_event(session), list_hubs(session), list_levels(session)
        clock = agenda_clock(hubs, args.zone) if args.zone is not None else None
        audience = _hub_by_name(hubs, args.for_hub, "--for-hub")
        _check_level(levels, args.level)
        rows = list_sessions(session)
    zone_name = clock.zone if clock else "UTC"
    rows = [r for r in rows if (args.level is None or r.level_id == args.level)
            and (audience is None or not r.target_hubs or audience.name in r.target_hubs)]

    def local(instant):
        return to_local(instant, zone_name) if instant else None

    if args.json:
        emit_json([{
            "uid": r.uid, "title": r.title, "level": r.level_id, "venue": r.venue,
            "start_utc": iso(r.start_utc) if r.start_utc else None,
            "end_utc": iso(r.end_utc) if r.end_utc else None,
            "start_local": iso(local(r.start_utc)) if r.start_utc else None,
            "end_local": iso(local(r.end_utc)) if r.end_utc else None,
            "zone": zone_name, "duration_minutes": r.duration_minutes, "facilitators": list(r.facilitators),
            "target_hubs": list(r.target_hubs), "registered": r.registered, "capacity": r.capacity,
        } for r in rows])
        return 0
    on_a_clock = clock is not None and (clock.hub is not None or clock.zone != "UTC")
    where = f"{clock.name}, {clocks_label(event.start_utc, event.end_utc, zone_name)}" if on_a_clock else "UTC"
    print(f"{event.name} — {len(rows)} sessions, times in {where}")
    day = None
    for r in rows:
        if r.start_utc is None:
            if day != "drafts":
                day = "drafts"
                print("\nUnscheduled")
            print(f"  {'':11}  L{r.level_id}  {r.title}")
            continue
        lo, hi = local(r.start_utc), local(r.end_utc)
        if lo.date() != day:
            day = lo.date()
            print(f"\n{day_label(day)} {day:%b %Y}")
        next_day = " +1" if hi.date() != lo.date() else ""
        extra = " · ".join(x for x in (r.venue, ", ".join(r.facilitators)) if x)
        span = local_span(r.start_utc, r.end_utc, zone_name, event.start_utc)  # '00:30 BST–01:00 GMT' on a change
        print(f"  {span}{next_day:<3}  L{r.level_id}  {r.title}" + (f"  · {extra}" if extra else ""))
    return 0


# -- check --------------------------------------------------------------------------------
def _night(text: str) -> tuple[int, int]:
    """'22:00-07:00' -> (1320, 420): two clock times, the night may run past midnight."""
    from learningday.setup.rules import DAY, parse_clock

    start, dash, end = text.partition("-")
    try:
        if dash:
            return parse_clock(start) % DAY, parse_clock(end) % DAY
    except InvalidInput:
        pass
    raise argparse.ArgumentTypeError(f"not a night like 22:00-07:00: {text!r}")


def _configure_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("--minimum", type=int, default=1, metavar="N",
                   help="sessions each level needs inside each hub's working hours (default 1)")
    p.add_argument("--night", type=_night, default=(22 * 60, 7 * 60), metavar="HH:MM-HH:MM",
                   help="facilitators' local night (default 22:00-07:00)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


@command("check", "list the agenda's conflicts and its level x hub coverage; exit 3 when there are conflicts")(
    _configure_check)
def cmd_check(args: argparse.Namespace) -> int:
    from learningday.plan.conflicts import ERROR, find_conflicts
    from learningday.plan.coverage import coverage_by_level_and_hub
    from learningday.plan.plandata import PlanRules, load_plan
    from learningday.store.db import open_event
    from learningday.timeutil import iso, to_local

    if args.minimum < 0:
        raise InvalidInput(f"--minimum must not be negative, not {args.minimum}")
    rules = PlanRules(night_start_min=args.night[0], night_end_min=args.night[1], coverage_minimum=args.minimum)
    with open_event(args.event) as event_file, event_file.read() as session:
        plan = load_plan(session)
    conflicts = find_conflicts(plan, rules)
    coverage = coverage_by_level_and_hub(plan, rules)
    status = CONFLICTS_FOUND if conflicts else 0
    zones = {h.id: h.zone for h in plan.hubs}
    if args.json:
        document: dict[str, Any] = {
            "conflicts": [{"kind": c.kind, "severity": c.severity, "sessions": list(c.sessions),
                           "message": c.message} for c in conflicts],
            "coverage": [{"level": c.level_id, "hub": c.hub, "count": c.count, "minimum": c.minimum,
                          "gap": c.gap} for c in coverage.cells],
            "idle": [{"hub": h.hub, "start_utc": iso(w.start), "end_utc": iso(w.end),
                      "start_local": iso(to_local(w.start, zones[h.hub_id])),
                      "end_local": iso(to_local(w.end, zones[h.hub_id]))} for h in coverage.idle for w in h.idle],
        }
        emit_json(document)
        return status
    errors = sum(c.severity == ERROR for c in conflicts)
    print(f"{len(conflicts)} conflicts ({errors} errors, {len(conflicts) - errors} warnings)")
    for c in conflicts:
        print(f"  {c.severity:<7} {c.kind:<26} {c.message}")
    width = max([len(h.name) for h in plan.hubs] + [5])
    print(f"\ncoverage (sessions inside working hours; minimum {rules.coverage_minimum}, '!' marks a gap)")
    print(" " * (width + 2) + "".join(f"  L{lv}" for lv in plan.level_ids))
    for hub in plan.hubs:
        cells = [coverage.cell(lv, hub.name) for lv in plan.level_ids]
        print(f"  {hub.name:<{width}}" + "".join(f"{c.count:>3}{'!' if c.gap else ' '}" for c in cells))
    print(f"{len(coverage.gaps)} gaps")
    return status


# -- export-ics and agenda-pdf ------------------------------------------------------------
def _configure_export_ics(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("out", metavar="OUT.ics", help="the calendar file to write")
    p.add_argument("--for-hub", metavar="NAME", help="only the sessions for this hub (or for every hub)")
    p.add_argument("--level", type=int, metavar="N", help="only sessions of framework level N (1-5)")
    p.add_argument("--facilitator", metavar="NAME_OR_EMAIL", help="only this facilitator's own sessions")
    p.add_argument("--zone", metavar="HUB_OR_IANA",
                   help="write times in this hub's (or IANA) zone with a VTIMEZONE, not in UTC")
    _gone_hub_option(p)


@command("export-ics", "write the agenda (or one hub's, level's or facilitator's part) as an .ics calendar")(
    _configure_export_ics)
def cmd_export_ics(args: argparse.Namespace) -> int:
    from pathlib import Path

    from learningday.plan.export import AgendaScope
    from learningday.store.db import open_event
    from reports.agenda_files import IcsRequest, write_agenda_ics

    _refuse_gone_hub(args)
    scope = AgendaScope(hub=args.for_hub, level=args.level, facilitator=args.facilitator)
    request = IcsRequest(Path(args.out), scope, zone=args.zone)
    with open_event(args.event) as event_file:
        written = write_agenda_ics(event_file, request)
    print(f"wrote {written.path} ({written.sessions} sessions, {written.what})")
    return 0


def _configure_agenda_pdf(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("out", metavar="OUT.pdf", help="the PDF file to write")
    p.add_argument("--zone", metavar="HUB_OR_IANA",
                   help="the clock the times are on: a hub's name or an IANA zone (default: the --for-hub hub's)")
    p.add_argument("--for-hub", metavar="NAME",
                   help="list the sessions for this hub and for every hub (default: the --zone hub's;"
                        " a zone that is no hub lists every session)")
    p.add_argument("--all-sessions", action="store_true", help="list every session of the event")
    p.add_argument("--letter", action="store_true", help="US Letter pages (default A4)")
    _gone_hub_option(p)


@command("agenda-pdf", "write a hub's agenda as a PDF on its clock: its sessions, or all of them")(
    _configure_agenda_pdf)
def cmd_agenda_pdf(args: argparse.Namespace) -> int:
    from pathlib import Path

    from learningday.store.db import open_event
    from reports.agenda_files import AgendaPdfRequest, write_agenda_pdf

    _refuse_gone_hub(args)
    zone = args.zone if args.zone is not None else args.for_hub
    if zone is None:
        raise InvalidInput("agenda-pdf needs --zone HUB_OR_IANA (the clock) or --for-hub NAME (the sessions)")
    request = AgendaPdfRequest(Path(args.out), zone, letter=args.letter, for_hub=args.for_hub,
                               all_sessions=args.all_sessions)
    with open_event(args.event) as event_file:
        written = write_agenda_pdf(event_file, request)
    print(f"wrote {written.path} ({written.sessions} sessions, {written.what})")
    return 0
