"""Search-as-you-type: accents, case, any-word prefix, email, id, code, other scripts, ranking."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, update

from learningday.checkin import log as checkin
from learningday.checkin import search
from learningday.checkin.search import search_attendees
from learningday.setup.event import create_event_file
from learningday.store.db import open_event
from learningday.store.folding import attendee_terms, fold
from learningday.store.models import Attendee, Registration
from learningday.store.models import Session as LearningSession
from tests import DATA
from tests.helpers.backends import Backend

AT = datetime(2027, 3, 10, 21, tzinfo=timezone.utc)
PEOPLE = [
    ("José Muñoz", "jose.munoz@example.com", "E0001"),
    ("Jürgen Müller", "jurgen.muller@example.com", "E0002"),
    ("Ali Khan", "ali.khan@example.com", "E0003"),
    ("Alice Khoury", "alice.k@example.com", "E0004"),
    ("Khalid Ali", "khalid@example.com", "E0005"),
    ("佐藤太郎", "taro.sato@example.com", "E0006"),
    ("김민준", "minjun.kim@example.com", "E0007"),
    ("प्रिया शर्मा", "priya.sharma@example.com", "E0008"),
    ("أحمد الحسن", "ahmed.hassan@example.com", "E0009"),
    ("Иван Петров", "ivan.petrov@example.com", "E0010"),
    ("Seán O'Brien", "sean.obrien@example.com", "E0011"),
    ("Anna Straße", "anna.s@example.com", "E0012"),
]


@pytest.fixture(scope="module")
def people_event(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = create_event_file(tmp_path_factory.mktemp("search") / "people.lday", name="Search", start_utc=AT)
    codes = {}
    with open_event(path) as ef, ef.write() as s:
        for name, email, employee_id in PEOPLE:
            codes[name] = checkin.walk_in(s, name=name, email=email, employee_id=employee_id,
                                          station="Desk", at_utc=AT).code
    return path, codes


def _names(path: Path, text: str, **kw) -> list[str]:
    with open_event(path) as ef, ef.read() as s:
        return [hit.name for hit in search_attendees(s, text, **kw)]


CASES = [
        ("jose", {"José Muñoz"}),
        ("JOSÉ", {"José Muñoz"}),
        ("munoz", {"José Muñoz"}),
        ("muller", {"Jürgen Müller"}),
        ("Mül", {"Jürgen Müller"}),
        ("ali kh", {"Ali Khan", "Khalid Ali", "Alice Khoury"}),
        ("ali kha", {"Ali Khan", "Khalid Ali"}),
        ("kha ali", {"Ali Khan", "Khalid Ali"}),
        ("ali khan", {"Ali Khan"}),
        ("alice.k@ex", {"Alice Khoury"}),
        ("khoury", {"Alice Khoury"}),
        ("e0003", {"Ali Khan"}),
        ("太郎", {"佐藤太郎"}),
        ("佐藤", {"佐藤太郎"}),
        ("민준", {"김민준"}),
        ("प्रिया", {"प्रिया शर्मा"}),
        ("शर्", {"प्रिया शर्मा"}),
        ("احمد", {"أحمد الحسن"}),
        ("حسن", {"أحمد الحسن"}),
        ("иван", {"Иван Петров"}),
        ("петр", {"Иван Петров"}),
        ("sean o'brien", {"Seán O'Brien"}),
        ("obrien", {"Seán O'Brien"}),
        ("strasse", {"Anna Straße"}),
        ("zzz", set()),
        ("  ", set()),
        ("%", set()),
        ("?", set()),
]


@pytest.mark.parametrize(("typed", "expected"), CASES)
def test_search_finds_by_any_word_prefix_ignoring_case_and_accents(
    people_event: tuple[Path, dict[str, str]], typed: str, expected: set[str]
) -> None:
    assert set(_names(people_event[0], typed)) == expected


def test_every_backend_finds_the_same_people_and_follows_every_kind_of_write(backend: Backend) -> None:
    from learningday.roster.attendees import delete_attendee, restore_attendee
    from learningday.roster.dto import AttendeeQuery
    from learningday.roster.query import attendee_page, count_attendees, first_page

    def door(s, typed: str) -> set[str]:  # noqa: ANN001 - a Session
        return {hit.name for hit in search_attendees(s, typed)}

    target = backend.create_event(name="Search", start_utc=AT)
    with open_event(target) as ef:
        with ef.write() as s:  # walk-ins: Core inserts
            for name, email, employee_id in PEOPLE:
                checkin.walk_in(s, name=name, email=email, employee_id=employee_id, station="Desk", at_utc=AT)
        with ef.read() as s:
            for typed, expected in CASES:
                assert door(s, typed) == expected, typed
                if typed.strip():  # a blank roster filter shows everyone
                    query = AttendeeQuery(text=typed)
                    assert {row.name for row in attendee_page(s, query)} == expected, typed
                    assert count_attendees(s, query) == len(expected), typed
                    assert {r.name for r in first_page(s, query, cap=5, limit=50)[1]} == expected, typed
        with ef.write() as s:  # an ORM insert, a Core update
            s.add(Attendee(code="ZW0001", name="Zoë Ward", email="zoe@example.com", created_utc=AT))
            s.execute(update(Attendee).where(Attendee.name == "Alice Khoury").values(name="Alice Nakamura"))
        with ef.read() as s:
            assert door(s, "zoe") == {"Zoë Ward"}
            assert door(s, "ali nak") == {"Alice Nakamura"}
            assert door(s, "khou") == set()
        with ef.write() as s:
            deleted = delete_attendee(s, s.scalar(select(Attendee.id).where(Attendee.code == "ZW0001")))
        with ef.read() as s:
            assert door(s, "zoe") == set()
        with ef.write() as s:
            restore_attendee(s, deleted, now=AT)
        with ef.read() as s:
            assert door(s, "ward") == {"Zoë Ward"}
            assert count_attendees(s, AttendeeQuery(text="kh")) == 2  # Ali Khan, Khalid Ali


def test_badge_code_finds_its_owner_first(people_event: tuple[Path, dict[str, str]]) -> None:
    path, codes = people_event
    code = codes["Ali Khan"]
    assert _names(path, code.lower())[0] == "Ali Khan"
    assert _names(path, f"{code[:3]}-{code[3:]}")[0] == "Ali Khan"


def test_renamed_attendee_is_found_by_the_new_name_only(people_event: tuple[Path, dict[str, str]],
                                                        tmp_path: Path) -> None:
    path = tmp_path / "copy.lday"
    shutil.copyfile(people_event[0], path)
    with open_event(path) as ef, ef.write() as s:
        s.execute(update(Attendee).where(Attendee.name == "Alice Khoury").values(name="Alice Nakamura"))
    assert _names(path, "ali nak") == ["Alice Nakamura"]
    assert _names(path, "khou") == []


@pytest.mark.parametrize("large_session", [False, True], ids=["small-session", "large-session"])
def test_registered_people_come_first_and_flags_are_right(demo_file: Path, large_session: bool,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    if large_session:  # the word-driven plan that sessions of thousands use
        monkeypatch.setattr(search, "LARGE_SESSION", 1)
    with open_event(demo_file) as ef, ef.read() as s:
        session_uid, session_id = s.execute(select(LearningSession.uid, LearningSession.id)).first()
        names = s.scalars(select(Attendee.name).join(Registration, Registration.attendee_id == Attendee.id)
                          .where(Registration.session_id == session_id, Registration.status == "registered")).all()
        first_letter = fold(names[0])[0]
        hits = search_attendees(s, first_letter, session_uid=session_uid, limit=50)
        flags = [h.registered for h in hits]
        assert flags[0] and flags == sorted(flags, reverse=True)  # registered first
        registered = [h.name for h in hits if h.registered]
        assert registered == sorted(registered, key=str.casefold)
        for hit in hits:
            terms = attendee_terms(hit.name, hit.email, hit.employee_id, hit.code)
            assert any(term.startswith(first_letter) for term in terms), hit


def test_migration_fills_terms_for_existing_attendees(tmp_path: Path) -> None:
    copy = tmp_path / "old.lday"
    shutil.copyfile(DATA / "event_rev0001.lday", copy)
    with open_event(copy) as ef, ef.read() as s:
        name = s.scalar(select(Attendee.name).order_by(Attendee.id))
        assert name in [h.name for h in search_attendees(s, name.split()[0], limit=50)]
    con = sqlite3.connect(copy)
    try:
        people, indexed = con.execute(
            "SELECT (SELECT COUNT(*) FROM attendees), (SELECT COUNT(DISTINCT attendee_id) FROM attendee_terms)"
        ).fetchone()
    finally:
        con.close()
    assert people == indexed == 40


@pytest.mark.parametrize("words", [33, 1000, 5000])
def test_a_pasted_text_of_many_words_finds_nobody_at_the_door_and_in_the_roster(
        people_event: tuple[Path, dict[str, str]], words: int) -> None:
    from learningday.roster.dto import AttendeeQuery
    from learningday.roster.query import count_attendees

    pasted = " ".join(f"word{k}" for k in range(words))  # 1000: "Expression tree is too large"
    path, _ = people_event
    assert _names(path, "ali " + pasted) == []
    with open_event(path) as ef, ef.read() as s:
        assert count_attendees(s, AttendeeQuery(text="ali " + pasted)) == 0


def test_a_repeated_word_or_one_another_word_begins_asks_nothing_more(
        people_event: tuple[Path, dict[str, str]]) -> None:
    from learningday.roster.dto import AttendeeQuery
    from learningday.roster.query import count_attendees
    from learningday.store.search_terms import MAX_WORDS, search_words

    assert search_words("ali al a khan kh ali") == ["khan", "ali"]
    many = " ".join(["khan"] * 1000 + [f"a{'l' * k}" for k in range(40)])  # each begins the next: one word
    assert search_words(many) == ["a" + "l" * 39, "khan"]
    assert search_words(" ".join(f"w{k:03d}" for k in range(MAX_WORDS))) is not None
    assert search_words(" ".join(f"w{k:03d}" for k in range(MAX_WORDS + 1))) is None
    path, _ = people_event
    typed = "ali " * 600 + "kha"
    assert set(_names(path, typed)) == {"Ali Khan", "Khalid Ali"}
    with open_event(path) as ef, ef.read() as s:
        assert count_attendees(s, AttendeeQuery(text=typed)) == 2
