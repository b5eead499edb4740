"""Attendance reports import to hand-computed minutes; the same file twice, or two files in either order, agree."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from learningday.attendance.recording import apply_import, confirm, import_attendance, plan_import, review_key
from learningday.attendance.rule import minutes_attended, presences
from learningday.errors import InvalidInput
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC
from tests import DATA

FILES = DATA / "attendance"
TEAMS, ZOOM, MEET = FILES / "teams_across_dst.csv", FILES / "zoom_chicago.csv", FILES / "meet_durations.csv"
WEBEX = FILES / "webex_chicago.csv"
NOW = datetime(2026, 10, 26, 9, 0, tzinfo=UTC)


def _import(path: Path, files: list[Path], **options) -> object:
    with open_event(path) as event_file, event_file.write() as s:
        return import_attendance(s, files, at_utc=NOW, **options)


def _minutes(path: Path, title: str) -> dict[str, int]:
    with open_event(path) as event_file, event_file.read() as s:
        sid = s.scalar(select(LearningSession.id).where(LearningSession.title == title))
        names = dict(s.execute(select(Attendee.id, Attendee.name)).all())
        return {names[aid]: p.minutes for (aid, s_id), p in presences(s, [sid]).items()}


def _log_size(path: Path) -> int:
    with open_event(path) as event_file, event_file.read() as s:
        return s.scalar(select(func.count()).select_from(CheckIn))


def test_teams_utf16_sections_across_the_dst_change(autumn: Path) -> None:
    # London, 25 Oct 2026: 01:00-01:59 happens twice; the session runs 23:30-01:00 UTC (00:30 BST-01:00 GMT).
    # Ana: 23:29-00:10 (1:10 read in BST, inside the session) and 00:40-01:05 (rejoin 1:40 BST; the leave 1:05
    # must follow it, so GMT): 40 + 20 minutes inside the session. Dev: 10. Bobby (Robert's nickname) waits.
    result = _import(autumn, [TEAMS])
    plan = result.files[0]
    assert (plan.platform, plan.session_title, plan.zone, plan.session_sure) == (
        "teams", "Across the change", "Europe/London", True)
    got = {p.name: (p.match, p.minutes, p.late, p.left_early) for p in plan.people}
    assert got == {"Ana Silva": ("email", 60, False, False), "Bobby Jones": ("fuzzy", 45, True, True),
                   "Visitor (Guest)": ("none", 45, False, True), "dev  PATEL": ("name", 10, False, True)}
    assert (result.matched, result.entries_written) == (2, 2)
    assert [p.attendee_name for p in result.fuzzy_pending] == ["Robert Jones"]
    assert [p.name for p in result.unmatched] == ["Visitor (Guest)"]
    assert sum("ambiguous" in note for note in plan.notes) == 5  # 1:10, 1:40, 1:05, 1:30, 1:15
    assert _minutes(autumn, "Across the change") == {"Ana Silva": 60, "Dev Patel": 10}


def test_zoom_meeting_block_rejoins_and_email_case(autumn: Path) -> None:
    # Chicago (CDT, UTC-5), session 14:00-15:00 UTC. Ana 08:58-09:20 + 09:25-10:02 -> 20 + 35.
    result = _import(autumn, [ZOOM])
    assert (result.files[0].platform, result.files[0].session_title) == ("zoom", "Chicago only")
    assert _minutes(autumn, "Chicago only") == {"Ana Silva": 55, "Eve Moss": 20, "Dev Patel": 60}


def test_three_duration_formats_without_leave_times(autumn: Path) -> None:
    result = _import(autumn, [MEET])
    assert result.files[0].platform == "meet"
    assert _minutes(autumn, "Chicago only") == {"Ana Silva": 40, "Eve Moss": 25, "Dev Patel": 35}


def test_webex_rejoin_clipped_to_the_session(autumn: Path) -> None:
    # Chicago, session 09:00-10:00 CDT: Ana 09:05-09:30 + 09:40-10:10 -> 25 + 20; Robert 08:55-09:50 -> 50
    result = _import(autumn, [WEBEX])
    assert (result.files[0].platform, result.files[0].session_title) == ("webex", "Chicago only")
    assert _minutes(autumn, "Chicago only") == {"Ana Silva": 45, "Robert Jones": 50}


def test_the_same_file_twice_changes_nothing(autumn: Path) -> None:
    _import(autumn, [ZOOM])
    size = _log_size(autumn)
    again = _import(autumn, [ZOOM])
    assert again.entries_written == 0 and _log_size(autumn) == size


def test_two_files_of_one_session_in_either_order_agree(autumn: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.lday"
    shutil.copyfile(autumn, other)
    _import(autumn, [ZOOM, MEET])
    _import(other, [MEET])
    _import(other, [ZOOM])
    # merged across the files: Ana 13:58-14:20 + 14:25-15:02 (Zoom) with 14:00-14:40:30 (Meet) leaves no gap: 60;
    # Eve 14:10-14:30 (Zoom) with 14:00-14:25 (Meet): 14:00-14:30, 30; Dev 60 (Zoom) covers his 35 (Meet)
    assert _minutes(autumn, "Chicago only") == _minutes(other, "Chicago only") == {
        "Ana Silva": 60, "Eve Moss": 30, "Dev Patel": 60}


def test_a_corrected_file_replaces_its_entries_by_undo_entries(autumn: Path, tmp_path: Path) -> None:
    _import(autumn, [ZOOM])
    size = _log_size(autumn)
    corrected = tmp_path / ZOOM.name
    corrected.write_text(ZOOM.read_text(encoding="utf-8").replace("09:30:00 AM,20", "09:50:00 AM,40"),
                         encoding="utf-8")
    result = _import(autumn, [corrected])
    assert (result.entries_undone, result.entries_written) == (3, 3)
    assert _log_size(autumn) == size + 6  # nothing deleted
    assert _minutes(autumn, "Chicago only") == {"Ana Silva": 55, "Eve Moss": 40, "Dev Patel": 60}


def test_an_unreadable_file_refuses_the_import_and_changes_nothing(autumn: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.csv"
    bad.write_text("just,some\nwords,here\n", encoding="utf-8")
    before = autumn.read_bytes()
    with pytest.raises(InvalidInput, match="no attendance table"):
        _import(autumn, [ZOOM, bad])
    assert autumn.read_bytes() == before


def test_fuzzy_matches_wait_for_review_then_confirmed_are_written(autumn: Path) -> None:
    with open_event(autumn) as event_file, event_file.write() as s:
        plans = plan_import(s, [TEAMS])
        bobby = next(p for p in plans[0].people if p.match == "fuzzy")
        apply_import(s, confirm(plans, {review_key(plans[0], bobby): True}), at_utc=NOW)
    assert _minutes(autumn, "Across the change")["Robert Jones"] == 45
    with open_event(autumn) as event_file, event_file.read() as s:
        rob = s.scalar(select(Attendee.id).where(Attendee.name == "Robert Jones"))
        sid = s.scalar(select(LearningSession.id).where(LearningSession.title == "Across the change"))
        assert minutes_attended(s, attendee_id=rob, session_id=sid) == 45


def test_a_rejected_fuzzy_match_and_the_guest_become_walk_ins_in_one_action(autumn: Path) -> None:
    with open_event(autumn) as event_file, event_file.write() as s:
        plans = plan_import(s, [TEAMS])
        bobby = next(p for p in plans[0].people if p.match == "fuzzy")
        result = apply_import(s, confirm(plans, {review_key(plans[0], bobby): False}), at_utc=NOW, add_walk_ins=True)
    assert result.walk_ins_added == 2
    minutes = _minutes(autumn, "Across the change")
    assert (minutes["Bobby Jones"], minutes["Visitor (Guest)"]) == (45, 45)
    assert _import(autumn, [TEAMS], add_walk_ins=True).entries_written == 0  # walk-ins now match by name


def test_an_unclear_session_is_refused_until_given(autumn: Path, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text(MEET.read_text(encoding="utf-8").replace("2026-10-24 09:00", "2026-10-24 11:00"),
                   encoding="utf-8")
    with pytest.raises(InvalidInput, match="--session"):
        _import(autumn, [odd])
    with open_event(autumn) as event_file, event_file.read() as s:
        uid = s.scalar(select(LearningSession.uid).where(LearningSession.title == "Chicago only"))
    assert _import(autumn, [odd], session_uid=uid, zone="America/Chicago").entries_written == 3
