"""Agenda import: each fixture imports exactly what it should, or is refused with the file untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from learningday.errors import Cancelled, InvalidInput
from learningday.plan.importing import AgendaImportRefused, agenda_preview, detect_kind
from learningday.setup import services as setup
from learningday.spreadsheet.engine import ImportRefused
from learningday.store.db import open_event
from tests.helpers import sha256
from tests.helpers.agenda import (
    AGENDA,
    facilitators_on_disk,
    run_import,
    sessions_on_disk,
    utc,
    venues_on_disk,
    with_people_and_rooms,
)
from tests.helpers.roster import make_event


@pytest.fixture()
def event(tmp_path: Path) -> Path:
    return make_event(tmp_path / "agenda.lday")


def test_venues_csv(event: Path) -> None:
    result = run_import(event, AGENDA / "venues.csv")
    assert (result.kind, result.created, result.skipped, result.issue_count) == ("venues", 4, 0, 0)
    assert venues_on_disk(event) == {
        "London · Kew Room": ("room", "London office", "London", 24, ""),
        "Bangalore · Nilgiri Room": ("room", "Bangalore office", "Bangalore", 30, ""),  # "In person"
        "Tokyo · Fuji Room": ("room", "Tokyo office", "Tokyo", 20, ""),
        "Studio Channel": ("virtual", "", None, None, "https://meet.example.com/studio"),
    }


def test_facilitators_cp1252_semicolons_zones_availability_and_levels(event: Path) -> None:
    result = run_import(event, AGENDA / "facilitators_cp1252.csv")
    assert (result.kind, result.encoding, result.delimiter, result.created) == ("facilitators", "cp1252", ";", 5)
    got = facilitators_on_disk(event)
    assert got["Zoë Ångström"] == {"email": "zoe.angstrom@example.com", "zone": "Europe/London",  # a hub's name
                                   "availability": [[480, 720], [780, 1080]], "levels": [1, 2]}
    assert got["François Dupré"]["levels"] == [1, 2]  # level names
    assert got["Ana Núñez"]["zone"] == "America/Sao_Paulo"  # an IANA name in the wrong case
    assert got["Ana Núñez"]["availability"] == [[420, 1140]]
    assert got["Siobhán Ó Briain"] == {"email": "siobhan.obriain@example.com", "zone": "Asia/Tokyo",
                                       "availability": [[540, 1080]], "levels": [4, 5]}  # an en dash, a name
    assert got["Rahul Menon"]["availability"] == [[540, 1050]]


def test_sessions_xlsx_names_a_facilitator_the_event_lacks(event: Path) -> None:
    with_people_and_rooms(event)
    digest = sha256(event)
    with pytest.raises(AgendaImportRefused) as caught:
        run_import(event, AGENDA / "sessions_title_row.xlsx")
    exc = caught.value
    assert exc.issues == () and [m.as_dict() for m in exc.missing] == [
        {"kind": "facilitator", "name": "Priya Raman", "email": "priya.raman@example.com", "rows": [6]}]
    assert "not in the event" in exc.message and "nothing was imported" in exc.message
    assert sha256(event) == digest and sessions_on_disk(event) == {}


def test_sessions_xlsx_with_create_missing(event: Path) -> None:
    with_people_and_rooms(event)
    result = run_import(event, AGENDA / "sessions_title_row.xlsx", create_missing=True)
    assert (result.created, result.drafts, result.issue_count, result.missing) == (5, 2, 0, ())
    assert result.created_facilitators == ("Priya Raman",) and result.format == "xlsx"
    got = sessions_on_disk(event)
    assert got["Responsible AI in everyday work"] == {
        "level": 1, "start": utc("2027-03-11T09:30Z"), "minutes": 90, "venue": "London · Kew Room", "capacity": 24,
        "topics": ["responsible ai", "literacy"], "description": "What AI can and cannot do, used responsibly.",
        "facilitators": ["Zoë Ångström"], "hubs": ["London"],
    }
    lab = got["Prompting lab for teams"]  # "hands-on with ai", "90 min", a start in a hub's zone
    assert (lab["level"], lab["minutes"], lab["start"]) == (2, 90, utc("2027-03-11T04:30Z"))
    assert lab["facilitators"] == ["Rahul Menon"]  # named by email
    apis = got["Building with model APIs"]  # no start: an unscheduled draft; "virtual" leaves the venue open
    assert (apis["start"], apis["venue"], apis["minutes"], apis["level"]) == (None, None, 120, 3)
    assert apis["facilitators"] == ["Priya Raman"] and apis["hubs"] == ["Bangalore", "Tokyo"]
    clinic = got["Fine-tuning clinic"]
    assert (clinic["start"], clinic["minutes"], clinic["venue"]) == (utc("2027-03-11T01:00Z"), 90, "Studio Channel")
    assert got["AI security red-teaming"]["start"] is None and got["AI security red-teaming"]["facilitators"] == []
    priya = facilitators_on_disk(event)["Priya Raman"]
    assert (priya["email"], priya["zone"]) == ("priya.raman@example.com", "Europe/London")  # the first hub's
    assert any("asks for a virtual venue" in n.message and n.row == 6 for n in result.notices)


def test_xlsx_preview_finds_the_header_below_the_title_and_drops_the_empty_column(event: Path) -> None:
    with open_event(event) as event_file, event_file.read() as session:
        spec, shown = agenda_preview(session, AGENDA / "sessions_title_row.xlsx")
    assert spec.kind == "sessions" and shown.mapping.header_row == 3
    assert shown.mapping.headers[-1] == "Seats"
    assert shown.mapping.header_of("start") == "Fixed start" and shown.mapping.header_of("duration") == "Length"


def test_sessions_csv_fixed_starts_in_every_form(event: Path) -> None:
    with_people_and_rooms(event)
    result = run_import(event, AGENDA / "sessions.csv")
    assert (result.created, result.drafts) == (5, 0)
    got = sessions_on_disk(event)
    assert {t: (s["start"], s["minutes"]) for t, s in got.items()} == {
        "AI literacy for everyone": (utc("2027-03-11T10:00Z"), 60),
        "Prompting lab": (utc("2027-03-11T04:30Z"), 90),  # 10:00 Asia/Kolkata
        "Custom assistants": (utc("2027-03-11T13:00Z"), 90),  # 10:00 in São Paulo (a hub), "1h30"
        "Training and fine-tuning": (utc("2027-03-11T02:00Z"), 60),  # 11:00 Tokyo
        "Cloud AI certification prep": (utc("2027-03-11T15:00Z"), 60),  # +01:00 offset, "1:00"
    }
    assert got["Cloud AI certification prep"]["facilitators"] == ["François Dupré"]  # "Name <email>"
    assert got["Prompting lab"]["topics"] == ["prompting", "assistants"]


@pytest.mark.parametrize(("name", "row", "column", "value", "words"), [
    ("bad_level.csv", 4, "Level", "Expert", "not a level"),
    ("bad_duration.csv", 4, "Duration", "an hour or so", "not a duration"),
    ("bad_zone.csv", 3, "Time zone", "Middle Earth", "unknown time zone"),
])
def test_bad_rows_refuse_the_file_with_the_row_and_leave_it_byte_identical(
        event: Path, name: str, row: int, column: str, value: str, words: str) -> None:
    with_people_and_rooms(event)
    before, digest = sessions_on_disk(event), sha256(event)
    with pytest.raises(ImportRefused) as caught:
        run_import(event, AGENDA / name)
    issues = caught.value.issues
    assert [(i.row, i.column, i.value) for i in issues] == [(row, column, value)] and words in issues[0].message
    assert sha256(event) == digest and sessions_on_disk(event) == before


@pytest.mark.parametrize(("name", "words"), [("empty.csv", "empty (0 bytes)"), ("binary.csv", "not a text file")])
def test_unusable_files_are_refused(event: Path, name: str, words: str) -> None:
    digest = sha256(event)
    with pytest.raises(InvalidInput, match=words.replace("(", r"\(").replace(")", r"\)")):
        run_import(event, AGENDA / name)
    assert sha256(event) == digest


def test_valid_only_skips_the_bad_row(event: Path) -> None:
    with_people_and_rooms(event)
    result = run_import(event, AGENDA / "bad_level.csv", valid_only=True)
    assert (result.created, result.skipped, result.issue_count) == (2, 1, 1)
    assert set(sessions_on_disk(event)) == {"AI literacy for everyone", "Prompting lab"}


def test_kind_is_told_from_the_header(event: Path) -> None:
    with open_event(event) as event_file, event_file.read() as session:
        kinds = {name: detect_kind(session, AGENDA / name)
                 for name in ("venues.csv", "facilitators_cp1252.csv", "sessions.csv", "sessions_title_row.xlsx")}
    assert kinds == {"venues.csv": "venues", "facilitators_cp1252.csv": "facilitators", "sessions.csv": "sessions",
                     "sessions_title_row.xlsx": "sessions"}


def test_a_header_that_fits_two_kinds_asks_which(event: Path, tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("Name\nKew\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="fit both"):
        run_import(event, names)
    assert run_import(event, names, kind="venues").created == 1


def test_reimport_recognises_sessions_and_keeps_times_set_in_the_planner(event: Path, tmp_path: Path) -> None:
    with_people_and_rooms(event)
    run_import(event, AGENDA / "sessions.csv")
    again = run_import(event, AGENDA / "sessions.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    edit = tmp_path / "edit.csv"
    edit.write_text("Title,Level,Duration\nPROMPTING  lab,2,120\n", encoding="utf-8")  # no start: keep it
    result = run_import(event, edit)
    assert (result.created, result.updated) == (0, 1)
    assert result.notices[0].message == "updates existing session 'Prompting lab' (title, duration)"
    lab = sessions_on_disk(event)["PROMPTING  lab"]  # the file's spelling wins
    assert (lab["start"], lab["minutes"], lab["venue"]) == (utc("2027-03-11T04:30Z"), 120, "Bangalore · Nilgiri Room")


def test_a_title_repeated_at_two_times_is_two_runs_and_an_exact_repeat_is_a_problem(event: Path,
                                                                                    tmp_path: Path) -> None:
    runs = tmp_path / "runs.csv"
    runs.write_text("Title,Level,Start\nLab,2,2027-03-11T04:00Z\nLab,2,2027-03-11T12:00Z\nLab,2,2027-03-11T04:00Z\n",
                    encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        run_import(event, runs)
    assert [(i.row, i.message) for i in caught.value.issues] == [(4, "same title, level and start as row 2")]
    assert run_import(event, runs, valid_only=True).created == 2


def test_starts_outside_the_window_and_zones_from_their_own_column(event: Path, tmp_path: Path) -> None:
    rows = tmp_path / "zones.csv"
    rows.write_text("Title,Level,Start,Time zone,Duration\n"
                    "Early,1,2027-03-10 08:00,Europe/London,60\n"  # 08:00 UTC: before the event starts
                    "Zoned,1,2027-03-11 09:00,Tokyo,60\n"  # the zone column (a hub) applies
                    "Plain,1,2027-03-11 09:00,,60\n", encoding="utf-8")  # no zone anywhere: UTC
    with pytest.raises(ImportRefused) as caught:
        run_import(event, rows)
    assert [(i.row, i.column) for i in caught.value.issues] == [(2, "Start")]
    assert "not inside the event window" in caught.value.issues[0].message
    run_import(event, rows, valid_only=True)
    got = sessions_on_disk(event)
    assert got["Zoned"]["start"] == utc("2027-03-11T00:00Z") and got["Plain"]["start"] == utc("2027-03-11T09:00Z")


def test_facilitators_are_matched_by_email_then_name(event: Path, tmp_path: Path) -> None:
    run_import(event, AGENDA / "facilitators_cp1252.csv")
    update = tmp_path / "people.csv"
    update.write_text("Name,Email,Zone,Availability\n"
                      "Zoë A.,ZOE.ANGSTROM@example.com,,10:00-16:00\n"  # same email, new name and hours
                      "rahul menon,,Bangalore,\n"  # no email: by name; the zone is a hub
                      "New Person,new.person@example.com,,\n", encoding="utf-8")  # no zone: the first hub's
    result = run_import(event, update)
    assert (result.created, result.updated) == (1, 2)
    got = facilitators_on_disk(event)
    assert "Zoë Ångström" not in got and got["Zoë A."]["availability"] == [[600, 960]]
    assert got["Zoë A."]["levels"] == [1, 2]  # empty cells never erase
    assert got["rahul menon"]["zone"] == "Asia/Kolkata" and got["rahul menon"]["email"] == "rahul.menon@example.com"
    assert got["New Person"]["zone"] == "Europe/London"
    assert any("gets Europe/London, the first hub's" in n.message for n in result.notices)


def test_create_missing_venues_by_name(event: Path, tmp_path: Path) -> None:
    rows = tmp_path / "rooms.csv"
    rows.write_text("Title,Level,Venue\nA,1,Zoom Room 3\nB,2,Board Room\nC,3,board room\n", encoding="utf-8")
    with pytest.raises(AgendaImportRefused) as caught:
        run_import(event, rows)
    assert [(m.kind, m.name, m.rows) for m in caught.value.missing] == [
        ("venue", "Zoom Room 3", (2,)), ("venue", "Board Room", (3, 4))]
    result = run_import(event, rows, create_missing=True)
    assert result.created_venues == ("Zoom Room 3", "Board Room")
    assert {n: v[0] for n, v in venues_on_disk(event).items()} == {"Zoom Room 3": "virtual", "Board Room": "room"}
    assert sessions_on_disk(event)["C"]["venue"] == "Board Room"


def test_imported_venues_keep_the_venue_editors_rules(event: Path, tmp_path: Path) -> None:
    """What the import writes the editor can save unchanged: a www. link becomes https://, and a
    virtual channel with a site is refused (the editor's rule) with nothing written."""
    rows = tmp_path / "venues.csv"
    rows.write_text("Name,Kind,Site,Join link\nStudio,virtual,,www.meet.example.com/s\n", encoding="utf-8")
    assert run_import(event, rows).created == 1
    assert venues_on_disk(event)["Studio"][4] == "https://www.meet.example.com/s"
    with open_event(event) as event_file, event_file.write() as session:
        for venue_id, draft in setup.venue_drafts(session).items():
            assert setup.edit_venue(session, venue_id, draft) == draft
    before = sha256(event)
    rows.write_text("Name,Kind,Site\nStudio,virtual,Floor 2\n", encoding="utf-8")
    with pytest.raises(AgendaImportRefused, match="a virtual channel has no site"):
        run_import(event, rows)
    assert sha256(event) == before


def test_cancel_writes_nothing_and_progress_reaches_the_end(event: Path) -> None:
    with_people_and_rooms(event)
    digest = sha256(event)
    with pytest.raises(Cancelled, match="import cancelled; nothing was imported"):
        run_import(event, AGENDA / "sessions.csv", cancel=lambda: True)
    assert sha256(event) == digest
    seen: list[float] = []
    run_import(event, AGENDA / "sessions.csv", progress=lambda f, _m: seen.append(f))
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
