"""attendee, attendee-edit, attendee-delete, register and cancel-registration from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import sha256
from tests.helpers.backends import Backend
from tests.helpers.cli import run
from tests.helpers.small_event import NAMES, TITLES, build_small_event


@pytest.fixture()
def event(tmp_path: Path, backend: Backend) -> str | Path:
    return backend.take(build_small_event(tmp_path / "cli.lday", checkins=False))


def test_attendee_shows_the_person_and_their_places(capsys, event: Path) -> None:
    status, out, _ = run(capsys, "attendee", str(event), "AAAAA4", "--json")
    person = json.loads(out)
    assert status == 0 and person["name"] == NAMES["A4"]
    assert [(p["title"], p["status"], p["waitlist_position"]) for p in person["registrations"]] == [
        (TITLES[0], "waitlisted", 1)]


def test_attendee_edit_changes_fields_and_refuses_bad_ones_leaving_the_file(capsys, event: Path) -> None:
    status, out, err = run(capsys, "attendee-edit", str(event), "E1", "--name", "Łucja Nowak", "--level", "3",
                           "--hub", "", "--json")
    assert status == 0, err
    result = json.loads(out)
    assert result["changed"] == ["name", "hub", "level"]
    assert (result["attendee"]["name"], result["attendee"]["hub"], result["attendee"]["level"]) == (
        "Łucja Nowak", None, 3)
    digest = sha256(event)
    status, out, _ = run(capsys, "attendee-edit", str(event), "AAAAA1", "--email", "nope", "--name", "",
                         "--json")
    assert status == 2 and set(json.loads(out)["errors"]) == {"email", "name"}
    status, _, err = run(capsys, "attendee-edit", str(event), "AAAAA1", "--hub", "Atlantis")
    assert status == 2 and "unknown hub" in err
    status, _, err = run(capsys, "attendee-edit", str(event), "AAAAA1")
    assert status == 2 and "nothing to change" in err
    assert sha256(event) == digest


def test_register_cancel_and_delete_with_promotion(capsys, event: Path) -> None:
    status, out, err = run(capsys, "register", str(event), TITLES[2].upper(), "AAAAA4", "AAAAA5", "--json")
    assert status == 0, err
    assert json.loads(out) == {"registered": 2, "waitlisted": 0, "unchanged": 0}
    # by filter: New York's level-4 people (A5, A6) to a talk right after S3 (back to back is no overlap)
    status, out, _ = run(capsys, "register", str(event), TITLES[3], "--hub", "New York", "--level", "4")
    assert status == 0 and out.startswith("2 registered")
    status, _, err = run(capsys, "register", str(event), TITLES[2], "AAAAA1", "--search", "иван")
    assert status == 2 and "not both" in err
    status, _, err = run(capsys, "register", str(event), "No such session", "AAAAA1")
    assert status == 2 and "no session" in err
    status, out, _ = run(capsys, "cancel-registration", str(event), TITLES[1], "AAAAA3", "--json")
    assert status == 0 and json.loads(out) == {"attendee": NAMES["A3"], "session": TITLES[1], "promoted": []}
    status, out, _ = run(capsys, "attendee-delete", str(event), "AAAAA2")
    assert status == 0 and out.startswith(f"deleted AAAAA2 {NAMES['A2']}")
    status, out, err = run(capsys, "attendees", str(event), "--state", "waitlisted", "--json")
    assert status == 0, err
    assert [p["name"] for p in json.loads(out)] == []  # A2's place freed: A4 moved up from S1's waitlist
    status, _, err = run(capsys, "attendee", str(event), "AAAAA2")
    assert status == 2 and "no attendee" in err


def test_someone_in_the_log_cannot_be_deleted(capsys, tmp_path: Path, backend: Backend) -> None:
    event = backend.take(build_small_event(tmp_path / "log.lday"))
    digest = sha256(event)
    status, _, err = run(capsys, "attendee-delete", str(event), "AAAAA1")
    assert status == 2 and "append-only" in err
    assert sha256(event) == digest
