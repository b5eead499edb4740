"""The event file's door, fuzzed: a damaged, foreign, cut or flipped file opens and reads, or is refused with one
LearningDayError; a refused file is byte-identical afterwards and nothing is left beside it. On the server: a
database someone else made opens or is refused, every row of every table as it was."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from learningday.checkin.log import check_in
from learningday.checkin.search import search_attendees
from learningday.errors import LearningDayError
from learningday.setup.event import event_summary
from learningday.store.db import head_revision, open_event
from learningday.store.models import Attendee
from tests.helpers import sha256
from tests.helpers.backends import Backend, run_sql
from tests.helpers.dumps import server_fingerprint

PAGE = 4096
#: writes a file at the path, from the small demo's bytes (or from nothing)
Maker = Callable[[Path, bytes], None]


def _mutated(mutate: Callable[[bytearray], None]) -> Maker:
    def make(path: Path, demo: bytes) -> None:
        data = bytearray(demo)
        mutate(data)
        path.write_bytes(bytes(data))
    return make


def _flips(offsets: list[int], bits: list[int]) -> Maker:
    def flip(data: bytearray) -> None:
        for offset, bit in zip(offsets, bits):
            data[offset % len(data)] ^= 1 << bit
    return _mutated(flip)


def _cut(fraction: float) -> Maker:
    return _mutated(lambda data: data.__delitem__(slice(int(len(data) * fraction), None)))


def _overwritten(offset: int, noise: bytes) -> Maker:
    def overwrite(data: bytearray) -> None:
        at = offset % len(data)
        data[at : at + len(noise)] = noise
    return _mutated(overwrite)


def _foreign_sql(tables: list[str], revision: str) -> list[str]:
    """Some of our table names, made by someone else; an alembic_version among them holds ``revision``."""
    made = [f"CREATE TABLE {table} (version_num TEXT, name TEXT)" for table in tables]
    if "alembic_version" in tables:
        made.append(f"INSERT INTO alembic_version (version_num) VALUES ('{revision}')")
    return made


def _foreign(tables: list[str], revision: str, app_id: int) -> Maker:
    """A SQLite database someone else made, with some of our table names and any application id."""
    def make(path: Path, _demo: bytes) -> None:
        con = sqlite3.connect(path)
        for statement in _foreign_sql(tables, revision):
            con.execute(statement)
        con.execute(f"PRAGMA application_id = {app_id}")
        con.commit()
        con.close()
    return make


OUR_NAMES = ["event", "alembic_version", "attendees", "checkins", "notes"]
FOREIGN_TABLES = st.lists(st.sampled_from(OUR_NAMES), unique=True, max_size=5)
REVISIONS = st.sampled_from([head_revision(), "0001", "0003", "", "x" * 40])


files = st.one_of(
    st.builds(_flips, st.lists(st.integers(100, 10**7), min_size=1, max_size=24),
              st.lists(st.integers(0, 7), min_size=24, max_size=24)),
    st.builds(_cut, st.floats(0.0, 0.999)),
    st.builds(_overwritten, st.integers(0, 400).map(lambda page: page * PAGE), st.binary(min_size=1, max_size=PAGE)),
    # the header: page size, change counter, page count, application id, text encoding, valid-for
    st.builds(_overwritten, st.sampled_from([16, 24, 28, 56, 68, 92]), st.binary(min_size=1, max_size=4)),
    st.builds(_foreign, FOREIGN_TABLES, REVISIONS, st.sampled_from([0, 0x4C446179, 7])),
)


def _use(path: str | Path) -> None:
    """What a station does first: open, read the event, search, check someone in."""
    with open_event(path) as event_file:
        with event_file.read() as session:
            event_summary(session)
            search_attendees(session, "a", session_uid=None, limit=12)
            code = session.scalars(select(Attendee.code).limit(1)).first()
        if code is not None:
            with event_file.write() as session:
                check_in(session, code_or_attendee=code, station="Fuzz", method="scan",
                         at_utc=datetime(2027, 3, 10, 22, tzinfo=UTC))


def _check_used_or_refused_untouched(target: str | Path, fingerprint: Callable[[], object]) -> None:
    """A station uses the event, or it is refused with a LearningDayError and ``fingerprint`` is as it was."""
    before = fingerprint()
    try:
        _use(target)
        event("used")
    except LearningDayError as exc:
        event(f"refused: {type(exc).__name__}")
        assert fingerprint() == before


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from learningday.demo.build import build_demo

    return build_demo(tmp_path_factory.mktemp("fuzz") / "demo.lday", attendees=60, seed=5).read_bytes()


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(make=files)
def test_any_file_opens_or_is_refused_untouched(make: Maker, small_demo: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "event.lday"
        make(path, small_demo)
        _check_used_or_refused_untouched(path, lambda: sha256(path))
        assert sorted(p.name for p in Path(folder).iterdir()) == ["event.lday"]  # no -wal, -shm or backup


@pytest.fixture()
def server_database(pg_cluster, tmp_path: Path) -> Iterator[str]:
    """One database on the server for all the examples of a test (each starts by emptying it)."""
    made = Backend("postgresql", tmp_path, pg_cluster)
    yield str(made.empty())
    made.drop()


@pytest.mark.postgres
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables=st.lists(st.sampled_from(OUR_NAMES), unique=True, min_size=1, max_size=5), revision=REVISIONS)
# found by this test: a database that said it was at the head opened, and the first read failed with a raw
# "relation does not exist" (open_server now checks the tables and columns, as a file's are checked)
@example(tables=["alembic_version"], revision=head_revision())
@example(tables=["alembic_version", "event"], revision=head_revision())
def test_a_server_database_someone_else_made_opens_or_is_refused_untouched(server_database: str, tables: list[str],
                                                                           revision: str) -> None:
    """The server's side of the door: a database that is not (only) ours. An empty one is where a new event goes."""
    run_sql(server_database, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public", *_foreign_sql(tables, revision))
    _check_used_or_refused_untouched(server_database, lambda: server_fingerprint(server_database))
