"""The roster query behind the Attendees table: search, hub / level / department / registration filters in SQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from learningday.checkin.log import check_in, undo
from learningday.errors import InvalidInput
from learningday.roster import query as roster
from learningday.roster.dto import AttendeeQuery
from learningday.store.db import open_event
from learningday.store.models import Attendee, Hub
from tests.helpers.small_event import NAMES, build_small_event

AT = datetime(2027, 3, 11, 3, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small event without its log, then: A1 checked in, A2 checked in and undone."""
    path = build_small_event(tmp_path_factory.mktemp("q") / "q.lday", checkins=False)
    with open_event(path) as ef, ef.write() as s:
        check_in(s, code_or_attendee="AAAAA1", station="Door", method="scan", at_utc=AT)
        wrong = check_in(s, code_or_attendee="AAAAA2", station="Door", method="scan", at_utc=AT)
        undo(s, wrong.entry_uid, station="Door", at_utc=AT + timedelta(minutes=1))
    return path


def _names(path: Path, **query) -> list[str]:
    with open_event(path) as ef, ef.read() as s:
        q = AttendeeQuery(**query)
        rows = roster.attendee_page(s, q, limit=50)
        assert roster.count_attendees(s, q) == len(rows)
        return [r.name for r in rows]


def _people(*keys: str) -> list[str]:
    return sorted(NAMES[k] for k in keys)


@pytest.mark.parametrize(("query", "expected"), [
    ({}, ("A1", "A2", "A3", "A4", "A5", "A6")),
    ({"department": "Sales"}, ("A1", "A2")),
    ({"department": ""}, ("A4",)),  # people without a department
    ({"registration": "registered"}, ("A1", "A2", "A3")),
    ({"registration": "waitlisted"}, ("A4",)),  # A4's other place was cancelled
    ({"registration": "unregistered"}, ("A5", "A6")),
    ({"registration": "checked_in"}, ("A1",)),  # A2's check-in was undone
    ({"department": "Eng", "registration": "unregistered"}, ("A5",)),
    ({"level_id": 4, "text": "ελ"}, ("A5",)),  # Greek, folded
    ({"text": "sales"}, ()),  # a department is a filter, not a search term
    ({"text": "--"}, ()),  # punctuation alone matches nobody
    ({"text": "aaaaa3"}, ("A3",)),  # a badge code
    ({"text": "żak łu"}, ("A1",)),  # every word, in any order, accents ignored
])
def test_filters_and_search_combine_in_sql(event: Path, query: dict, expected: tuple[str, ...]) -> None:
    assert _names(event, **query) == _people(*expected)


def test_hub_filter_and_bulk_ids_follow_the_same_rules(event: Path) -> None:
    with open_event(event) as ef, ef.read() as s:
        nyc = s.scalar(select(Hub.id).where(Hub.name == "New York"))
        q = AttendeeQuery(hub_id=nyc, registration="unregistered")
        ids = roster.attendee_ids(s, q)
        assert sorted(s.get(Attendee, i).name for i in ids) == _people("A5", "A6")
        assert roster.attendee_ids(s, AttendeeQuery(hub_id=nyc, level_id=4)) == ids
        assert roster.departments(s) == ["", "-Ops", "Eng", "Sales"]
        with pytest.raises(InvalidInput, match="unknown registration state"):
            roster.count_attendees(s, AttendeeQuery(registration="maybe"))


@pytest.fixture(scope="module")
def crowd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 people in two hubs, so that pages and both ways of reading them can be compared."""
    path = build_small_event(tmp_path_factory.mktemp("crowd") / "crowd.lday", checkins=False)
    firsts = ("Anna", "Ánh", "Ben", "Chen", "Dmitri", "Élodie")
    with open_event(path) as ef, ef.write() as s:
        hubs = list(s.scalars(select(Hub.id).order_by(Hub.id)))
        s.execute(insert(Attendee), [
            {"code": f"C{i:05d}", "name": f"{firsts[i % 6]} Person{i % 7} {i}", "email": f"p{i}@example.com",
             "department": ("Sales", "Eng", "Ops")[i % 3], "hub_id": hubs[i % 2], "level_id": i % 5 + 1,
             "created_utc": AT, "uid": f"00000000-0000-4000-8000-{i:012d}"} for i in range(300)])
    return path


@pytest.mark.parametrize("query", [
    AttendeeQuery(), AttendeeQuery(text="a"), AttendeeQuery(text="person3"), AttendeeQuery(text="an p"),
    AttendeeQuery(text="dm", department="Eng"), AttendeeQuery(level_id=2, registration="unregistered"),
])
def test_sorting_the_matches_and_walking_the_name_index_give_the_same_pages(crowd: Path, query: AttendeeQuery,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    with open_event(crowd) as ef, ef.read() as s:
        total = roster.count_attendees(s, query)
        assert 10 < total <= 306
        assert roster.count_attendees(s, query, cap=7) == 8  # a capped count stops past the cap
        sorted_pages = [roster.attendee_page(s, query, offset=o, limit=40, matches=total) for o in (0, 40, 280)]
        monkeypatch.setattr(roster, "SORT_LIMIT", 5)
        walked = [roster.attendee_page(s, query, offset=o, limit=40) for o in (0, 40, 280)]
    assert walked == sorted_pages
    flat = [r for page in sorted_pages[:2] for r in page]
    assert [(r.name, r.id) for r in flat] == sorted((r.name, r.id) for r in flat)
    assert len(flat) == min(80, total)


@pytest.mark.parametrize("cap", [5, 1000])
def test_first_page_counts_up_to_the_cap_and_agrees_with_the_pages(crowd: Path, cap: int) -> None:
    query = AttendeeQuery(text="an", department="Sales")
    with open_event(crowd) as ef, ef.read() as s:
        total = roster.count_attendees(s, query)
        matches, rows = roster.first_page(s, query, cap=cap, limit=20)
        assert matches == min(total, cap + 1)
        assert rows == roster.attendee_page(s, query, limit=20, matches=total)
        assert all(r.department == "Sales" for r in rows) and len(rows) == min(20, total)


@pytest.mark.parametrize(("order", "descending", "key"), [
    ("email", False, lambda r: (r.email, r.name, r.id)),
    ("email", True, lambda r: (r.email, r.name, r.id)),
    ("department", False, lambda r: (r.department, r.name, r.id)),
    ("level", True, lambda r: (-1 if r.level_id is None else r.level_id, r.name, r.id)),  # NULL sorts lowest
    ("hub", False, lambda r: (r.hub, r.name, r.id)),
    ("name", True, lambda r: (r.name, r.id)),
])
@pytest.mark.parametrize("sort_limit", [5, 2000])  # past the cap too, where names are otherwise walked in order
def test_pages_follow_the_chosen_column_either_way(crowd: Path, order: str, descending: bool, key,
                                                   sort_limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roster, "SORT_LIMIT", sort_limit)
    query = AttendeeQuery(text="a", order=order, descending=descending)
    with open_event(crowd) as ef, ef.read() as s:
        everyone = roster.attendee_page(s, AttendeeQuery(text="a"), limit=1000, matches=0)
        pages = [r for o in (0, 40, 80) for r in roster.attendee_page(s, query, offset=o, limit=40)][:100]
        matches, first = roster.first_page(s, query, cap=sort_limit, limit=40)
    assert len(everyone) > 100
    primary = [key(r)[0] for r in pages]
    assert primary == sorted(primary, reverse=descending)  # the column decides ...
    expected = sorted(everyone, key=lambda r: key(r)[0], reverse=descending)
    assert [key(r)[0] for r in pages] == [key(r)[0] for r in expected[:100]]
    assert first == pages[:40]
    assert matches == min(len(everyone), sort_limit + 1)


def test_an_unknown_sort_column_is_refused(crowd: Path) -> None:
    with open_event(crowd) as ef, ef.read() as s, pytest.raises(InvalidInput, match="cannot sort attendees by"):
        roster.attendee_page(s, AttendeeQuery(order="salary"))
