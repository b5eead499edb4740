"""Durability: a SIGKILLed station loses no confirmed check-in; concurrent stations lose none."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import rows

STATION = r"""
import sys
from datetime import datetime, timezone
from sqlalchemy import select
from learningday.checkin import log as checkin
from learningday.store.db import open_event
from learningday.store.models import Attendee

path, first, count, station = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
with open_event(path) as ef:
    with ef.read() as s:
        codes = s.scalars(select(Attendee.code).order_by(Attendee.id).offset(first).limit(count)).all()
    print("ready", flush=True)
    for code in codes:
        with ef.write() as s:
            result = checkin.check_in(s, code_or_attendee=code, station=station, method="scan",
                                      at_utc=datetime.now(timezone.utc))
        if result.entry_uid:  # committed: the block above has ended
            print(result.entry_uid, flush=True)
"""


def _station(path: Path, first: int, count: int, station: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", STATION, str(path), str(first), str(count), station],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _whole_event_entries(target: Path | str) -> list[tuple[str, int]]:
    """The arrivals (no session) on the event file, whose integrity check must pass, or on the database."""
    if isinstance(target, Path):
        assert rows(target, "PRAGMA integrity_check") == [("ok",)]
    return rows(target, "SELECT uid, attendee_id FROM checkins WHERE session_id IS NULL")


def test_killed_station_keeps_every_check_in_it_confirmed(demo_file: Path) -> None:
    rng = random.Random(5)
    confirmed: list[str] = []
    for round_no in range(15):
        proc = _station(demo_file, round_no * 60, 60, "Door K")
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        # a random moment inside the burst: after some confirmations, with at least 20 still to come
        before_kill = [proc.stdout.readline().strip() for _ in range(rng.randrange(0, 40))]
        assert all(len(uid) == 36 for uid in before_kill)
        confirmed += before_kill
        time.sleep(rng.uniform(0.0, 0.003))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        confirmed += [line for line in out.splitlines() if len(line) == 36]
    on_disk = {uid for uid, _ in _whole_event_entries(demo_file)}
    assert confirmed and set(confirmed) <= on_disk


@pytest.fixture(scope="session")
def demo_10k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 10,000-attendee demo event, built once per test run."""
    from learningday.demo.build import build_demo

    return build_demo(tmp_path_factory.mktemp("demo10k") / "template.lday", attendees=10_000, seed=4)


def _concurrent_stations(template: Path, tmp_path: Path, per_station: int) -> tuple[list[str], list[tuple[str, int]]]:
    """Four stations check in ``per_station`` people each on one copy of ``template``, at once:
    the entry uids they confirmed, and the whole-event entries then on disk (uid, attendee id)."""
    path = tmp_path / "shared.lday"
    shutil.copyfile(template, path)
    procs = [_station(path, k * per_station, per_station, f"Door {k}") for k in range(4)]
    outputs = [proc.communicate(timeout=600) for proc in procs]
    for proc, (_, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
    confirmed = [line for out, _ in outputs for line in out.splitlines() if len(line) == 36]
    return confirmed, _whole_event_entries(path)


def test_four_stations_on_one_file_lose_and_duplicate_nothing(demo_10k: Path, tmp_path: Path) -> None:
    confirmed, entries = _concurrent_stations(demo_10k, tmp_path, 500)
    assert len(confirmed) == len(set(confirmed)) == 4 * 500
    assert {uid for uid, _ in entries} == set(confirmed)
    assert len(entries) == len({attendee for _, attendee in entries}) == 4 * 500


def test_four_stations_check_in_ten_thousand_people(demo_10k: Path, tmp_path: Path) -> None:
    confirmed, entries = _concurrent_stations(demo_10k, tmp_path, 2_500)
    assert len(confirmed) == len(set(confirmed)) == 10_000
    assert {uid for uid, _ in entries} == set(confirmed)
    assert len(entries) == len({attendee for _, attendee in entries}) == 10_000
