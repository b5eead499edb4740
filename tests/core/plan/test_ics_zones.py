""".ics with a VTIMEZONE and one facilitator's own sessions, read back with icalendar's parser."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import select

from learningday.plan import sessions as agenda
from learningday.plan.dto import SessionDraft
from learningday.setup.event import create_event_file
from learningday.store.db import open_event
from learningday.store.models import Facilitator, Hub
from learningday.timeutil import parse_utc
from tests.helpers import sha256
from ui.cli.main import main


def _export(capsys, event: Path, out: Path, *argv: str) -> Calendar:
    assert main(["export-ics", str(event), str(out), *argv]) == 0
    capsys.readouterr()
    return Calendar.from_ical(out.read_bytes())


def _sessions(capsys, event: Path) -> dict[str, dict]:
    assert main(["agenda", str(event), "--json"]) == 0
    return {s["uid"]: s for s in json.loads(capsys.readouterr().out)}


def _uid(item) -> str:  # noqa: ANN001 - an icalendar Event
    return str(item["UID"]).removesuffix("@learningday")


def _wall(item, name: str) -> datetime:  # noqa: ANN001
    """The naive wall-clock time as written in the file (DTSTART;TZID=...:20270311T083000)."""
    return datetime.strptime(item[name].to_ical().decode(), "%Y%m%dT%H%M%S")


def test_zone_of_a_hub_writes_tzid_times_and_a_vtimezone(capsys, demo_file: Path, tmp_path: Path) -> None:
    cal = _export(capsys, demo_file, tmp_path / "ktm.ics", "--zone", "Bangalore")
    sessions = _sessions(capsys, demo_file)
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Kolkata"]
    assert {o["TZOFFSETTO"].to_ical() for o in zones[0].walk() if o.name in ("STANDARD", "DAYLIGHT")} == {"+0530"}
    # what a calendar program that knows only the VTIMEZONE (not the IANA name) computes
    described = zones[0].to_tz()
    events = cal.walk("VEVENT")
    assert len(events) == len(sessions) > 40
    for item in events:
        s = sessions[_uid(item)]
        assert item["DTSTART"].params["TZID"] == "Asia/Kolkata"
        for key, utc_key in (("DTSTART", "start_utc"), ("DTEND", "end_utc")):
            expected = datetime.fromisoformat(s[utc_key])
            assert item.decoded(key).astimezone(timezone.utc) == expected
            assert _wall(item, key).replace(tzinfo=described).astimezone(timezone.utc) == expected
            assert _wall(item, key) == (expected + timedelta(hours=5, minutes=30)).replace(tzinfo=None)


def test_uids_are_the_same_in_utc_and_in_a_zone(capsys, demo_file: Path, tmp_path: Path) -> None:
    in_utc = _export(capsys, demo_file, tmp_path / "utc.ics")
    in_zone = _export(capsys, demo_file, tmp_path / "zone.ics", "--zone", "Pacific/Chatham")
    assert not in_utc.walk("VTIMEZONE")
    assert [_uid(e) for e in in_utc.walk("VEVENT")] == [_uid(e) for e in in_zone.walk("VEVENT")]
    for a, b in zip(in_utc.walk("VEVENT"), in_zone.walk("VEVENT")):
        assert a.decoded("DTSTART") == b.decoded("DTSTART") and a.decoded("DTEND") == b.decoded("DTEND")
    assert str(in_zone.walk("VTIMEZONE")[0]["TZID"]) == "Pacific/Chatham"


def test_a_vtimezone_carries_the_dst_change_inside_the_event(capsys, tmp_path: Path) -> None:
    """Chicago springs forward at 08:00 UTC on 14 March 2027: 02:00 CST -> 03:00 CDT."""
    path = create_event_file(tmp_path / "dst.lday", name="DST day", start_utc=parse_utc("2027-03-14T05:00Z"))
    with open_event(path) as event_file, event_file.write() as s:
        s.add(Hub(name="Chicago", zone="America/Chicago", position=1))
        s.flush()
        before = agenda.create_session(s, SessionDraft("Before", 1, parse_utc("2027-03-14T06:30Z"), 60))
        after = agenda.create_session(s, SessionDraft("After", 1, parse_utc("2027-03-14T09:00Z"), 60))
    cal = _export(capsys, path, tmp_path / "chicago.ics", "--zone", "chicago")
    described = cal.walk("VTIMEZONE")[0].to_tz()
    walls = {_uid(e): (_wall(e, "DTSTART"), e) for e in cal.walk("VEVENT")}
    assert walls[before][0] == datetime(2027, 3, 14, 0, 30)  # CST, UTC-6
    assert walls[after][0] == datetime(2027, 3, 14, 4, 0)  # CDT, UTC-5
    for uid, utc in ((before, "2027-03-14T06:30Z"), (after, "2027-03-14T09:00Z")):
        wall, item = walls[uid]
        assert wall.replace(tzinfo=described).astimezone(timezone.utc) == parse_utc(utc)
        assert item.decoded("DTSTART").astimezone(timezone.utc) == parse_utc(utc)


def _busiest_facilitator(path: Path) -> tuple[str, str]:
    """(name, email) of the facilitator with a name outside Latin script who teaches the most sessions."""
    with open_event(path) as event_file, event_file.read() as s:
        people = s.execute(select(Facilitator.name, Facilitator.email)).all()
        rows = agenda.list_sessions(s)
    name, email = max((p for p in people if not p.name.isascii()),
                      key=lambda p: sum(p.name in r.facilitators for r in rows))
    return name, email


@pytest.mark.parametrize("how", ["email", "EMAIL", "name"])
def test_one_facilitators_own_sessions(capsys, demo_file: Path, tmp_path: Path, how: str) -> None:
    name, email = _busiest_facilitator(demo_file)
    who = {"email": email, "EMAIL": email.upper(), "name": f" {name} "}[how]
    cal = _export(capsys, demo_file, tmp_path / "me.ics", "--facilitator", who)
    sessions = _sessions(capsys, demo_file)
    expected = {uid for uid, s in sessions.items() if name in s["facilitators"]}
    events = cal.walk("VEVENT")
    assert {_uid(e) for e in events} == expected and len(expected) >= 2
    for item in events:
        s = sessions[_uid(item)]
        assert item.decoded("DTSTART").astimezone(timezone.utc) == datetime.fromisoformat(s["start_utc"])
        assert item.decoded("DTEND").astimezone(timezone.utc) == datetime.fromisoformat(s["end_utc"])
        assert name in str(item["DESCRIPTION"])
    assert name in str(cal["X-WR-CALNAME"])


def test_facilitator_scope_combines_with_level_and_zone(capsys, demo_file: Path, tmp_path: Path) -> None:
    name, _email = _busiest_facilitator(demo_file)
    sessions = _sessions(capsys, demo_file)
    level = next(s["level"] for s in sessions.values() if name in s["facilitators"])
    cal = _export(capsys, demo_file, tmp_path / "me.ics", "--facilitator", name, "--level", str(level),
                  "--zone", "Asia/Tokyo")
    expected = {uid for uid, s in sessions.items() if name in s["facilitators"] and s["level"] == level}
    assert {_uid(e) for e in cal.walk("VEVENT")} == expected and expected
    assert all(e["DTSTART"].params["TZID"] == "Asia/Tokyo" for e in cal.walk("VEVENT"))


@pytest.mark.parametrize(("argv", "message"), [
    (["--facilitator", "Nobody Atall"], "--facilitator: no facilitator called 'Nobody Atall'"),
    (["--zone", "Mars/Olympus"], "--zone: 'Mars/Olympus' is neither a hub nor an IANA time zone"),
    (["--zone", "Atlantis"], "hubs: Sydney, Tokyo"),
])
def test_bad_facilitator_or_zone_exits_2_and_leaves_the_file(capsys, demo_file: Path, tmp_path: Path,
                                                             argv: list[str], message: str) -> None:
    out = tmp_path / "keep.ics"
    out.write_bytes(b"an earlier export")
    event_sha, files = sha256(demo_file), sorted(tmp_path.iterdir())  # the event file too, on SQLite
    assert main(["export-ics", str(demo_file), str(out), *argv]) == 2
    assert message in capsys.readouterr().err
    assert out.read_bytes() == b"an earlier export" and sha256(demo_file) == event_sha
    assert sorted(tmp_path.iterdir()) == files  # no partial calendar, no -wal or -shm left


def test_two_facilitators_with_one_name_need_an_email(capsys, demo_file: Path, tmp_path: Path) -> None:
    name, _email = _busiest_facilitator(demo_file)
    with open_event(demo_file) as event_file, event_file.write() as s:
        s.add(Facilitator(name=name, email="another.one@example.com", zone="Asia/Shanghai"))
    assert main(["export-ics", str(demo_file), str(tmp_path / "x.ics"), "--facilitator", name]) == 2
    err = capsys.readouterr().err
    assert f"2 facilitators are called {name!r}; give an email" in err and "another.one@example.com" in err
    assert not (tmp_path / "x.ics").exists()
    cal = _export(capsys, demo_file, tmp_path / "y.ics", "--facilitator", "another.one@example.com")
    assert cal.walk("VEVENT") == []
