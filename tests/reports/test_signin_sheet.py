"""The paper sign-in sheet, read back: names sorted with their badge codes, walk-in lines; ticks entered back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from learningday.checkin.paper import enter_ticks, paper_sheet
from learningday.errors import InvalidInput
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn
from learningday.store.models import Session as LearningSession
from reports.signin_sheet import write_signin_sheet
from tests.helpers.backends import Backend
from tests.helpers.small_event import NAMES, TITLES, build_small_event


@pytest.fixture()
def event(backend: Backend) -> Path | str:
    return build_small_event(backend.empty())


def _uid(event: Path, title: str) -> str:
    with open_event(event) as f, f.read() as s:
        return s.query(LearningSession.uid).filter(LearningSession.title == title).scalar()


def test_the_sheet_lists_the_registered_people_sorted_with_their_codes(event: Path, tmp_path: Path) -> None:
    out = tmp_path / "s1.pdf"
    with open_event(event) as f:
        assert write_signin_sheet(f, _uid(event, TITLES[0]), out) == 3
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert TITLES[0] in text and "Walk-ins" in text and "Signature" in text
    # registered: A1 A2 A3 (A4 only waitlisted); sorted by folded name: Latin Ł…, Cyrillic И…, Devanagari अ…
    for who in ("A1", "A3"):
        assert NAMES[who] in text and f"AAAAA{who[1]}" in text
    assert "AAAAA2" in text and "AAAAA4" not in text
    assert text.index("AAAAA1") < text.index("AAAAA3") < text.index("AAAAA2")
    assert not list(tmp_path.glob(".*partial*"))


def test_a_long_list_goes_on_over_pages(tmp_path: Path) -> None:
    from learningday.checkin.paper import PaperSheet
    from learningday.roster.dto import AttendeeRow
    from reports.signin_sheet import render_signin_sheet

    people = tuple(AttendeeRow(i, f"u{i}", f"C{i:05d}", f"Person {i:03d}", "", None, "", "", "Hub", None)
                   for i in range(70))
    out = tmp_path / "long.pdf"
    render_signin_sheet(PaperSheet("Day", "uid", "Big room", "today", ("Fay",), people), out)
    pages = PdfReader(out).pages
    assert len(pages) >= 3
    assert "Person 069" in pages[-1].extract_text() or "Person 069" in pages[-2].extract_text()
    assert all("Big room" in p.extract_text() for p in pages)  # the heading on every page


def test_ticks_are_written_as_paper_check_ins(event: Path) -> None:
    s3 = _uid(event, TITLES[2])  # registered A2, A3; nobody came (by the station)
    with open_event(event) as f, f.write() as s:
        sheet = paper_sheet(s, s3)
        ids = [p.id for p in sheet.people]
        results = enter_ticks(s, s3, ids, station="Paper", facilitator_name="Gus",
                              at_utc=datetime(2027, 3, 11, 15, 0, tzinfo=UTC))
    assert [r.status for r in results] == ["checked_in", "checked_in"]
    with open_event(event) as f, f.read() as s:
        written = s.query(Attendee.code, CheckIn.method).join(Attendee).join(LearningSession).filter(
            LearningSession.uid == s3).all()
        assert sorted(written) == [("AAAAA2", "paper"), ("AAAAA3", "paper")]
    with open_event(event) as f, f.write() as s:  # the same sheet entered twice changes nothing
        again = enter_ticks(s, s3, ids, station="Paper", at_utc=datetime(2027, 3, 11, 15, 5, tzinfo=UTC))
    assert [r.status for r in again] == ["already", "already"]
    with open_event(event) as f, f.write() as s, pytest.raises(InvalidInput, match="no one is ticked"):
        enter_ticks(s, s3, [], station="Paper", at_utc=datetime(2027, 3, 11, 15, 5, tzinfo=UTC))


def test_ticks_typed_in_after_the_day_are_stamped_at_the_session_start(event: Path) -> None:
    s3 = _uid(event, TITLES[2])
    with open_event(event) as f, f.write() as s:
        start = s.query(LearningSession.start_utc).filter(LearningSession.uid == s3).scalar()
        ids = [p.id for p in paper_sheet(s, s3).people]
        # no time given: typed in today, long after the event, the door rules still judge the session itself
        results = enter_ticks(s, s3.upper(), ids, station="Paper")
    assert [r.status for r in results] == ["checked_in", "checked_in"]
    with open_event(event) as f, f.read() as s:
        stamped = {at.replace(tzinfo=UTC) if at.tzinfo is None else at for at in s.scalars(
            s.query(CheckIn.at_utc).join(LearningSession).filter(LearningSession.uid == s3).statement)}
    assert stamped == {start.replace(tzinfo=UTC) if start.tzinfo is None else start}
    with open_event(event) as f, f.write() as s, pytest.raises(InvalidInput, match="no scheduled session"):
        enter_ticks(s, "no-such-session", ids, station="Paper")



def test_the_sheet_reads_on_its_rooms_clock_with_utc_beside(event: Path) -> None:
    with open_event(event) as f, f.read() as s:
        in_the_room = paper_sheet(s, _uid(event, TITLES[0]))  # Big room, in Kathmandu (+05:45)
        online = paper_sheet(s, _uid(event, TITLES[2]))  # a channel with no hub: its target hub, New York (EST)
    assert in_the_room.when.startswith("Thu 11 Mar 2027 09:00–10:00 Kathmandu (03:15–04:15 UTC)")
    assert online.when.startswith("Thu 11 Mar 2027 09:00–10:00 New York (14:00–15:00 UTC)")
