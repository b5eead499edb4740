"""`learningday agenda` and `learningday check` through ui.cli.main.main."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from learningday.plan.dto import SessionDraft
from learningday.plan.sessions import create_session
from learningday.store.db import open_event
from tests.helpers.cli import run
from tests.helpers.planning import Small, at


def test_agenda_json_in_a_hubs_local_time(capsys, demo_file: Path) -> None:
    status, out, err = run(capsys, "agenda", str(demo_file), "--zone", "bangalore", "--json")
    assert status == 0 and err == ""
    sessions = json.loads(out)
    assert len(sessions) >= 40  # --zone shows every session, not only Bangalore's
    for s in sessions:
        assert {"uid", "title", "level", "venue", "start_utc", "end_utc", "start_local", "end_local"} <= set(s)
        start_utc, start_local = datetime.fromisoformat(s["start_utc"]), datetime.fromisoformat(s["start_local"])
        assert start_utc == start_local and start_local.utcoffset() == timedelta(hours=5, minutes=30)
        assert datetime.fromisoformat(s["end_local"]) - start_local == timedelta(minutes=s["duration_minutes"])
    assert len({s["venue"] for s in sessions}) > 5


def test_agenda_filters_by_audience_and_level(capsys, demo_file: Path) -> None:
    _, out, _ = run(capsys, "agenda", str(demo_file), "--json")
    everything = json.loads(out)
    status, out, _ = run(capsys, "agenda", str(demo_file), "--for-hub", "Tokyo", "--level", "3", "--json")
    chosen = json.loads(out)
    assert status == 0 and 0 < len(chosen) < len(everything)
    assert all(s["level"] == 3 and (not s["target_hubs"] or "Tokyo" in s["target_hubs"]) for s in chosen)
    assert all(s["start_local"] == s["start_utc"] for s in chosen)  # no --zone: UTC


def test_agenda_text_groups_by_local_date(capsys, demo_file: Path) -> None:
    status, out, _ = run(capsys, "agenda", str(demo_file), "--zone", "New York")
    assert status == 0
    assert "times in New York, EST (UTC-05:00)" in out
    assert "Wed 10 Mar 2027" in out and "Thu 11 Mar 2027" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--zone", "Atlantis"], "--zone: 'Atlantis' is neither a hub nor an IANA time zone"),
    (["--for-hub", "Atlantis"], "--for-hub: no hub called 'Atlantis'"),
    (["--hub", "Tokyo"], "--hub is gone: write --zone 'Tokyo' for the times on its clock, --for-hub 'Tokyo'"),
    (["--audience", "Tokyo"], "--audience is gone: write --for-hub 'Tokyo' for only its sessions"),
    (["--level", "6"], "there is no level 6"),
])
def test_agenda_unknown_hub_or_level_exits_2(capsys, demo_file: Path, argv: list[str], message: str) -> None:
    status, out, err = run(capsys, "agenda", str(demo_file), *argv)
    assert status == 2 and out == "" and message in err


def test_agenda_zone_takes_an_iana_zone_and_utc(capsys, demo_file: Path) -> None:
    status, out, _ = run(capsys, "agenda", str(demo_file), "--zone", "Asia/Kathmandu", "--json")
    sessions = json.loads(out)
    assert status == 0 and {s["zone"] for s in sessions} == {"Asia/Kathmandu"}
    assert all(datetime.fromisoformat(s["start_local"]).utcoffset() == timedelta(hours=5, minutes=45)
               for s in sessions if s["start_local"])
    status, out, _ = run(capsys, "agenda", str(demo_file), "--zone", "Asia/Kathmandu")
    assert status == 0 and "times in Asia/Kathmandu, UTC+05:45\n" in out
    assert run(capsys, "agenda", str(demo_file), "--zone", "UTC")[1] == run(capsys, "agenda", str(demo_file))[1]


def test_check_on_the_demo_reports_coverage_and_warnings(capsys, demo_file: Path) -> None:
    status, out, err = run(capsys, "check", str(demo_file), "--json")
    report = json.loads(out)
    assert set(report) >= {"conflicts", "coverage"}
    assert report["conflicts"] and {c["kind"] for c in report["conflicts"]} == {"level_overlap"}
    assert status == 3 and err == ""
    assert all(set(c) >= {"kind", "sessions", "message"} for c in report["conflicts"])
    cells = report["coverage"]
    assert len(cells) == 50 and all(set(c) >= {"level", "hub", "count", "minimum"} for c in cells)
    assert {c["hub"] for c in cells} >= {"Bangalore", "New York", "Sydney"}
    status, out, _ = run(capsys, "check", str(demo_file), "--minimum", "3", "--json")
    assert any(c["count"] < 3 and c["gap"] for c in json.loads(out)["coverage"])


def test_check_exits_0_on_a_clean_agenda_and_3_on_a_double_booking(capsys, small: Small) -> None:
    def add(title: str, hours: float) -> None:
        with open_event(small.path) as ef, ef.write() as s:
            create_session(s, SessionDraft(title=title, level_id=1, start_utc=at(hours), duration_minutes=60,
                                           venue_id=small.venues["Room B"], hub_ids=(small.hubs["London"],)))

    add("Morning", 13)
    status, out, _ = run(capsys, "check", str(small.path))
    assert status == 0 and out.startswith("0 conflicts") and "London" in out
    add("Clash", 13.5)
    status, out, _ = run(capsys, "check", str(small.path), "--json")
    kinds = sorted(c["kind"] for c in json.loads(out)["conflicts"])
    assert status == 3 and kinds == ["level_overlap", "venue_double_booked"]


def test_check_night_option(capsys, small: Small) -> None:
    with open_event(small.path) as ef, ef.write() as s:  # Raj, 05:30 IST
        create_session(s, SessionDraft(title="Early", level_id=1, start_utc=at(3), duration_minutes=60,
                                       facilitator_ids=(small.facilitators["Raj"],)))
    assert run(capsys, "check", str(small.path))[0] == 3
    assert run(capsys, "check", str(small.path), "--night", "23:00-05:00")[0] == 0
    with pytest.raises(SystemExit) as caught:
        run(capsys, "check", str(small.path), "--night", "25:00-05:00")
    assert caught.value.code == 2
