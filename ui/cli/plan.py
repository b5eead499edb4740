"""CLI for the auto-planner: `plan EVENT.lday [--grid 15] [--min-per-cell K] [--time-limit S] [--keep-times]
[--dry-run] [--json]`."""

from __future__ import annotations

import argparse

from ui.cli.base import command, emit_json


def _configure_plan(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("--grid", type=int, default=15, metavar="MIN", help="start times on a 5, 10, 15 or 30 minute grid "
                   "(default 15)")
    p.add_argument("--min-per-cell", type=int, default=1, metavar="K",
                   help="sessions each hub should get of each level in its working hours (default 1)")
    p.add_argument("--time-limit", type=float, default=10.0, metavar="S", help="seconds the solver may take "
                   "(default 10)")
    p.add_argument("--keep-times", action="store_true", help="keep sessions where they are when that costs nothing")
    p.add_argument("--seed", type=int, default=0, help="breaks ties the same way each run (default 0)")
    p.add_argument("--dry-run", action="store_true", help="say what the plan would do; write nothing")
    p.add_argument("--json", action="store_true", help="print one JSON object: status, gap, moved, placed, "
                   "coverage_gaps, explanation")


@command("plan", "place every unpinned session: a start and a venue (an agenda version is saved first)")(
    _configure_plan)
def cmd_plan(args: argparse.Namespace) -> int:
    from learningday.plan.planner import (
        INFEASIBLE,
        PlanOptions,
        apply_plan,
        propose_plan,
    )
    from learningday.store.db import open_event

    options = PlanOptions(grid_minutes=args.grid, min_per_cell=args.min_per_cell, time_limit=args.time_limit,
                          keep_times=args.keep_times, seed=args.seed)
    options.check()
    with open_event(args.event) as event_file:
        with event_file.read() as session:
            result = propose_plan(session, options)
        kept = None
        if not args.dry_run and result.status != INFEASIBLE and result.changes:
            with event_file.write() as session:
                kept = apply_plan(session, result)
    if args.json:
        emit_json(result.as_json())
        return 1 if result.status == INFEASIBLE else 0
    gap = f", gap {result.gap:.2%}" if result.status != "optimal" and result.gap is not None else ""
    print(f"plan: {result.status} ({result.solver}{gap}): {result.placed} placed, {result.moved} moved, "
          f"{len(result.unplaced)} left unplaced")
    if result.coverage_gaps:
        cells = "; ".join(f"level {c.level_id} in {c.hub} ({c.count} of {c.minimum})" for c in result.coverage_gaps)
        print(f"coverage: {len(result.coverage_gaps)} cells under their minimum: {cells}")
    else:
        print("coverage: every hub gets every level in its working hours")
    for line in result.explanation:
        print(f"  - {line}")
    if args.dry_run:
        print("dry run: nothing was written")
    elif result.status == INFEASIBLE:
        print("nothing was written: pin or change the sessions above, or look with --dry-run")
    elif kept is None:
        print("the agenda already matches the plan: nothing changed")
    else:
        print(f"wrote {len(result.changes)} changes; the agenda before is saved as {kept.name!r}")
    return 1 if result.status == INFEASIBLE else 0
