"""The agenda import's cell parsers: durations, availability, zones, starts, people; drafts in the checks."""

from __future__ import annotations

import sys
import types
from datetime import datetime
from pathlib import Path

import pytest

from learningday.plan.conflicts import find_conflicts
from learningday.plan.coverage import coverage_by_level_and_hub
from learningday.plan.import_fields import (
    kind_from_name,
    name_from_email,
    parse_availability,
    parse_duration,
    parse_start,
    person_reference,
    resolve_zone,
    split_list,
    venue_reference,
)
from learningday.plan.plandata import load_plan
from learningday.setup.dto import HubDTO
from learningday.setup.event import event_summary
from learningday.spreadsheet.engine import CellProblem
from learningday.store.db import open_event
from tests.helpers.agenda import AGENDA, run_import, utc, with_people_and_rooms
from tests.helpers.roster import make_event

HUBS = (HubDTO(1, "Bangalore", "Asia/Kolkata", 540, 1020), HubDTO(2, "São Paulo", "America/Sao_Paulo", 540, 1020))


@pytest.mark.parametrize(("text", "minutes"), [
    ("90", 90), ("90 min", 90), ("90mins", 90), ("45 minutes", 45), ("1h30", 90), ("1h 30m", 90), ("1 h 30 min", 90),
    ("1:30", 90), ("2h", 120), ("2 hours", 120), ("1.5h", 90), ("1,5 h", 90), ("1899-12-30 01:30", 90),
])
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["an hour", "0", "0:00", "1.33h", "-30", "100h", "90 seconds"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(CellProblem):
        parse_duration(text)


@pytest.mark.parametrize(("text", "windows"), [
    ("09:00-17:00", [[540, 1020]]),
    ("08:00-12:00;13:00-17:00", [[480, 720], [780, 1020]]),
    ("13:00-17:00, 08:00-12:00", [[480, 720], [780, 1020]]),  # sorted
    ("9-17", [[540, 1020]]),
    ("0900-1730", [[540, 1050]]),
    ("09:00 to 24:00", [[540, 1440]]),
    ("22:00-02:00", [[0, 120], [1320, 1440]]),  # past midnight: its two parts, as the editor keeps it
])
def test_availability_in_the_models_format(text: str, windows: list[list[int]]) -> None:
    assert parse_availability(text) == windows


@pytest.mark.parametrize("text", ["mornings", "09:00-09:00", "25:00-26:00", "09:75-10:00", "24:00-08:00"])
def test_bad_availability(text: str) -> None:
    with pytest.raises(CellProblem):
        parse_availability(text)


def test_zones_resolve_through_iana_then_hubs_then_cities(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_zone("Asia/Kathmandu", HUBS) == "Asia/Kathmandu"
    assert resolve_zone("europe/BERLIN", HUBS) == "Europe/Berlin"
    assert resolve_zone("  são   paulo ", HUBS) == "America/Sao_Paulo"
    assert resolve_zone("Bangalore", {"Bangalore": "Asia/Kolkata"}) == "Asia/Kolkata"
    monkeypatch.setitem(sys.modules, "learningday.setup.cities", None)  # the module is absent: no city list
    with pytest.raises(CellProblem, match="unknown time zone"):
        resolve_zone("Kathmandu", HUBS)
    cities = types.ModuleType("learningday.setup.cities")
    cities.find_zone = lambda text: {"kathmandu": "Asia/Kathmandu", "saigon": "Asia/Ho_Chi_Minh"}.get(text.lower())
    monkeypatch.setitem(sys.modules, "learningday.setup.cities", cities)
    assert resolve_zone("Kathmandu", HUBS) == "Asia/Kathmandu" and resolve_zone("Saigon") == "Asia/Ho_Chi_Minh"
    assert resolve_zone("Bangalore", HUBS) == "Asia/Kolkata"  # a hub wins over the city list
    with pytest.raises(CellProblem):
        resolve_zone("Atlantis", HUBS)


@pytest.mark.parametrize(("text", "instant"), [
    ("2027-03-10T09:00Z", "2027-03-10T09:00Z"),
    ("2027-03-10T14:30+05:30", "2027-03-10T09:00Z"),
    ("2027-03-10 14:30 Asia/Kolkata", "2027-03-10T09:00Z"),
    ("2027-03-10 14:30 Bangalore", "2027-03-10T09:00Z"),
    ("2027-03-10 9:00 UTC", "2027-03-10T09:00Z"),
    ("2027-03-14 02:30 America/New_York", "2027-03-14T07:00Z"),  # in the spring-forward gap: the jump
])
def test_starts_with_a_zone(text: str, instant: str) -> None:
    assert parse_start(text, HUBS) == utc(instant)


def test_a_start_without_zone_is_left_for_the_row_to_place() -> None:
    assert parse_start("2027-03-10 09:00", HUBS) == datetime(2027, 3, 10, 9, 0)
    for bad in ("2027-03-10", "tomorrow 9am", "2027-02-30 09:00 UTC", "2027-03-10 09:00 Narnia"):
        with pytest.raises(CellProblem):
            parse_start(bad, HUBS)


def test_people_lists_and_venue_references() -> None:
    assert split_list("a; b, c;;A") == ("a", "b", "c")
    assert person_reference("Priya Raman <priya@example.com>") == ("Priya Raman", "priya@example.com")
    assert person_reference("priya@example.com") == ("", "priya@example.com")
    assert person_reference("  Priya   Raman ") == ("Priya Raman", "")
    assert name_from_email("priya.raman@example.com") == "Priya Raman"
    assert venue_reference("Online") == ("kind", "virtual") and venue_reference("In person") == ("kind", "room")
    assert venue_reference("Kew  Room") == ("name", "Kew Room")
    assert kind_from_name("Teams channel 2") == "virtual" and kind_from_name("Kew Room") == "room"


def test_drafts_stay_out_of_conflicts_and_coverage(tmp_path: Path) -> None:
    event = with_people_and_rooms(make_event(tmp_path / "drafts.lday"))
    rows = tmp_path / "drafts.csv"
    # the same facilitator and venue twice, no starts: as drafts they cannot clash
    rows.write_text("Title,Level,Facilitator,Venue\nA,1,Zoë Ångström,London · Kew Room\n"
                    "B,1,Zoë Ångström,London · Kew Room\n", encoding="utf-8")
    assert run_import(event, rows).drafts == 2
    run_import(event, AGENDA / "sessions.csv")
    with open_event(event) as event_file, event_file.read() as session:
        plan, summary = load_plan(session), event_summary(session)
    assert (summary.sessions, summary.unscheduled_sessions) == (7, 2)
    assert {s.title for s in plan.sessions} == {"AI literacy for everyone", "Prompting lab", "Custom assistants",
                                                "Training and fine-tuning", "Cloud AI certification prep"}
    assert find_conflicts(plan) == []
    assert coverage_by_level_and_hub(plan).cell(1, "London").count == 1


def test_imported_availability_is_what_the_facilitator_editor_accepts() -> None:
    from learningday.setup.facilitators import availability_windows

    problems: list[str] = []
    for text in ("22:00-02:00", "08:00-12:00; 20:00-03:00", "09:00 to 24:00"):
        windows = tuple(tuple(w) for w in parse_availability(text))
        assert availability_windows(windows, problems) == windows
    assert problems == []
    with pytest.raises(CellProblem, match="overlaps"):
        parse_availability("08:00-12:00; 11:00-13:00")
