"""`learningday hub|venue|facilitator add|edit|remove`, `event-props` and the lists, through ui.cli.main.main."""

from __future__ import annotations

import json

from learningday.plan.dto import SessionDraft
from learningday.plan.sessions import create_session
from learningday.setup.dto import FacilitatorDraft, HubDraft, VenueDraft
from learningday.setup.services import facilitator_drafts, hub_drafts, venue_drafts
from learningday.store.db import open_event
from tests.helpers import sha256
from tests.helpers.cli import run
from tests.helpers.planning import Small, at


def refused(capsys, small: Small, *argv: str) -> str:
    digest = sha256(small.path)
    try:
        status, _, err = run(capsys, *argv)
    except SystemExit as exc:  # argparse's own refusals
        status, err = exc.code, capsys.readouterr().err
    assert status == 2
    assert sha256(small.path) == digest
    return err


def drafts(small: Small, reader):
    with open_event(small.path) as ef, ef.read() as s:
        return reader(s)


def test_hub_add_edit_remove(capsys, small: Small) -> None:
    event = str(small.path)
    status, out, _ = run(capsys, "hub", "add", event, "Kathmandu", "--zone", "Asia/Kathmandu", "--hours", "10:00-18:00")
    assert status == 0 and "added hub Kathmandu (Asia/Kathmandu, working 10:00–18:00)" in out
    status, out, _ = run(capsys, "hub", "edit", event, "kathmandu", "--name", "KTM", "--hours", "08:30-16:30")
    hubs = {d.name: d for d in drafts(small, hub_drafts).values()}
    assert hubs["KTM"] == HubDraft("KTM", "Asia/Kathmandu", 510, 990, 4)
    status, out, _ = run(capsys, "hub", "remove", event, "KTM")
    assert status == 0 and "removed hub 'KTM'" in out
    assert "KTM" not in {d.name for d in drafts(small, hub_drafts).values()}


def test_hub_refusals_exit_2_and_leave_the_file_alone(capsys, small: Small) -> None:
    event = str(small.path)
    assert "unknown time zone" in refused(capsys, small, "hub", "add", event, "Mars", "--zone", "Mars/Base")
    assert "already" in refused(capsys, small, "hub", "add", event, "TOKYO", "--zone", "Asia/Tokyo")
    assert "09:00-17:00" in refused(capsys, small, "hub", "edit", event, "Tokyo", "--hours", "17:00-09:00")
    assert "no hub called 'Paris'" in refused(capsys, small, "hub", "edit", event, "Paris", "--zone", "UTC")
    refused(capsys, small, "hub", "add", event, "Paris")  # --zone is required
    with open_event(small.path) as ef, ef.write() as s:
        create_session(s, SessionDraft("Tokyo talk", 1, at(3), hub_ids=(small.hubs["Tokyo"],)))
    digest = sha256(small.path)
    err = refused(capsys, small, "hub", "remove", event, "Tokyo")
    assert "'Tokyo talk'" in err and "--force" in err and "open to every hub" in err
    assert sha256(small.path) == digest
    status, out, _ = run(capsys, "hub", "remove", event, "Tokyo", "--force")
    assert status == 0 and "1 session loses hub 'Tokyo'" in out


def test_venue_add_edit_remove(capsys, small: Small) -> None:
    event = str(small.path)
    status, out, _ = run(capsys, "venue", "add", event, "Room C", "--site", "Tokyo office", "--capacity", "12",
                         "--hub", "tokyo")
    assert status == 0
    status, _, _ = run(capsys, "venue", "add", event, "Meet", "--kind", "virtual", "--link", "https://meet.example.com/a")
    assert status == 0
    run(capsys, "venue", "edit", event, "room c", "--capacity", "none", "--hub", "none")
    venues = {d.name: d for d in drafts(small, venue_drafts).values()}
    assert venues["Room C"] == VenueDraft("Room C", "room", "Tokyo office", None, None, "")
    assert venues["Meet"] == VenueDraft("Meet", "virtual", "", None, None, "https://meet.example.com/a")
    assert "http(s)" in refused(capsys, small, "venue", "edit", event, "Meet", "--link", "meet.example.com")
    assert "no site" in refused(capsys, small, "venue", "edit", event, "Meet", "--site", "Paris")
    assert "capacity" in refused(capsys, small, "venue", "add", event, "Hall", "--capacity", "0")
    assert "whole number" in refused(capsys, small, "venue", "add", event, "Hall", "--capacity", "many")
    with open_event(small.path) as ef, ef.write() as s:
        create_session(s, SessionDraft("In C", 1, at(3), venue_id=next(i for i, d in venue_drafts(s).items()
                                                                       if d.name == "Room C")))
    assert "'In C'" in refused(capsys, small, "venue", "remove", event, "Room C")
    status, out, _ = run(capsys, "venue", "remove", event, "Room C", "--force")
    assert status == 0 and "1 session loses venue 'Room C'" in out


def test_facilitator_add_edit_remove(capsys, small: Small) -> None:
    event = str(small.path)
    status, out, _ = run(capsys, "facilitator", "add", event, "Zoë", "--email", "zoe@example.com", "--zone",
                         "Asia/Kathmandu", "--available", "08:00-12:00", "--available", "13:00-17:00",
                         "--levels", "1,2")
    assert status == 0 and "08:00–12:00, 13:00–17:00" in out
    run(capsys, "facilitator", "edit", event, "zoë", "--available", "none", "--levels", "3", "--email", "none")
    people = {d.name: d for d in drafts(small, facilitator_drafts).values()}
    assert people["Zoë"] == FacilitatorDraft("Zoë", "", "Asia/Kathmandu", (), (3,))
    assert "not a valid email" in refused(capsys, small, "facilitator", "edit", event, "Zoë", "--email", "zoe@")
    assert "overlaps" in refused(capsys, small, "facilitator", "edit", event, "Zoë",
                                 "--available", "08:00-12:00,11:00-13:00")
    assert "no level 7" in refused(capsys, small, "facilitator", "edit", event, "Zoë", "--levels", "1,7")
    assert "time of day" in refused(capsys, small, "facilitator", "edit", event, "Zoë", "--available", "8am-5pm")
    status, _, _ = run(capsys, "facilitator", "remove", event, "Zoë")
    assert status == 0 and "Zoë" not in {d.name for d in drafts(small, facilitator_drafts).values()}


def test_event_props_show_change_and_refuse(capsys, small: Small) -> None:
    event = str(small.path)
    status, out, _ = run(capsys, "event-props", event, "--json")
    assert status == 0 and json.loads(out) == {"name": "Small day", "theme": "", "start_utc": "2027-03-10T21:00:00+00:00",
                                               "length_minutes": 1440, "sessions_outside": []}
    with open_event(small.path) as ef, ef.write() as s:
        create_session(s, SessionDraft("Late one", 1, at(22)))
    status, out, err = run(capsys, "event-props", event, "--name", "Day two", "--start", "2027-03-11T00:00Z",
                           "--hours", "12", "--json")
    assert status == 0 and "1 sessions now lie outside" in err
    assert json.loads(out) == {"name": "Day two", "theme": "", "start_utc": "2027-03-11T00:00:00+00:00",
                               "length_minutes": 720, "sessions_outside": ["Late one"]}
    assert "between 1 and 72 hours" in refused(capsys, small, "event-props", event, "--hours", "0.5")
    assert "ISO 8601" in refused(capsys, small, "event-props", event, "--start", "tomorrow")
    assert "must not be empty" in refused(capsys, small, "event-props", event, "--name", "  ")


def test_lists_as_json(capsys, small: Small) -> None:
    event = str(small.path)
    _, out, _ = run(capsys, "hubs", event, "--json")
    assert [(h["name"], h["offset_at_start"], h["working_hours"]) for h in json.loads(out)] == [
        ("London", "UTC+00:00", "09:00-17:00"), ("Bangalore", "UTC+05:30", "09:00-17:00"),
        ("Tokyo", "UTC+09:00", "09:00-17:00")]
    _, out, _ = run(capsys, "venues", event, "--json")
    assert [(v["name"], v["kind"], v["capacity"]) for v in json.loads(out)] == [
        ("Room A", "room", 2), ("Room B", "room", 10), ("Virtual", "virtual", None)]
    _, out, _ = run(capsys, "facilitators", event, "--json")
    assert [(f["name"], f["zone"], f["availability"]) for f in json.loads(out)] == [
        ("Ann", "Europe/London", ["08:00-18:00"]), ("Kei", "Asia/Tokyo", ["09:00-12:00"]),
        ("Raj", "Asia/Kolkata", [])]
    status, out, _ = run(capsys, "facilitators", event)
    assert status == 0 and "Raj <no email> (Asia/Kolkata, available any time local" in out
