"""Two stations at once, on both backends: one badge scanned twice in the same moment, two people for the last seat."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from learningday.checkin import log, rules
from learningday.checkin.dto import CheckInResult
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, Hub, Registration, Venue
from learningday.store.models import Session as LearningSession
from tests.helpers.backends import Backend

START = datetime(2027, 3, 10, 8, tzinfo=UTC)
TALK = START + timedelta(hours=2)  # 60 minutes in a room of 2 seats: Ann holds one
IN_TALK = TALK + timedelta(minutes=5)
#: long enough for the other station to reach the same point. With the fix it never does (SQLite's write lock is
#: taken at BEGIN; on a server the other waits on the person's or the session's row), so the wait runs out and the
#: stations go one after the other, as they must; without it both read before either writes
MEET_S = 1.0


@pytest.fixture
def door(backend: Backend) -> str:
    target = backend.create_event(name="Race day", start_utc=START)
    with open_event(target) as ef, ef.write() as s:
        hub = Hub(name="London", zone="Europe/London", position=1)
        room = Venue(name="Room", capacity=2, hub=hub)
        talk = LearningSession(uid="talk", title="Talk", level_id=1, start_utc=TALK, duration_minutes=60, venue=room)
        people = [Attendee(uid=f"uid-{n}", code=f"{n.upper()}000", name=n, email=f"{n}@x.org", hub=hub,
                           created_utc=START) for n in ("ann", "eve", "fay")]
        s.add_all([hub, room, talk, *people])
        s.flush()
        s.add(Registration(attendee_id=people[0].id, session_id=talk.id, status="registered", created_utc=START))
    return str(target)


@pytest.fixture
def both_have_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Any, str], None]]:
    """``hold(module, name)``: each station, after its first call of ``module.name`` (a read of the check-in), waits
    (up to ``MEET_S``) for the other to have read too: the worst interleaving, where both would act on what they
    read before either wrote."""
    meet = threading.Barrier(2)
    local = threading.local()

    def hold(module: Any, name: str) -> None:
        real = getattr(module, name)

        def reading(*args: Any, **kwargs: Any) -> Any:
            found = real(*args, **kwargs)
            if not getattr(local, "met", False):  # a run again reads afresh, without waiting
                local.met = True
                try:
                    meet.wait(MEET_S)
                except threading.BrokenBarrierError:
                    pass
            return found

        monkeypatch.setattr(module, name, reading)

    yield hold


@pytest.fixture(params=["run_lean_write", "run_write"])
def through(request: pytest.FixtureRequest) -> str:
    """How each station writes: as the station does (on SQLite, SQLite's own transaction), or in an ORM Session."""
    return request.param


def _race(target: str, through: str, *who: tuple[str, dict[str, Any]]) -> list[CheckInResult]:
    """Each (code, options) checked in by its own station (thread, connection) at once; their results in order."""
    results: list[CheckInResult | BaseException] = [RuntimeError("not run")] * len(who)
    start = threading.Barrier(len(who))

    def station(k: int) -> None:
        code, options = who[k]
        try:
            with open_event(target) as ef:
                start.wait()
                results[k] = getattr(ef, through)(lambda s: log.check_in(
                    s, code_or_attendee=code, session_uid="talk", station=f"Door {k}", method="scan",
                    at_utc=IN_TALK, **options))
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            results[k] = exc

    threads = [threading.Thread(target=station, args=(k,)) for k in range(len(who))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results  # type: ignore[return-value]


def _arrivals(target: str) -> int:
    with open_event(target) as ef, ef.read() as s:
        return s.scalar(select(func.count()).select_from(CheckIn).where(CheckIn.kind == "check_in")) or 0


def test_one_badge_scanned_at_two_doors_at_once_is_checked_in_once(door: str, through: str, both_have_read) -> None:
    both_have_read(log, "_pair_state")
    results = _race(door, through, ("ANN000", {}), ("ANN000", {}))
    assert sorted(r.status for r in results) == ["already", "checked_in"]
    assert _arrivals(door) == 1


def test_two_people_for_the_last_seat_one_is_admitted(door: str, through: str, both_have_read) -> None:
    both_have_read(rules, "door_for")  # both see one seat left
    extra = {"override": "speaker's guest"}
    results = _race(door, through, ("EVE000", extra), ("FAY000", extra))
    assert sorted(r.status for r in results) == ["checked_in", "full"]
    assert _arrivals(door) == 1
    with open_event(door) as ef, ef.read() as s:
        assert s.scalar(select(func.count()).select_from(Registration).where(Registration.status == "registered")) == 2


def test_a_check_out_and_a_re_entry_race_like_any_scan(door: str, through: str, both_have_read) -> None:
    """The log stays append-only under the race: a check-in after a check-out is a new entry, written once."""
    with open_event(door) as ef:
        ef.run_write(lambda s: log.check_in(s, code_or_attendee="ANN000", session_uid="talk", station="A",
                                            at_utc=IN_TALK))
        ef.run_write(lambda s: log.check_out(s, code_or_attendee="ANN000", session_uid="talk", station="A",
                                             at_utc=IN_TALK))
    both_have_read(log, "_pair_state")
    results = _race(door, through, ("ANN000", {}), ("ANN000", {}))
    assert sorted(r.status for r in results) == ["already", "checked_in"]
    assert _arrivals(door) == 2
