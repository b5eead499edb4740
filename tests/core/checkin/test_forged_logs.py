"""Forged or damaged station logs: refused whole with a readable error (the file untouched), or merged
with nothing bad stored; a uid seen here with other content is a conflict, not "already here"."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.checkin import log as checkin
from learningday.checkin.dto import MergeReport
from learningday.checkin import station_log
from learningday.checkin.station_log import export_log, merge_log_in_steps, read_log_file
from learningday.errors import InvalidInput
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, new_uid
from tests.helpers import sha256
from tests.helpers.backends import as_file
from tests.helpers.doors import sidecars
from tests.helpers.planning import START, Small

AT = START + timedelta(hours=1)
UNKNOWN = "00000000-0000-4000-8000-000000000001"


@pytest.fixture()
def station(small: Small, tmp_path: Path) -> tuple[Path, dict]:
    """The organiser's file and a station log: Ada (on both rosters) checked in, undone and checked in
    again; Wendy a walk-in."""
    with open_event(small.path) as ef, ef.write() as s:
        s.add(Attendee(uid=new_uid(), code="K7M4QX", name="Ada Lovelace", email="ada@example.com",
                       created_utc=START))
    copy_path = as_file(small.path, tmp_path / "station.lday")
    with open_event(copy_path) as ef:
        with ef.write() as s:
            first = checkin.check_in(s, code_or_attendee="K7M4QX", station="Door A", at_utc=AT)
            checkin.undo(s, first.entry_uid, station="Door A", at_utc=AT + timedelta(minutes=1))
            checkin.check_in(s, code_or_attendee="K7M4QX", station="Door A", at_utc=AT + timedelta(minutes=2))
            checkin.walk_in(s, name="Wendy Walker", email="wendy@example.com", station="Door A",
                            at_utc=AT + timedelta(minutes=3))
        with ef.read() as s:
            log = json.loads(json.dumps(export_log(s)))
    return small.path, log


def _walk_in(log: dict) -> dict:
    return next(p for p in log["attendees"] if p["walk_in"])


def _entry(log: dict, kind: str) -> dict:
    return next(e for e in log["entries"] if e["kind"] == kind)


def _merge(path: Path, log: object) -> MergeReport:
    with open_event(path) as event_file:
        return merge_log_in_steps(event_file, log)


def _set(where: Callable[[dict], dict], key: str, value: object) -> Callable[[dict], None]:
    return lambda log: where(log).__setitem__(key, value)


def _undo_of_an_undo(log: dict) -> None:
    undo = _entry(log, "undo")
    log["entries"].append({**undo, "uid": UNKNOWN, "reverses_uid": undo["uid"],
                           "at_utc": (datetime.fromisoformat(undo["at_utc"]) + timedelta(minutes=9)).isoformat()})


@pytest.mark.parametrize(("forge", "message"), [
    (_set(lambda log: log["entries"][0], "uid", ["a", "list"]), "UID is not text"),
    (_set(lambda log: log["entries"][0], "station", ["Door", "A"]), "station or facilitator is not text"),
    (_set(lambda log: log["entries"][0], "attendee_uid", {"uid": 1}), "attendee is not text"),
    (_set(_walk_in, "level_id", 99), "a level is a whole number from 1 to 5"),
    (_set(_walk_in, "name", "   "), "Name is required"),
    (_set(_walk_in, "name", "x" * 100_000), "Name is 100,000 characters long"),
    (_set(_walk_in, "code", "A" * 500), "Code is 500 characters long"),
    (_set(_walk_in, "code", "abc"), "not a check-in code"),
    (_set(lambda log: log["entries"][0], "uid", "x"), "'x': not a LearningDay uid"),
    (_set(lambda log: log["entries"][0], "at_utc", "9999-12-31T23:59:59+00:00"), "outside the years 2000-2100"),
    (_set(lambda log: log["entries"][0], "at_utc", "0001-01-01T00:00:00+00:00"), "outside the years 2000-2100"),
    (_set(lambda log: log["entries"][0], "at_utc", "2031-01-01T00:00:00+00:00"), "is not near this event"),
    (_set(lambda log: log["entries"][0], "facilitator_name", "f" * 201), "longer than 200 characters"),
    (_set(lambda log: log["entries"][0], "reverses_uid", UNKNOWN), "reverses nothing"),
    (_undo_of_an_undo, "undoes an undo"),
    (_set(lambda log: log, "version", 10**30), "version (a long number) is not supported"),
    (lambda log: log["entries"].append({**log["entries"][0], "method": "kiosk"}), "differ (a conflict)"),
])
def test_a_forged_log_is_refused_whole_and_the_file_is_untouched(station: tuple[Path, dict],
                                                                 forge: Callable[[dict], None], message: str) -> None:
    path, log = station
    forged = copy.deepcopy(log)
    forge(forged)
    digest = sha256(path)
    with pytest.raises(InvalidInput, match=re.escape(message)):
        _merge(path, forged)
    assert sha256(path) == digest and not sidecars(path)
    assert _merge(path, log).entries_added == len(log["entries"])  # the genuine log still merges


@pytest.mark.parametrize(("text", "message"), [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"format": "learningday-station-log", "version": ' + "9" * 5000 + "}", "not a readable station log"),
    ("{not json", "not a readable station log"),
])
def test_a_damaged_log_file_is_bad_input(tmp_path: Path, text: str, message: str) -> None:
    damaged = tmp_path / "damaged.json"
    damaged.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message):
        read_log_file(damaged)


def test_a_log_file_beyond_the_size_bound_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"entries": ["x" * 100] * 20}), encoding="utf-8")
    monkeypatch.setattr(station_log, "MAX_LOG_BYTES", 1000)
    with pytest.raises(InvalidInput, match="is larger than"):
        read_log_file(big)
    with pytest.raises(InvalidInput, match="is not a file"):
        read_log_file(tmp_path)


def test_what_a_log_may_hold_wrongly_is_left_out_and_reported_never_stored(station: tuple[Path, dict]) -> None:
    path, log = station
    _walk_in(log).update(email="not an email", code="k7m-4qy", hub="Atlantis")
    report = _merge(path, log)
    assert report.attendees_created == 1
    assert any("not a valid email address" in p and "the email was left out" in p for p in report.problems)
    assert any("unknown hub" in p and "the hub was left out" in p for p in report.problems)
    with open_event(path) as ef, ef.read() as s:
        wendy = s.execute(select(Attendee.email, Attendee.code, Attendee.hub_id)
                          .where(Attendee.name == "Wendy Walker")).one()
    assert tuple(wendy) == ("", "K7M4QY", None)  # the code as the roster import reads one


def test_an_entry_here_with_other_content_is_a_conflict_not_already_here(station: tuple[Path, dict]) -> None:
    path, log = station
    assert _merge(path, log).entries_added == len(log["entries"])
    forged = copy.deepcopy(log)
    entry = _entry(forged, "walk_in")
    entry["station"] = "Forged door"
    report = _merge(path, forged)
    assert (report.entries_added, report.entries_already_present) == (0, len(log["entries"]) - 1)
    assert any(entry["uid"] in p and "conflicts" in p and "station" in p for p in report.problems)
    with open_event(path) as ef, ef.read() as s:
        stations = set(s.scalars(select(CheckIn.station_id).where(CheckIn.uid == entry["uid"])))
    assert len(stations) == 1 and not report.changed


def test_an_undo_of_an_undo_already_here_is_refused(station: tuple[Path, dict]) -> None:
    path, log = station
    _merge(path, log)
    undo = _entry(log, "undo")
    forged = copy.deepcopy(log)
    forged["entries"] = [{**undo, "uid": UNKNOWN, "reverses_uid": undo["uid"]}]
    digest = sha256(path)
    with pytest.raises(InvalidInput, match="undoes an undo"):
        _merge(path, forged)
    assert sha256(path) == digest


def test_an_undo_of_another_persons_entry_is_refused(station: tuple[Path, dict]) -> None:
    path, log = station
    forged = copy.deepcopy(log)
    undo = _entry(forged, "undo")
    undo["attendee_uid"] = _walk_in(forged)["uid"]
    with pytest.raises(InvalidInput, match="another person's or session's entry"):
        _merge(path, forged)


def test_the_entry_numbers_of_every_problem_are_listed(station: tuple[Path, dict]) -> None:
    path, log = station
    for entry in log["entries"]:
        entry["method"] = "telepathy"
    with pytest.raises(InvalidInput) as refused:
        _merge(path, log)
    assert refused.value.message.startswith(f"the station log has {len(log['entries'])} problem(s), so nothing was "
                                            "merged: entry 1: it has an unknown kind or method; entry 2:")


def test_utc_now_margin_keeps_a_late_merge_of_a_real_day(station: tuple[Path, dict]) -> None:
    """An entry a year after the event is still near it when it was merged late (the window ends after today)."""
    path, log = station
    late = datetime.now(timezone.utc).replace(microsecond=0)
    _entry(log, "walk_in")["at_utc"] = late.isoformat()
    assert _merge(path, log).entries_added == len(log["entries"])
