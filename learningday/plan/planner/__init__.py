"""The auto-planner (core, no Qt): propose a start and a venue for every unpinned session.

The API the UI and the CLI use:

* ``PlanOptions`` (model.py): grid, minimum per cell, time limit, keep times, pinned / only uids, seed;
* ``propose_plan(db, options, progress=, cancel=) -> PlanResult`` (propose.py): reads the event, solves
  (exact.py: the split bound of split.py, then the whole MILP of matrix.py and milp.py with HiGHS; the
  seeded greedy plan of greedy.py when neither has anything in time), assigns rooms (rooms.py) and words
  what cannot be done (explain.py); it writes nothing;
* ``allowed_starts(db or inputs, uid, grid) -> Bands`` (allowed.py): the same rule, as plain UTC bands
  for the drag help;
* ``apply_plan(db, result, now=)`` (apply.py): saves "Before auto-plan <time>", then writes every move in
  the caller's one transaction.
"""

from learningday.plan.planner.allowed import Bands, allowed_starts
from learningday.plan.planner.apply import apply_plan
from learningday.plan.planner.model import PlanInputs, PlanOptions, load_inputs
from learningday.plan.planner.propose import propose_plan
from learningday.plan.planner.result import (
           FEASIBLE,
           INFEASIBLE,
           OPTIMAL,
           Placement,
           PlanResult,
)

__all__ = [
           "FEASIBLE",
           "INFEASIBLE",
           "OPTIMAL",
           "Bands",
           "Placement",
           "PlanInputs",
           "PlanOptions",
           "PlanResult",
           "allowed_starts",
           "apply_plan",
           "load_inputs",
           "propose_plan",
]
