"""`learningday now --at`: what runs now and next per hub, checked by hand at three instants."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from learningday.checkin import log
from learningday.plan.sessions import list_sessions
from learningday.store.db import open_event
from tests.helpers.backends import Backend
from tests.helpers.cli import refused, run
from tests.helpers.dst_event import build_dst_event


def _now(capsys: pytest.CaptureFixture[str], event: Path, at: str) -> dict[str, dict]:
    status, out, err = run(capsys, "now", str(event), "--at", at, "--json")
    assert status == 0, err
    return {hub["hub"]: hub for hub in json.loads(out)["hubs"]}


def _spans(sessions: list[dict]) -> list[tuple[str, str]]:
    return [(s["start_utc"][11:16], s["local"]) for s in sessions]


def test_inside_the_spring_clock_change(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        backend: Backend) -> None:
    from learningday.demo.build import build_demo

    # the demo's day from Sat 27 March 2027 21:00 UTC; London goes from GMT to BST at 01:00 UTC on the 28th
    event = backend.take(build_demo(tmp_path / "spring.lday", attendees=50, seed=3,
                                    start=datetime(2027, 3, 27, 21, 0, tzinfo=UTC)))
    hubs = _now(capsys, event, "2027-03-28T08:30Z")
    london = hubs["London"]
    # 08:30 UTC is 09:30 on the BST clock; the room session from 08:00 UTC is 09:00-10:00 BST (not 08:00 GMT),
    # marked BST because the day began on GMT
    assert (london["local_time"], london["clock"]) == ("Sun 28 09:30", "BST (UTC+01:00)")
    assert _spans(london["now"]) == [("08:00", "09:00–10:00 BST")]
    assert {(s["start_utc"][11:16], s["local"][:11]) for s in london["next"]} == {("09:30", "10:30–12:00"),
                                                                                   ("09:30", "10:30–11:30")}
    # New York changed on the 14th, before the day began: its times carry no mark
    assert hubs["New York"]["local_time"] == "Sun 28 04:30"
    assert _spans(hubs["New York"]["next"]) == [("13:00", "09:00–10:00")]


def test_a_hub_at_plus_five_forty_five(capsys: pytest.CaptureFixture[str], tmp_path: Path, backend: Backend) -> None:
    event = backend.take(build_dst_event(tmp_path / "autumn.lday"))
    hubs = _now(capsys, event, "2026-10-25T03:20Z")
    kathmandu = hubs["Kathmandu"]
    # 03:20 UTC + 5:45 = 09:05; "Kathmandu only" runs 03:00-04:00 UTC = 08:45-09:45
    assert (kathmandu["local_time"], kathmandu["clock"]) == ("Sun 25 09:05", "UTC+05:45")
    assert [(s["title"], s["local"]) for s in kathmandu["now"]] == [("Kathmandu only", "08:45–09:45")]
    assert kathmandu["next"] == []
    # "For everyone" (02:00-03:00 UTC) has ended; London shows nothing now, on its GMT clock
    assert hubs["London"]["now"] == [] and hubs["London"]["clock"] == "GMT (UTC+00:00)"


def test_a_hub_on_the_previous_local_date(capsys: pytest.CaptureFixture[str], demo_file: Path) -> None:
    # the demo's day begins Wed 10 March 2027 21:00 UTC; at 02:00 UTC on Thursday 11th New York (EST) is
    # still on Wednesday 10th, 21:00, and its next session is its 09:00 room session: 14:00 UTC on the 11th
    hubs = _now(capsys, demo_file, "2027-03-11T02:00Z")
    new_york = hubs["New York"]
    assert (new_york["local_time"], new_york["clock"]) == ("Wed 10 21:00", "EST (UTC-05:00)")
    assert new_york["now"] == []
    assert _spans(new_york["next"]) == [("14:00", "09:00–10:00")]
    assert hubs["Sydney"]["local_time"] == "Thu 11 13:00"  # the other way: already Thursday afternoon


def test_facilitator_missing_until_they_sign_in(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                backend: Backend) -> None:
    event = backend.take(build_dst_event(tmp_path / "autumn.lday"))
    status, out, _ = run(capsys, "now", str(event), "--at", "2026-10-25T01:50Z", "--json")
    assert [s["title"] for s in json.loads(out)["facilitator_missing"]] == ["For everyone"]  # 02:00, Owl
    with open_event(event) as f, f.write() as s:
        uid = next(r.uid for r in list_sessions(s) if r.title == "For everyone")
        # the station's facilitator is Owl: a walk-in checked in by them says Owl is at the door
        log.walk_in(s, name="Ann Early", email="ann@example.com", hub=None, session_uid=uid, station="Door",
                    facilitator_name="Owl", at_utc=datetime(2026, 10, 25, 1, 45, tzinfo=UTC))
    status, out, _ = run(capsys, "now", str(event), "--at", "2026-10-25T01:50Z")
    assert status == 0 and "no facilitator" not in out


def test_a_bad_instant_is_refused(capsys: pytest.CaptureFixture[str], demo_file: Path) -> None:
    err = refused(capsys, demo_file, "now", str(demo_file), "--at", "half past nine", "--json")
    assert "not an ISO 8601 date and time" in err
