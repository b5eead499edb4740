"""The door at 100k: a check-in with the door rules against the same check-in without them, and the keystrokes
that put a registered person first at their session's station."""

from __future__ import annotations

import gc
import sqlite3
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench import Result, benchmark
from bench.bench_checkin import _copy_event, _pct

CHECKINS = 300
#: the session's registered people whose shortest prefix is measured
TYPED = 1000


def _registered(path: Path, count: int) -> tuple[str, datetime, list[tuple[str, str]]]:
    """The session with the most registrations: its uid, a moment inside it, and (code, name) of up to ``count``
    of its registered people not checked in there yet."""
    con = sqlite3.connect(path)
    try:
        sid, uid, start = con.execute(
            "SELECT s.id, s.uid, s.start_utc FROM sessions s JOIN registrations r ON r.session_id = s.id "
            "WHERE r.status = 'registered' AND s.start_utc IS NOT NULL GROUP BY s.id "
            "ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
        people = con.execute("SELECT a.code, a.name FROM registrations r JOIN attendees a ON a.id = r.attendee_id "
                             "WHERE r.session_id = ? AND r.status = 'registered' AND NOT EXISTS (SELECT 1 FROM "
                             "checkins c WHERE c.attendee_id = a.id AND c.session_id = ?) ORDER BY a.id LIMIT ?",
                             (sid, sid, count)).fetchall()
    finally:
        con.close()
    return uid, datetime.fromisoformat(start).replace(tzinfo=None) + timedelta(minutes=5), people


def _timed(path: Path, codes: list[str], session_uid: str, at: datetime, *, judged: bool) -> list[float]:
    from learningday.checkin.log import check_in
    from learningday.store.db import open_event
    from learningday.timeutil import UTC

    times = []
    with open_event(path) as event_file:
        for code in codes:
            start = time.perf_counter()
            with event_file.write() as session:
                result = check_in(session, code_or_attendee=code, session_uid=session_uid, station="Bench door",
                                  method="scan", at_utc=at.replace(tzinfo=UTC), judged=judged)
            times.append(time.perf_counter() - start)
            assert result.status == "checked_in", result.message
    return times


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
    with tempfile.TemporaryDirectory() as tmp:
        path = _copy_event(Path(tmp))
        session_uid, at, people = _registered(path, max(TYPED, 2 * CHECKINS + 20))
        codes = [code for code, _ in people]
        _timed(path, codes[-20:-10], session_uid, at, judged=True)  # warm the file cache and both paths
        _timed(path, codes[-10:], session_uid, at, judged=False)
        gc.collect()
        gc.freeze()  # as the app does once its window is up
        ruled = _timed(path, codes[:CHECKINS], session_uid, at, judged=True)
        plain = _timed(path, codes[CHECKINS:2 * CHECKINS], session_uid, at, judged=False)
        keys = _shortest_prefix(path, session_uid, [name for _, name in people[:TYPED]])
    ms, p50 = 1000, statistics.median(plain) * 1000
    return [
        Result("check-in with door rules p50, session, 100k", statistics.median(ruled) * ms, "ms", p50,
               "within 1.2× of the same check-in without rules", "the session check-in without rules, p50",
               limit=1.2 * p50),
        Result("check-in with door rules p99, session, 100k", _pct(ruled, 0.99) * ms, "ms", _pct(plain, 0.99) * ms,
               "under 2 ms and within 1.2× of it without rules", "the session check-in without rules, p99",
               limit=min(2.0, 1.2 * _pct(plain, 0.99) * ms)),
        Result(f"keystrokes to put a registered person first, median of {len(keys):,}", statistics.median(keys),
               "keys", None, "4 or fewer", "", limit=4),
    ]
