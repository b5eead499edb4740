"""`learningday new`: hubs from cities or zones, starts read in a zone, refusals leave nothing."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from learningday.errors import InvalidInput
from learningday.setup.event import create_event_file, event_summary, list_venues
from learningday.setup.new_event import HubSpec, LevelSpec, parse_hub, start_in_zone
from learningday.setup.rules import parse_window
from learningday.store.db import open_event
from tests.helpers.cli import run
from ui.cli.main import main


def summary(path: Path):
    with open_event(path) as event_file, event_file.read() as session:
        return event_summary(session)


def test_new_writes_the_event_with_its_hubs(capsys, tmp_path: Path) -> None:
    out = tmp_path / "day.lday"
    status, text, err = run(capsys, "new", str(out), "--name", "AI Day", "--theme", "Agents",
                            "--start", "2027-03-10T09:00", "--zone", "Bengaluru", "--hours", "12",
                            "--hub", "Bangalore", "--hub", "Kathmandu=Asia/Kathmandu@08:30-16:30",
                            "--hub", "West=America/Los_Angeles@07:00-15:00", "--hub", "HQ=London")
    assert (status, err) == (0, "")
    assert f"wrote {out}" in text and "UTC+05:45" in text
    read = summary(out)
    assert (read.event.name, read.event.theme, read.event.length_minutes) == ("AI Day", "Agents", 720)
    # 09:00 in Bangalore (UTC+05:30) is 03:30 UTC
    assert read.event.start_utc == datetime(2027, 3, 10, 3, 30, tzinfo=timezone.utc)
    assert [(h.name, h.zone, h.work_start_min, h.work_end_min) for h in read.hubs] == [
        ("Bangalore", "Asia/Kolkata", 540, 1020),
        ("Kathmandu", "Asia/Kathmandu", 510, 990),
        ("West", "America/Los_Angeles", 420, 900),
        ("HQ", "Europe/London", 540, 1020),
    ]
    assert [lv.name for lv in read.levels][0] == "AI literacy" and len(read.levels) == 5
    status, text, _ = run(capsys, "info", str(out), "--json")
    assert json.loads(text)["hubs"][1]["offset_at_start"] == "UTC+05:45"


def test_new_writes_rooms_and_a_channel_per_hub(capsys, tmp_path: Path) -> None:
    out = tmp_path / "day.lday"
    status, text, err = run(capsys, "new", str(out), "--name", "AI Day", "--start", "2027-03-10T09:00",
                            "--hub", "Bangalore", "--hub", "HQ=London", "--venue", "Room A@bangalore:40",
                            "--venue", "Hall", "--channel", "Teams@hq", "--virtual-per-hub")
    assert (status, err) == (0, "")
    assert text.splitlines()[3:] == [
        "  Room A             room at Bangalore  40 seats", "  Hall               room",
        "  Teams              virtual channel at HQ", "  Bangalore online   virtual channel at Bangalore",
        "  HQ online          virtual channel at HQ"]
    with open_event(out) as event_file, event_file.read() as session:
        written = [(v.name, v.kind, v.hub, v.capacity) for v in list_venues(session)]
    assert written == [("Hall", "room", "", None), ("Room A", "room", "Bangalore", 40),
                       ("Bangalore online", "virtual", "Bangalore", None), ("HQ online", "virtual", "HQ", None),
                       ("Teams", "virtual", "HQ", None)]
    # without venue options the file holds none, as before
    run(capsys, "new", str(tmp_path / "bare.lday"), "--name", "B", "--start", "2027-03-10T09:00", "--hub", "Tokyo")
    assert summary(tmp_path / "bare.lday").venues == 0


def test_a_start_with_an_offset_ignores_zone_and_defaults_to_utc(capsys, tmp_path: Path) -> None:
    run(capsys, "new", str(tmp_path / "a.lday"), "--name", "A", "--start", "2027-03-09T21:00Z", "--zone",
        "Asia/Tokyo", "--hub", "Tokyo")
    run(capsys, "new", str(tmp_path / "b.lday"), "--name", "B", "--start", "2027-03-09T21:00", "--hub", "Tokyo")
    assert summary(tmp_path / "a.lday").event.start_utc == summary(tmp_path / "b.lday").event.start_utc == datetime(
        2027, 3, 9, 21, tzinfo=timezone.utc)


@pytest.mark.parametrize(("args", "message"), [
    (["--hub", "Atlantis"], "--hub 'Atlantis': unknown time zone or city"),
    (["--hub", "X=Mars/Olympus"], "unknown time zone or city: 'Mars/Olympus'"),
    (["--hub", "Bangalore@25:00-17:00"], "does not exist"),
    (["--hub", "Bangalore@17:00-09:00"], "must end after they start"),
    (["--hub", "Bangalore@9-5"], "must look like 09:00-17:00"),
    (["--hub", "Tokyo", "--hub", "tokyo=Asia/Tokyo"], "two hubs are called 'tokyo'"),
    (["--hub", "Tokyo", "--zone", "Nowhere"], "--zone 'Nowhere'"),
    (["--hub", "Tokyo", "--hours", "0.5"], "between 1 and 72 hours"),
    (["--hub", "Tokyo", "--start", "next tuesday"], "not an ISO 8601 date"),
    (["--hub", "=Asia/Tokyo"], "has no name"),
    (["--hub", "Tokyo", "--venue", "Room A@Tokyo:forty"], "--venue 'Room A@Tokyo:forty': a capacity is a whole number"),
    (["--hub", "Tokyo", "--venue", "Room A:0"], "a capacity is a whole number of seats, at least 1"),
    (["--hub", "Tokyo", "--venue", "@Tokyo"], "the venue name must not be empty"),
    (["--hub", "Tokyo", "--venue", "Room A@Osaka"], "venue 'Room A': there is no hub called 'Osaka' (hubs: Tokyo)"),
    (["--hub", "Tokyo", "--venue", "Tokyo Online", "--virtual-per-hub"], "two venues are called 'Tokyo online'"),
])
def test_bad_input_exits_2_and_leaves_no_file(capsys, tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "bad.lday"
    argv = ["new", str(out), "--name", "Day", "--start", "2027-03-10T09:00", *args]
    if "--start" in args:
        argv[4:6] = []
    status, text, err = run(capsys, *argv)
    assert status == 2 and text == ""
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_to_overwrite_a_file(capsys, tmp_path: Path) -> None:
    out = tmp_path / "taken.lday"
    out.write_bytes(b"keep me")
    status, _, err = run(capsys, "new", str(out), "--name", "Day", "--start", "2027-03-10T09:00", "--hub", "Tokyo")
    assert status == 2 and "exists already" in err
    assert out.read_bytes() == b"keep me" and sorted(p.name for p in tmp_path.iterdir()) == ["taken.lday"]


def test_new_needs_a_hub(capsys, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["new", str(tmp_path / "x.lday"), "--name", "Day", "--start", "2027-03-10T09:00"])
    assert exit_info.value.code == 2 and "--hub" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_hub_and_hours_parsing() -> None:
    assert parse_hub("Bengaluru") == HubSpec("Bengaluru", "Asia/Kolkata")
    assert parse_hub(" Kathmandu = Asia/Kathmandu @ 08:30-16:30") == HubSpec("Kathmandu", "Asia/Kathmandu", 510, 990)
    assert parse_hub("asia/kathmandu@06:00-24:00") == HubSpec("Kathmandu", "Asia/Kathmandu", 360, 1440)
    assert parse_window("9:00–17:30") == (540, 1050)
    with pytest.raises(InvalidInput):
        parse_window("24:30-25:00")


def test_a_start_in_a_spring_forward_gap_counts_from_the_jump() -> None:
    # 02:30 on 14 March 2027 does not exist in Los Angeles: the clocks jump from 02:00 PST to 03:00 PDT.
    assert start_in_zone("2027-03-14T02:30", "America/Los_Angeles") == datetime(2027, 3, 14, 10, tzinfo=timezone.utc)
    assert start_in_zone("2027-03-10T09:00", "Asia/Kathmandu") == datetime(2027, 3, 10, 3, 15, tzinfo=timezone.utc)


def test_create_event_file_sets_level_labels_and_refuses_bad_levels(tmp_path: Path) -> None:
    start = datetime(2027, 3, 10, tzinfo=timezone.utc)
    path = create_event_file(tmp_path / "l.lday", name="L", start_utc=start, hubs=[HubSpec("UTC", "UTC")],
                             levels=[LevelSpec(1, "Basics", "#aabbcc"), LevelSpec(5, "Experts", "#102030")])
    assert [(lv.id, lv.name, lv.colour) for lv in summary(path).levels][::4] == [(1, "Basics", "#AABBCC"),
                                                                                  (5, "Experts", "#102030")]
    for levels, message in (([LevelSpec(6, "Six", "#000000")], "1-5"), ([LevelSpec(2, " ", "#000000")], "label"),
                            ([LevelSpec(2, "Two", "blue")], "colour")):
        with pytest.raises(InvalidInput, match=message):
            create_event_file(tmp_path / "m.lday", name="M", start_utc=start, levels=levels)
        assert not (tmp_path / "m.lday").exists()
