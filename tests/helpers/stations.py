"""Door stations in processes of their own, to be killed mid-burst: each entry uid is sent once it has committed."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from pathlib import Path

from sqlalchemy import event


def burst(target: str, session_uid: str, codes: list[str], checkpoint_pages: int | None, out: Connection) -> None:
    """One station's burst, as the app writes it: one transaction per check-in; a uid is sent after its commit.
    ``checkpoint_pages``: SQLite checkpoints that often (the app's default waits for 1,000 pages)."""
    from learningday.checkin.log import check_in
    from learningday.store.db import open_event

    with open_event(target) as event_file:
        if checkpoint_pages:
            event.listen(event_file.engine, "connect",
                         lambda con, _record: con.execute(f"PRAGMA wal_autocheckpoint = {checkpoint_pages}"))
        out.send("ready")
        for code in codes:
            with event_file.write() as session:
                result = check_in(session, code_or_attendee=code, session_uid=session_uid, station="Door K",
                                  method="scan", at_utc=datetime.now(UTC))
            if result.entry_uid:
                out.send(result.entry_uid)


def received(inbox: Connection) -> list[str]:
    """Every message the killed station managed to send (the pipe ends where it died)."""
    got = []
    while True:
        try:
            if not inbox.poll(5):
                return got
            got.append(inbox.recv())
        except (EOFError, OSError):
            return got


def station_context() -> ForkServerContext:
    """Stations forked from a clean, single-threaded server with the app already imported: one starts in
    milliseconds."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["learningday.checkin.log", "learningday.store.db", __name__])
    return context


def kill_mid_burst(context: ForkServerContext, target: str | Path, session_uid: str, codes: list[str], *,
                   commits: int, checkpoint_pages: int | None = None) -> list[str]:
    """Start a station on ``codes``, let ``commits`` check-ins be confirmed, SIGKILL it at that moment (mid-
    transaction, mid-commit, mid-checkpoint): every uid it confirmed."""
    inbox, outbox = context.Pipe(duplex=False)
    station = context.Process(target=burst, args=(str(target), session_uid, codes, checkpoint_pages, outbox))
    station.start()
    outbox.close()
    assert inbox.recv() == "ready"
    confirmed = [inbox.recv() for _ in range(commits)]
    os.kill(station.pid, signal.SIGKILL)
    confirmed += received(inbox)
    station.join()
    assert station.exitcode == -signal.SIGKILL
    return confirmed


def rotated(codes: list[str], rng: random.Random) -> list[str]:
    """Every code, starting at a random one: each burst meets people the ones before it checked in."""
    start = rng.randrange(len(codes))
    return codes[start:] + codes[:start]
