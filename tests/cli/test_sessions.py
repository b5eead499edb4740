"""`learningday session add|edit|move|delete`: the agenda changed without re-importing a spreadsheet."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from learningday.plan.dto import SessionDraft
from learningday.plan.sessions import session_draft
from learningday.store.db import open_event
from learningday.timeutil import parse_utc
from tests.helpers.cli import refused, run
from tests.helpers.planning import Small
from tests.helpers.doors import open_door


def _add(capsys, small: Small, title: str, *argv: str) -> str:
    status, out, err = run(capsys, "session", "add", str(small.path), title, *argv, "--json")
    assert status == 0, err
    return json.loads(out)["session"]["uid"]


def _draft(small: Small, uid: str) -> SessionDraft:
    with open_event(small.path) as ef, ef.read() as s:
        return session_draft(s, uid)


@pytest.mark.parametrize(("start", "zone", "utc"), [
    ("2027-03-11 09:00", "Bangalore", "2027-03-11T03:30Z"),        # a hub's clock, +05:30
    ("2027-03-11 09:00", "Asia/Kathmandu", "2027-03-11T03:15Z"),   # an IANA zone, +05:45
    ("2027-03-11 06:00", "tokyo", "2027-03-10T21:00Z"),            # a hub on the next local date
    ("2027-03-11T05:00Z", "Tokyo", "2027-03-11T05:00Z"),           # an instant with its offset is that instant
    ("2027-03-11T05:00", None, "2027-03-11T05:00Z"),               # no zone: UTC
])
def test_add_reads_the_start_on_the_clock_given(capsys, small: Small, start: str, zone: str | None,
                                                utc: str) -> None:
    uid = _add(capsys, small, "Clock talk", "--level", "1", "--start", start, *(("--zone", zone) if zone else ()))
    assert _draft(small, uid).start_utc == parse_utc(utc)


def test_add_with_every_field_then_text_output(capsys, small: Small) -> None:
    status, out, _ = run(capsys, "session", "add", str(small.path), "Prompting lab", "--level", "2", "--start",
                         "2027-03-11 10:00", "--zone", "London", "--duration", "90", "--venue", "room b",
                         "--facilitator", "Ann", "--facilitator", "raj", "--hub", "London", "--hub", "Tokyo",
                         "--capacity", "8")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("added session 'Prompting lab' (")
    assert lines[1] == "  level 2 · 2027-03-11T10:00:00+00:00 to 2027-03-11T11:30:00+00:00 · 90 min · Room B"
    assert lines[2] == "  facilitators: Ann, Raj · for hubs: London, Tokyo · 8 seats"
    uid = lines[0].split("(")[1].rstrip(")")
    assert _draft(small, uid) == SessionDraft(
        "Prompting lab", 2, parse_utc("2027-03-11T10:00Z"), 90, small.venues["Room B"],
        (small.facilitators["Ann"], small.facilitators["Raj"]), (small.hubs["London"], small.hubs["Tokyo"]),
        capacity=8, pinned=False, preferred_start_utc=None)


def test_add_without_a_start_is_an_unscheduled_draft(capsys, small: Small) -> None:
    uid = _add(capsys, small, "Some day", "--level", "5")
    assert _draft(small, uid) == SessionDraft("Some day", 5, None, pinned=False, preferred_start_utc=None)


def test_edit_changes_only_the_fields_given(capsys, small: Small) -> None:
    uid = _add(capsys, small, "Lab", "--level", "2", "--start", "2027-03-11T05:00Z", "--venue", "Room B",
               "--facilitator", "Ann", "--hub", "Tokyo", "--capacity", "8")
    before = _draft(small, uid)
    status, out, _ = run(capsys, "session", "edit", str(small.path), "LAB", "--title", "Lab two", "--json")
    assert status == 0 and json.loads(out)["action"] == "changed"
    assert _draft(small, uid) == replace(before, title="Lab two")
    assert run(capsys, "session", "edit", str(small.path), uid, "--facilitator", "none", "--hub", "none",
               "--capacity", "none", "--level", "3", "--duration", "30")[0] == 0
    assert _draft(small, uid) == replace(before, title="Lab two", level_id=3, duration_minutes=30,
                                         facilitator_ids=(), hub_ids=(), capacity=None)


def test_move_takes_a_start_and_or_a_venue(capsys, small: Small) -> None:
    uid = _add(capsys, small, "Lab", "--level", "2", "--start", "2027-03-11T05:00Z", "--venue", "Room B",
               "--facilitator", "Kei")
    before = _draft(small, uid)
    status, out, _ = run(capsys, "session", "move", str(small.path), "Lab", "--start", "2027-03-11 12:00", "--zone",
                         "Asia/Tokyo", "--json")
    assert status == 0 and json.loads(out)["session"]["start_utc"] == "2027-03-11T03:00:00+00:00"
    assert run(capsys, "session", "move", str(small.path), "Lab", "--venue", "virtual")[0] == 0
    assert _draft(small, uid) == replace(before, start_utc=parse_utc("2027-03-11T03:00Z"),
                                         venue_id=small.venues["Virtual"])
    status, out, _ = run(capsys, "session", "move", str(small.path), "Lab", "--start", "none", "--venue", "none")
    assert status == 0 and "unscheduled · 60 min · no venue" in out
    assert _draft(small, uid) == replace(before, start_utc=None, venue_id=None)


def test_delete_refuses_registrations_unless_dropped_and_check_ins_always(capsys, small: Small) -> None:
    event = str(small.path)
    open_door(small.path)  # now is outside the session's time
    uid = _add(capsys, small, "Lab", "--level", "1", "--start", "2027-03-11T05:00Z")
    code = json.loads(run(capsys, "walk-in", event, "--name", "Ana", "--json")[1])["code"]
    assert run(capsys, "register", event, uid, code)[0] == 0
    err = refused(capsys, small.path, "session", "delete", event, "Lab")
    assert "has 1 registrations" in err and "--drop-registrations" in err
    refused(capsys, small.path, "session", "delete", event, "Lab", "--json")
    status, out, _ = run(capsys, "session", "delete", event, "lab", "--drop-registrations", "--json")
    assert status == 0 and json.loads(out) == {"action": "deleted", "session": {"uid": uid, "title": "Lab"},
                                               "registrations_dropped": 1}
    assert "no session has the uid or title 'Lab'" in refused(capsys, small.path, "session", "delete", event, "Lab")
    other = _add(capsys, small, "Door", "--level", "1", "--start", "2027-03-11T05:00Z")
    assert run(capsys, "checkin", event, code, "--session", other)[0] == 0
    assert "1 check-in log entries and cannot be deleted" in refused(
        capsys, small.path, "session", "delete", event, "Door", "--drop-registrations")
    third = _add(capsys, small, "Empty", "--level", "1")
    status, out, _ = run(capsys, "session", "delete", event, third)
    assert status == 0 and out == f"deleted session 'Empty' ({third})\n"


@pytest.mark.parametrize(("argv", "message"), [
    (("add", "T", "--level", "7"), "there is no level 7"),
    (("add", "T", "--level", "1", "--start", "2027-03-01 09:00"), "is not inside the event window"),
    (("add", "T", "--level", "1", "--start", "tomorrow"), "not an ISO 8601 date and time"),
    (("add", "T", "--level", "1", "--start", "2027-03-11 09:00", "--zone", "Mars"), "neither a hub nor an IANA"),
    (("add", "T", "--level", "1", "--zone", "Tokyo"), "give --start too"),
    (("add", "T", "--level", "1", "--venue", "Hall"), "--venue: no venue called 'Hall'"),
    (("add", "T", "--level", "1", "--facilitator", "Zed"), "--facilitator: no facilitator called 'Zed'"),
    (("add", "T", "--level", "1", "--hub", "Paris"), "--hub: no hub called 'Paris'"),
    (("add", "T", "--level", "1", "--duration", "0"), "the duration must be a positive number"),
    (("add", "T", "--level", "1", "--capacity", "0"), "the capacity must be positive"),
    (("add", "T", "--level", "1", "--capacity", "lots"), "--capacity: not a whole number"),
    (("add", "T\x07", "--level", "1"), "control character"),
    (("add", "  ", "--level", "1"), "needs a title"),
    (("add", "T"), "--level"),
    (("edit", "Lab"), "nothing to change"),
    (("edit", "Nope", "--level", "2"), "no session has the uid or title 'Nope'"),
    (("edit", "Lab", "--duration", "2000"), "cannot last longer than the event"),
    (("move", "Lab"), "give --start and/or --venue"),
    (("move", "Lab", "--start", "2027-03-11T20:30Z"), "is not inside the event window"),
])
def test_refusals_change_nothing(capsys, small: Small, argv: tuple[str, ...], message: str) -> None:
    _add(capsys, small, "Lab", "--level", "2", "--start", "2027-03-11T05:00Z")
    action, rest = argv[0], argv[1:]
    assert message in refused(capsys, small.path, "session", action, str(small.path), *rest)
    if message != "--level":  # argparse's refusal
        assert message in refused(capsys, small.path, "session", action, str(small.path), *rest, "--json")


def test_edit_pins_a_session_and_sets_its_preferred_start_on_a_hubs_clock(capsys, small: Small) -> None:
    uid = _add(capsys, small, "Pin me", "--level", "1", "--start", "2027-03-11T05:00Z")
    status, out, err = run(capsys, "session", "edit", str(small.path), "Pin me", "--pin", "--preferred-start",
                           "2027-03-11 09:00", "--zone", "Asia/Kathmandu")
    assert status == 0, err
    assert out.splitlines()[-1] == "  pinned · preferred start 2027-03-11T03:15:00+00:00"  # +05:45
    draft = _draft(small, uid)
    assert draft.pinned and draft.preferred_start_utc == parse_utc("2027-03-11T03:15Z")
    assert draft.start_utc == parse_utc("2027-03-11T05:00Z")  # --zone read only the preferred start
    status, out, _ = run(capsys, "session", "edit", str(small.path), uid, "--unpin", "--preferred-start", "none",
                         "--json")
    assert status == 0 and "pinned" not in json.loads(out)["session"]
    assert not _draft(small, uid).pinned and _draft(small, uid).preferred_start_utc is None


def test_a_preferred_start_outside_the_event_is_refused_and_nothing_changes(capsys, small: Small) -> None:
    uid = _add(capsys, small, "Too early", "--level", "1")
    before = _draft(small, uid)
    message = refused(capsys, small.path, "session", "edit", str(small.path), uid, "--pin", "--preferred-start",
                      "2020-01-01T00:00Z")
    assert "preferred start 2020-01-01T00:00:00+00:00 is not inside the event window" in message
    assert _draft(small, uid) == before


def test_pin_and_unpin_together_are_refused(capsys, small: Small) -> None:
    _add(capsys, small, "Both", "--level", "1")
    assert "not allowed with argument" in refused(capsys, small.path, "session", "edit", str(small.path), "Both",
                                                  "--pin", "--unpin")
