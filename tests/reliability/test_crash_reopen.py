"""A station killed fifty times, the file reopened through the app after each kill: never refused, nothing lost,
and SQLite's integrity check finds nothing wrong."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.errors import LearningDayError
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn
from learningday.store.models import Session as AgendaSession
from tests.helpers.doors import open_door
from tests.helpers.stations import kill_mid_burst, rotated, station_context
from tests.helpers.wal import cut_checkpoint_short

KILLS = 50
#: on odd rounds, a checkpoint every few check-ins (the app's default waits for 1,000 pages), so that kills land
#: inside real checkpoints too; on even rounds the app's default, and the kill is taken to have cut a checkpoint short
CHECKPOINT_PAGES = 8


def _integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return "; ".join(row[0] for row in con.execute("PRAGMA integrity_check"))
    finally:
        con.close()


@pytest.mark.sqlite_only("kills land inside WAL checkpoints and SQLite's integrity check judges the file; the "
                         "server's kills: tests/reliability/test_crash_pg.py")
def test_fifty_kills_then_reopening_through_the_app_refuses_nothing_and_loses_nothing(demo_file: Path) -> None:
    open_door(demo_file)  # now is months before the demo's day
    with open_event(demo_file) as event_file, event_file.read() as session:
        codes = list(session.scalars(select(Attendee.code).order_by(Attendee.id)))
        sessions = list(session.scalars(select(AgendaSession.uid).order_by(AgendaSession.id)))
    context = station_context()
    rng = random.Random(12)
    confirmed: set[str] = set()
    cut_short = 0
    for kill in range(KILLS):
        # let some commits land (more on the rounds taken mid-checkpoint: the file must have grown in the log)
        commits = rng.randrange(0, 30) if kill % 2 else rng.randrange(20, 50)
        confirmed.update(kill_mid_burst(context, demo_file, sessions[kill % len(sessions)], rotated(codes, rng),
                                        commits=commits, checkpoint_pages=CHECKPOINT_PAGES if kill % 2 else None))
        if kill % 2 == 0:
            cut_short += cut_checkpoint_short(demo_file)
        try:
            with open_event(demo_file) as event_file, event_file.read() as session:
                on_disk = set(session.scalars(select(CheckIn.uid)))
        except LearningDayError as exc:
            pytest.fail(f"after kill {kill + 1} the app refused the file: {exc.message}")
        assert confirmed <= on_disk, f"after kill {kill + 1}: {len(confirmed - on_disk)} confirmed entries lost"
        assert _integrity(demo_file) == "ok", f"after kill {kill + 1}"
    assert len(confirmed) > KILLS and cut_short > KILLS // 5  # the kills did catch the file in mid-checkpoint
