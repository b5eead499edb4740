"""The live counters' refresh per tick at 100k attendees while four other processes check people in."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import Result, benchmark, demo_event

STATIONS = 4
TICKS = 120
TICK_S = 0.05  # ten times the UI's rate (500 ms), so that most ticks find new entries


def _station(path: str, codes: list[str], number: int, stop) -> None:  # noqa: ANN001 - an Event
    """Another process at a door: a check-in per code until told to stop."""
    from learningday.checkin.log import check_in
    from learningday.store.db import open_event

    with open_event(path) as event_file:
        for code in codes:
            if stop.is_set():
                return
            event_file.run_lean_write(lambda session, code=code: check_in(  # as a station writes it
                session, code_or_attendee=code, station=f"Bench door {number}", method="scan",
                at_utc=datetime.now(UTC)))
            time.sleep(0.005)


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@benchmark("live_counts")
def live_counts_100k() -> list[Result]:
    from learningday.checkin.live_counts import LiveTally, live_counts
    from learningday.checkin.watch import ChangeWatcher
    from learningday.setup.event import event_summary
    from learningday.store.db import open_event

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.lday"
        shutil.copyfile(demo_event(100_000), path)
        open_event(path).close()  # brought up to date (a migration) before the stations start
        con = sqlite3.connect(path)
        codes = [r[0] for r in con.execute("SELECT code FROM attendees ORDER BY id DESC LIMIT ?", (STATIONS * 400,))]
        running = [r[0] for r in con.execute("SELECT uid FROM sessions ORDER BY id LIMIT 8")]
        con.close()
        tally, ticks, recounts, rereads = LiveTally(), [], [], []
        with open_event(path) as event_file:
            watcher = ChangeWatcher(event_file)
            start = time.perf_counter()
            with event_file.read() as session:
                live_counts(session, tally, session_uids=running)
            first = time.perf_counter() - start
            stop = multiprocessing.Event()
            doors = [multiprocessing.Process(target=_station, args=(str(path), codes[k::STATIONS], k, stop))
                     for k in range(STATIONS)]
            for door in doors:
                door.start()
            try:
                time.sleep(0.5)  # the doors are open
                for _ in range(TICKS):
                    time.sleep(TICK_S)
                    start = time.perf_counter()
                    if watcher.changed():
                        with event_file.read() as session:
                            live_counts(session, tally, session_uids=running)
                        ticks.append(time.perf_counter() - start)
                for _ in range(5):  # the figures the log does not carry, read whole (once a minute)
                    time.sleep(TICK_S)
                    tally.forget()
                    start = time.perf_counter()
                    with event_file.read() as session:
                        live_counts(session, tally, session_uids=running)
                    rereads.append(time.perf_counter() - start)
                load = os.getloadavg()[0]
                for _ in range(5):  # what the status bar did before: count everything again
                    start = time.perf_counter()
                    with event_file.read() as session:
                        event_summary(session)
                    recounts.append(time.perf_counter() - start)
            finally:
                stop.set()
                for door in doors:
                    door.join()
            watcher.close()
    ms = 1000
    recount = statistics.median(recounts) * ms
    at = f"load {load:.1f} on {os.cpu_count()} cores"
    return [
        Result(f"live-counter refresh per tick p95, 4 stations checking in, 100k ({len(ticks)} ticks with news, {at})",
               _pct(ticks, 0.95) * ms, "ms", recount, "under 5 ms per tick", "a full recount (the event summary)",
               limit=5),
        Result("live-counter refresh per tick p50, 4 stations checking in, 100k", statistics.median(ticks) * ms, "ms",
               recount, "under 5 ms per tick", "a full recount (the event summary)", limit=5),
        Result("live counts, first read of the whole log, 100k (one scan, undone entries found once)", first * ms, "ms", recount,
               "once per open event, under a second", "a full recount (the event summary)", limit=1000),
        Result(f"live counts, registrations and attendee total read whole, 100k, median ({at})",
               statistics.median(rereads) * ms, "ms", recount, "once a minute or after this window's own roster "
               "write, not per tick: under 100 ms", "a full recount (the event summary)", limit=100),
    ]
