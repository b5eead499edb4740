"""A station's outbox: kept in order (in a file per event URL, or in memory), flushed once, each entry once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from learningday.checkin.outbox import Kept, Outbox, default_folder, outbox_path
from learningday.checkin.outbox_flush import deliver, flush, write_kept
from learningday.store.db import open_event
from learningday.store.models import CheckIn
from learningday.store.models import Session as LearningSession
from tests.helpers.small_event import TITLES, at, build_small_event

URL = "postgresql+psycopg://door:s3cret@db.example.com:5433/day_2027"


def _kept(who: str | int, minute: int = 0, **fields: object) -> Kept:
    return Kept(who, str(who), "scan", fields.pop("session_uid", None), "Door B", "Fay",
                at(11, 14, minute).replace(microsecond=123456), **fields)


@pytest.fixture()
def event(tmp_path: Path):
    with open_event(build_small_event(tmp_path / "small.lday", checkins=False)) as event_file:
        yield event_file


def _log(event_file) -> list[tuple[str, str]]:
    with event_file.read() as session:
        return [tuple(r) for r in session.execute(select(CheckIn.uid, CheckIn.at_utc).order_by(CheckIn.id))]


def test_an_outbox_file_keeps_its_entries_in_order_across_runs(tmp_path: Path) -> None:
    entries = [_kept("AAAAA6", 1), _kept(5, 2, override="known face", over_capacity=True, hub="New York"),
               _kept("AAAAA3", 3, session_uid="0c8e6c3e-1d1f-4b53-9a3e-2f7a4c1b9d10")]
    with Outbox.for_event(URL, tmp_path) as outbox:
        for count, entry in enumerate(entries, 1):
            assert outbox.keep(entry, "the server cannot be reached") == count
        assert outbox.keep(entries[0], "again") == 3  # the same uid twice: kept once
    with Outbox.for_event(URL, tmp_path) as outbox:  # the next run of the app (or the CLI) finds them
        assert outbox.entries() == entries and len(outbox) == 3
        assert outbox.reason == "the server cannot be reached"
        assert outbox.label == "postgresql+psycopg://door:***@db.example.com:5433/day_2027"
        outbox.drop(entries[1].uid)
        assert [e.uid for e in outbox.entries()] == [entries[0].uid, entries[2].uid]


def test_one_outbox_per_event_url_named_without_its_password(tmp_path: Path) -> None:
    path = outbox_path(URL, tmp_path)
    assert path.parent == tmp_path and path.name.startswith("day-2027-on-db-example-com-5433-")
    assert outbox_path(URL.replace("s3cret", "other"), tmp_path) == path  # the password is no part of the name
    assert outbox_path(URL.replace("day_2027", "day_2028"), tmp_path) != path
    Outbox.for_event(URL, tmp_path).close()
    assert b"s3cret" not in path.read_bytes()
    assert default_folder().parts[-2:] == ("LearningDay", "outbox")


def test_a_flush_writes_the_kept_check_ins_in_order_with_their_uid_and_time(event) -> None:
    outbox = Outbox()  # an event file's: in memory
    entries = [_kept("AAAAA6", 1), _kept("AAAAA3", 2), _kept("AAAAA1", 3)]
    for entry in entries:
        outbox.keep(entry, "the disk is full")
    flushed = flush(outbox, event)
    assert [d.result.status for d in flushed.delivered] == ["checked_in"] * 3 and flushed.waiting == 0
    assert _log(event) == [(e.uid, e.at_utc) for e in entries] and len(outbox) == 0
    assert flush(outbox, event).delivered == []  # nothing left: a second flush writes nothing


def test_an_entry_whose_answer_was_lost_is_found_not_doubled(event) -> None:
    entry = _kept("AAAAA6", 4)
    write_kept(event, entry)  # committed, but the station never heard back: it still keeps it
    outbox = Outbox()
    outbox.keep(entry, "the server cannot be reached")
    flushed = flush(outbox, event)
    assert flushed.delivered[0].result.status == "checked_in" and flushed.delivered[0].result.entry_uid == entry.uid
    assert flushed.delivered[0].result.attendee == "ليلى حداد"
    assert _log(event) == [(entry.uid, entry.at_utc)] and len(outbox) == 0


def test_the_door_rules_judge_a_kept_check_in_when_it_arrives(event) -> None:
    with event.read() as session:
        s3 = session.scalar(select(LearningSession.uid).where(LearningSession.title == TITLES[2]))
    held = _kept("AAAAA1", 5, session_uid=s3)  # not registered for S3: held, nothing written
    admitted = _kept("AAAAA2", 6, session_uid=s3)  # registered
    outbox = Outbox()
    flushed = deliver(event, outbox, held)
    assert flushed.result_of(held.uid).status == "not_registered" and flushed.result_of(held.uid).held
    flushed = deliver(event, outbox, admitted)
    assert flushed.result_of(admitted.uid).status == "checked_in"
    assert _log(event) == [(admitted.uid, admitted.at_utc)] and len(outbox) == 0


def test_a_store_that_refuses_keeps_the_rest_waiting_in_order(event) -> None:
    outbox = Outbox()
    first, second = _kept("AAAAA6", 7), _kept("AAAAA3", 8)
    event.read_only = "the file is read-only"  # as open_event found it
    flushed = deliver(event, outbox, first)
    flushed = deliver(event, outbox, second)
    assert (flushed.delivered, flushed.waiting, flushed.reason) == ([], 2, "the file is read-only")
    assert outbox.reason == "the file is read-only" and _log(event) == []
    event.read_only = None
    flushed = flush(outbox, event)
    assert [d.entry.uid for d in flushed.delivered] == [first.uid, second.uid]
    assert _log(event) == [(first.uid, first.at_utc), (second.uid, second.at_utc)]


def test_an_entry_the_event_refuses_for_good_is_reported_and_not_retried(event) -> None:
    outbox = Outbox()
    gone = _kept("AAAAA6", 9, session_uid="0c8e6c3e-1d1f-4b53-9a3e-2f7a4c1b9d10")  # no such session (deleted)
    after = _kept("AAAAA3", 10)
    outbox.keep(gone, "")
    flushed = deliver(event, outbox, after)
    assert "no session with uid" in flushed.delivered[0].error.message
    assert flushed.delivered[1].result.status == "checked_in" and len(outbox) == 0
    with event.read() as session:
        assert session.scalar(select(func.count()).select_from(CheckIn)) == 1


def test_a_kept_time_is_the_time_the_person_came(event) -> None:
    entry = _kept("AAAAA6", 11)
    outbox = Outbox()
    outbox.keep(entry, "")
    later = entry.at_utc + timedelta(hours=2)
    assert flush(outbox, event).delivered[0].result.at_utc == entry.at_utc != later
