"""Network drop: the station's connection to PostgreSQL is cut mid-burst (its backends terminated, the server
stopped and started again); the check-ins queue in the station's outbox and flush, none lost or doubled."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from learningday.checkin import log as checkin_log
from learningday.checkin import outbox_flush
from learningday.checkin.outbox import Kept, Outbox
from learningday.checkin.outbox_flush import deliver, flush
from learningday.store.db import open_event
from learningday.store.failures import SERVER_GONE, ServerGone
from tests.helpers.pgcluster import Cluster
from tests.helpers.shared_station import at, logged, shared_event, terminate

pytestmark = pytest.mark.postgres
BURST = 60


def _entries(people: list[str]) -> list[Kept]:
    """One check-in per person (by attendee uid), each with the entry uid the station gives it."""
    return [Kept(uid, f"Person {i}", "scan", None, "Door N", "Nia", at(i)) for i, uid in enumerate(people)]


def _burst(event_file, outbox: Outbox, entries: list[Kept], *, cut: dict[int, object]) -> list[int]:  # noqa: ANN001
    """One station checking everyone in, in order; before check-in ``i`` in ``cut`` the network fails. Which
    check-ins the station was told are waiting."""
    waited = []
    for i, entry in enumerate(entries):
        if i in cut:
            cut[i]()
        flushed = deliver(event_file, outbox, entry)
        if flushed.result_of(entry.uid) is None:
            waited.append(i)
            assert flushed.reason == SERVER_GONE and flushed.waiting == len(outbox) > 0
    return waited


def _exactly_once(url: str, entries: list[Kept], outbox: Outbox) -> None:
    assert len(outbox) == 0
    count, people, written = logged(url)
    assert (count, people) == (len(entries), len(entries))  # none lost, none doubled
    assert written == {e.uid for e in entries}  # each with the uid the station gave it


def test_backends_terminated_mid_transaction_queue_then_flush(pg_cluster: Cluster, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    url, people = shared_event(pg_cluster, tmp_path, people=BURST)
    entries = _entries(people)
    inserts = {"n": 0}
    real_rows = checkin_log._rows

    def cut_mid_transaction(session, sql, params):  # noqa: ANN001, ANN202
        # every 15th insert of the log dies inside its transaction, the row not yet written, and so does the one
        # after it: the station's one run again on a new connection (EventFile.run_write; the check-in path goes
        # straight to the driver: checkin/sql.py)
        if sql.startswith("INSERT INTO checkins"):
            inserts["n"] += 1
            if inserts["n"] % 15 in (0, 1) and inserts["n"] > 1:
                terminate(pg_cluster, url)
        return real_rows(session, sql, params)

    monkeypatch.setattr(checkin_log, "_rows", cut_mid_transaction)
    with open_event(url) as event_file, Outbox.for_event(url, tmp_path) as outbox:
        # and once the answer to a COMMIT is lost: the entry is on the server, the station still keeps it
        real, lost = outbox_flush.write_kept, {entries[30].uid}

        def answer_lost(event_file, entry):  # noqa: ANN001, ANN202
            result = real(event_file, entry)
            if entry.uid in lost:
                lost.discard(entry.uid)
                raise ServerGone("not saved: the connection dropped during COMMIT", reason=SERVER_GONE)
            return result

        monkeypatch.setattr(outbox_flush, "write_kept", answer_lost)
        waited = _burst(event_file, outbox, entries, cut={20: lambda: terminate(pg_cluster, url)})
        # each check-in whose insert and its run again were cut waited, and so did the one whose answer was lost.
        # Inserts: check-in 0 makes two (its station's row is made between), check-in k one more, and each wait
        # two more (the run again, then the entry flushed at the next check-in): the 15th is check-in 13, the
        # 30th check-in 26, the 45th 39, the 60th 52. The connections cut while idle at 20 cost nothing: the
        # first statement meets the drop and the transaction runs again on a new connection
        assert waited == [13, 26, 30, 39, 52]
        flush(outbox, event_file)
        _exactly_once(url, entries, outbox)


@pytest.fixture()
def own_cluster() -> Iterator[Cluster]:
    """A server of this test's own, to stop and start (the session's is shared by every other test)."""
    with Cluster() as cluster:
        yield cluster


def _start_again(cluster: Cluster) -> None:
    options = f"-c listen_addresses='' -k {cluster.socket} -c fsync=off -c full_page_writes=off"
    cluster._run("pg_ctl", "-D", str(cluster.data), "-l", str(cluster.log), "-o", options, "-w", "-t", "60", "start")
    cluster.running = True


def test_a_server_stopped_and_started_again_mid_burst(own_cluster: Cluster, tmp_path: Path) -> None:
    from tests.helpers.backends import make_template

    make_template(own_cluster)
    url, people = shared_event(own_cluster, tmp_path, people=BURST)
    entries = _entries(people)

    def stop() -> None:
        own_cluster._run("pg_ctl", "-D", str(own_cluster.data), "-m", "fast", "-w", "stop")
        own_cluster.running = False

    with open_event(url) as event_file, Outbox.for_event(url, tmp_path) as outbox:
        waited = _burst(event_file, outbox, entries, cut={15: stop, 35: lambda: _start_again(own_cluster)})
        assert waited == list(range(15, 35))  # every check-in while the server was down, and no other
        _exactly_once(url, entries, outbox)
    with Outbox.for_event(url, tmp_path) as outbox:
        assert outbox.entries() == []
