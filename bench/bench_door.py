"""The door at 100k: a check-in with the door rules against the same check-in without them and against the disk's
floor (a bare INSERT+COMMIT), and the keystrokes that put a registered person first at their session's station."""

from __future__ import annotations

import gc
import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from bench import Result, benchmark
from bench.bench_checkin import _copy_event, _pct, interleaved, raw_connection

#: per kind (rules, no rules, floor), interleaved: p99 is the 50th slowest. Over the demo's biggest sessions in turn
#: (its biggest alone has ~3,000 registered people not checked in yet): 1,500 a kind took 3 s, and one burst of
#: another program's disk or CPU work in those 3 s decided the p99
CHECKINS = 5000
#: the session's registered people whose shortest prefix is measured
TYPED = 1000


def _registered(path: Path, count: int) -> tuple[str, list[tuple[str, str]]]:
    """The session with the most registrations: its uid, and (code, name) of up to ``count`` of its registered
    people not checked in there yet."""
    con = sqlite3.connect(path)
    try:
        sid, uid = con.execute(
            "SELECT s.id, s.uid FROM sessions s JOIN registrations r ON r.session_id = s.id "
            "WHERE r.status = 'registered' AND s.start_utc IS NOT NULL GROUP BY s.id "
            "ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
        people = con.execute("SELECT a.code, a.name FROM registrations r JOIN attendees a ON a.id = r.attendee_id "
                             "WHERE r.session_id = ? AND r.status = 'registered' AND NOT EXISTS (SELECT 1 FROM "
                             "checkins c WHERE c.attendee_id = a.id AND c.session_id = ?) ORDER BY a.id LIMIT ?",
                             (sid, sid, count)).fetchall()
    finally:
        con.close()
    return uid, people


def _scans(path: Path, count: int) -> list[tuple[str, str, datetime]]:
    """(code, session uid, a moment inside that session) for ``count`` registered people not checked in there yet,
    session by session from the biggest: as many stations, each at its own session's door, would scan them."""
    con = sqlite3.connect(path)
    try:
        found = con.execute(
            "SELECT a.code, s.uid, s.start_utc FROM registrations r JOIN attendees a ON a.id = r.attendee_id "
            "JOIN sessions s ON s.id = r.session_id WHERE r.status = 'registered' AND s.start_utc IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.attendee_id = a.id AND c.session_id = s.id) "
            "ORDER BY (SELECT COUNT(*) FROM registrations b WHERE b.session_id = s.id AND b.status = 'registered') "
            "DESC, s.id, a.id LIMIT ?", (count,)).fetchall()
    finally:
        con.close()
    return [(code, uid, datetime.fromisoformat(start).replace(tzinfo=None) + timedelta(minutes=5))
            for code, uid, start in found]


def _check_in(event_file: object, code: str, session_uid: str, at: datetime, *, judged: bool) -> None:
    from learningday.checkin.log import check_in
    from learningday.timeutil import UTC

    # as the station writes it (ui/document.py): the lean write, on SQLite the driver's own transaction
    result = event_file.run_lean_write(lambda session: check_in(  # type: ignore[attr-defined]
        session, code_or_attendee=code, session_uid=session_uid, station="Bench door", method="scan",
        at_utc=at.replace(tzinfo=UTC), judged=judged))
    assert result.status == "checked_in", result.message


def _floor(con: sqlite3.Connection, station: int, attendee: int) -> None:
    """The least a durable check-in costs on this disk: one INSERT and its COMMIT, no lookups."""
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO checkins (uid, kind, attendee_id, session_id, at_utc, station_id, facilitator_name, "
                "method) VALUES (?, 'check_in', ?, NULL, '2026-01-01 10:00:00.000000', ?, '', 'scan')",
                (str(uuid.uuid4()), attendee, station))
    con.execute("COMMIT")


def _timed(path: Path, scans: list[tuple[str, str, datetime]]) -> tuple[dict[str, list[float]], float]:
    """Check-ins with rules and without, in turn, then the floor; then the seconds of the checkpoint the file's
    quiet runs for them (off the commit path: it ran inside SQLite's commits before)."""
    from learningday.store.db import open_event

    con = raw_connection(path)
    station = con.execute("INSERT INTO stations (uid, name, created_utc) VALUES (?, 'Bench floor', "
                          "'2026-01-01 00:00:00') RETURNING id", (str(uuid.uuid4()),)).fetchone()[0]
    floor_ids = [row[0] for row in con.execute("SELECT id FROM attendees ORDER BY id DESC LIMIT ?", (CHECKINS + 10,))]
    with open_event(path) as event_file:
        def steps(part: list[tuple[str, str, datetime]]) -> dict[str, Callable[[int], object]]:
            return {"rules": lambda i: _check_in(event_file, *part[2 * i], judged=True),
                    "plain": lambda i: _check_in(event_file, *part[2 * i + 1], judged=False)}

        def floor(ids: list[int]) -> dict[str, Callable[[int], object]]:
            return {"floor": lambda i: _floor(con, station, ids[i])}

        interleaved(floor(floor_ids[-10:]), 10)  # warm the file cache and every path
        interleaved(steps(scans[-20:]), 10)
        assert len(scans) >= 2 * CHECKINS + 20, f"{len(scans)} people to check in, not {2 * CHECKINS + 20}"
        gc.collect()
        gc.freeze()  # as the app does once its window is up
        times = interleaved(steps(scans), CHECKINS)
        # the floor on its own, after: its commits through another connection would make the app's next
        # statement reread its page cache, a cost a station alone on its file never pays
        times |= interleaved(floor(floor_ids), CHECKINS)
        assert event_file.checkpointer is not None
        start = time.perf_counter()
        event_file.checkpointer.checkpoint()
        checkpoint = time.perf_counter() - start
    con.close()
    return times, checkpoint


def _typings(name: str) -> list[str]:
    """What a facilitator may type for ``name``, fewest keystrokes first: a prefix of one of its words, or
    prefixes of two of them with a space between ("agn bohm"), in either order."""
    words = name.split()
    typed = {w[:k] for w in words for k in range(1, len(w) + 1)}
    for i, first in enumerate(words):
        for j, second in enumerate(words):
            if i != j:
                typed.update(f"{first[:a]} {second[:b]}" for a in range(1, min(len(first), 4) + 1)
                             for b in range(1, min(len(second), 4) + 1))
    return sorted(typed, key=lambda text: (len(text), text))


def _shortest_prefix(path: Path, session_uid: str, names: list[str]) -> list[int]:
    """Per name: the fewest keystrokes of word prefixes that put that person first."""
    from learningday.checkin.search import search_attendees
    from learningday.store.db import open_event

    counts = []
    with open_event(path) as event_file, event_file.read() as session:
        for name in names:
            for text in _typings(name):
                hits = search_attendees(session, text, session_uid=session_uid)  # as the station asks
                if hits and hits[0].name == name:
                    counts.append(len(text))
                    break
            else:
                counts.append(len(name))
    return counts


@benchmark("door")
def door_100k() -> list[Result]:
    from learningday.store.checkpoints import IDLE_SECONDS

    with tempfile.TemporaryDirectory() as tmp:
        path = _copy_event(Path(tmp))
        session_uid, people = _registered(path, TYPED)
        times, checkpoint = _timed(path, _scans(path, 2 * CHECKINS + 20))
        keys = _shortest_prefix(path, session_uid, [name for _, name in people])
    ms = 1000
    rules50, plain50, floor50 = (statistics.median(times[k]) * ms for k in ("rules", "plain", "floor"))
    rules99, plain99, floor99 = (_pct(times[k], 0.99) * ms for k in ("rules", "plain", "floor"))
    load = f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    return [
        Result("check-in with door rules p50, session, 100k", rules50, "ms", plain50,
               "within 1.2× of the same check-in without rules", "the session check-in without rules, p50",
               limit=1.2 * plain50),
        Result("check-in with door rules p99, session, 100k", rules99, "ms", plain99,
               "within 1.2× of it without rules", "the session check-in without rules, p99", limit=1.2 * plain99),
        Result("check-in with door rules p99 against the floor", rules99, "ms", floor99, "under 2 ms",
               f"bare INSERT+COMMIT, synchronous=FULL, WAL, same file, p99 ({load})", limit=2.0),
        Result("floor: bare INSERT+COMMIT p99, same disk", floor99, "ms", floor50,
               "under 2 ms, or no check-in can be", "its p50", limit=2.0),
        Result(f"WAL checkpoint after {3 * CHECKINS:,} commits, off their path", checkpoint * ms, "ms", None,
               "done within the quiet it waits for", "", limit=IDLE_SECONDS * ms),
        Result(f"keystrokes to put a registered person first, median of {len(keys):,}", statistics.median(keys),
               "keys", None, "4 or fewer", "", limit=4),
    ]
