"""Station logs: export a station's check-in log as JSON and merge it, idempotently, by uid."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from learningday.checkin.dto import MergeReport
from learningday.checkin.log_checks import FORMAT, VERSION, read_station_log
from learningday.checkin.log_merge import Writer, plan_merge
from learningday.errors import InvalidInput, LearningDayError, Progress
from learningday.setup.event import get_event
from learningday.store.backups import backup_before
from learningday.store.db import EventFile
from learningday.store.failures import busy
from learningday.store.models import Attendee, CheckIn, Hub, Station
from learningday.store.models import Session as LearningSession
from learningday.timeutil import iso

_ENTRY_FIELDS = ("uid", "kind", "attendee_uid", "session_uid", "at_utc", "station", "facilitator_name", "method",
                 "reverses_uid")
#: a larger file is not a station log (100k attendees checked in to five sessions each: about 250 MB)
MAX_LOG_BYTES = 512 * 1024 * 1024
#: a merge writes in steps that hold the write lock about this long: a check-in may wait as long ...
STEP_SECONDS = 0.03
#: ... and leaves it free this long between them: longer than SQLite's busy handler sleeps at a time
#: (25 ms while a check-in has waited under 100 ms), so a check-in waiting for the lock gets it
YIELD_SECONDS = 0.03
FIRST_STEP, MIN_STEP, MAX_STEP = 500, 50, 50_000
LOCK_TRIES = 5


def read_log_file(path: Path) -> Any:
    """The JSON of a station log file; a missing, unreadable, too large or too deep file is bad input."""
    path = Path(path)
    try:
        if not path.is_file():
            raise InvalidInput(f"no such station log: {path}" if not path.exists() else f"{path} is not a file")
        if path.stat().st_size > MAX_LOG_BYTES:
            raise InvalidInput(f"{path} is larger than {MAX_LOG_BYTES >> 20} MB: it is not a station log")
        return json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:  # the parser stops at Python's recursion limit; a station log is 3 levels deep
        raise InvalidInput(f"{path} is not a station log: it is nested too deeply") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # ValueError: bad JSON, a number too long to read
        raise InvalidInput(f"{path} is not a readable station log ({exc})") from None


def log_json(log: dict[str, Any]) -> str:
    return json.dumps(log, ensure_ascii=False, indent=1)


def export_log(session: Session) -> dict[str, Any]:
    """The whole check-in log of this file, with who and where each entry is about (JSON-able)."""
    entries = session.execute(
        select(CheckIn.uid, CheckIn.kind, Attendee.uid, LearningSession.uid, CheckIn.at_utc, Station.name,
               CheckIn.facilitator_name, CheckIn.method, CheckIn.reverses_uid)
        .join(Attendee, Attendee.id == CheckIn.attendee_id)
        .outerjoin(LearningSession, LearningSession.id == CheckIn.session_id)
        .outerjoin(Station, Station.id == CheckIn.station_id)
        .order_by(CheckIn.id)
    ).all()
    walk_ins = set(session.scalars(select(CheckIn.attendee_id).where(CheckIn.kind == "walk_in")))
    people = session.execute(
        select(Attendee.id, Attendee.uid, Attendee.email, Attendee.name, Attendee.code, Attendee.employee_id,
               Attendee.department, Attendee.role, Hub.name, Attendee.level_id, Attendee.created_utc)
        .outerjoin(Hub, Hub.id == Attendee.hub_id)
        .where(Attendee.id.in_(select(CheckIn.attendee_id)))
    ).all()
    sessions = session.execute(select(LearningSession.uid, LearningSession.title)
                               .where(LearningSession.id.in_(select(CheckIn.session_id)))).all()
    attendees = []
    for p in people:
        item: dict[str, Any] = {"uid": p.uid, "email": p.email, "name": p.name, "code": p.code,
                                "walk_in": p.id in walk_ins}
        if p.id in walk_ins:
            item.update(employee_id=p.employee_id, department=p.department, role=p.role, hub=p[8],
                        level_id=p.level_id, created_utc=iso(p.created_utc))
        attendees.append(item)
    return {
        "format": FORMAT,
        "version": VERSION,
        "event_uid": get_event(session).uid,
        "stations": sorted({e[5] for e in entries if e[5]}),
        "sessions": [{"uid": uid, "title": title} for uid, title in sessions],
        "attendees": attendees,
        "entries": [dict(zip(_ENTRY_FIELDS, (*e[:4], iso(e[4]), *e[5:]))) for e in entries],
    }


def merge_log(session: Session, data: Any) -> MergeReport:
    """Apply a station log in the caller's transaction: entries already here (same uid, same content) are
    skipped, so merging twice changes nothing; an entry whose uid is here with other content is a
    conflict (reported, not applied); walk-ins with an email already here become that person. The
    whole log is checked first: a refusal writes nothing. The caller commits."""
    writer = Writer(plan_merge(session, read_station_log(session, data)))
    writer.write(session, writer.plan.rows)
    return writer.report()


@contextmanager
def _step(event_file: EventFile, *, last: bool) -> Iterator[Session]:
    """One step of a merge: a write transaction as ``EventFile.write()`` opens it. On SQLite a step but
    the last commits without waiting for the disk (synchronous NORMAL), so it holds the lock no longer
    than its writes take: the WAL keeps the file whole, a power cut loses at most the last steps (merging
    again redoes them), and the last step's commit syncs the WAL, every step before it included.
    Check-ins keep their own setting: the pragma is this connection's, restored before it is returned."""
    engine = event_file.write_factory().get_bind()
    with engine.connect() as connection:
        driver = connection.connection.driver_connection if connection.dialect.name == "sqlite" else None
        level = None
        if driver is not None and not last:  # SQLite refuses this pragma inside a transaction
            level = driver.execute("PRAGMA synchronous").fetchone()[0]
            driver.execute("PRAGMA synchronous = NORMAL")
        try:
            with event_file.write_factory(bind=connection) as session, session.begin():
                yield session
        finally:
            if level is not None:
                driver.execute(f"PRAGMA synchronous = {int(level)}")


def _write_step(event_file: EventFile, writer: Writer, step: list, *, last: bool) -> float:
    """Write one step; the seconds its writes took. A step that waited a whole busy timeout for the write
    lock (a door checking people in without a pause) waits and asks again, up to LOCK_TRIES times: it
    had written nothing, so asking again is safe, and a busy door is no reason to stop a merge."""
    for attempt in range(1, LOCK_TRIES + 1):
        started = None
        try:
            with _step(event_file, last=last) as session:
                session.connection()  # BEGIN IMMEDIATE: from here the step holds the write lock
                started = time.perf_counter()
                writer.write(session, step)
            return time.perf_counter() - started  # the commit adds little (see _step)
        except OperationalError as exc:
            if attempt == LOCK_TRIES or started is not None or not busy(exc):
                raise
        time.sleep(YIELD_SECONDS * attempt)
    raise AssertionError("unreachable: the last try returns or raises")


def merge_log_in_steps(event_file: EventFile, data: Any, *, progress: Progress | None = None) -> MergeReport:
    """``merge_log`` for a log of any size beside stations checking people in: the log is checked and
    the merge planned in a read transaction (a refusal writes nothing), then the entries are written in
    steps of about STEP_SECONDS, each its own transaction, the write lock left free between them.

    Each step leaves a state a smaller log would have left (arrivals go before the undos that reverse
    them), and merging is idempotent: should a step fail, merging the same log again finishes the job.
    """
    with event_file.read() as session:
        writer = Writer(plan_merge(session, read_station_log(session, data)))
    rows, done, size = writer.plan.rows, 0, FIRST_STEP
    if rows and event_file.path is not None:  # a merge is large and lasting: the event as it was is kept
        backup_before(event_file.path, doing="is about to take a station log", reason="before-merge")
    try:
        while done < len(rows):
            if done:
                time.sleep(YIELD_SECONDS)
            step = rows[done:done + size]
            took = _write_step(event_file, writer, step, last=done + len(step) == len(rows))
            done += len(step)
            if progress is not None:
                progress(done / len(rows), f"merged {done:,} of {len(rows):,} entries")
            size = max(MIN_STEP, min(MAX_STEP, 2 * size, int(size * STEP_SECONDS / max(took, 1e-4))))
    except SQLAlchemyError as exc:
        raise LearningDayError(f"the merge stopped after {done:,} of {len(rows):,} entries "
                               f"({getattr(exc, 'orig', None) or exc}); merge the same log again to finish it "
                               "(the entries already merged are skipped)") from None
    return writer.report()
