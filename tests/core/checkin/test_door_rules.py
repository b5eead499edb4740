"""Door rules: every outcome, each override logged and counted apart, the three policies, the grace across DST."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.checkin.log import check_in
from learningday.errors import InvalidInput
from learningday.reporting.analytics import analyse
from learningday.setup.event import create_event_file
from learningday.setup.services import edit_event, event_props
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, Hub, Registration, Venue
from learningday.store.models import Session as LearningSession

# London leaves GMT for BST at 01:00 UTC on 28 March 2027, inside the event's day
START = datetime(2027, 3, 27, 20, 0, tzinfo=timezone.utc)
TALK = datetime(2027, 3, 28, 1, 30, tzinfo=timezone.utc)  # 02:30 BST, 60 minutes, 2 seats
LAB = datetime(2027, 3, 28, 4, 0, tzinfo=timezone.utc)  # 10 seats
IN_TALK = TALK + timedelta(minutes=5)


@pytest.fixture
def door(tmp_path: Path) -> Path:
    """Ann and Ben hold Talk's 2 seats, Cat is waitlisted #1 and Dan #2; Eve holds nothing; Lab has room."""
    path = create_event_file(tmp_path / "door.lday", name="Door day", start_utc=START)
    with open_event(path) as ef, ef.write() as s:
        london = Hub(name="London", zone="Europe/London", position=1)
        room, hall = Venue(name="Room", capacity=2, hub=london), Venue(name="Hall", capacity=10, hub=london)
        talk = LearningSession(uid="talk", title="Talk", level_id=1, start_utc=TALK, duration_minutes=60, venue=room)
        lab = LearningSession(uid="lab", title="Lab", level_id=1, start_utc=LAB, duration_minutes=60, venue=hall)
        people = {n: Attendee(uid=f"uid-{n}", code=f"{n.upper()}000", name=n, email=f"{n}@x.org", hub=london,
                              department="Ops", created_utc=START) for n in ("ann", "ben", "cat", "dan", "eve")}
        s.add_all([london, room, hall, talk, lab, *people.values()])
        s.flush()
        for k, (who, status) in enumerate((("ann", "registered"), ("ben", "registered"), ("cat", "waitlisted"),
                                           ("dan", "waitlisted"))):
            s.add(Registration(attendee_id=people[who].id, session_id=talk.id, status=status,
                               created_utc=START - timedelta(days=9 - k)))
    return path


def _policy(path: Path, policy: str) -> None:
    with open_event(path) as ef, ef.write() as s:
        edit_event(s, replace(event_props(s), door_policy=policy))


@pytest.fixture(autouse=True, params=["run_lean_write", "run_write"])
def _through(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check-in here is written both ways: as the station writes it (on SQLite, SQLite's own transaction) and
    in an ORM Session (as a walk-in of someone on the roster, or a station's outbox, reaches check_in)."""
    monkeypatch.setattr(f"{__name__}.THROUGH", request.param)


THROUGH = "run_lean_write"


def _in(path: Path, code: str, session: str | None = "talk", at: datetime = IN_TALK, **kw):  # noqa: ANN003, ANN202
    with open_event(path) as ef:
        return getattr(ef, THROUGH)(lambda s: check_in(s, code_or_attendee=code, session_uid=session,
                                                        station="Door B", at_utc=at, **kw))


def _entries(path: Path) -> list[tuple]:
    with open_event(path) as ef, ef.read() as s:
        return s.execute(select(CheckIn.kind, CheckIn.override_reason, CheckIn.rehearsal)).all()


def test_registered_is_green_then_already(door: Path) -> None:
    first = _in(door, "ANN000")
    assert (first.status, first.colour, first.warnings, first.hub, first.department) == (
        "checked_in", "green", (), "London", "Ops")
    again = _in(door, "ANN000")
    assert (again.status, again.colour) == ("already", "amber")
    assert len(_entries(door)) == 1


def test_waitlisted_is_held_and_an_override_promotes_when_a_seat_is_free(door: Path) -> None:
    held = _in(door, "DAN000", session="talk")
    assert (held.status, held.needs, held.colour) == ("full", "over_capacity", "red")  # 2 of 2 seats taken
    assert "waitlisted #2" in held.warnings
    with open_event(door) as ef, ef.write() as s:  # Ben gives his seat back
        s.execute(Registration.__table__.update().where(Registration.attendee_id == 2).values(status="cancelled"))
    held = _in(door, "DAN000")
    assert (held.status, held.needs, held.warnings[0], held.entry_uid) == ("waitlisted", "override", "waitlisted #2",
                                                                           None)
    admitted = _in(door, "DAN000", override="seat freed by Ben")
    assert (admitted.status, admitted.override_reason) == ("checked_in", "seat freed by Ben")
    with open_event(door) as ef, ef.read() as s:
        assert s.scalar(select(Registration.status).where(Registration.attendee_id == 4)) == "registered"


def test_not_registered_with_seats_left_is_amber_and_the_override_registers_them(door: Path) -> None:
    at = LAB + timedelta(minutes=1)
    held = _in(door, "EVE000", session="lab", at=at)
    assert (held.status, held.colour, held.warnings) == ("not_registered", "amber",
                                                        ("not registered for this session (10 seats left)",))
    assert _entries(door) == []
    done = _in(door, "EVE000", session="lab", at=at, override="manager's approval")
    assert done.status == "checked_in"
    assert _entries(door) == [("check_in", "manager's approval", False)]


def test_full_is_red_and_only_admit_over_capacity_lets_them_in(door: Path) -> None:
    held = _in(door, "EVE000")
    assert (held.status, held.colour, held.needs) == ("full", "red", "over_capacity")
    assert held.warnings[0] == "the session is full: 2 of 2 seats taken"
    assert _in(door, "EVE000", override="speaker's guest").status == "full"
    done = _in(door, "EVE000", override="speaker's guest", over_capacity=True)
    assert done.status == "checked_in"
    assert _entries(door) == [("check_in", "speaker's guest", False)]


def test_unknown_code_is_red_and_an_event_arrival_needs_only_the_roster(door: Path) -> None:
    unknown = _in(door, "ZZZ999")
    assert (unknown.status, unknown.colour) == ("unknown_code", "red")
    months_early = _in(door, "EVE000", session=None, at=START - timedelta(days=90))
    assert (months_early.status, months_early.warnings) == ("checked_in", ())


def test_the_grace_window_counts_in_utc_across_the_dst_change_and_shows_local_times(door: Path) -> None:
    early = _in(door, "ANN000", at=TALK - timedelta(minutes=31))  # 00:59 GMT, before the clocks go forward
    assert early.status == "outside_time"
    assert early.warnings == ("too early: the session runs Sun 28 Mar 02:30–03:30 BST London time (01:30–02:30 UTC);"
                              " it is Sun 28 Mar 00:59",)
    assert _in(door, "ANN000", at=TALK - timedelta(minutes=30)).status == "checked_in"  # 02:00 BST: 30 min, not 90
    late = _in(door, "BEN000", at=TALK + timedelta(minutes=91))
    assert late.status == "outside_time" and late.warnings[0].startswith("too late")


def test_a_check_in_before_the_event_s_days_is_a_rehearsal_marked_in_the_log(door: Path) -> None:
    at = START - timedelta(days=90)
    held = _in(door, "ANN000", at=at)
    assert held.status == "outside_event"
    assert held.warnings[0] == "before the event's days (Sat 27 Mar 2027–Sun 28 Mar 2027): a rehearsal"
    done = _in(door, "ANN000", at=at, override="rehearsal")
    assert (done.status, done.rehearsal) == ("checked_in", True)
    assert _entries(door) == [("check_in", "rehearsal", True)]
    assert _in(door, "BEN000", at=START + timedelta(days=3)).warnings[0].startswith("after the event's days")


def test_open_admits_everyone_with_warnings_and_registered_only_admits_no_one_else(door: Path) -> None:
    _policy(door, "open")
    done = _in(door, "EVE000")
    assert (done.status, done.colour, done.override_reason) == ("checked_in", "amber", None)
    assert done.warnings[0].startswith("the session is full")
    _policy(door, "registered-only")
    held = _in(door, "CAT000", session="lab", at=LAB)
    assert (held.status, held.needs, held.colour) == ("not_registered", "refused", "red")
    assert _in(door, "CAT000", session="lab", at=LAB, override="please").status == "not_registered"
    assert _in(door, "ANN000").status == "checked_in"


def test_overrides_are_counted_apart_in_analytics(door: Path) -> None:
    _in(door, "EVE000", session="lab", at=LAB, override="approved")
    _in(door, "ANN000", at=START - timedelta(days=1), override="rehearsal")
    _in(door, "BEN000")
    with open_event(door) as ef, ef.read() as s:
        figures = analyse(s)
    assert (figures.overrides, figures.rehearsals) == (2, 1)


@pytest.mark.parametrize(("policy", "reason", "message"), [
    ("sometimes", None, "unknown door policy"), ("open", "  ", "needs a reason"),
    ("open", "x" * 301, "at most 300"), ("open", "bad\x07", "control"),
])
def test_a_bad_policy_or_reason_is_refused_and_writes_nothing(door: Path, policy: str, reason: str | None,
                                                               message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        if reason is None:
            _policy(door, policy)
        else:
            _in(door, "EVE000", override=reason)
    assert _entries(door) == []
    with open_event(door) as ef, ef.read() as s:
        assert event_props(s).door_policy == "registered_first"


def test_at_a_session_s_station_the_registered_come_first_then_its_waitlist_then_everyone(door: Path) -> None:
    from learningday.checkin.search import search_attendees

    with open_event(door) as ef, ef.write() as s:
        s.add_all(Attendee(uid=f"uid-a{k}", code=f"AA{k:04d}", name=f"Aaron {k}", email=f"a{k}@x.org",
                           created_utc=START) for k in range(30))
        for who, name in ((1, "Anna Abe"), (2, "Anna Zed"), (3, "Anna Cat"), (4, "Anna Dan")):  # Ann holds nothing
            s.execute(Registration.__table__.update().where(Registration.attendee_id == 1).values(status="cancelled"))
            s.execute(Attendee.__table__.update().where(Attendee.id == who).values(name=name))
    with open_event(door) as ef, ef.read() as s:
        hits = search_attendees(s, "an", session_uid="talk", limit=6)
    assert [(h.name, h.registered, h.waitlisted) for h in hits[:4]] == [
        ("Anna Zed", True, False), ("Anna Cat", False, True), ("Anna Dan", False, True), ("Anna Abe", False, False)]
