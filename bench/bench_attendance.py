"""Importing 200 meeting attendance reports of 300 rows each into a 100k-attendee event, beside csv + sqlite3."""

from __future__ import annotations

import csv
import os
import random
import shutil
import sqlite3
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench import Result, benchmark, demo_event

FILES, ROWS = 200, 300
HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"


def _write_reports(event: Path, folder: Path) -> list[Path]:
    """Zoom-style reports (a meeting block, then one row per join), times in UTC; 60k different people."""
    con = sqlite3.connect(event)
    sessions = con.execute("SELECT title, start_utc FROM sessions WHERE start_utc IS NOT NULL ORDER BY id").fetchall()
    people = con.execute("SELECT name, email FROM attendees ORDER BY id LIMIT ?", (FILES * ROWS,)).fetchall()
    con.close()
    rng, fmt = random.Random(17), "%m/%d/%Y %I:%M:%S %p"
    paths = []
    for k in range(FILES):
        title, start_text = sessions[k % len(sessions)]
        start = datetime.fromisoformat(start_text)
        lines = ["Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
                 f"{k},\"{title}\",{start:{fmt}},{start + timedelta(hours=1):{fmt}},host@example.com,60,{ROWS}", "",
                 HEADER]
        for name, email in people[k * ROWS:(k + 1) * ROWS]:
            join = start + timedelta(minutes=rng.randint(-5, 10))
            leave = join + timedelta(minutes=rng.randint(20, 70))
            lines.append(f"\"{name}\",{email},{join:{fmt}},{leave:{fmt}},{(leave - join).seconds // 60},No")
        path = folder / f"report-{k:03d}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _ours(event: Path, reports: list[Path]) -> tuple[float, int]:
    from learningday.attendance.recording import import_attendance
    from learningday.store.db import open_event

    with open_event(event) as event_file:  # opened (and migrated) before the clock starts
        start = time.perf_counter()
        with event_file.write() as session:
            result = import_attendance(session, reports, at_utc=datetime.now(timezone.utc), zone="UTC")
        return time.perf_counter() - start, result.entries_written


def _raw(event: Path, reports: list[Path]) -> tuple[float, int]:
    """The same files read with csv (from their header row) and, per row, the two rows ours writes (a log entry
    and its minutes) inserted with sqlite3 into the event's own tables, one transaction: the attendee found by
    the row's email in a dict, the uid random, the times and the interval as the file writes them."""
    con = sqlite3.connect(event, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    start = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    by_email = {email.casefold(): aid for aid, email in con.execute("SELECT id, email FROM attendees")}
    sessions = dict(con.execute("SELECT title, id FROM sessions"))
    next_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM checkins").fetchone()[0]
    entries, minutes = [], []
    for path in reports:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = iter(csv.reader(fh))
            next(rows)
            session_id = sessions[next(rows)[1]]  # the meeting block's topic
            for cells in rows:
                if cells and cells[0].startswith("Name"):
                    break
            for c in rows:
                if c:
                    entries.append((next_id, os.urandom(16).hex(), "check_in", by_email[c[1].casefold()], session_id,
                                    c[2], "virtual"))
                    minutes.append((next_id, "zoom", path.name, "", c[0], f'[["{c[2]}", "{c[3]}"]]', int(c[4])))
                    next_id += 1
    con.executemany("INSERT INTO checkins (id, uid, kind, attendee_id, session_id, at_utc, facilitator_name, method) "
                    "VALUES (?, ?, ?, ?, ?, ?, '', ?)", entries)
    con.executemany("INSERT INTO virtual_attendance (checkin_id, platform, file_name, file_sha256, reported_name, "
                    "intervals, minutes) VALUES (?, ?, ?, ?, ?, ?, ?)", minutes)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed, len(entries) + len(minutes)


@benchmark("attendance")
def attendance_import() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        event = folder / "bench.lday"
        shutil.copyfile(demo_event(100_000), event)
        reports = _write_reports(event, folder)
        raw_copy = folder / "raw.lday"
        shutil.copyfile(event, raw_copy)
        raw, raw_rows = _raw(raw_copy, reports)
        ours, written = _ours(event, reports)
        load = os.getloadavg()[0]
    assert written == FILES * ROWS and raw_rows == 2 * written, (written, raw_rows)  # ours: an entry + its minutes
    return [Result(f"import {FILES} attendance reports × {ROWS} rows, 100k (load {load:.1f})", ours, "s", raw,
                   "under 5 s and within 3× of raw",
                   "csv reader + sqlite3 executemany of the same rows into the same tables",
                   limit=min(5.0, 3 * raw))]
