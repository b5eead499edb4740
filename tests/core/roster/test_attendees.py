"""The attendee editor's core: validated like the import, search terms follow, delete and restore, places."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.checkin.search import search_attendees
from learningday.errors import InvalidInput
from learningday.roster.attendees import (
    AttendeeRefused,
    attendee_details,
    attendee_registrations,
    cancel_registration,
    delete_attendee,
    find_attendee,
    restore_attendee,
    update_attendee,
)
from learningday.store.db import open_event
from learningday.store.models import Attendee, Hub, Registration
from learningday.store.models import Session as LearningSession
from tests.helpers import sha256
from tests.helpers.small_event import TITLES, build_small_event

NOW = datetime(2027, 3, 9, 12, tzinfo=timezone.utc)


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    return build_small_event(tmp_path / "small.lday")


@pytest.fixture()
def no_log(tmp_path: Path) -> Path:
    return build_small_event(tmp_path / "nolog.lday", checkins=False)


def _id(path: Path, code: str) -> int:
    with open_event(path) as ef, ef.read() as s:
        return find_attendee(s, code)


def _session_id(s, title: str) -> int:
    return s.scalar(select(LearningSession.id).where(LearningSession.title == title))


def test_an_edit_is_normalised_and_written_and_search_follows_it(small: Path) -> None:
    a1 = _id(small, "AAAAA1")
    with open_event(small) as ef, ef.write() as s:
        after = update_attendee(s, a1, {
            "name": "  Zofia\u0301  Nowak ",  # a combining accent: stored as NFC, trimmed
            "email": "Zofia.Nowak@Example.COM", "employee_id": "E-77", "department": "Research",
            "hub": "America/New_York", "level": "Level 4",
        })
    assert after.name == "Zofiá  Nowak" and after.email == "Zofia.Nowak@example.com"
    assert (after.employee_id, after.department, after.hub, after.level_id) == ("E-77", "Research", "New York", 4)
    with open_event(small) as ef, ef.read() as s:
        assert [h.name for h in search_attendees(s, "zofia")] == ["Zofiá  Nowak"]
        assert [h.name for h in search_attendees(s, "zofia.nowak@ex")] == ["Zofiá  Nowak"]
        assert search_attendees(s, "lucja") == [] and search_attendees(s, "lucja@example") == []
        row = s.get(Attendee, a1)
        assert (row.role, row.code) == ("Seller", "AAAAA1")  # fields not given are kept


def test_hub_by_id_and_empty_values_clear_optional_fields(small: Path) -> None:
    a1 = _id(small, "AAAAA1")
    with open_event(small) as ef, ef.write() as s:
        ktm = s.scalar(select(Hub.id).where(Hub.name == "Kathmandu"))
        after = update_attendee(s, a1, {"hub": ktm, "level": None, "employee_id": " ", "email": "", "role": ""})
    assert (after.hub, after.level_id, after.employee_id, after.email, after.role) == ("Kathmandu", None, None, "", "")


@pytest.mark.parametrize(("fields", "key", "words"), [
    ({"email": "not-an-email"}, "email", "not a valid email address"),
    ({"name": "   "}, "name", "Name is required"),
    ({"employee_id": "E1"}, "employee_id", "Łucja Żak (AAAAA1) already has this employee id"),
    ({"email": "LUCJA@example.com"}, "email", "Łucja Żak (AAAAA1) already has this email"),
    ({"hub": "Atlantis"}, "hub", "unknown hub"),
    ({"level": "7"}, "level", "a level is a whole number from 1 to 5"),
    ({"name": "x" * 201}, "name", "at most 200"),
])
def test_bad_values_are_refused_by_field_and_the_file_is_unchanged(small: Path, fields, key, words) -> None:
    a3 = _id(small, "AAAAA3")
    digest = sha256(small)
    with open_event(small) as ef:
        with pytest.raises(AttendeeRefused) as caught, ef.write() as s:
            update_attendee(s, a3, {"department": "Changed", **fields})
    assert list(caught.value.problems) == [key] and words in caught.value.problems[key]
    assert sha256(small) == digest


def test_every_problem_is_reported_at_once_and_unknown_fields_are_refused(small: Path) -> None:
    a3 = _id(small, "AAAAA3")
    with open_event(small) as ef, ef.write() as s:
        with pytest.raises(AttendeeRefused) as caught:
            update_attendee(s, a3, {"name": "", "email": "a@", "level": "0"})
        assert set(caught.value.problems) == {"name", "email", "level"}
        with pytest.raises(InvalidInput, match="unknown attendee field"):
            update_attendee(s, a3, {"code": "ZZZZZZ"})
        with pytest.raises(InvalidInput, match="no attendee with id"):
            update_attendee(s, 9999, {"name": "Nobody"})


def test_find_attendee_by_code_uid_or_employee_id(small: Path) -> None:
    with open_event(small) as ef, ef.read() as s:
        a1 = find_attendee(s, "aaaaa1")
        uid = s.get(Attendee, a1).uid
        assert find_attendee(s, uid.upper()) == a1 and find_attendee(s, "E1") == a1
        with pytest.raises(InvalidInput, match="no attendee"):
            find_attendee(s, "nobody")


def test_places_with_waitlist_position_and_cancel_names_who_was_promoted(small: Path) -> None:
    a1, a4 = _id(small, "AAAAA1"), _id(small, "AAAAA4")
    with open_event(small) as ef, ef.write() as s:
        s1 = _session_id(s, TITLES[0])
        s.get(LearningSession, s1).capacity = 3  # full: A1, A2, A3 registered, A4 waits
        places = attendee_registrations(s, a4)
        assert [(p.title, p.status, p.waitlist_position) for p in places] == [(TITLES[0], "waitlisted", 1)]
        mine = attendee_registrations(s, a1)
        assert [p.title for p in mine] == [TITLES[0], TITLES[1], "Draft session"]  # by start, drafts last
        assert [p.checked_in for p in mine] == [True, True, False]
        result = cancel_registration(s, s1, a1)
    assert result.promoted == ("山田太郎",) and "promoted from the waitlist: 山田太郎" in result.message
    with open_event(small) as ef, ef.read() as s:
        status = dict(s.execute(select(Registration.attendee_id, Registration.status)
                                .where(Registration.session_id == _session_id(s, TITLES[0]))).all())
    assert status[a1] == "cancelled" and status[a4] == "registered"


def test_someone_in_the_check_in_log_cannot_be_deleted(small: Path) -> None:
    a3 = _id(small, "AAAAA3")
    digest = sha256(small)
    with open_event(small) as ef:
        with pytest.raises(InvalidInput, match="append-only") as caught, ef.write() as s:
            delete_attendee(s, a3)
    assert "Иван Петров" in caught.value.message
    assert sha256(small) == digest


def test_delete_frees_places_for_the_waitlist_and_restore_puts_the_person_back(no_log: Path) -> None:
    a1, a4 = _id(no_log, "AAAAA1"), _id(no_log, "AAAAA4")
    with open_event(no_log) as ef, ef.write() as s:
        s.get(LearningSession, _session_id(s, TITLES[0])).capacity = 3
    with open_event(no_log) as ef, ef.write() as s:
        before = attendee_details(s, a1)
        deleted = delete_attendee(s, a1)
    assert deleted.promoted == ("山田太郎",) and len(deleted.registrations) == 3
    with open_event(no_log) as ef, ef.read() as s:
        assert s.get(Attendee, a1) is None and search_attendees(s, "lucja") == []
        assert s.scalar(select(Registration.status).where(Registration.attendee_id == a4,
                                                          Registration.session_id == _session_id(s, TITLES[0]))) \
            == "registered"
    with open_event(no_log) as ef, ef.write() as s:
        again = restore_attendee(s, deleted, now=NOW)
        back = attendee_details(s, again)
        places = {p.title: p.status for p in attendee_registrations(s, again)}
    assert back.fields() == before.fields() and (back.uid, back.code) == (before.uid, before.code)
    # the place A4 was promoted into stays A4's: the restored person waits for it
    assert places == {TITLES[0]: "waitlisted", TITLES[1]: "registered", "Draft session": "registered"}
    with open_event(no_log) as ef, ef.write() as s:
        with pytest.raises(InvalidInput, match="cannot be put back"):
            restore_attendee(s, deleted, now=NOW)
