"""A day across the EU clock change, a +05:45 hub and availability across midnight, checked with zoneinfo."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from learningday.plan.planner import PlanOptions, allowed_starts
from learningday.plan.planner.propose import plan_inputs
from learningday.timeutil import parse_utc
from tests.core.plan.planner.inputs import channel, hub, inputs, person, session

# 2027-03-28 01:00 UTC: London and Berlin spring forward inside this window
START = parse_utc("2027-03-27T12:00Z")
HUBS = [hub(1, "London", "Europe/London"), hub(2, "Berlin", "Europe/Berlin"), hub(3, "Kathmandu", "Asia/Kathmandu"),
        hub(4, "New York", "America/New_York")]


def _event():
    people = [person(1, "Ann", "Europe/London"), person(2, "Bo", "Europe/Berlin"),
              person(3, "Sita", "Asia/Kathmandu"),
              # availability 20:00-02:00 runs past midnight; her night (22:00-07:00) leaves 20:00-22:00
              person(4, "Nia", "America/New_York", (20 * 60, 2 * 60))]
    sessions = [session(10 + k, 1 + k % 5, 45, (1 + k % 3,), (1 + k % 3,), venue=90) for k in range(9)]
    sessions.append(session(30, 2, 60, (4,), (4,), venue=90))
    return inputs(START, 36, HUBS, people, sessions, venues=[channel(90), channel(91)], grid=15)


def _local(instant, zone):
    return instant.astimezone(ZoneInfo(zone))


def test_each_session_lands_inside_its_hubs_working_day_on_its_local_date() -> None:
    event = _event()
    result = plan_inputs(event, PlanOptions(time_limit=5))
    assert result.status == "optimal" and not result.unplaced
    zones = {h.id: h.zone for h in HUBS}
    by_uid = {s.uid: s for s in event.sessions}
    for p in result.placements:
        s = by_uid[p.uid]
        assert p.start_utc.minute % 15 == 0
        if s.facilitator_ids == (4,):  # Nia: inside her 20:00-22:00 (her night takes the rest)
            lo, hi = _local(p.start_utc, "America/New_York"), _local(p.end_utc, "America/New_York")
            assert lo.date() == hi.date()
            assert 20 * 60 <= lo.hour * 60 + lo.minute and hi.hour * 60 + hi.minute <= 22 * 60
            continue
        for hid in s.hub_ids:
            lo, hi = _local(p.start_utc, zones[hid]), _local(p.end_utc, zones[hid])
            assert lo.date() == hi.date(), (p, zones[hid])
            assert 9 * 60 <= lo.hour * 60 + lo.minute and hi.hour * 60 + hi.minute <= 17 * 60, (p, lo, hi)
    kathmandu = [p for p in result.placements if by_uid[p.uid].hub_ids == (3,)]
    assert kathmandu and all(_local(p.start_utc, "Asia/Kathmandu").minute % 15 == 0 for p in kathmandu)
    meant = {(s.level_id, h) for s in event.sessions for h in s.hub_ids if s.facilitator_ids != (4,)}
    assert all((c.level_id, c.hub_id) not in meant for c in result.coverage_gaps)


def test_bands_show_allowed_starts_nights_and_working_hours() -> None:
    event = _event()
    bands = allowed_starts(event, "uid-30")
    assert bands.minutes == 60 and bands.grid_minutes == 15
    ny = ZoneInfo("America/New_York")
    for lo, hi in bands.allowed:  # every allowed start lets the hour end by 22:00 New York time
        last = hi - timedelta(minutes=15)
        assert _local(lo, "America/New_York").hour >= 20
        assert (last + timedelta(minutes=60)).astimezone(ny).hour * 60 <= 22 * 60
    assert {kind for name, kind, _, _ in bands.unavailable} == {"night", "unavailable"}
    assert all(name == "Nia" for name, *_ in bands.unavailable)
    assert {name for name, _, _ in bands.working} == {"New York"}
    # London's working day on the 28th starts at 09:00 BST, 08:00 UTC: after the clock change
    london = allowed_starts(event, "uid-10")
    days = [lo for name, lo, _ in london.working if name == "London"]
    assert parse_utc("2027-03-28T08:00Z") in days
