"""Propose a plan: read the event, solve (HiGHS, or the greedy plan), hand out rooms, say what is left open."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy.orm import Session

from learningday.errors import (
    CancelCheck,
    InvalidInput,
    Progress,
    share_of,
    stop_if_cancelled,
)
from learningday.plan.coverage import coverage_by_level_and_hub
from learningday.plan.plandata import (
    FacilitatorSnap,
    PlanRules,
    PlanSnapshot,
    SessionSnap,
    VenueSnap,
)
from learningday.plan.planner import explain
from learningday.plan.planner.greedy import CANCELLED, greedy_plan
from learningday.plan.planner.greedy import worth as plan_worth
from learningday.plan.planner.model import PlanInputs, PlanOptions, load_inputs
from learningday.plan.planner.problem import Problem, build_problem
from learningday.plan.planner.result import (
    FEASIBLE,
    INFEASIBLE,
    OPTIMAL,
    Placement,
    PlanResult,
)
from learningday.plan.planner.rooms import assign_rooms
from learningday.plan.planner.spread import spread


def propose_plan(db: Session, options: PlanOptions | None = None, *, progress: Progress | None = None,
                 cancel: CancelCheck | None = None) -> PlanResult:
    """A plan for the open event (nothing is written: ``apply_plan`` does that)."""
    options = options or PlanOptions()
    options.check()
    inputs = load_inputs(db, options.grid_minutes, PlanRules(coverage_minimum=options.min_per_cell))
    if options.only is not None:
        known = {s.uid for s in inputs.sessions}
        missing = sorted(set(options.only) - known)
        if missing:
            raise InvalidInput(f"no session with id {missing[0]!r} in this event")
    return plan_inputs(inputs, options, progress=progress, cancel=cancel)


def plan_inputs(inputs: PlanInputs, options: PlanOptions, *, progress: Progress | None = None,
                cancel: CancelCheck | None = None) -> PlanResult:
    """The plan for inputs already read (the bench and the tests build them by hand)."""
    began = time.monotonic()
    report = progress or (lambda _f, _m: None)
    report(0.0, "reading the rules")
    p = build_problem(inputs, options)
    said = explain.before_solve(p)
    stop_if_cancelled(cancel, CANCELLED)
    chosen: dict[str, int] | None = None
    solver, status, gap, worth = "greedy", FEASIBLE, None, None
    if options.solver != "greedy" and p.movable:
        try:
            from learningday.plan.planner.exact import exact_plan
        except ImportError:  # highspy missing: the greedy plan stands, and says so
            said.append("HiGHS (highspy) is not installed: this is the greedy plan")
        else:
            # the budget is the whole call's: what is spent so far, and a share kept for rooms and checks
            solved = exact_plan(p, {}, deadline=began + options.time_limit * 0.85, options=options,
                                progress=share_of(progress, 0.05, 0.9), cancel=cancel)
            if solved.status != "none":
                chosen, solver, gap, worth = solved.chosen, "highs", solved.gap, plan_worth(p, solved.chosen)
                status = OPTIMAL if solved.status == "optimal" else FEASIBLE
            else:
                chosen, worth = solved.chosen or None, solved.objective  # the greedy plan it started from
                if options.solver == "auto":
                    said.append(f"HiGHS found no plan within {options.time_limit:g} s: this is the greedy plan")
    elif not p.movable:
        status, gap = OPTIMAL, 0.0
    if chosen is None:
        chosen = greedy_plan(p, seed=options.seed, progress=share_of(progress, 0.05, 0.9), cancel=cancel)
        worth = plan_worth(p, chosen)
    chosen = spread(p, chosen, deadline=began + options.time_limit * 0.9)
    report(0.95, "handing out rooms")
    result = _result(p, chosen, status, gap, worth, solver, said, began)
    report(1.0, "done")
    return result


def _result(p: Problem, chosen: dict[str, int], status: str, gap: float | None, worth: float | None, solver: str,
            said: list[str], began: float) -> PlanResult:
    inputs = p.inputs
    venues = assign_rooms(p, chosen)
    names = {v.id: v.name for v in inputs.venues}
    placements = []
    for s in p.movable:
        if s.uid in chosen:
            start = inputs.slot(chosen[s.uid])
            placements.append(Placement(s.uid, s.title, start, start + timedelta(minutes=s.minutes), venues[s.uid],
                                        names.get(venues[s.uid], ""), s.start, s.venue_id))
    unplaced = tuple(s.uid for s in p.movable if s.uid not in chosen)
    gaps = coverage_by_level_and_hub(planned_snapshot(inputs, placements, unplaced), inputs.rules).gaps
    said = said + explain.after_solve(p, chosen, gaps, said)
    if unplaced:
        status = INFEASIBLE
    return PlanResult(status, gap, tuple(placements), unplaced, gaps, tuple(said), solver,
                      time.monotonic() - began, worth)


def planned_snapshot(inputs: PlanInputs, placements, unplaced: tuple[str, ...] = ()) -> PlanSnapshot:
    """The agenda as it would be with ``placements`` applied (``unplaced`` sessions left out), for the
    conflict and coverage checks of ``plan.conflicts`` and ``plan.coverage``."""
    moved = {pl.uid: pl for pl in placements}
    rows = []
    for s in inputs.sessions:
        pl = moved.get(s.uid)
        start, venue = (pl.start_utc, pl.venue_id) if pl else (s.start, s.venue_id)
        if start is None or s.uid in unplaced:
            continue
        rows.append(SessionSnap(s.id, s.uid, s.title, s.level_id, start, start + timedelta(minutes=s.minutes),
                                venue, s.facilitator_ids, s.hub_ids, s.seats))
    return PlanSnapshot(inputs.start, inputs.end, inputs.level_ids, inputs.hubs,
                        tuple(VenueSnap(v.id, v.name, v.capacity) for v in inputs.venues),
                        tuple(FacilitatorSnap(f.id, f.name, f.zone, f.availability) for f in inputs.facilitators),
                        tuple(sorted(rows, key=lambda r: (r.start, r.id))))
