"""`learningday plan`: places the drafts in one transaction after saving a version; --dry-run and bad input write nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from learningday.plan.conflicts import ERROR, find_conflicts
from learningday.plan.plandata import load_plan
from learningday.plan.snapshots import list_snapshots
from learningday.store.db import open_event
from learningday.store.models import Facilitator
from learningday.store.models import Session as LearningSession
from tests.helpers import sha256
from tests.helpers.cli import run
from tests.helpers.planning import Small


def _drafts(small: Small) -> None:
    """Four unscheduled one-hour drafts, two for Raj (no stated hours), two for Ann (London, 08:00-18:00)."""
    with open_event(small.path) as event_file, event_file.write() as s:
        for k, (who, level) in enumerate((("Raj", 1), ("Raj", 2), ("Ann", 3), ("Ann", 4))):
            row = LearningSession(title=f"Draft {k}", level_id=level, duration_minutes=60,
                                  venue_id=small.venues["Virtual"])
            s.add(row)
            s.flush()
            row.facilitators = [s.get_one(Facilitator, small.facilitators[who])]


def test_plan_json_then_written_with_a_version_saved(small: Small, capsys: pytest.CaptureFixture[str]) -> None:
    _drafts(small)
    before = sha256(small.path)
    status, out, _ = run(capsys, "plan", str(small.path), "--dry-run", "--json", "--time-limit", "5")
    assert status == 0
    data = json.loads(out)
    assert set(data) == {"status", "gap", "moved", "placed", "coverage_gaps", "explanation"}
    assert data["status"] == "optimal" and data["placed"] == 4 and data["moved"] == 0
    assert sha256(small.path) == before
    status, out, _ = run(capsys, "plan", str(small.path), "--time-limit", "5")
    assert status == 0 and "4 placed, 0 moved" in out and "saved as 'Before auto-plan " in out
    with open_event(small.path) as event_file, event_file.read() as s:
        assert None not in set(s.scalars(select(LearningSession.start_utc)))
        assert [c for c in find_conflicts(load_plan(s)) if c.severity == ERROR] == []
        assert [r.name[:17] for r in list_snapshots(s)] == ["Before auto-plan "]


def test_plan_refuses_a_bad_grid_and_writes_nothing(small: Small, capsys: pytest.CaptureFixture[str]) -> None:
    before = sha256(small.path)
    status, out, _ = run(capsys, "plan", str(small.path), "--grid", "7", "--json")
    assert status == 2
    assert json.loads(out)["error"]["message"] == "the grid must be one of 5, 10, 15, 30 minutes, not 7"
    assert sha256(small.path) == before
