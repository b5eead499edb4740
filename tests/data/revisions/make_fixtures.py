"""How tests/data/revisions/event_rev*.lday were made: an event file at each earlier schema revision.

Run from the repository root: ``python -m tests.data.revisions.make_fixtures [REVISION ...]`` (default: every
revision below the head that has no fixture yet; an existing fixture is never rewritten, since it must stay as that
revision wrote it). For each revision:

1. a small event is built at the head revision: the demo (24 attendees, seed 11), plus what later revisions added
   that the demo leaves out: pinned sessions, an agenda version, a paper and a virtual check-in, branding;
2. an empty file is brought to the revision by the migrations themselves (alembic upgrade to it);
3. every row of every table the revision has is copied in with raw SQL, only the columns that revision has;
   a row its constraints refuse (a 'paper' check-in before 0007p) is left out. Before 0011 the search terms are
   written by the revision's own triggers, as the app of that time did.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, event, select

HERE = Path(__file__).parent
#: a 1x1 PNG: the branding's logo and signature
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e527de4a0000000049454e44ae426082")


def fixture_path(revision: str) -> Path:
    return HERE / f"event_rev{revision}.lday"


def _enriched_head(path: Path) -> Path:
    """The demo at the head revision, with the rows later revisions added that the demo does not write."""
    from learningday.demo.build import build_demo
    from learningday.plan.snapshots import save_snapshot
    from learningday.store.db import open_event
    from learningday.store.models import (
        Attendee,
        Branding,
        CheckIn,
        Event,
        VirtualAttendance,
    )
    from learningday.store.models import Session as AgendaSession

    build_demo(path, attendees=24, seed=11)
    with open_event(path) as event_file, event_file.write() as s:
        sessions = s.scalars(select(AgendaSession).order_by(AgendaSession.id)).all()
        for pinned in sessions[:2]:
            pinned.pinned = True
            pinned.preferred_start_utc = pinned.start_utc
        save_snapshot(s, "Before the day", now=datetime(2027, 2, 1, 9, tzinfo=UTC))
        people = s.scalars(select(Attendee.id).order_by(Attendee.id.desc()).limit(2)).all()
        day = s.scalar(select(Event.start_utc))
        s.add(CheckIn(uid="00000000-0000-4000-8000-00000000aaa1", kind="check_in", attendee_id=people[0],
                      session_id=sessions[3].id, at_utc=day + timedelta(hours=2), method="paper",
                      facilitator_name="Paper sheet"))
        online = CheckIn(uid="00000000-0000-4000-8000-00000000aaa2", kind="check_in", attendee_id=people[1],
                         session_id=sessions[4].id, at_utc=day + timedelta(hours=3), method="virtual")
        s.add(online)
        s.flush()
        s.add(VirtualAttendance(checkin_id=online.id, platform="teams", file_name="meeting.csv",
                                file_sha256="ab" * 32, reported_name="Guest", minutes=42,
                                intervals=[["2027-03-11T00:00:00Z", "2027-03-11T00:42:00Z"]]))
        s.scalars(select(Event)).one().attended_percent = 60
        branding = s.get(Branding, 1)
        branding.issuer, branding.signer_name, branding.signer_title = "L&D Academy", "Ana Ruiz", "Head of L&D"
        branding.logo_png, branding.signature_png, branding.secret = PNG, PNG, "5e" * 32
    return path


def _at_revision(path: Path, revision: str) -> None:
    """An empty file brought to ``revision`` by the migrations, marked as ours as the app of the time did."""
    from alembic import command

    from learningday.store.folding import register_sql_functions
    from learningday.store.revisions import APPLICATION_ID, alembic_config

    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", lambda con, _record: register_sql_functions(con))
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    engine.dispose()


def _copy_rows(head: Path, path: Path) -> dict[str, int]:
    """Every head row that fits the file's schema, with raw SQL; the rows each table got."""
    from learningday.store.folding import register_sql_functions

    con = sqlite3.connect(path, isolation_level=None)
    register_sql_functions(con)  # the triggers of 0002..0010 call it
    con.execute("ATTACH DATABASE ? AS head", (str(head),))
    tables = [name for (name,) in con.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
        "AND name != 'alembic_version' ORDER BY rowid")]
    triggers = con.execute("SELECT count(*) FROM main.sqlite_master WHERE type = 'trigger'").fetchone()[0]
    counts = {}
    con.execute("BEGIN")
    for table in tables:
        if table == "attendee_terms" and triggers:
            continue  # written by the triggers as the attendees arrive
        columns = ", ".join(f'"{c}"' for (c,) in con.execute("SELECT name FROM pragma_table_info(?)", (table,)))
        con.execute(f"DELETE FROM main.{table}")  # the rows a migration seeded (levels, roles, branding)
        con.execute(f"INSERT OR IGNORE INTO main.{table} ({columns}) SELECT {columns} FROM head.{table}")
    con.execute("COMMIT")
    con.execute("DETACH DATABASE head")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in tables:
        counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    con.execute("PRAGMA page_size = 1024")  # small pages: a small file for a small event
    con.execute("VACUUM")
    con.close()
    return counts


def make(revision: str, head: Path) -> Path:
    out = fixture_path(revision)
    part = out.with_suffix(".part")
    part.unlink(missing_ok=True)
    _at_revision(part, revision)
    print(revision, _copy_rows(head, part))
    part.replace(out)
    return out


def earlier_revisions() -> list[str]:
    """Every revision below the head, oldest first."""
    from learningday.store.revisions import head_revision, revision_graph

    graph, order, at = revision_graph(), [], head_revision()
    while graph[at] is not None:
        at = graph[at]
        order.append(at)
    return order[::-1]


if __name__ == "__main__":
    wanted = sys.argv[1:] or [r for r in earlier_revisions() if not fixture_path(r).exists()]
    with tempfile.TemporaryDirectory() as folder:
        head_file = _enriched_head(Path(folder) / "head.lday")
        for rev in wanted:
            make(rev, head_file)
