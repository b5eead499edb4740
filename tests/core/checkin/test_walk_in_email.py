"""The walk-in reads and matches an email as the roster import does: one parser, letter case aside."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from learningday.checkin import log as checkin
from learningday.checkin.station_log import export_log, merge_log
from learningday.errors import InvalidInput
from learningday.roster.importing import import_roster
from learningday.spreadsheet.emails import parse_email
from learningday.spreadsheet.engine import CellProblem, ImportRefused
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn
from tests.helpers import sha256
from tests.helpers.roster import make_event

AT = datetime(2027, 3, 10, 23, 3, tzinfo=timezone.utc)


@pytest.fixture()
def event(tmp_path: Path) -> Path:
    """An event whose roster was imported with an address in mixed case (the import keeps its case)."""
    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Email\nGrace Hopper,Grace.Hopper@Corp.Example\n", encoding="utf-8")
    path = make_event(tmp_path / "walk-in.lday")
    with open_event(path) as event_file, event_file.write() as session:
        assert import_roster(session, roster).created == 1
    return path


def _problem(address: str) -> str:
    """What the one parser says about ``address``."""
    with pytest.raises(CellProblem) as refused:
        parse_email(address)
    return refused.value.message


def _people(path: Path) -> list[tuple[str, str]]:
    with open_event(path) as event_file, event_file.read() as session:
        return [tuple(r) for r in session.execute(select(Attendee.name, Attendee.email).order_by(Attendee.id))]


def test_a_walk_in_whose_email_differs_only_in_case_checks_in_that_attendee(event: Path) -> None:
    assert _people(event) == [("Grace Hopper", "Grace.Hopper@corp.example")]
    with open_event(event) as event_file, event_file.write() as session:
        result = checkin.walk_in(session, name="G. Hopper", email="grace.hopper@CORP.example", station="Door A",
                                 at_utc=AT)
    assert result.status == "checked_in" and not result.new_attendee and result.attendee == "Grace Hopper"
    assert _people(event) == [("Grace Hopper", "Grace.Hopper@corp.example")]  # no second person


def test_a_walk_in_refuses_the_address_the_import_refuses(event: Path, tmp_path: Path) -> None:
    roster = tmp_path / "bad.csv"
    roster.write_text("Name,Email\nAda,a..b@corp.example\n", encoding="utf-8")
    digest = sha256(event)
    with open_event(event) as event_file:
        with pytest.raises(ImportRefused) as by_import, event_file.write() as session:
            import_roster(session, roster)
        with pytest.raises(InvalidInput) as by_walk_in, event_file.write() as session:
            checkin.walk_in(session, name="Ada", email="a..b@corp.example", station="Door A", at_utc=AT)
    assert by_import.value.issues[0].message == by_walk_in.value.message == _problem("a..b@corp.example")
    assert by_walk_in.value.message.startswith("not a valid email address")
    assert sha256(event) == digest  # neither wrote anything


def test_a_merged_walk_in_is_matched_by_email_in_any_case_and_a_bad_email_is_left_out(event: Path,
                                                                                        tmp_path: Path) -> None:
    station = tmp_path / "station.lday"
    station.write_bytes(event.read_bytes())
    with open_event(station) as event_file, event_file.write() as session:
        checkin.walk_in(session, name="Walk In", email="walk.in@corp.example", station="Door B", at_utc=AT)
        log = export_log(session)
    # the station's log as an older station wrote it: Grace's address lower-cased, another one unreadable
    walker = next(p for p in log["attendees"] if p["name"] == "Walk In")
    grace = {**walker, "uid": "00000000-0000-4000-8000-000000000001", "name": "Grace",
             "email": "grace.hopper@corp.example", "code": ""}
    walker["email"] = "walk..in@corp.example"
    log["attendees"].append(grace)
    log["entries"].append({**log["entries"][0], "uid": "00000000-0000-4000-8000-000000000002",
                           "attendee_uid": grace["uid"]})
    with open_event(event) as event_file, event_file.write() as session:
        report = merge_log(session, log)
        came = set(session.scalars(select(Attendee.name).join(CheckIn, CheckIn.attendee_id == Attendee.id)))
        empty = session.scalar(select(func.count()).select_from(Attendee).where(Attendee.email == ""))
    assert (report.attendees_matched_by_email, report.attendees_created) == (1, 1)
    assert came == {"Grace Hopper", "Walk In"} and empty == 1
    assert report.problems == (f"Walk In ({walker['uid']}): {_problem('walk..in@corp.example')}; "
                               "the email was left out",)
