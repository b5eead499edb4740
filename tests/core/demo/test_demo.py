"""The demo event: realistic, world-wide, many scripts, and the same for the same seed."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from learningday.demo.build import build_demo
from learningday.errors import Cancelled, InvalidInput
from learningday.roster.codes import ALPHABET, LENGTH, looks_like_code, normalise_code
from learningday.setup.event import create_event_file, event_summary
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, Hub, Session, session_hubs
from learningday.timeutil import offset_label, to_local


def _scripts(names: list[str]) -> set[str]:
    found = set()
    for name in names:
        for ch in name:
            if ch.isalpha():
                found.add(unicodedata.name(ch, "?").split()[0])
    return found


def test_demo_is_world_wide_and_covers_every_level(demo_template: Path) -> None:
    with open_event(demo_template) as event_file, event_file.read() as session:
        summary = event_summary(session)
        sessions = session.scalars(select(Session)).all()
        coverage = session.execute(
            select(Hub.name, Hub.zone, Session.level_id, Session.start_utc, Session.duration_minutes)
            .join(session_hubs, session_hubs.c.hub_id == Hub.id)
            .join(Session, Session.id == session_hubs.c.session_id)
        ).all()
    start, end = summary.event.start_utc, summary.event.end_utc
    assert len(summary.hubs) >= 6 and summary.sessions >= 40 and len(summary.levels) == 5
    offsets = {offset_label(start, h.zone) for h in summary.hubs}
    assert offsets & {"UTC+05:30", "UTC+05:45"}
    assert any(h.zone.startswith(("Australia/", "America/Sao_Paulo", "Africa/Johannesburg")) for h in summary.hubs)
    assert {s.level_id for s in sessions} == {1, 2, 3, 4, 5}
    assert all(start <= s.start_utc and s.start_utc + timedelta(minutes=s.duration_minutes) <= end for s in sessions)
    # Most hubs get every level inside their own 09:00-17:00.
    levels_in_hours: dict[str, set[int]] = {}
    for hub, zone, level, begins, minutes in coverage:
        local = to_local(begins, zone)
        if 9 * 60 <= local.hour * 60 + local.minute and local.hour * 60 + local.minute + minutes <= 17 * 60:
            levels_in_hours.setdefault(hub, set()).add(level)
    full = [hub for hub, levels in levels_in_hours.items() if levels == {1, 2, 3, 4, 5}]
    assert len(full) >= len(summary.hubs) - 2
    assert summary.registrations > summary.attendees * 0.8
    assert 0.5 < summary.checkins / summary.registrations < 0.95
    assert summary.checkin_log_entries > summary.checkins  # the log also holds undo entries


def test_demo_names_come_in_many_scripts(demo_template: Path) -> None:
    with open_event(demo_template) as event_file, event_file.read() as session:
        names = list(session.scalars(select(Attendee.name)))
        emails = list(session.scalars(select(Attendee.email)))
    scripts = _scripts(names)
    assert {"LATIN", "CYRILLIC", "CJK", "DEVANAGARI", "ARABIC"} <= scripts
    assert any(ch in "".join(names) for ch in "éãçüłżñö")
    assert all(re.fullmatch(r"[a-z0-9.]+@example\.com", e) for e in emails)
    assert len(set(emails)) == len(emails)


def test_codes_are_unique_short_and_typeable(demo_template: Path) -> None:
    with open_event(demo_template) as event_file, event_file.read() as session:
        codes = list(session.scalars(select(Attendee.code)))
    assert len(codes) == len(set(codes)) == 1000
    assert all(len(c) == LENGTH and set(c) <= set(ALPHABET) for c in codes)
    assert normalise_code(" " + codes[0].lower()[:3] + "-" + codes[0][3:] + "\n") == codes[0]
    assert looks_like_code(codes[0]) and not looks_like_code("O0O0O0")


def test_check_ins_point_at_real_people_and_undo_real_entries(demo_template: Path) -> None:
    with open_event(demo_template) as event_file, event_file.read() as session:
        orphans = session.scalar(
            select(func.count()).select_from(CheckIn).where(~CheckIn.attendee_id.in_(select(Attendee.id)))
        )
        uids = set(session.scalars(select(CheckIn.uid)))
        undone = session.scalars(select(CheckIn.reverses_uid).where(CheckIn.kind == "undo")).all()
    assert orphans == 0
    assert undone and set(undone) <= uids


def _dump(path: Path) -> list[tuple]:
    with open_event(path) as event_file, event_file.read() as session:
        people = session.execute(select(Attendee.uid, Attendee.code, Attendee.name, Attendee.email)).all()
        log = session.execute(select(CheckIn.uid, CheckIn.kind, CheckIn.at_utc)).all()
        return [event_summary(session), *people, *log]


def test_same_seed_same_event_other_seed_other_event(tmp_path: Path) -> None:
    a = build_demo(tmp_path / "a.lday", attendees=150, seed=5)
    b = build_demo(tmp_path / "b.lday", attendees=150, seed=5)
    c = build_demo(tmp_path / "c.lday", attendees=150, seed=6)
    assert _dump(a) == _dump(b)
    assert _dump(a) != _dump(c)


def test_demo_replaces_a_demo_but_never_a_real_event(tmp_path: Path) -> None:
    demo = build_demo(tmp_path / "d.lday", attendees=10, seed=1)
    build_demo(demo, attendees=20, seed=1)
    with open_event(demo) as event_file, event_file.read() as session:
        assert event_summary(session).attendees == 20
    real = create_event_file(tmp_path / "real.lday", name="Our AI Day", start_utc=event_summary_start(demo))
    before = real.read_bytes()
    with pytest.raises(InvalidInput, match="not a demo event"):
        build_demo(real, attendees=10)
    assert real.read_bytes() == before


def event_summary_start(path: Path):
    with open_event(path) as event_file, event_file.read() as session:
        return event_summary(session).event.start_utc


@pytest.mark.parametrize("count", [-1, 10_000_001])
def test_demo_refuses_impossible_sizes(tmp_path: Path, count: int) -> None:
    with pytest.raises(InvalidInput, match="--attendees"):
        build_demo(tmp_path / "x.lday", attendees=count)
    assert list(tmp_path.iterdir()) == []


def test_cancelled_demo_leaves_no_file(tmp_path: Path) -> None:
    seen: list[float] = []
    with pytest.raises(Cancelled, match="demo generation cancelled"):
        build_demo(tmp_path / "x.lday", attendees=20_000, progress=lambda f, _m: seen.append(f),
                   cancel=lambda: len(seen) > 3)
    assert list(tmp_path.iterdir()) == []
    assert seen and seen == sorted(seen)
