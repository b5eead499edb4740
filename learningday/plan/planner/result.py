"""What a plan is: each session's new start and venue, and an honest word on how good it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from learningday.plan.coverage import CoverageCell

OPTIMAL, FEASIBLE, INFEASIBLE = "optimal", "feasible", "infeasible"


@dataclass(frozen=True)
class Placement:
    """One session of the plan, with where it was (``before_*``) so a stale plan is refused on apply."""

    uid: str
    title: str
    start_utc: datetime
    end_utc: datetime
    venue_id: int | None
    venue: str
    before_start: datetime | None
    before_venue_id: int | None

    @property
    def moved(self) -> bool:
        """A scheduled session given another start or venue (a draft that gets a time is ``placed``)."""
        return self.before_start is not None and (self.start_utc != self.before_start
                                                  or self.venue_id != self.before_venue_id)

    @property
    def placed(self) -> bool:
        return self.before_start is None


@dataclass(frozen=True)
class PlanResult:
    """``status``: "optimal", "feasible" (``gap`` says how far from proven best, None when unknown) or
    "infeasible" (some sessions could not be placed: ``unplaced``, ``explanation`` says why).

    ``placements`` covers every session the planner was free to move that it could place; pinned
    sessions and ``unplaced`` ones are not in it. ``coverage_gaps`` are the (level, hub) cells still
    under their minimum once the plan is applied.
    """

    status: str
    gap: float | None
    placements: tuple[Placement, ...]
    unplaced: tuple[str, ...]
    coverage_gaps: tuple[CoverageCell, ...]
    explanation: tuple[str, ...]
    solver: str
    seconds: float
    #: the plan's worth (hubs reached, preferred and kept times, filled cells, less a large weight per
    #: unplaced session): what ``gap`` is measured on
    objective: float | None = None

    @property
    def moved(self) -> int:
        return sum(p.moved for p in self.placements)

    @property
    def placed(self) -> int:
        return sum(p.placed for p in self.placements)

    @property
    def changes(self) -> tuple[Placement, ...]:
        """The placements that change the agenda (moved or placed)."""
        return tuple(p for p in self.placements if p.moved or p.placed)

    def as_json(self) -> dict:
        """The CLI's ``--json``: status, gap, moved, placed, coverage_gaps, explanation."""
        return {
            "status": self.status, "gap": self.gap, "moved": self.moved, "placed": self.placed,
            "coverage_gaps": [{"level": c.level_id, "hub": c.hub, "count": c.count, "minimum": c.minimum}
                              for c in self.coverage_gaps],
            "explanation": list(self.explanation),
        }
