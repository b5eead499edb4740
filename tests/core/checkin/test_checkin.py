"""Check-in services over the append-only log: check in, already, undo, walk-in, check-out."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from learningday.checkin import log as checkin
from learningday.checkin import presence
from learningday.errors import InvalidInput
from learningday.store import arrival
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, Hub, Registration, Station
from learningday.store.models import Session as LearningSession
from tests.helpers.doors import open_door

AT = datetime(2027, 3, 10, 23, 3, tzinfo=timezone.utc)


def _someone(event_file, *, registered_for: bool = True) -> tuple[str, str, str]:
    """(code, name, session uid) of a person registered for a session they have not checked in to."""
    with event_file.read() as s:
        arrived = select(CheckIn.attendee_id).where(CheckIn.session_id == Registration.session_id)
        row = s.execute(
            select(Attendee.code, Attendee.name, LearningSession.uid)
            .join(Registration, Registration.attendee_id == Attendee.id)
            .join(LearningSession, LearningSession.id == Registration.session_id)
            .where(Registration.status == "registered", Attendee.id.not_in(arrived))
            .limit(1)
        ).one()
    return row[0], row[1], row[2]


def _entries(event_file) -> int:
    with event_file.read() as s:
        return s.scalar(select(func.count()).select_from(CheckIn))


def test_check_in_is_on_disk_and_a_second_one_is_reported_not_recorded(demo_event: str | Path) -> None:
    open_door(demo_event)  # AT lies outside the session's time: the door rules have their own tests
    with open_event(demo_event) as ef:
        code, name, session_uid = _someone(ef)
        before = presence.presence_counts(ef.factory(), session_uid)
        with ef.write() as s:
            first = checkin.check_in(s, code_or_attendee=code.lower(), session_uid=session_uid,
                                     station="Door B", facilitator_name="Ana", method="scan", at_utc=AT)
        assert (first.status, first.attendee, first.at_utc) == ("checked_in", name, AT)
        entries = _entries(ef)
        with ef.write() as s:
            again = checkin.check_in(s, code_or_attendee=code, session_uid=session_uid, station="Door C",
                                     at_utc=AT + timedelta(minutes=5))
        assert again.status == "already" and again.entry_uid is None
        assert again.earlier_at_utc == AT and again.earlier_station == "Door B"
        assert "already checked in" in again.message and "23:03" in again.message and "Door B" in again.message
        assert _entries(ef) == entries
    with open_event(demo_event) as ef, ef.read() as s:  # a fresh connection: it is on disk
        row = s.execute(select(CheckIn.kind, CheckIn.method, CheckIn.facilitator_name, Station.name)
                        .join(Station, Station.id == CheckIn.station_id)
                        .where(CheckIn.uid == first.entry_uid)).one()
        assert tuple(row) == ("check_in", "scan", "Ana", "Door B")
        after = presence.presence_counts(s, session_uid)
        assert after.checked_in == before.checked_in + 1
        assert after.not_yet_here == before.not_yet_here - 1


def test_unknown_code_writes_nothing(demo_event: str | Path) -> None:
    with open_event(demo_event) as ef:
        entries = _entries(ef)
        with ef.write() as s:
            result = checkin.check_in(s, code_or_attendee="zz-zzzz", station="Door B", at_utc=AT)
        assert result.status == "unknown_code" and result.code == "ZZZZZZ"
        assert _entries(ef) == entries
        with ef.read() as s:
            assert s.scalar(select(Station.id).where(Station.name == "Door B")) is None


def test_undo_is_a_compensating_entry_and_cannot_be_repeated(demo_event: str | Path) -> None:
    open_door(demo_event)
    with open_event(demo_event) as ef:
        code, _, session_uid = _someone(ef)
        with ef.write() as s:
            done = checkin.check_in(s, code_or_attendee=code, session_uid=session_uid, station="Door B", at_utc=AT)
        with ef.write() as s:
            undone = checkin.undo(s, done.entry_uid, station="Door B", at_utc=AT + timedelta(seconds=20))
        assert undone.reverses_uid == done.entry_uid
        with ef.read() as s:
            assert s.scalar(select(CheckIn.kind).where(CheckIn.uid == done.entry_uid)) == "check_in"
            assert presence.recent_entries(s, station="Door B")[1].undone
        with pytest.raises(InvalidInput, match="already undone"):
            with ef.write() as s:
                checkin.undo(s, done.entry_uid, station="Door B", at_utc=AT)
        with pytest.raises(InvalidInput, match="itself an undo"):
            with ef.write() as s:
                checkin.undo(s, undone.entry_uid, station="Door B", at_utc=AT)
        with pytest.raises(InvalidInput, match="no check-in entry"):
            with ef.write() as s:
                checkin.undo(s, "not-a-uid", station="Door B", at_utc=AT)
        with ef.write() as s:  # after the undo, checking in again is a new check-in
            again = checkin.check_in(s, code_or_attendee=code, session_uid=session_uid, station="Door B", at_utc=AT)
        assert again.status == "checked_in"


def test_walk_in_adds_the_person_and_checks_them_in_once(demo_event: str | Path) -> None:
    with open_event(demo_event) as ef:
        _, _, session_uid = _someone(ef)
        with ef.read() as s:
            before = presence.presence_counts(s, session_uid)
        with ef.write() as s:
            result = checkin.walk_in(s, name="  Zoë   Nguyễn ", email="Zoe.Nguyen@Example.com", hub="Berlin",
                                     session_uid=session_uid, station="Door B", at_utc=AT)
        assert result.status == "checked_in" and result.new_attendee and len(result.code) == 6
        with ef.read() as s:
            person = s.execute(select(Attendee.name, Attendee.email, Attendee.code)
                               .where(Attendee.uid == result.attendee_uid)).one()
            assert tuple(person) == ("Zoë Nguyễn", "Zoe.Nguyen@example.com", result.code)  # as the import keeps it
            counts = presence.presence_counts(s, session_uid)
            assert counts.walk_ins == before.walk_ins + 1 and counts.checked_in == before.checked_in + 1
            assert "Zoë Nguyễn" in [p.name for p in presence.walk_in_people(s, session_uid)]
        with ef.write() as s:  # the same email again, in other letters' case: the same person, already here
            twice = checkin.walk_in(s, name="Zoe Nguyen", email="zoe.nguyen@example.com",
                                    session_uid=session_uid, station="Door C", at_utc=AT)
        assert twice.status == "already" and not twice.new_attendee
        with ef.read() as s:
            assert s.scalar(select(func.count()).select_from(Attendee)
                            .where(func.lower(Attendee.email) == "zoe.nguyen@example.com")) == 1


def test_a_walk_in_hub_is_named_in_any_case(demo_event: str | Path) -> None:
    with open_event(demo_event) as ef, ef.write() as s:
        result = checkin.walk_in(s, name="Ada Lovelace", hub=" berlin ", station="Door B", at_utc=AT)
        hub = s.scalar(select(Hub.name).join(Attendee, Attendee.hub_id == Hub.id)
                       .where(Attendee.uid == result.attendee_uid))
    assert hub == "Berlin"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": " "}, "needs a name"),
        ({"name": "Ada", "email": "ada-at-example"}, "not a valid email address"),
        ({"name": "Ada", "hub": "Atlantis"}, "no hub called 'Atlantis'"),
        ({"name": "Ada", "session_uid": "nope"}, "no session with uid"),
        ({"name": "Ada", "station": "  "}, "station needs a name"),
    ],
)
def test_bad_walk_in_is_refused_and_writes_nothing(demo_event: str | Path, fields: dict, message: str) -> None:
    with open_event(demo_event) as ef:
        with ef.read() as s:
            people = s.scalar(select(func.count()).select_from(Attendee))
        entries = _entries(ef)
        with pytest.raises(InvalidInput, match=message):
            with ef.write() as s:
                checkin.walk_in(s, **{"station": "Door B", "at_utc": AT, **fields})
        with ef.read() as s:
            assert s.scalar(select(func.count()).select_from(Attendee)) == people
        assert _entries(ef) == entries


def test_naive_time_and_unknown_method_are_refused(demo_event: str | Path) -> None:
    with open_event(demo_event) as ef:
        code, _, _ = _someone(ef)
        with pytest.raises(InvalidInput, match="time without a zone"):
            with ef.write() as s:
                checkin.check_in(s, code_or_attendee=code, station="Door B", at_utc=datetime(2027, 3, 10, 23))
        with pytest.raises(InvalidInput, match="unknown check-in method"):
            with ef.write() as s:
                checkin.check_in(s, code_or_attendee=code, station="Door B", method="telepathy", at_utc=AT)


def test_check_out_needs_a_check_in_first(demo_event: str | Path) -> None:
    with open_event(demo_event) as ef:
        code, _, _ = _someone(ef)
        with pytest.raises(InvalidInput, match="is not checked in"):
            with ef.write() as s:
                checkin.check_out(s, code_or_attendee=code, station="Door B", at_utc=AT)
        with ef.write() as s:
            checkin.check_in(s, code_or_attendee=code, station="Door B", at_utc=AT)
        with ef.write() as s:
            out = checkin.check_out(s, code_or_attendee=code, station="Door B", at_utc=AT + timedelta(hours=1))
        assert out.status == "checked_out"
        with ef.write() as s:  # coming back after leaving is a new check-in
            back = checkin.check_in(s, code_or_attendee=code, station="Door B", at_utc=AT + timedelta(hours=2))
        assert back.status == "checked_in"


def test_whole_event_counts_and_lists_agree(demo_event: str | Path) -> None:
    with open_event(demo_event) as ef:
        code, name, _ = _someone(ef)
        with ef.read() as s:
            before = presence.presence_counts(s)
        with ef.write() as s:
            checkin.check_in(s, code_or_attendee=code, station="Main entrance", at_utc=AT)
        with ef.read() as s:
            counts = presence.presence_counts(s)
            assert counts.checked_in == before.checked_in + 1 == 1
            assert [p.name for p in presence.checked_in_people(s)] == [name]
            assert counts.not_yet_here == counts.registered - 1
            assert len(presence.not_yet_here(s, limit=100_000)) == counts.not_yet_here
            assert arrival.checked_in_by_session(s)[None] == 1


def test_station_and_facilitator_names_refuse_control_characters(demo_event: str | Path) -> None:
    with pytest.raises(InvalidInput, match="station name holds"):
        checkin.station_name("Door\x01B")
    with open_event(demo_event) as ef, ef.write() as s:
        code = s.scalar(select(Attendee.code).limit(1))
        with pytest.raises(InvalidInput, match="facilitator name holds"):
            checkin.check_in(s, code_or_attendee=code, station="Door A", facilitator_name="Ann\x07",
                             at_utc=datetime.now(timezone.utc))


def test_an_attendee_uid_is_found_in_any_letter_case(demo_event: str | Path) -> None:
    with open_event(demo_event) as ef, ef.write() as s:
        uid = s.scalar(select(Attendee.uid).limit(1))
        result = checkin.check_in(s, code_or_attendee=uid.upper(), station="Door A",
                                  at_utc=datetime.now(timezone.utc))
    assert result.status == "checked_in" and result.attendee_uid == uid
