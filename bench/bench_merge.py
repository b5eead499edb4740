"""A 200k-entry station log merged beside a door checking people in: the door's latency, and the merge's time."""

from __future__ import annotations

import json
import multiprocessing
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench import Result, benchmark, demo_event

ENTRIES = 200_000
ATTENDEES = 20_000
#: a door scans about this often while the merge runs (a busy door: a person every second is busy)
SCAN_EVERY = 0.01
BASELINE_CHECKINS = 300


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def station_log(path: Path, entries: int, *, seed: int = 5) -> dict:
    """A station's log of ``entries`` session check-ins of the event's attendees (every one new here)."""
    con = sqlite3.connect(path)
    try:
        event_uid, start = con.execute("SELECT uid, start_utc FROM event").fetchone()
        people = con.execute("SELECT uid, email, name, code FROM attendees ORDER BY id").fetchall()
        sessions = [r[0] for r in con.execute("SELECT uid FROM sessions ORDER BY id")]
    finally:
        con.close()
    start = datetime.fromisoformat(start).replace(tzinfo=timezone.utc)
    rng = random.Random(seed)
    log = [{"uid": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "kind": "check_in",
            "attendee_uid": people[k % len(people)][0], "session_uid": sessions[(k // len(people)) % len(sessions)],
            "at_utc": (start + timedelta(seconds=rng.randrange(86_000))).isoformat(timespec="seconds"),
            "station": f"Door {k % 7}", "facilitator_name": "", "method": "scan", "reverses_uid": None}
           for k in range(entries)]
    described = people[:entries]
    return {"format": "learningday-station-log", "version": 1, "event_uid": event_uid,
            "stations": sorted({e["station"] for e in log}), "sessions": [],
            "attendees": [{"uid": p[0], "email": p[1], "name": p[2], "code": p[3], "walk_in": False}
                          for p in described],
            "entries": log}


def _codes(path: Path, count: int) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT code FROM attendees ORDER BY id DESC LIMIT ?", (count,))]
    finally:
        con.close()


def _merge(path: str, log: str, writing: multiprocessing.synchronize.Event, seconds: multiprocessing.Value) -> None:
    """The merge, as another process runs it (a second station, the command line)."""
    from learningday.checkin.station_log import merge_log_in_steps, read_log_file
    from learningday.store.db import open_event

    data = read_log_file(Path(log))
    started = time.perf_counter()
    with open_event(path) as event_file:
        report = merge_log_in_steps(event_file, data, progress=lambda *_: writing.set())
    seconds.value = time.perf_counter() - started
    assert report.entries_added == ENTRIES, report


def _door(path: Path, codes: list[str], *, until: Callable[[], bool]) -> tuple[list[float], int]:
    """Check people in one by one while ``until()`` is false: each check-in's latency, and how many failed."""
    from learningday.checkin.log import check_in
    from learningday.store.db import open_event

    times, failed = [], 0
    with open_event(path) as event_file:
        for code in codes:
            if until():
                break
            started = time.perf_counter()
            try:
                with event_file.write() as session:
                    result = check_in(session, code_or_attendee=code, station="Bench door", method="scan",
                                      at_utc=datetime.now(timezone.utc))
                assert result.status == "checked_in"
            except Exception:  # noqa: BLE001 - any failure (LearningDayError or not) is what is counted
                failed += 1
            times.append(time.perf_counter() - started)
            time.sleep(SCAN_EVERY)
    return times, failed


def _raw_merge(path: Path, log: dict) -> float:
    """The same entries in one transaction on a bare sqlite3 connection (the write lock held throughout)."""
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL"):
        con.execute(f"PRAGMA {pragma}")
    started = time.perf_counter()
    people = dict(con.execute("SELECT uid, id FROM attendees"))
    sessions = dict(con.execute("SELECT uid, id FROM sessions"))
    con.execute("BEGIN IMMEDIATE")
    stations = {}
    for name in sorted({e["station"] for e in log["entries"]}):
        stations[name] = con.execute("INSERT INTO stations (uid, name, created_utc) VALUES (?, ?, ?) RETURNING id",
                                     (str(uuid.uuid4()), f"raw {name}", "2027-03-10 21:00:00")).fetchone()[0]
    con.executemany(
        "INSERT INTO checkins (uid, kind, attendee_id, session_id, at_utc, station_id, facilitator_name, method, "
        "reverses_uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(e["uid"], e["kind"], people[e["attendee_uid"]], sessions[e["session_uid"]],
          e["at_utc"].replace("T", " ")[:19], stations[e["station"]], "", e["method"], None) for e in log["entries"]])
    con.execute("COMMIT")
    con.close()
    return time.perf_counter() - started


@benchmark("merge")
def merge_beside_checkins() -> list[Result]:
    context = multiprocessing.get_context("spawn")  # a fresh process, as a second station would be
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.lday"
        shutil.copyfile(demo_event(ATTENDEES), path)
        log = station_log(path, ENTRIES)
        log_path = Path(tmp) / "station.json"
        log_path.write_text(json.dumps(log), encoding="utf-8")
        codes = _codes(path, ATTENDEES // 2)
        quiet, failed_quiet = _door(path, codes[:BASELINE_CHECKINS], until=lambda: False)
        writing, seconds = context.Event(), context.Value("d", 0.0)
        merge = context.Process(target=_merge, args=(str(path), str(log_path), writing, seconds))
        merge.start()
        writing.wait(timeout=600)  # the door is timed while the merge writes (its check of the log writes nothing)
        busy, failed = _door(path, codes[BASELINE_CHECKINS:], until=lambda: not merge.is_alive())
        merge.join()
        assert merge.exitcode == 0, "the merge failed"
        raw_path = Path(tmp) / "raw.lday"
        shutil.copyfile(demo_event(ATTENDEES), raw_path)
        raw = _raw_merge(raw_path, log)
    ms = 1000
    return [
        Result(f"check-in p99 during a {ENTRIES // 1000}k-entry merge ({len(busy)} scans)", _pct(busy, 0.99) * ms,
               "ms", _pct(quiet, 0.99) * ms, "under 100 ms: the merge yields the write lock",
               "the same door with no merge running, p99", limit=100),
        Result("check-ins failed during the merge", float(failed + failed_quiet), "", None,
               "none: a merge never fails a check-in", "", limit=0),
        Result(f"merge of {ENTRIES // 1000}k entries beside the door", seconds.value, "s", raw,
               "within 10× of raw (one transaction, the door shut throughout: it took ~145 s so before)",
               "raw sqlite3 executemany of the same rows, one transaction", limit=10 * raw),
    ]
