"""An import's log entries and their minutes written at once: a day's 60k rows straight through the driver."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from learningday.attendance.dto import FilePlan, Person
from learningday.attendance.rule import VIRTUAL
from learningday.checkin.sql import stamp
from learningday.store.models import CheckIn, VirtualAttendance

#: (kind, attendee id, session id, at, the uid it reverses or None): one log entry to write
Entry = tuple[str, int, int, datetime, str | None]
#: (its entry: an index into the entries, or the uid of a walk-in's entry already written, the file, the person)
Detail = tuple[int | str, FilePlan, Person]

_CHECKIN = ("uid", "kind", "attendee_id", "session_id", "at_utc", "station_id", "facilitator_name", "method",
            "reverses_uid")
_VIRTUAL = ("checkin_id", "platform", "file_name", "file_sha256", "reported_name", "intervals", "minutes")
_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def new_uids(count: int) -> list[str]:
    """``count`` random version-4 UUIDs as text, as models.new_uid writes them (uuid.uuid4 one at a time costs
    a tenth of a day's import)."""
    text = os.urandom(16 * count).hex()
    return [f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"
            for h in (text[i:i + 32] for i in range(0, 32 * count, 32))]


def intervals_json(person: Person, iso: dict[datetime, str]) -> str:
    """The intervals as json.dumps writes [[start.isoformat(), end.isoformat()], ...] (ISO text needs no
    escaping); ``iso`` keeps each instant's text, as a file's people share their join and leave times."""
    parts = []
    for pair in person.intervals:
        a, b = (iso.get(t) or iso.setdefault(t, t.isoformat()) for t in pair)
        parts.append(f'["{a}", "{b}"]')
    return f"[{', '.join(parts)}]"


def write(session: Session, station: int, entries: Sequence[Entry], details: Sequence[Detail]) -> None:
    """Insert ``entries`` as check-ins of ``station`` and each detail's VirtualAttendance row, in the session's
    transaction. On SQLite with ids given here (the next free ones: the transaction holds the write lock), so
    nothing is read back; SQLAlchemy's per-row work would cost several times what SQLite does."""
    session.flush()  # a walk-in's entry is in the table before the ids are counted
    connection = session.connection()
    uids = new_uids(len(entries))
    walk_ins = [ref for ref, _, _ in details if isinstance(ref, str)]
    known = _ids_of(session, walk_ins) if walk_ins else {}
    if connection.dialect.name != "sqlite":
        if entries:
            connection.execute(insert(CheckIn.__table__), [dict(zip(_CHECKIN, (uid, kind, aid, sid, at, station, "",
                               VIRTUAL, rev))) for uid, (kind, aid, sid, at, rev) in zip(uids, entries)])
        ids = _ids_of(session, uids)
        rows = [(known[ref] if isinstance(ref, str) else ids[uids[ref]], plan, person) for ref, plan, person in details]
        if rows:
            connection.execute(insert(VirtualAttendance.__table__), [dict(zip(_VIRTUAL, (
                cid, plan.platform, plan.name, plan.sha256, person.name[:200],
                [[a.isoformat(), b.isoformat()] for a, b in person.intervals], person.minutes)))
                for cid, plan, person in rows])
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    first = (driver.execute("SELECT max(id) FROM checkins").fetchone()[0] or 0) + 1
    stamps: dict[datetime, str] = {}
    driver.executemany(
        f"INSERT INTO checkins (id, {', '.join(_CHECKIN)}) VALUES ({', '.join('?' * (len(_CHECKIN) + 1))})",
        [(first + n, uid, kind, aid, sid, stamps.get(at) or stamps.setdefault(at, stamp(at)), station, "", VIRTUAL,
          rev) for n, (uid, (kind, aid, sid, at, rev)) in enumerate(zip(uids, entries))])
    iso: dict[datetime, str] = {}
    driver.executemany(
        f"INSERT INTO virtual_attendance ({', '.join(_VIRTUAL)}) VALUES ({', '.join('?' * len(_VIRTUAL))})",
        [(known[ref] if isinstance(ref, str) else first + ref, plan.platform, plan.name, plan.sha256,
          person.name[:200], intervals_json(person, iso), person.minutes) for ref, plan, person in details])


def _ids_of(session: Session, uids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(uids), 500):
        chunk = uids[start:start + 500]
        found.update((uid, cid) for cid, uid in session.execute(select(CheckIn.id, CheckIn.uid)
                                                                .where(CheckIn.uid.in_(chunk))))
    return found

