"""The station-log door fuzzed through `merge-log`, on both backends: whatever a log holds, a clear refusal that
leaves the event file byte for byte as it was (no -wal or -shm beside it), or every row on the server as it was, or
a merge; never anything else."""

from __future__ import annotations

import copy
import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learningday.checkin import log as checkin
from learningday.checkin.station_log import export_log
from learningday.store.db import open_event
from learningday.store.models import Attendee, new_uid
from tests.helpers import sha256
from tests.helpers.backends import Backend, make_published
from tests.helpers.cli import run
from tests.helpers.doors import sidecars
from tests.helpers.fuzz_events import FuzzEvent
from tests.helpers.pgcluster import Cluster
from tests.helpers.planning import START, Small

PERSON_KEYS = ("uid", "name", "email", "code", "walk_in", "employee_id", "department", "role", "hub", "level_id",
               "created_utc")
ENTRY_KEYS = ("uid", "kind", "attendee_uid", "session_uid", "at_utc", "station", "facilitator_name", "method",
              "reverses_uid")
TOP_KEYS = ("format", "version", "event_uid", "attendees", "entries")


@pytest.fixture(scope="module")
def base(small_template: Small, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The organiser's file, and a station's log of it: a check-in, an undo, a walk-in."""
    folder = tmp_path_factory.mktemp("door")
    organiser = folder / "organiser.lday"
    shutil.copyfile(small_template.path, organiser)
    with open_event(organiser) as ef, ef.write() as s:
        s.add(Attendee(uid=new_uid(), code="K7M4QX", name="Ada Lovelace", email="ada@example.com", created_utc=START))
    station = folder / "station.lday"
    shutil.copyfile(organiser, station)
    at = START + timedelta(hours=1)
    with open_event(station) as ef:
        with ef.write() as s:
            first = checkin.check_in(s, code_or_attendee="K7M4QX", station="Door A", at_utc=at)
            checkin.undo(s, first.entry_uid, station="Door A", at_utc=at + timedelta(minutes=1))
            checkin.walk_in(s, name="Wendy Walker", email="wendy@example.com", hub="London", station="Door A",
                            at_utc=at + timedelta(minutes=2))
        with ef.read() as s:
            log = json.loads(json.dumps(export_log(s)))
    return organiser, log


@pytest.fixture(scope="module")
def pg_organiser(base: tuple[Path, dict], pg_cluster: Cluster) -> str:
    """The organiser's file published once per run: each example's database is a copy of it."""
    return make_published(pg_cluster, base[0], "ld_cli_door")


def _fresh(base: tuple[Path, dict], backend: Backend, request: pytest.FixtureRequest, folder: Path) -> str | Path:
    """A fresh copy of the organiser's event on this test's backend (one per hypothesis example)."""
    if backend.cluster is None:
        return Path(shutil.copyfile(base[0], folder / "event.lday"))
    backend.drop()
    return backend.empty(template=request.getfixturevalue("pg_organiser"))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
INSTANTS = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                        timezones=st.just(timezone.utc)).map(lambda d: d.isoformat())
VALUES = st.one_of(
    JSON, INSTANTS, st.uuids().map(str), st.sampled_from(["", "   ", "x" * 5000, "not an email", "abcdef", "\x00"]),
    st.integers(min_value=-10, max_value=10), st.sampled_from(["check_in", "undo", "walk_in", "check_out", "kiosk"]),
)
#: where a change goes: the top, an attendee or an entry (by index, wrapping), which key; None deletes it
CHANGES = st.lists(st.tuples(st.sampled_from(["top", "attendee", "entry", "copy"]), st.integers(0, 10),
                             st.integers(0, 10), st.none() | VALUES), min_size=1, max_size=3)


def _apply(log: dict, changes: list[tuple[str, int, int, object]]) -> dict:
    log = copy.deepcopy(log)
    for where, index, key, value in changes:
        if where == "top":
            target, keys = log, TOP_KEYS
        else:
            items = log.get("attendees" if where == "attendee" else "entries")
            if not isinstance(items, list) or not items or not isinstance(items[index % len(items)], dict):
                continue
            target, keys = items[index % len(items)], PERSON_KEYS if where == "attendee" else ENTRY_KEYS
            if where == "copy":  # an entry again, with one value changed (a repeated uid)
                target = dict(target)
                items.append(target)
        name = keys[key % len(keys)]
        if value is None:
            target.pop(name, None)
        else:
            target[name] = value
    return log


@pytest.fixture()
def organiser_event(backend: Backend, base: tuple[Path, dict]) -> FuzzEvent:
    """The organiser's event on this test's backend, made once for all its examples."""
    return FuzzEvent(backend, base[0])


@settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=CHANGES)
def test_fuzz_merge_log(capsys, base: tuple[Path, dict], organiser_event: FuzzEvent,
                        changes: list[tuple[str, int, int, object]]) -> None:
    with organiser_event.example() as (event, folder):
        forged = folder / "log.json"
        forged.write_text(json.dumps(_apply(base[1], changes)), encoding="utf-8")
        status, out, err = run(capsys, "merge-log", str(event), str(forged), "--json")
        assert status in (0, 2) and "unexpected" not in err and "Traceback" not in err, err
        if status == 2:
            assert err.startswith("learningday: error:") and organiser_event.unchanged(event)
        else:
            assert isinstance(json.loads(out)["entries_added"], int)
            organiser_event.written()
        assert isinstance(event, str) or not sidecars(event)


def test_the_genuine_log_merges_and_then_changes_nothing(capsys, base: tuple[Path, dict], tmp_path: Path,
                                                        backend: Backend, request: pytest.FixtureRequest) -> None:
    log = base[1]
    event = _fresh(base, backend, request, tmp_path)
    (tmp_path / "log.json").write_text(json.dumps(log), encoding="utf-8")
    status, out, _ = run(capsys, "merge-log", str(event), str(tmp_path / "log.json"), "--json")
    assert status == 0 and json.loads(out)["entries_added"] == len(log["entries"]) == 3
    digest = sha256(event)
    status, out, _ = run(capsys, "merge-log", str(event), str(tmp_path / "log.json"), "--json")
    assert status == 0 and json.loads(out)["entries_added"] == 0 and sha256(event) == digest
