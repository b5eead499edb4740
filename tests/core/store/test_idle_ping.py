"""A server event's pooled connections after the server cut them: a read, or a write on one that sat idle, pings
first and gets a new connection; run_write on one used a moment ago does not ping, and runs again on a new one
when its first statement meets the cut; a lost COMMIT answer is never run again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from learningday.checkin.log import check_in
from learningday.store import server
from learningday.store.db import open_event
from learningday.store.failures import ServerGone
from learningday.store.models import Attendee, CheckIn
from tests.helpers.pgcluster import Cluster
from tests.helpers.shared_station import shared_event, terminate

pytestmark = pytest.mark.postgres


def _people(event_file) -> int:  # noqa: ANN001
    with event_file.read() as session:
        return session.scalar(select(func.count()).select_from(Attendee)) or 0


def test_a_read_pings_even_a_connection_used_a_moment_ago(pg_cluster: Cluster, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Only run_write, which runs its transaction again, skips the ping: a read (a search, a screen) never meets
    the dropped connection."""
    url, _ = shared_event(pg_cluster, tmp_path, people=3)
    monkeypatch.setattr(server, "PING_AFTER_IDLE_S", 3600.0)
    with open_event(url) as event_file:
        before = _people(event_file)
        terminate(pg_cluster, url)
        assert _people(event_file) == before


def _scanned(event_file, code: str) -> tuple[str, int]:  # noqa: ANN001
    """A check-in through run_write: its status, and how many times its transaction ran."""
    runs = []

    def scan(session) -> str:  # noqa: ANN001
        runs.append(1)
        return check_in(session, code_or_attendee=code, station="Door P", method="scan",
                        at_utc=datetime.now(UTC)).status

    return event_file.run_write(scan), len(runs)


@pytest.mark.parametrize("idle_after, runs", [(0.0, 1), (3600.0, 2)], ids=["idle", "used-a-moment-ago"])
def test_a_write_on_a_connection_the_server_cut(pg_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               idle_after: float, runs: int) -> None:
    """Idle: the ping finds the cut and the write runs once, on a new connection. Used a moment ago: no ping, the
    first statement meets the cut and the write runs again. Either way one check-in, no error."""
    url, _ = shared_event(pg_cluster, tmp_path, people=3)
    monkeypatch.setattr(server, "PING_AFTER_IDLE_S", idle_after)
    with open_event(url) as event_file:
        assert _scanned(event_file, "Q00000") == ("checked_in", 1)
        terminate(pg_cluster, url)
        assert _scanned(event_file, "Q00001") == ("checked_in", runs)
        with event_file.read() as session:
            assert session.scalar(select(func.count()).select_from(CheckIn)) == 2


def test_a_lost_commit_answer_is_not_run_again(pg_cluster: Cluster, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The connection cut between the last statement and the COMMIT: the server may or may not have the entry, so
    the write is not run again (the station keeps it and its uid to retry: checkin/outbox_flush.py)."""
    url, _ = shared_event(pg_cluster, tmp_path, people=3)
    runs = []
    with open_event(url) as event_file:

        def cut_before_commit(session) -> None:  # noqa: ANN001
            runs.append(1)
            check_in(session, code_or_attendee="Q00002", station="Door P", method="scan", at_utc=datetime.now(UTC))
            terminate(pg_cluster, url)  # the COMMIT that follows meets the cut

        with pytest.raises(ServerGone):
            event_file.run_write(cut_before_commit)
        assert runs == [1]
        with event_file.read() as session:
            assert session.scalar(select(func.count()).select_from(CheckIn)) == 0
