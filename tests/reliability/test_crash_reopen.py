"""A station killed fifty times, the file reopened through the app after each kill: never refused, nothing lost."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
from datetime import datetime, timezone
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from sqlalchemy import event, select

from learningday.errors import LearningDayError
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn
from learningday.store.models import Session as AgendaSession
from tests.helpers.wal import cut_checkpoint_short
from tests.helpers.doors import open_door

KILLS = 50
#: on odd rounds, a checkpoint every few check-ins (the app's default waits for 1,000 pages), so that kills land
#: inside real checkpoints too; on even rounds the app's default, and the kill is taken to have cut a checkpoint short
CHECKPOINT_PAGES = 8


def _station(path: str, session_uid: str, codes: list[str], checkpoint_pages: int | None, out: Connection) -> None:
    """One station's burst, as the app writes it; each entry uid is sent once its transaction has committed."""
    from learningday.checkin.log import check_in

    with open_event(path) as event_file:
        if checkpoint_pages:
            event.listen(event_file.engine, "connect",
                         lambda con, _record: con.execute(f"PRAGMA wal_autocheckpoint = {checkpoint_pages}"))
        out.send("ready")
        for code in codes:
            with event_file.write() as session:
                result = check_in(session, code_or_attendee=code, session_uid=session_uid, station="Door K",
                                  method="scan", at_utc=datetime.now(timezone.utc))
            if result.entry_uid:
                out.send(result.entry_uid)


def _received(inbox: Connection) -> list[str]:
    """Every message the killed station managed to send (the pipe ends where it died)."""
    got = []
    while True:
        try:
            if not inbox.poll(5):
                return got
            got.append(inbox.recv())
        except (EOFError, OSError):
            return got


def test_fifty_kills_then_reopening_through_the_app_refuses_nothing_and_loses_nothing(demo_file: Path) -> None:
    open_door(demo_file)  # now is months before the demo's day
    with open_event(demo_file) as event_file, event_file.read() as session:
        codes = list(session.scalars(select(Attendee.code).order_by(Attendee.id)))
        sessions = list(session.scalars(select(AgendaSession.uid).order_by(AgendaSession.id)))
    # forked from a clean, single-threaded server with the app already imported: a station starts in milliseconds
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["learningday.checkin.log", "learningday.store.db", __name__])
    rng = random.Random(12)
    confirmed: set[str] = set()
    cut_short = 0
    for kill in range(KILLS):
        start = rng.randrange(len(codes))
        inbox, outbox = context.Pipe(duplex=False)
        station = context.Process(target=_station, args=(str(demo_file), sessions[kill % len(sessions)],
                                                         codes[start:] + codes[:start],
                                                         CHECKPOINT_PAGES if kill % 2 else None, outbox))
        station.start()
        outbox.close()
        assert inbox.recv() == "ready"
        # let some commits land (more on the rounds taken mid-checkpoint: the file must have grown in the log)
        confirmed.update(inbox.recv() for _ in range(rng.randrange(0, 30) if kill % 2 else rng.randrange(20, 50)))
        os.kill(station.pid, signal.SIGKILL)  # a random moment: mid-transaction, mid-commit or mid-checkpoint
        confirmed.update(_received(inbox))
        station.join()
        assert station.exitcode == -signal.SIGKILL
        if kill % 2 == 0:
            cut_short += cut_checkpoint_short(demo_file)
        try:
            with open_event(demo_file) as event_file, event_file.read() as session:
                on_disk = set(session.scalars(select(CheckIn.uid)))
        except LearningDayError as exc:
            pytest.fail(f"after kill {kill + 1} the app refused the file: {exc.message}")
        assert confirmed <= on_disk, f"after kill {kill + 1}: {len(confirmed - on_disk)} confirmed entries lost"
    assert len(confirmed) > KILLS and cut_short > KILLS // 5  # the kills did catch the file in mid-checkpoint
