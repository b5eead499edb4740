"""Old event files open at the latest schema with their data intact (fixture from revision 0001)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import select, text

from learningday.setup.event import event_summary
from learningday.store.db import head_revision, open_event
from learningday.store.models import Attendee, CheckIn
from tests import DATA

FIXTURE = DATA / "event_rev0001.lday"


def _revision(path: Path) -> str:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def test_fixture_is_still_at_the_first_revision() -> None:
    assert _revision(FIXTURE) == "0001"


def test_revision_0001_file_opens_at_head_with_its_data(tmp_path: Path) -> None:
    copy = tmp_path / "old.lday"
    shutil.copyfile(FIXTURE, copy)
    original = FIXTURE.read_bytes()
    with open_event(copy) as event_file, event_file.read() as session:
        summary = event_summary(session)
        names = set(session.scalars(select(Attendee.name)))
        undo_targets = session.scalars(select(CheckIn.reverses_uid).where(CheckIn.kind == "undo")).all()
        version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == head_revision()
    assert summary.event.name == "Global AI Learning Day (demo)"
    assert summary.event.start_utc.isoformat() == "2027-03-10T21:00:00+00:00"
    assert (summary.attendees, summary.sessions, len(summary.hubs), len(summary.levels)) == (40, 61, 10, 5)
    assert (summary.registrations, summary.checkins, summary.checkin_log_entries) == (66, 50, 52)
    assert len(names) == 40
    assert all(undo_targets)
    if event_file.migrated_from:  # a later revision migrated it: the backup is the untouched original
        assert event_file.migrated_from == "0001"
        assert event_file.backup_path is not None
        assert _revision(event_file.backup_path) == "0001"
    assert FIXTURE.read_bytes() == original


def test_revision_graph_read_from_text_matches_alembic() -> None:
    from alembic.script import ScriptDirectory

    from learningday.store.revisions import alembic_config, revision_graph

    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_heads() == [head_revision()]
    assert {r.revision: r.down_revision for r in scripts.walk_revisions()} == revision_graph()


def test_0004_comes_after_0003_and_a_migrated_file_keeps_agenda_versions(tmp_path: Path) -> None:
    from learningday.plan.snapshots import compare, list_snapshots, save_snapshot
    from learningday.store.revisions import revision_graph

    assert revision_graph()["0004"] == "0003"
    copy = tmp_path / "old.lday"
    shutil.copyfile(FIXTURE, copy)
    with open_event(copy) as event_file:
        with event_file.read() as session:
            assert list_snapshots(session) == []  # the table is there, empty
        with event_file.write() as session:
            row = save_snapshot(session, "After migration")
    assert _revision(copy) == head_revision()
    with open_event(copy) as event_file, event_file.read() as session:
        assert [r.name for r in list_snapshots(session)] == ["After migration"]
        assert (row.sessions, compare(session, row.uid).identical) == (61, True)


def test_the_models_map_exactly_the_columns_the_migrations_build() -> None:
    """The door checks a file's columns against the models (learningday.store.inspection): they must agree."""
    from learningday.store.models import Base
    from learningday.store.revisions import schema_at

    built = {name: set(columns.split(",")) for kind, name, columns in schema_at(head_revision()) if kind == "columns"}
    assert {t.name: {c.name for c in t.columns} for t in Base.metadata.sorted_tables} == {
        name: built[name] for name in Base.metadata.tables}


def test_0010_gives_every_file_one_branding_row_with_its_own_secret(tmp_path: Path) -> None:
    from learningday.reporting.branding import certificate_secret, get_branding
    from learningday.setup.event import create_event_file
    from learningday.timeutil import UTC

    copy = tmp_path / "old.lday"
    shutil.copyfile(FIXTURE, copy)
    secrets = []
    for path in (copy, tmp_path / "new.lday"):
        if not path.exists():
            from datetime import datetime

            create_event_file(path, name="New", start_utc=datetime(2027, 3, 10, tzinfo=UTC))
        with open_event(path) as event_file, event_file.read() as session:
            secrets.append(certificate_secret(session))
            assert get_branding(session).issuer == ""
    assert all(len(s) == 64 for s in secrets) and secrets[0] != secrets[1]
