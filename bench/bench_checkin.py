"""Check-in latency (code to committed) and search per keystroke, at 100k attendees."""

from __future__ import annotations

import gc
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from bench import Result, benchmark, demo_event

#: per kind, turn about: p99 is the 20th slowest (at 400 it was the 4th, one burst of the host's disk decided it)
CHECKINS = 2000
TYPED_NAMES = 60


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _copy_event(tmp: Path) -> Path:
    target = tmp / "bench.lday"
    shutil.copyfile(demo_event(100_000), target)
    return target


def _codes(path: Path, first: int, count: int) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT code FROM attendees ORDER BY id LIMIT ? OFFSET ?", (count, first))]
    finally:
        con.close()


def interleaved(steps: dict[str, Callable[[int], object]], rounds: int) -> dict[str, list[float]]:
    """Seconds per call of each step, taken in turn round after round: the steps share the machine's moments
    (another program's burst of disk or CPU lands on all of them, not on whichever ran then). The order turns
    each round, so that no step always follows the same one (a commit on another connection makes the next
    statement on this one reread its cache: that cost falls on each step alike)."""
    names = list(steps)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(rounds):
        for k in range(len(names)):
            name = names[(i + k) % len(names)]
            start = time.perf_counter()
            steps[name](i)
            times[name].append(time.perf_counter() - start)
    return times


def raw_connection(path: Path) -> sqlite3.Connection:
    """A bare sqlite3 connection with the app's pragmas (store/db.py), checkpoints included."""
    from learningday.store.checkpoints import CAP_PAGES

    con = sqlite3.connect(path, isolation_level=None)
    for pragma in ("foreign_keys = ON", "busy_timeout = 5000", "journal_mode = WAL", "synchronous = FULL",
                   f"wal_autocheckpoint = {CAP_PAGES}"):
        con.execute(f"PRAGMA {pragma}")
    return con


def _ours(event_file: object, code: str) -> None:
    from learningday.checkin.log import check_in

    result = event_file.run_lean_write(lambda session: check_in(  # type: ignore[attr-defined]
        session, code_or_attendee=code, station="Bench door", method="scan", at_utc=datetime.now(timezone.utc)))
    assert result.status == "checked_in"


def _raw(con: sqlite3.Connection, code: str) -> None:
    """The same statements on a bare sqlite3 connection with the same pragmas."""
    con.execute("BEGIN IMMEDIATE")
    now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
    attendee = con.execute("SELECT id, uid, code, name FROM attendees WHERE code = ?", (code,)).fetchone()
    con.execute("SELECT c.uid, c.kind, c.at_utc, s.name, c.reverses_uid FROM checkins c LEFT JOIN stations s "
                "ON s.id = c.station_id WHERE c.attendee_id = ? AND c.session_id IS NULL "
                "ORDER BY c.at_utc, c.id", (attendee[0],)).fetchall()
    station = con.execute("SELECT id FROM stations WHERE name = ?", ("Raw door",)).fetchone()
    if station is None:
        station = con.execute("INSERT INTO stations (uid, name, created_utc) VALUES (?, ?, ?) RETURNING id",
                              (str(uuid.uuid4()), "Raw door", now)).fetchone()
    con.execute("INSERT INTO checkins (uid, kind, attendee_id, session_id, at_utc, station_id, "
                "facilitator_name, method, reverses_uid) VALUES (?, 'check_in', ?, NULL, ?, ?, '', 'scan', NULL)",
                (str(uuid.uuid4()), attendee[0], now, station[0]))
    con.execute("COMMIT")


def _keystrokes(path: Path) -> list[float]:
    from learningday.checkin.search import search_attendees
    from learningday.store.db import open_event

    con = sqlite3.connect(path)
    names = [r[0] for r in con.execute("SELECT name FROM attendees ORDER BY id")]
    session_uids = [r[0] for r in con.execute("SELECT uid FROM sessions")]
    con.close()
    rng = random.Random(3)
    times = []
    with open_event(path) as event_file, event_file.read() as session:
        for name in rng.sample(names, TYPED_NAMES):
            session_uid = rng.choice(session_uids + [None])
            typed = name if " " not in name else name[: name.index(" ") + 3]
            for end in range(1, len(typed) + 1):
                start = time.perf_counter()
                search_attendees(session, typed[:end], session_uid=session_uid)
                times.append(time.perf_counter() - start)
    return times


@benchmark("checkin")
def checkin_100k() -> list[Result]:
    from learningday.store.db import open_event

    with tempfile.TemporaryDirectory() as tmp:
        path = _copy_event(Path(tmp))
        codes = _codes(path, 0, 2 * CHECKINS + 20)
        raw_con = raw_connection(path)
        with open_event(path) as event_file:
            def steps(pairs: list[str]) -> dict[str, Callable[[int], object]]:
                return {"ours": lambda i: _ours(event_file, pairs[2 * i]),
                        "raw": lambda i: _raw(raw_con, pairs[2 * i + 1])}

            interleaved(steps(codes[-20:]), 10)  # warm both paths and the file cache
            gc.collect()
            gc.freeze()  # as the app does once its window is up (ui.app.settle_memory)
            times = interleaved(steps(codes), CHECKINS)
        raw_con.close()
        ours, raw = times["ours"], times["raw"]
        keys = _keystrokes(path)
    ms = 1000
    return [
        Result("check-in p50, code to committed, 100k", statistics.median(ours) * ms, "ms",
               statistics.median(raw) * ms, "within 3× of raw", "raw sqlite3, same statements and pragmas, p50",
               limit=3 * statistics.median(raw) * ms),
        Result("check-in p99, code to committed, 100k", _pct(ours, 0.99) * ms, "ms", _pct(raw, 0.99) * ms,
               "under 2 ms (synchronous=FULL)", "raw sqlite3, same statements and pragmas, p99", limit=2),
        Result("search per keystroke p50, 100k", statistics.median(keys) * ms, "ms", None, "under 10 ms", "",
               limit=10),
        Result(f"search per keystroke p95, 100k ({len(keys)} keystrokes)", _pct(keys, 0.95) * ms, "ms", None,
               "under 10 ms", "", limit=10),
    ]
