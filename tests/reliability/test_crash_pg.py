"""Stations killed mid-burst on the shared PostgreSQL event: every confirmed entry is there, nothing is half done
or doubled, and the database still opens, migrates and takes check-ins."""

from __future__ import annotations

import os
import random
import signal
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, text

from learningday.checkin.log import check_in
from learningday.store.db import head_revision, open_event
from learningday.store.models import Attendee, Base, CheckIn, Station
from learningday.store.models import Session as AgendaSession
from tests.helpers.backends import Backend, run_sql
from tests.helpers.doors import open_door
from tests.helpers.stations import kill_mid_burst, received, rotated, station_context

pytestmark = pytest.mark.postgres

KILLS = 20
MIGRATION_KILLS = 5
HEAD_TABLES = {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"}


@pytest.fixture()
def server(pg_cluster, tmp_path: Path) -> Iterator[Backend]:
    made = Backend("postgresql", tmp_path, pg_cluster)
    yield made
    made.drop()


def _others_connected(url: str) -> int:
    """Server processes still serving this database for someone else: a killed station's must end by itself."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                           "AND pid <> pg_backend_pid()")).scalar_one()
    finally:
        engine.dispose()


def _wait_until_alone(url: str) -> None:
    """A killed client's server process ends when it next reads its socket: wait for that, without a clock."""
    for _ in range(2000):
        if _others_connected(url) == 0:
            return
    pytest.fail("a killed station's server process is still there, holding what it held")


def test_twenty_stations_killed_mid_burst_lose_nothing_and_leave_nothing_half_done(server: Backend,
                                                                                  pg_demo: str) -> None:
    url = str(server.empty(template=pg_demo))
    open_door(url)  # now is months before the demo's day
    with open_event(url) as event_file, event_file.read() as session:
        codes = list(session.scalars(select(Attendee.code).order_by(Attendee.id)))
        sessions = list(session.scalars(select(AgendaSession.uid).order_by(AgendaSession.id)))[:4]
        entries_before = session.scalar(select(func.count()).select_from(CheckIn))
    context = station_context()
    rng = random.Random(18)
    confirmed: list[str] = []
    for kill in range(KILLS):
        confirmed += kill_mid_burst(context, url, sessions[kill % len(sessions)], rotated(codes, rng),
                                    commits=rng.randrange(0, 40))
    _wait_until_alone(url)
    with open_event(url) as event_file:
        with event_file.read() as session:
            door_k = session.execute(select(CheckIn.uid, CheckIn.attendee_id, CheckIn.session_id)
                                     .join(Station, CheckIn.station_id == Station.id)
                                     .where(Station.name == "Door K")).all()
            entries_after = session.scalar(select(func.count()).select_from(CheckIn))
            stations = session.scalar(select(func.count()).where(Station.name == "Door K"))
        on_server = {uid for uid, _, _ in door_k}
        assert len(confirmed) == len(set(confirmed)) > KILLS
        assert set(confirmed) <= on_server, f"{len(set(confirmed) - on_server)} confirmed entries lost"
        # committed but not yet reported when the kill came: at most the one entry in flight per kill
        assert len(on_server - set(confirmed)) <= KILLS
        assert entries_after - entries_before == len(door_k) and stations == 1
        doubled = [key for key, n in Counter((a, s) for _, a, s in door_k).items() if n > 1]
        assert doubled == [], "one person checked into one session twice"
        with event_file.write() as session:  # no lock is left behind: the next station writes at once
            assert check_in(session, code_or_attendee=codes[0], station="Door L", method="scan",
                            at_utc=datetime.now(UTC)).status in ("checked_in", "already")


def migrate_reporting(url: str, out: Connection) -> None:
    """Open (and so migrate) the database at ``url``, saying "sql" after each statement it runs."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    event.listen(Engine, "after_cursor_execute", lambda *_args: out.send("sql"))
    open_event(url).close()
    out.send("done")


def _tables_and_revision(url: str) -> tuple[set[str], str | None]:
    engine = create_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
        if "alembic_version" not in tables:
            return tables, None
        with engine.connect() as connection:
            return tables, connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        engine.dispose()


def test_a_migration_killed_part_way_leaves_a_database_that_opens_and_migrates(server: Backend) -> None:
    context = station_context()
    rng = random.Random(7)
    cut = []
    for kill in range(MIGRATION_KILLS):
        server.database = f"crash_migration_{os.getpid()}_{kill}"
        run_sql(server.cluster.url(), f"CREATE DATABASE {server.database}", autocommit=True)
        url = server.cluster.url(server.database)
        inbox, outbox = context.Pipe(duplex=False)
        child = context.Process(target=migrate_reporting, args=(url, outbox))
        child.start()
        outbox.close()
        statements = 0
        for _ in range(rng.randrange(1, 120)):  # a random statement of the migration (or its end)
            if inbox.recv() == "done":
                break
            statements += 1
        os.kill(child.pid, signal.SIGKILL)
        received(inbox)
        child.join()
        _wait_until_alone(url)
        left = _tables_and_revision(url)
        assert left in ((set(), None), (HEAD_TABLES, head_revision())), "a killed migration was left half done"
        cut.append((statements, left[1]))
        with open_event(url) as event_file:
            assert event_file.revision == head_revision()
        assert _tables_and_revision(url) == (HEAD_TABLES, head_revision())
        server.drop()
    assert min(n for n, _ in cut) > 0, cut  # every kill came after the migration had begun
    assert None in {revision for _, revision in cut}, cut  # and some before it had committed
