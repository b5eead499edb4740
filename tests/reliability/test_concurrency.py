"""Eight stations (processes) x 1,000 check-ins into one session at once, on a SQLite file and on PostgreSQL: exact totals,
no one checked in twice though every station scans the same shared badges at the same moments, and no error shown."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from typing import Any

from sqlalchemy import func, insert, select

from learningday.checkin.log import check_in
from learningday.errors import LearningDayError
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, Hub, Registration, Venue
from learningday.store.models import Session as LearningSession
from tests.helpers.backends import Backend

STATIONS = 8
SCANS = 1000
#: every station's every 4th scan is a badge all eight scan, in the same order: duplicates are really attempted
SHARED_EVERY = 4
SHARED = SCANS // SHARED_EVERY
OWN = SCANS - SHARED
PEOPLE = STATIONS * OWN + SHARED


def _codes(station: int) -> list[str]:
    own = iter(f"S{station}X{k:04d}" for k in range(OWN))
    shared = iter(f"ALL{k:04d}" for k in range(SHARED))
    return [next(shared) if k % SHARED_EVERY == 0 else next(own) for k in range(SCANS)]


def _event(backend: Backend) -> str:
    """One session running now, everyone registered for it (the door admits each scan without a warning)."""
    now = datetime.now(UTC)
    target = str(backend.create_event(name="Busy door", start_utc=now - timedelta(hours=1)))
    codes = [c for s in range(STATIONS) for c in _codes(s) if not c.startswith("ALL")] + \
        [f"ALL{k:04d}" for k in range(SHARED)]
    with open_event(target) as ef, ef.write() as s:
        hub = Hub(name="Pune", zone="Asia/Kolkata", position=1)
        hall = Venue(name="Hall", capacity=None, hub=hub)
        talk = LearningSession(uid="busy", title="Busy", level_id=1, start_utc=now - timedelta(minutes=10),
                               duration_minutes=180, venue=hall)
        s.add_all([hub, hall, talk])
        s.flush()
        ids = s.execute(insert(Attendee).returning(Attendee.id), [
            {"uid": f"00000000-0000-4000-8000-{k:012d}", "code": code, "name": f"Person {code}", "email": "",
             "hub_id": hub.id, "created_utc": now} for k, code in enumerate(codes)]).scalars().all()
        s.execute(insert(Registration), [{"attendee_id": i, "session_id": talk.id, "status": "registered",
                                          "created_utc": now} for i in ids])
    return target


def _station(target: str, station: int, start: Any, out: Connection) -> None:
    """One station's scans, each through the app's write path; its tally of outcomes and of errors shown."""
    outcomes: Counter[str] = Counter()
    with open_event(target) as event_file:
        start.wait()
        for code in _codes(station):
            try:
                result = event_file.run_lean_write(lambda s, code=code: check_in(
                    s, code_or_attendee=code, session_uid="busy", station=f"Door {station}", method="scan",
                    at_utc=datetime.now(UTC)))
                outcomes[result.status] += 1
            except LearningDayError as exc:  # what a facilitator would see
                outcomes[f"error: {exc}"] += 1
    out.send(dict(outcomes))


def test_eight_stations_a_thousand_scans_each(backend: Backend) -> None:
    target = _event(backend)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["learningday.checkin.log", "learningday.store.db", __name__])
    start = context.Barrier(STATIONS)
    pipes = [context.Pipe(duplex=False) for _ in range(STATIONS)]
    stations = [context.Process(target=_station, args=(target, k, start, pipes[k][1])) for k in range(STATIONS)]
    for station in stations:
        station.start()
    totals: Counter[str] = Counter()
    for inbox, outbox in pipes:
        outbox.close()
        totals.update(inbox.recv())
    for station in stations:
        station.join(30)
        assert station.exitcode == 0
    assert totals == {"checked_in": PEOPLE, "already": STATIONS * SCANS - PEOPLE}
    with open_event(target) as ef, ef.read() as s:
        entries = s.scalar(select(func.count()).select_from(CheckIn)) or 0
        pairs = s.scalar(select(func.count(func.distinct(CheckIn.attendee_id)))) or 0
    assert (entries, pairs) == (PEOPLE, PEOPLE)
