"""The .ics export, read back with icalendar's parser: UTC instants, stable UIDs, filters."""

from __future__ import annotations

import json
from datetime import timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from ui.cli.main import main


def export(capsys, demo_file: Path, out: Path, *argv: str) -> list:
    assert main(["export-ics", str(demo_file), str(out), *argv]) == 0
    capsys.readouterr()
    return Calendar.from_ical(out.read_bytes()).walk("VEVENT")


def agenda(capsys, demo_file: Path, *argv: str) -> dict[str, dict]:
    assert main(["agenda", str(demo_file), "--json", *argv]) == 0
    return {s["uid"]: s for s in json.loads(capsys.readouterr().out)}


def test_whole_agenda_round_trips_with_utc_instants(capsys, demo_file: Path, tmp_path: Path) -> None:
    events = export(capsys, demo_file, tmp_path / "all.ics")
    sessions = agenda(capsys, demo_file)
    assert len(events) == len(sessions) > 40
    for item in events:
        uid = str(item["UID"]).removesuffix("@learningday")
        start, end = item.decoded("DTSTART"), item.decoded("DTEND")
        assert start.utcoffset().total_seconds() == 0 and start.tzinfo is not None
        assert start.astimezone(timezone.utc).isoformat() == sessions[uid]["start_utc"]
        assert end.astimezone(timezone.utc).isoformat() == sessions[uid]["end_utc"]
        assert str(item["SUMMARY"]) == sessions[uid]["title"]
        assert str(item["LOCATION"]) == sessions[uid]["venue"]


def test_uids_are_stable_between_exports(capsys, demo_file: Path, tmp_path: Path) -> None:
    first = [str(e["UID"]) for e in export(capsys, demo_file, tmp_path / "a.ics")]
    second = [str(e["UID"]) for e in export(capsys, demo_file, tmp_path / "b.ics")]
    assert first == second and len(set(first)) == len(first)


def test_hub_and_level_filters(capsys, demo_file: Path, tmp_path: Path) -> None:
    events = export(capsys, demo_file, tmp_path / "tokyo.ics", "--for-hub", "Tokyo", "--level", "2")
    expected = agenda(capsys, demo_file, "--for-hub", "Tokyo", "--level", "2")
    assert {str(e["UID"]).removesuffix("@learningday") for e in events} == set(expected)
    assert events and all("Level 2" in str(e["DESCRIPTION"]) for e in events)
    cal = Calendar.from_ical((tmp_path / "tokyo.ics").read_bytes())
    assert "Tokyo" in str(cal["X-WR-CALNAME"])


@pytest.mark.parametrize("argv", [["--for-hub", "Atlantis"], ["--level", "0"]])
def test_bad_filter_writes_nothing(capsys, demo_file: Path, tmp_path: Path, argv: list[str]) -> None:
    assert main(["export-ics", str(demo_file), str(tmp_path / "x.ics"), *argv]) == 2
    assert not (tmp_path / "x.ics").exists() and "error" in capsys.readouterr().err
