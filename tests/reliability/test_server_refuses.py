"""Server gone or read-only: a check-in the server refuses is reported, never shown as done, kept to retry, and
written once the server takes writes again (the core, and the CLI's checkin and outbox)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from learningday.checkin.outbox import Kept, Outbox
from learningday.checkin.outbox_flush import JUDGED_LATER, deliver, flush
from learningday.store.db import open_event
from tests.helpers.cli import run
from tests.helpers.pgcluster import Cluster
from tests.helpers.shared_station import at, logged, read_only, shared_event

pytestmark = pytest.mark.postgres
REFUSED = "the server refused the write: the database is read-only"


def test_a_read_only_server_keeps_the_check_in_until_it_takes_writes(pg_cluster: Cluster, tmp_path: Path) -> None:
    url, people = shared_event(pg_cluster, tmp_path, people=3)
    entries = [Kept(uid, f"Person {i}", "scan", None, "Door R", "", at(i)) for i, uid in enumerate(people)]
    with open_event(url) as event_file, Outbox.for_event(url, tmp_path) as outbox:
        assert deliver(event_file, outbox, entries[0]).result_of(entries[0].uid).status == "checked_in"
        read_only(pg_cluster, url, True)
        for entry in entries[1:]:
            flushed = deliver(event_file, outbox, entry)
            assert flushed.result_of(entry.uid) is None  # never reported as done
            assert (flushed.waiting, flushed.reason) == (entries.index(entry), REFUSED)
        assert logged(url)[0] == 1 and outbox.reason == REFUSED
        read_only(pg_cluster, url, False)
        flushed = flush(outbox, event_file)
        assert [d.result.status for d in flushed.delivered] == ["checked_in", "checked_in"] and len(outbox) == 0
    assert logged(url)[:2] == (3, 3)


def test_the_cli_keeps_a_refused_check_in_and_flushes_it(pg_cluster: Cluster, tmp_path: Path, capsys,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # this computer's outbox folder
    url, _ = shared_event(pg_cluster, tmp_path, people=0)
    read_only(pg_cluster, url, True)
    status, out, err = run(capsys, "checkin", url, "AAAAA6", "--station", "Door C")
    assert status == 5 and out == "" and REFUSED in err and JUDGED_LATER in err and "1 check-in waiting" in err
    status, out, err = run(capsys, "checkin", url, "AAAAA3", "--json")
    document = json.loads(out)
    assert status == 5 and document["status"] == "kept" and document["waiting"] == 2
    assert document["error"]["kind"] == "server_gone"
    status, out, _ = run(capsys, "outbox", url, "--flush", "--json")  # still read-only: both still wait
    assert status == 5 and [e["who"] for e in json.loads(out)["entries"]] == ["AAAAA6", "AAAAA3"]
    assert logged(url)[0] == 0
    read_only(pg_cluster, url, False)
    status, out, _ = run(capsys, "outbox", url, "--flush")
    assert status == 0 and out.splitlines()[0] == "written to the server: 2 check-ins"
    assert "ليلى حداد checked in (entry " in out and out.splitlines()[-1] == "0 check-ins waiting for the server"
    assert logged(url)[:2] == (2, 2)
    status, out, _ = run(capsys, "outbox", url, "--flush")  # nothing left: nothing written twice
    assert (status, out) == (0, "0 check-ins waiting for the server\n") and logged(url)[0] == 2


def test_the_cli_on_a_server_that_is_gone(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    gone = f"postgresql+psycopg://learningday@/day?host={tmp_path}/no-server"
    status, _, err = run(capsys, "checkin", gone, "AAAAA6")
    assert status == 5 and "not saved: the server cannot be reached" in err and "1 check-in waiting" in err
    status, out, err = run(capsys, "outbox", gone, "--flush")
    assert status == 5 and out.startswith("1 check-in waiting for the server (the server cannot be reached)")
    assert "cannot open" in err and "still waiting in this computer's outbox" in err
    status, _, err = run(capsys, "outbox", str(tmp_path / "event.lday"))
    assert status == 2 and "not a database server URL" in err
