"""Check-ins per second from 4 and 8 station processes at once, on a SQLite file and on PostgreSQL, beside raw driver inserts.

Each station is a process that scans its own badges through the app's write path (``EventFile.run_lean_write`` and
``checkin.log.check_in``, door rules included); the baseline is the same number of processes writing the same
rows with the bare driver (sqlite3 / psycopg: the person looked up by code, one insert, one transaction each).
The event: ``PEOPLE`` attendees, all registered for one session running now. PostgreSQL is a throw-away cluster
(tests/helpers/pgcluster.py) with fsync and full-page writes turned back on; SQLite runs with the app's pragmas.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bench import Result, benchmark

PEOPLE = 50_000
#: check-ins each station makes while timed, after WARM of its own first (its connection made, its statements
#: prepared): several seconds of steady work per run, not a start-up burst
SCANS = 1_000
WARM = 20
STATIONS = (4, 8)
PER = WARM + SCANS
assert 2 * sum(STATIONS) * PER <= PEOPLE, "each check-in is a person's first"
#: the issue's target on PostgreSQL, all stations together
TARGET_PER_S = 1000


def _make_event(target: str | Path) -> str:
    """One session running now, ``PEOPLE`` attendees registered for it; what open_event takes."""
    from sqlalchemy import insert

    from learningday.setup.event import create_event
    from learningday.store.db import open_event
    from learningday.store.models import Attendee, Hub, Registration, Venue
    from learningday.store.models import Session as LearningSession

    now = datetime.now(timezone.utc)
    with open_event(target, create=True) as ef, ef.write() as s:
        create_event(s, name="Stations", start_utc=now - timedelta(hours=1), created_utc=now)
        hub = Hub(name="Pune", zone="Asia/Kolkata", position=1)
        hall = Venue(name="Hall", hub=hub)
        talk = LearningSession(uid="hall", title="Hall", level_id=1, start_utc=now - timedelta(minutes=10),
                               duration_minutes=600, venue=hall)
        s.add_all([hub, hall, talk])
        s.flush()
        ids = s.execute(insert(Attendee).returning(Attendee.id), [
            {"uid": str(uuid.UUID(int=k + 1)), "code": _code(k), "name": f"Person {k}", "email": "",
             "hub_id": hub.id, "created_utc": now} for k in range(PEOPLE)]).scalars().all()
        s.execute(insert(Registration), [{"attendee_id": i, "session_id": talk.id, "status": "registered",
                                          "created_utc": now} for i in ids])
    return str(target)


def _code(k: int) -> str:
    return f"B{k:06d}"


def _ours(target: str, codes: list[str], start: Any, out: Connection) -> None:
    from learningday.checkin.log import check_in
    from learningday.store.db import open_event

    def scan(code: str) -> bool:
        result = ef.run_lean_write(lambda s: check_in(s, code_or_attendee=code, session_uid="hall", station="Door",
                                                      method="scan", at_utc=datetime.now(timezone.utc)))
        return result.status == "checked_in"

    with open_event(target) as ef:
        warm = sum(scan(code) for code in codes[:WARM])
        start.wait()
        began = time.time()
        done = sum(scan(code) for code in codes[WARM:])
    out.send((began, time.time(), done, warm))


def _raw(target: str, codes: list[str], start: Any, out: Connection) -> None:
    """The same rows with the bare driver: look the person up, insert the entry, commit; one scan at a time."""
    if target.startswith("postgresql"):
        import psycopg
        from sqlalchemy.engine import make_url

        url = make_url(target)
        con: Any = psycopg.connect(dbname=url.database, user=url.username, host=url.query["host"])
        mark, begin = "%s", None
    else:
        import sqlite3

        con = sqlite3.connect(target, isolation_level=None)
        for pragma in ("foreign_keys = ON", "busy_timeout = 5000", "journal_mode = WAL", "synchronous = FULL"):
            con.execute(f"PRAGMA {pragma}")
        mark, begin = "?", "BEGIN IMMEDIATE"
    session = con.execute("SELECT id FROM sessions WHERE uid = 'hall'").fetchone()[0]
    con.commit()  # psycopg opened a transaction for the read; sqlite3 in autocommit has none
    began = 0.0
    for n, code in enumerate(codes):
        if n == WARM:
            start.wait()
            began = time.time()
        while True:
            try:
                if begin:  # psycopg begins on the first statement
                    con.execute(begin)
                person = con.execute(f"SELECT id FROM attendees WHERE code = {mark}", (code,)).fetchone()[0]
                at = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
                con.execute("INSERT INTO checkins (uid, kind, attendee_id, session_id, at_utc, facilitator_name, "
                            f"method, rehearsal) VALUES ({mark}, 'check_in', {mark}, {mark}, {mark}, '', 'scan', false)",
                            (str(uuid.uuid4()), person, session, at))
                con.commit() if begin is None else con.execute("COMMIT")
                break
            except Exception as exc:  # SQLite busy past its timeout: tried again, as the app's write path does
                if "locked" not in str(exc):
                    raise
    con.close()
    out.send((began, time.time(), len(codes) - WARM, WARM))


def _stations(station: Callable[..., None], target: str, count: int, first: int) -> tuple[float, int]:
    """``count`` processes running ``station`` over their own ``WARM + SCANS`` badges from badge ``first``; timed
    check-ins per second in total, from the first station's start to the last one's end, and how many check-ins
    the stations said they wrote (warm-up included)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["learningday.checkin.log", "learningday.store.db", "psycopg", __name__])
    start = context.Barrier(count)
    pipes = [context.Pipe(duplex=False) for _ in range(count)]
    processes = [context.Process(target=station, args=(
        target, [_code(first + k * PER + n) for n in range(PER)], start, pipes[k][1])) for k in range(count)]
    for process in processes:
        process.start()
    reports = []
    for inbox, outbox in pipes:
        outbox.close()
        reports.append(inbox.recv())
    for process in processes:
        process.join()
    elapsed = max(r[1] for r in reports) - min(r[0] for r in reports)
    return sum(r[2] for r in reports) / elapsed, sum(r[2] + r[3] for r in reports)


def _entries(target: str) -> int:
    from sqlalchemy import func, select

    from learningday.store.db import open_event
    from learningday.store.models import CheckIn

    with open_event(target) as ef, ef.read() as s:
        return s.scalar(select(func.count()).select_from(CheckIn)) or 0


def _measure(backend: str, target: str) -> list[Result]:
    results, first, written = [], 0, 0
    for count in STATIONS:
        ours, said = _stations(_ours, target, count, first)
        first += count * PER
        raw, raw_said = _stations(_raw, target, count, first)
        first += count * PER
        written += said + raw_said
        lost = count * PER * 2 - said - raw_said
        limit = TARGET_PER_S if backend == "PostgreSQL" else 0.25 * raw
        results.append(Result(f"check-ins/s, {count} stations, {backend}", ours, "/s", raw,
                              f"at least {TARGET_PER_S:,}/s in total" if backend == "PostgreSQL"
                              else "at least a quarter of raw", f"{count} processes of raw driver inserts, same rows",
                              limit=limit, higher_is_better=True))
        results.append(Result(f"check-ins lost, {count} stations, {backend}", lost, "", None, "none", "",
                              limit=0))
    results.append(Result(f"rows counted after, {backend}", written - _entries(target), "missing", None,
                          "none missing", "", limit=0))
    return results


def _server_durable(cluster: Any) -> None:
    """The test cluster starts with fsync off; a bench of commits must pay for them."""
    from sqlalchemy import create_engine, text

    engine = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as con:
        con.execute(text("ALTER SYSTEM SET fsync = on"))
        con.execute(text("ALTER SYSTEM SET full_page_writes = on"))
        con.execute(text("SELECT pg_reload_conf()"))
        con.execute(text("CREATE DATABASE stations"))
    engine.dispose()


@benchmark("stations")
def stations() -> list[Result]:
    from tests.helpers.pgcluster import Cluster

    with tempfile.TemporaryDirectory() as tmp:
        results = _measure("SQLite", _make_event(Path(tmp) / "stations.lday"))
    with Cluster() as cluster:
        _server_durable(cluster)
        results += _measure("PostgreSQL", _make_event(cluster.url("stations")))
    return results
