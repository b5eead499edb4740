"""`checkin` at the door: held outcomes and their exit codes, --override, --over-capacity, --json warnings."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from learningday.setup.event import create_event_file
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, Registration, Venue
from learningday.store.models import Session as LearningSession
from tests.helpers.backends import Backend
from ui.cli.main import main


@pytest.fixture
def door(tmp_path: Path, backend: Backend) -> str | Path:
    """A session running now in a 1-seat room that Ann holds; Eve holds nothing."""
    now = datetime.now(timezone.utc)
    path = create_event_file(tmp_path / "door.lday", name="Door day", start_utc=now - timedelta(hours=1))
    with open_event(path) as ef, ef.write() as s:
        talk = LearningSession(uid="talk", title="Talk", level_id=1, start_utc=now - timedelta(minutes=5),
                               duration_minutes=60, venue=Venue(name="Room", capacity=1))
        ann = Attendee(uid="uid-ann", code="ANN000", name="Ann", email="ann@x.org", created_utc=now)
        eve = Attendee(uid="uid-eve", code="EVE000", name="Eve", email="eve@x.org", created_utc=now)
        s.add_all([talk, ann, eve])
        s.flush()
        s.add(Registration(attendee_id=ann.id, session_id=talk.id, status="registered", created_utc=now))
    return backend.take(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


def test_full_is_held_red_until_an_override_admits_over_capacity(door: Path, capsys) -> None:
    status, out = _run(capsys, "checkin", str(door), "EVE000", "--session", "talk", "--json")
    assert status == 4
    held = json.loads(out)
    assert (held["status"], held["entry_uid"], held["needs"]) == ("full", None, "over_capacity")
    assert held["warnings"][0] == "the session is full: 1 of 1 seats taken"
    assert _run(capsys, "checkin", str(door), "EVE000", "--session", "talk", "--override", "guest")[0] == 4
    status, out = _run(capsys, "checkin", str(door), "EVE000", "--session", "talk", "--override", "speaker's guest",
                       "--over-capacity", "--station", "Door B")
    assert status == 0
    assert out.splitlines()[0] == "Eve checked in to Talk"
    assert "  override: speaker's guest" in out.splitlines()
    with open_event(door) as ef, ef.read() as s:
        assert s.query(CheckIn.override_reason).one() == ("speaker's guest",)


def test_registered_output_and_json_keep_their_old_shape(door: Path, capsys) -> None:
    status, out = _run(capsys, "checkin", str(door), "ANN000", "--session", "talk", "--json")
    assert status == 0
    assert set(json.loads(out)) == {"status", "attendee", "session", "at_utc", "entry_uid"}


def test_a_blank_override_reason_is_refused(door: Path, capsys) -> None:
    status = main(["checkin", str(door), "EVE000", "--session", "talk", "--override", " ", "--json"])
    assert status == 2
    assert "needs a reason" in json.loads(capsys.readouterr().out)["error"]["message"]


def test_event_props_sets_the_door_policy_and_refuses_an_unknown_one(door: Path, capsys) -> None:
    status, out = _run(capsys, "event-props", str(door), "--door-policy", "open", "--kiosk-strict", "yes")
    assert status == 0 and "  door: open, strict kiosk" in out.splitlines()
    assert _run(capsys, "checkin", str(door), "EVE000", "--session", "talk")[0] == 0  # open: admitted, warned
    assert main(["event-props", str(door), "--door-policy", "closed"]) == 2
    assert "unknown door policy 'closed'" in capsys.readouterr().err
