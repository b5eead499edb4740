"""A hub's agenda PDF, read back with pypdf: every session at the hub's local time, under its local date."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from learningday.plan import sessions as agenda
from learningday.plan.dto import SessionDraft
from learningday.plan.export import AgendaScope, local_days, select_agenda
from learningday.store.db import open_event
from learningday.store.models import Hub
from learningday.timeutil import parse_utc
from reports.agenda_pdf import date_heading, write_agenda_pdf
from tests.helpers.backends import Backend
from tests.helpers.small_event import TITLES, at, build_small_event

#: a title in each script a hub may write in (Devanagari without the marks harfbuzz maps to
#: private-use glyphs, which no PDF text layer gives back: see test_report_fonts)
SCRIPT_TITLES = ("人工智能入门", "कला और मशीन", "الذكاء الاصطناعي")


@pytest.fixture(scope="module")
def event_path(module_backend: Backend) -> Path | str:
    """The small event (Kathmandu +05:45, New York -05:00) plus a session over New York's midnight
    (04:30-05:30 UTC = 23:30-00:30 EST) and one title per script, on each backend."""
    path = build_small_event(module_backend.empty(), checkins=False)
    with open_event(path) as event_file, event_file.write() as s:
        agenda.create_session(s, SessionDraft("Across midnight", 2, at(11, 4, 30), 60))
        for hour, title in enumerate(SCRIPT_TITLES, start=16):
            agenda.create_session(s, SessionDraft(title, 1, at(11, hour), 45))
    return path


def _write(event_path: Path, out: Path, hub_name: str, *, letter_size: bool = False) -> str:
    with open_event(event_path) as event_file, event_file.read() as s:
        selection = select_agenda(s, AgendaScope())
    hub = next(h for h in selection.hubs if h.name == hub_name)
    assert write_agenda_pdf(selection.event, hub, selection.levels, selection.rows, out,
                            letter_size=letter_size) == len(selection.rows)
    return " ".join(unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in PdfReader(out).pages)).split())


def _expected(event_path: Path, zone: str) -> list[tuple[str, str, str]]:
    """(date heading, 'HH:MM–HH:MM[ +1]', title) of every scheduled session, by hand with zoneinfo."""
    with open_event(event_path) as event_file, event_file.read() as s:
        rows = agenda.list_sessions(s)
    tz = ZoneInfo(zone)
    found = []
    for r in rows:
        if r.start_utc is None:
            continue
        lo, hi = r.start_utc.astimezone(tz), r.end_utc.astimezone(tz)
        after_midnight = hi.date() > lo.date() and hi.time() != time(0)
        found.append((f"{lo:%A} {lo.day} {lo:%B %Y}", f"{lo:%H:%M}–{hi:%H:%M}" + (" +1" if after_midnight else ""),
                      r.title))
    return found


def _after_its_date(text: str, heading: str, time_and_title: str) -> bool:
    """``time_and_title`` comes after ``heading`` and before the next date heading (or Unscheduled)."""
    at_row = text.find(time_and_title)
    at_heading = text.rfind(heading, 0, at_row)
    if at_row < 0 or at_heading < 0:
        return False
    between = text[at_heading + len(heading):at_row]
    return not any(day in between for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                              "Saturday", "Sunday"))


def test_kathmandu_agenda_shows_each_session_at_plus_0545(event_path: Path, tmp_path: Path) -> None:
    text = _write(event_path, tmp_path / "ktm.pdf", "Kathmandu")
    assert "Kathmandu · UTC+05:45" in text and "Asia/Kathmandu" in text
    # by hand: S1 03:15Z -> 09:00, S2 05:00Z -> 10:45, S3 14:00Z -> 19:45, S4 15:00Z -> 20:45
    for row in (f"09:00–10:00 {TITLES[0]}", f"10:45–12:15 {TITLES[1]}", f"19:45–20:45 {TITLES[2]}",
                f"20:45–21:15 {TITLES[3]}"):
        assert _after_its_date(text, "Thursday 11 March 2027", row), row
    expected = _expected(event_path, "Asia/Kathmandu")
    assert len(expected) == 8
    for heading, times, title in expected:
        assert _after_its_date(text, heading, f"{times} {title}"), (heading, times, title)
    assert "Wednesday" not in text  # the event starts at 02:45 on Thursday in Kathmandu


def test_new_york_agenda_starts_on_the_local_date_before_utcs(event_path: Path, tmp_path: Path) -> None:
    text = _write(event_path, tmp_path / "nyc.pdf", "New York")
    assert "New York · EST (UTC-05:00)" in text
    # S1 is on 11 March in UTC but 22:15 on Wednesday 10 March in New York
    assert _after_its_date(text, "Wednesday 10 March 2027", f"22:15–23:15 {TITLES[0]}")
    # over local midnight: once, under the date it starts, its end marked +1
    assert _after_its_date(text, "Wednesday 10 March 2027", "23:30–00:30 +1 Across midnight")
    assert text.count("Across midnight") == 1
    assert text.index("Wednesday 10 March 2027") < text.index("Thursday 11 March 2027")
    for heading, times, title in _expected(event_path, "America/New_York"):
        assert _after_its_date(text, heading, f"{times}"), (heading, times, title)
        assert title in text
    # the draft is listed after the scheduled sessions, with no time
    assert text.index("Unscheduled") > text.index(TITLES[3]) and "— Draft session" in text


def test_titles_in_cjk_devanagari_and_arabic_come_back_out(event_path: Path, tmp_path: Path) -> None:
    text = _write(event_path, tmp_path / "scripts.pdf", "Kathmandu")
    # 16:00Z, 17:00Z, 18:00Z in Kathmandu: 21:45, 22:45, 23:45 (the last one ends after midnight)
    assert "21:45–22:30 人工智能入门" in text
    assert "22:45–23:30 कला और मशीन" in text
    assert "23:45–00:30 +1 الذكاء الاصطناعي" in text


@pytest.mark.parametrize(("letter_size", "size"), [(False, (595, 842)), (True, (612, 792))])
def test_a4_and_letter_pages(event_path: Path, tmp_path: Path, letter_size: bool, size: tuple[int, int]) -> None:
    out = tmp_path / "agenda.pdf"
    _write(event_path, out, "Kathmandu", letter_size=letter_size)
    pages = PdfReader(out).pages
    assert pages and all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == size for p in pages)


def test_a_long_agenda_has_the_hub_and_page_numbers_on_every_page(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "bangalore.pdf"
    _write(demo_file, out, "Bangalore")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "Bangalore · IST (UTC+05:30)" in page
        assert f"Page {number} of {len(pages)}" in page


def test_local_days_group_by_the_local_start_date(event_path: Path) -> None:
    with open_event(event_path) as event_file, event_file.read() as s:
        rows = agenda.list_sessions(s)
    days = local_days(rows, "America/New_York")
    assert [d.day.day for d in days] == [10, 11]
    late = next(item for d in days for item in d.sessions if item.row.title == "Across midnight")
    assert late.days_later == 1 and late.start.hour == 23 and late.end.hour == 0
    assert sum(len(d.sessions) for d in days) == sum(r.start_utc is not None for r in rows)
    assert date_heading(days[0].day) == "Wednesday 10 March 2027"
    ends_at_midnight = next(item for d in local_days(rows, "Asia/Kathmandu") for item in d.sessions
                            if item.row.title == SCRIPT_TITLES[1])
    assert ends_at_midnight.end.strftime("%H:%M") == "23:30" and ends_at_midnight.days_later == 0


def test_a_session_ending_exactly_at_local_midnight_is_not_marked(event_path: Path,
                                                                  copy_event: Callable[..., Path | str],
                                                                  tmp_path: Path) -> None:
    path = copy_event(event_path)
    with open_event(path) as event_file, event_file.write() as s:  # 17:15Z + 5:45 = 23:00 in Kathmandu
        agenda.create_session(s, SessionDraft("Until midnight", 3, at(11, 17, 15), 60))
    text = _write(path, tmp_path / "m.pdf", "Kathmandu")
    assert "23:00–00:00 Until midnight" in text


def test_a_hub_whose_clock_changes_during_the_event_shows_both_offsets(backend: Backend, tmp_path: Path) -> None:
    """Chicago springs forward at 08:00 UTC on 14 March 2027 (02:00 CST -> 03:00 CDT)."""
    path = backend.create_event(name="DST day", start_utc=parse_utc("2027-03-14T05:00Z"))
    with open_event(path) as event_file, event_file.write() as s:
        s.add(Hub(name="Chicago", zone="America/Chicago", position=1))
        s.flush()
        agenda.create_session(s, SessionDraft("Across the jump", 1, parse_utc("2027-03-14T07:30Z"), 60))
        agenda.create_session(s, SessionDraft("After the jump", 1, parse_utc("2027-03-14T09:00Z"), 60))
    text = _write(path, tmp_path / "chicago.pdf", "Chicago")
    assert "Chicago · CST (UTC-06:00), then CDT (UTC-05:00)" in text
    # one hour of UTC, two on the wall clock: each end names its clock (issue 13, item 5)
    assert "01:30 CST– 03:30 CDT Across the jump" in text  # one end a line
    assert "04:00–05:00 CDT After the jump" in text
