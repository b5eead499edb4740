"""`learningday walk-in` and `checkout`: the station's Walk-in dialog and check-out, from the command line."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from learningday.plan.dto import SessionDraft
from learningday.plan.sessions import create_session
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, Hub
from tests.helpers.cli import refused, run
from tests.helpers.planning import Small, at
from tests.helpers.doors import open_door


def _session(small: Small) -> str:
    with open_event(small.path) as ef, ef.write() as s:
        return create_session(s, SessionDraft("Door talk", 1, at(3)))


def _people(small: Small) -> list[tuple[str, str, str | None]]:
    with open_event(small.path) as ef, ef.read() as s:
        return list(s.execute(select(Attendee.name, Attendee.email, Hub.name).outerjoin(Hub, Hub.id == Attendee.hub_id)
                              .order_by(Attendee.id)))


def _kinds(small: Small) -> list[str]:
    with open_event(small.path) as ef, ef.read() as s:
        return list(s.scalars(select(CheckIn.kind).order_by(CheckIn.id)))


def test_walk_in_adds_the_person_and_checks_them_in(capsys, small: Small) -> None:
    event, uid = str(small.path), _session(small)
    status, out, _ = run(capsys, "walk-in", event, "--name", "  Zoë   Walker ", "--email", "Zoe@Corp.example",
                         "--hub", "bangalore", "--session", uid.upper(), "--station", "Door B")
    assert status == 0
    assert out.startswith("Zoë Walker checked in to Door talk   (new badge code ") and "  entry " in out
    assert _people(small) == [("Zoë Walker", "Zoe@corp.example", "Bangalore")]  # kept as typed, as the import keeps it
    assert _kinds(small) == ["walk_in"]


def test_a_walk_in_whose_email_is_on_the_list_in_another_case_is_that_person(capsys, small: Small) -> None:
    event = str(small.path)
    assert run(capsys, "walk-in", event, "--name", "Zoë", "--email", "zoe@corp.example", "--json")[0] == 0
    first = json.loads(run(capsys, "attendees", event, "--json")[1])[0]
    status, out, _ = run(capsys, "walk-in", event, "--name", "Someone else", "--email", "ZOE@CORP.EXAMPLE", "--json")
    again = json.loads(out)
    assert status == 0 and again["status"] == "already" and again["new_attendee"] is False
    assert (again["attendee"], again["attendee_uid"], again["code"]) == ("Zoë", first["uid"], first["code"])
    assert len(_people(small)) == 1 and _kinds(small) == ["walk_in"]


def test_walk_in_json_names_the_new_person(capsys, small: Small) -> None:
    status, out, _ = run(capsys, "walk-in", str(small.path), "--name", "Ana", "--json")
    result = json.loads(out)
    assert status == 0 and set(result) == {"status", "attendee", "session", "at_utc", "entry_uid", "attendee_uid",
                                           "code", "new_attendee"}
    assert (result["status"], result["attendee"], result["session"], result["new_attendee"]) == (
        "checked_in", "Ana", None, True)
    assert result["at_utc"].endswith("+00:00") and len(result["entry_uid"]) == 36 and len(result["code"]) >= 6


@pytest.mark.parametrize(("argv", "message"), [
    (("--name", "Ana", "--email", "a..b@corp.example"), "two periods in a row"),
    (("--name", "Ana", "--email", "not an address"), "not a valid email address"),
    (("--name", "   "), "needs a name"),
    (("--name", "Ana\x07"), "control character"),
    (("--name", "Ana", "--hub", "Mars"), "no hub called 'Mars'"),
    (("--name", "Ana", "--session", "no-such-session"), "no session with uid"),
    (("--name", "Ana", "--station", " "), "the station needs a name"),
    (("--name", "Ana", "--facilitator", "x" * 201), "at most 200 characters"),
])
def test_walk_in_refusals_change_nothing(capsys, small: Small, argv: tuple[str, ...], message: str) -> None:
    assert message in refused(capsys, small.path, "walk-in", str(small.path), *argv)
    assert message in refused(capsys, small.path, "walk-in", str(small.path), *argv, "--json")


def test_walk_in_needs_a_name_option(capsys, small: Small) -> None:
    assert "--name" in refused(capsys, small.path, "walk-in", str(small.path), "--email", "a@corp.example")


def test_checkout_of_a_person_checked_in(capsys, small: Small) -> None:
    event, uid = str(small.path), _session(small)
    open_door(small.path)  # now is outside the session's time
    code = json.loads(run(capsys, "walk-in", event, "--name", "Ana", "--session", uid, "--json")[1])["code"]
    status, out, _ = run(capsys, "checkout", event, code.lower(), "--session", uid, "--json")
    result = json.loads(out)
    assert status == 0 and (result["status"], result["attendee"], result["session"], result["code"]) == (
        "checked_out", "Ana", "Door talk", code)
    assert _kinds(small) == ["walk_in", "check_out"]
    run(capsys, "checkin", event, code, "--session", uid)
    status, out, _ = run(capsys, "checkout", event, code, "--session", uid, "--station", "Exit")
    assert status == 0 and out.startswith("Ana checked out of Door talk\n  entry ")


def test_checkout_refusals_change_nothing(capsys, small: Small) -> None:
    event, uid = str(small.path), _session(small)
    code = json.loads(run(capsys, "walk-in", event, "--name", "Ana", "--json")[1])["code"]
    assert "no attendee has the code 'ZZZZZZ'" in refused(capsys, small.path, "checkout", event, "ZZZZZZ", "--json")
    assert "Ana is not checked in to Door talk" in refused(capsys, small.path, "checkout", event, code, "--session",
                                                           uid)
    assert "no session with uid" in refused(capsys, small.path, "checkout", event, code, "--session", "nope")
    assert run(capsys, "checkout", event, code)[0] == 0
    assert "Ana is not checked in" in refused(capsys, small.path, "checkout", event, code, "--json")
    with open_event(small.path) as ef, ef.read() as s:
        assert s.scalar(select(func.count()).select_from(CheckIn)) == 2
