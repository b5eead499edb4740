"""A shared event: `publish` an event file to PostgreSQL and `pull` it back, every table row by row."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from learningday.store.db import open_event
from learningday.store.models import Base
from tests.helpers.backends import Backend
from tests.helpers.cli import refused, run
from tests.helpers.dumps import every_row

pytestmark = pytest.mark.postgres


@pytest.fixture()
def server(pg_cluster, tmp_path: Path) -> Backend:  # noqa: ANN001 - a Cluster
    made = Backend("postgresql", tmp_path, pg_cluster)
    yield made
    made.drop()


def test_publish_then_pull_gives_back_every_row_of_every_table(demo_file: Path, server: Backend, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    url, out = str(server.empty()), tmp_path / "archive.lday"
    status, printed, _ = run(capsys, "publish", str(demo_file), url, "--json")
    assert status == 0
    published = json.loads(printed)
    assert published["rows"]["attendees"] == 1000 and published["target"] == f"{server.database} on {server.cluster.socket}"
    status, printed, _ = run(capsys, "pull", url, str(out))
    assert status == 0 and printed.startswith("pulled ")
    original, on_server, pulled = every_row(demo_file), every_row(url), every_row(out)
    assert set(original) == {t.name for t in Base.metadata.sorted_tables}
    for name, rows in original.items():
        assert on_server[name] == rows, name
        assert pulled[name] == rows, name
    assert sum(map(len, original.values())) > 5000
    con = sqlite3.connect(out)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()


def test_the_server_goes_on_numbering_after_the_copied_rows(demo_file: Path, server: Backend) -> None:
    from learningday.checkin import log as checkin
    from learningday.store.copying import publish
    from learningday.timeutil import parse_utc

    url = str(server.empty())
    publish(demo_file, url)
    with open_event(url) as event_file, event_file.write() as session:
        result = checkin.walk_in(session, name="Late Comer", email="late@example.com", station="Desk",
                                 at_utc=parse_utc("2027-03-11T08:00Z"))
    assert result.new_attendee


def test_publishing_into_a_database_that_holds_an_event_is_refused(demo_file: Path, server: Backend,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    url = str(server.empty())
    assert run(capsys, "publish", str(demo_file), url)[0] == 0
    before = every_row(url)
    err = refused(capsys, demo_file, "publish", str(demo_file), url, "--json")
    assert "already holds an event" in err
    assert every_row(url) == before


@pytest.mark.sqlite_only("pull's refusals of an event FILE: an existing output file, a file given as the source")
def test_pull_refuses_an_existing_file_and_a_file_url(demo_file: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert "exists already" in refused(capsys, demo_file, "pull", "postgresql+psycopg://x@/y", str(demo_file))
    other = tmp_path / "copy.lday"
    assert "not a database server URL" in refused(capsys, demo_file, "pull", str(demo_file), str(other))
    assert not other.exists()


def test_a_password_in_the_url_is_never_printed(demo_file: Path, server: Backend,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    url = str(server.empty()).replace("learningday@", "learningday:s3cret@")  # trust: the password is not asked
    status, printed, err = run(capsys, "publish", str(demo_file), url)
    assert status == 0
    assert "s3cret" not in printed + err and printed.endswith(f" to {server.database} on {server.cluster.socket}\n")
