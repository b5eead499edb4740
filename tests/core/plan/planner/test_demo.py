"""The demo event with its times cleared, planned and checked again by the conflict and coverage rules."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from learningday.plan.conflicts import ERROR, find_conflicts
from learningday.plan.coverage import coverage_by_level_and_hub
from learningday.plan.plandata import load_plan
from learningday.plan.planner import PlanOptions, apply_plan, propose_plan
from learningday.plan.snapshots import list_snapshots
from learningday.store.db import open_event
from learningday.store.models import Session as LearningSession
from learningday.store.models import session_hubs


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo (seed 3) with every start cleared, then planned and applied."""
    from learningday.demo.build import build_demo

    path = build_demo(tmp_path_factory.mktemp("planned") / "demo.lday", attendees=40, seed=3)
    with open_event(path) as event_file, event_file.write() as db:
        db.execute(update(LearningSession).values(start_utc=None))
    with open_event(path) as event_file:
        with event_file.read() as db:
            result = propose_plan(db, PlanOptions(time_limit=10))
        with event_file.write() as db:
            apply_plan(db, result)
    assert result.status == "optimal" and not result.unplaced and result.placed == 61
    return path


def test_the_planned_demo_has_no_timing_conflict_and_fills_every_cell_it_can(planned: Path) -> None:
    with open_event(planned) as event_file, event_file.read() as db:
        plan = load_plan(db)
        levels_for_hub = {(level, hub) for level, hub in db.execute(
            select(LearningSession.level_id, session_hubs.c.hub_id).join(
                session_hubs, session_hubs.c.session_id == LearningSession.id))}
        names = [row.name for row in list_snapshots(db)]
    assert len(plan.sessions) == 61
    assert [c.message for c in find_conflicts(plan) if c.severity == ERROR] == []
    # a cell stays open only when no session of that level is meant for that hub at all
    assert all((c.level_id, c.hub_id) not in levels_for_hub for c in coverage_by_level_and_hub(plan).gaps)
    assert any(name.startswith("Before auto-plan ") for name in names)


def test_replanning_after_one_pinned_session_moved_changes_few_others(planned: Path, tmp_path: Path) -> None:
    path = tmp_path / "again.lday"
    shutil.copyfile(planned, path)
    with open_event(path) as event_file:
        with event_file.write() as db:
            row = db.scalars(select(LearningSession).order_by(LearningSession.start_utc).offset(20)).first()
            row.start_utc = row.start_utc + timedelta(hours=1)
            row.pinned = True
        with event_file.read() as db:
            result = propose_plan(db, PlanOptions(time_limit=10, keep_times=True))
    assert result.status == "optimal"
    assert row.uid not in {p.uid for p in result.placements}
    assert result.placed == 0 and result.moved <= 3
