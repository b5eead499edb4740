"""Event files of every earlier schema revision (tests/data/revisions/) open at the head with every row intact,
a backup of the old file taken first; a migrated one publishes to PostgreSQL and pulls back identical."""

from __future__ import annotations

import shutil
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.checkin.log import check_in
from learningday.checkin.search import search_attendees
from learningday.store.db import head_revision, open_event
from learningday.store.models import Attendee, Event
from tests.data.revisions.make_fixtures import earlier_revisions, fixture_path
from tests.helpers.backends import Backend
from tests.helpers.doors import open_door
from tests.helpers.dumps import every_row, raw_rows

#: rewritten by migration 0011 (the app writes the terms now, by the same folding): checked by a search instead
REWRITTEN = {"attendee_terms"}


def test_every_earlier_revision_has_a_fixture() -> None:
    missing = [r for r in earlier_revisions() if not fixture_path(r).exists()]
    assert not missing, f"no fixture for {missing}: run python -m tests.data.revisions.make_fixtures"


@pytest.mark.parametrize("revision", earlier_revisions())
def test_an_old_file_migrates_with_a_backup_first_and_keeps_every_row(revision: str, tmp_path: Path) -> None:
    old = tmp_path / "old.lday"
    shutil.copyfile(fixture_path(revision), old)
    before = raw_rows(old)
    assert before["alembic_version"][1] == [(revision,)]
    with open_event(old) as event_file:
        assert (event_file.migrated_from, event_file.revision) == (revision, head_revision())
        backup = event_file.backup_path
        with event_file.read() as session:
            someone = session.scalars(select(Attendee).order_by(Attendee.id.desc())).first()
            typed = _unaccented(someone.name.split()[-1][:3]).upper()  # as a facilitator types it
            assert someone.id in {hit.id for hit in search_attendees(session, typed, limit=100)}
    assert backup is not None and backup.exists()
    assert raw_rows(backup) == before  # the backup is the old file as it was, at its own revision
    after = raw_rows(old)
    assert after["alembic_version"][1] == [(head_revision(),)]
    for table, (columns, rows) in before.items():
        if table in REWRITTEN | {"alembic_version"}:
            continue
        names, migrated = after[table]
        assert set(columns) <= set(names), f"{table} lost columns"
        keep = [names.index(column) for column in columns]
        assert sorted((tuple(row[i] for i in keep) for row in migrated), key=repr) == rows, f"{table}: rows changed"
    assert [table for table, (_, rows) in before.items() if not rows] == []  # each table's rows are put to the test
    _still_a_working_event(old)


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _still_a_working_event(path: Path) -> None:
    """The migrated file takes a check-in like any other."""
    open_door(path)
    with open_event(path) as event_file, event_file.write() as session:
        code = session.scalars(select(Attendee.code).order_by(Attendee.id)).first()
        start = session.scalar(select(Event.start_utc))
        assert check_in(session, code_or_attendee=code, station="Upgrade", method="scan",
                        at_utc=start + timedelta(hours=1)).entry_uid


@pytest.mark.postgres
@pytest.mark.parametrize("revision", [earlier_revisions()[0], earlier_revisions()[-1]])
def test_a_migrated_old_file_publishes_and_pulls_back_identical(pg_cluster, revision: str,
                                                                tmp_path: Path) -> None:
    from learningday.store.copying import publish, pull

    old = tmp_path / "old.lday"
    shutil.copyfile(fixture_path(revision), old)
    server = Backend("postgresql", tmp_path, pg_cluster)
    try:
        url = str(server.empty())
        publish(old, url)
        pull(url, tmp_path / "back.lday")
        migrated, on_server, pulled = every_row(old), every_row(url), every_row(tmp_path / "back.lday")
    finally:
        server.drop()
    for name, rows in migrated.items():
        assert on_server[name] == rows, name
        assert pulled[name] == rows, name
    assert len(migrated["attendees"]) == 24 and len(migrated["checkins"]) >= 27
