"""Hub clocks: round trips, DST gaps and folds, odd offsets, working and night windows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learningday.setup.clock import (
    clock_label,
    date_changes,
    local_date,
    local_time,
    night_windows,
    wall_to_utc,
    working_windows,
)
from learningday.timeutil import UTC, parse_utc

HUB_ZONES = (
    "Pacific/Kiritimati", "Pacific/Chatham", "Australia/Lord_Howe", "Australia/Sydney", "Asia/Tokyo",
    "Asia/Singapore", "Asia/Kathmandu", "Asia/Kolkata", "Asia/Dubai", "Europe/Sofia", "Europe/Berlin",
    "Europe/London", "America/Sao_Paulo", "America/St_Johns", "America/New_York", "America/Chicago",
    "America/Los_Angeles", "Pacific/Honolulu", "UTC",
)
YEAR_START = datetime(2027, 1, 1, tzinfo=UTC)
SLOTS_IN_YEAR = 365 * 288
Z = parse_utc


def minute_of(local: datetime) -> int:
    return local.hour * 60 + local.minute


def wall(instant: datetime, zone_name: str) -> tuple[date, int]:
    local = local_time(instant, zone_name)
    return local.date(), minute_of(local)


def assert_utc_round_trip(instant: datetime, zone_name: str) -> None:
    local = local_time(instant, zone_name)
    back = wall_to_utc(local.date(), minute_of(local), zone_name)
    if local.fold == 0:
        assert back == instant, (zone_name, instant, local)
    else:  # the second occurrence of a repeated wall time maps to the first one
        assert back < instant and wall(back, zone_name) == (local.date(), minute_of(local))


def assert_local_round_trip(day: date, minute: int, zone_name: str) -> None:
    instant = wall_to_utc(day, minute, zone_name)
    shown = wall(instant, zone_name)
    if shown != (day, minute):  # a wall time in a gap: the instant is the jump itself
        assert shown > (day, minute)
        assert wall(instant - timedelta(seconds=1), zone_name) < (day, minute)


@settings(max_examples=400, deadline=None)
@given(slot=st.integers(0, SLOTS_IN_YEAR - 1), zone_name=st.sampled_from(HUB_ZONES))
def test_utc_to_local_and_back_for_any_five_minute_slot(slot: int, zone_name: str) -> None:
    assert_utc_round_trip(YEAR_START + timedelta(minutes=5 * slot), zone_name)


@settings(max_examples=400, deadline=None)
@given(days=st.integers(0, 364), minute=st.integers(0, 287).map(lambda k: 5 * k),
       zone_name=st.sampled_from(HUB_ZONES))
def test_local_to_utc_and_back_for_any_five_minute_slot(days: int, minute: int, zone_name: str) -> None:
    assert_local_round_trip(date(2027, 1, 1) + timedelta(days=days), minute, zone_name)


@pytest.mark.parametrize("start", ["2027-03-13T18:00Z", "2027-10-30T12:00Z", "2027-04-03T12:00Z",
                                   "2027-10-02T06:00Z", "2027-09-25T06:00Z", "2027-03-10T21:00Z"])
def test_every_slot_of_a_dst_event_round_trips_in_every_hub(start: str) -> None:
    for zone_name in HUB_ZONES:
        for k in range(288):
            assert_utc_round_trip(Z(start) + timedelta(minutes=5 * k), zone_name)
        first = local_date(Z(start), zone_name)
        for day in (first, first + timedelta(days=1)):
            for minute in range(0, 1440, 5):
                assert_local_round_trip(day, minute, zone_name)


def test_chicago_spring_forward_uses_each_dates_own_offset() -> None:
    start, end = Z("2027-03-13T18:00Z"), Z("2027-03-14T18:00Z")
    work = working_windows(start, end, "America/Chicago", 9 * 60, 17 * 60)
    assert [(w.day, w.start, w.end) for w in work] == [
        (date(2027, 3, 13), Z("2027-03-13T18:00Z"), Z("2027-03-13T23:00Z")),  # CST, clipped at start
        (date(2027, 3, 14), Z("2027-03-14T14:00Z"), Z("2027-03-14T18:00Z")),  # CDT: 09:00 is 14:00Z
    ]
    # 02:30 does not exist on the 14th: it maps to the jump at 02:00 CST = 08:00Z.
    assert wall_to_utc(date(2027, 3, 14), 150, "America/Chicago") == Z("2027-03-14T08:00Z")
    (night,) = night_windows(start, end, "America/Chicago")
    assert (night.start, night.end, night.minutes) == (Z("2027-03-14T04:00Z"), Z("2027-03-14T12:00Z"), 8 * 60)
    assert clock_label(start, "America/Chicago") == "CST (UTC-06:00)"
    assert clock_label(end, "America/Chicago") == "CDT (UTC-05:00)"


def test_eu_autumn_change_repeated_hour_and_longer_night() -> None:
    start, end = Z("2027-10-30T12:00Z"), Z("2027-10-31T12:00Z")
    # Berlin: 03:00 CEST -> 02:00 CET at 01:00Z; 02:30 happens at 00:30Z and 01:30Z.
    assert wall_to_utc(date(2027, 10, 31), 150, "Europe/Berlin") == Z("2027-10-31T00:30Z")
    (night,) = night_windows(start, end, "Europe/Berlin")
    assert (night.start, night.end, night.minutes) == (Z("2027-10-30T20:00Z"), Z("2027-10-31T06:00Z"), 10 * 60)
    work = working_windows(start, end, "Europe/Berlin", 9 * 60, 17 * 60)
    assert [(w.start, w.end) for w in work] == [
        (Z("2027-10-30T12:00Z"), Z("2027-10-30T15:00Z")),
        (Z("2027-10-31T08:00Z"), Z("2027-10-31T12:00Z")),
    ]
    assert clock_label(start, "Europe/London") == "BST (UTC+01:00)"
    assert clock_label(end, "Europe/London") == "GMT (UTC+00:00)"


@pytest.mark.parametrize(("day", "hours_apart"), [
    ("2027-03-06", 6), ("2027-03-20", 5), ("2027-04-10", 6),  # spring: US changes two weeks first
    ("2027-10-23", 6), ("2027-11-03", 5), ("2027-11-10", 6),  # autumn: Europe changes a week first
])
def test_london_chicago_gap_is_five_hours_in_the_odd_weeks(day: str, hours_apart: int) -> None:
    d = date.fromisoformat(day)
    london = wall_to_utc(d, 9 * 60, "Europe/London")
    chicago = wall_to_utc(d, 9 * 60, "America/Chicago")
    assert chicago - london == timedelta(hours=hours_apart)


def test_sydney_on_its_own_change() -> None:
    start, end = Z("2027-04-03T12:00Z"), Z("2027-04-04T12:00Z")
    # 03:00 AEDT -> 02:00 AEST at 16:00Z: 02:30 first happens at 15:30Z.
    assert wall_to_utc(date(2027, 4, 4), 150, "Australia/Sydney") == Z("2027-04-03T15:30Z")
    assert local_date(start, "Australia/Sydney") == date(2027, 4, 3)
    (change,) = date_changes(start, end, "Australia/Sydney")
    assert (change.at, change.label) == (Z("2027-04-03T13:00Z"), "Sat 3 → Sun 4")
    (work,) = working_windows(start, end, "Australia/Sydney", 9 * 60, 17 * 60)
    assert (work.day, work.start, work.end) == (date(2027, 4, 4), Z("2027-04-03T23:00Z"), Z("2027-04-04T07:00Z"))
    (night,) = night_windows(start, end, "Australia/Sydney")
    assert (night.start, night.end) == (Z("2027-04-03T12:00Z"), Z("2027-04-03T21:00Z"))


def test_lord_howe_moves_its_clocks_by_thirty_minutes() -> None:
    # April: 02:00 LHDT (+11) -> 01:30 LHST (+10:30) at 15:00Z; 01:45 happens twice.
    assert wall_to_utc(date(2027, 4, 4), 105, "Australia/Lord_Howe") == Z("2027-04-03T14:45Z")
    assert local_time(Z("2027-04-03T15:15Z"), "Australia/Lord_Howe").fold == 1
    # October: 02:00 LHST -> 02:30 LHDT at 15:30Z; 02:15 does not exist.
    assert wall_to_utc(date(2027, 10, 3), 135, "Australia/Lord_Howe") == Z("2027-10-02T15:30Z")
    night = night_windows(Z("2027-10-02T06:00Z"), Z("2027-10-03T06:00Z"), "Australia/Lord_Howe")
    assert [n.minutes for n in night] == [8 * 60 + 30]
    assert clock_label(Z("2027-10-02T06:00Z"), "Australia/Lord_Howe") == "UTC+10:30"


@pytest.mark.parametrize(("zone_name", "day", "nine_am_utc", "label"), [
    ("Asia/Kathmandu", "2027-03-11", "2027-03-11T03:15Z", "UTC+05:45"),
    ("Pacific/Chatham", "2027-01-11", "2027-01-10T19:15Z", "UTC+13:45"),
    ("Pacific/Chatham", "2027-07-11", "2027-07-10T20:15Z", "UTC+12:45"),
    ("Asia/Kolkata", "2027-03-11", "2027-03-11T03:30Z", "IST (UTC+05:30)"),
])
def test_nine_am_off_the_half_hour_grid(zone_name: str, day: str, nine_am_utc: str, label: str) -> None:
    instant = wall_to_utc(date.fromisoformat(day), 9 * 60, zone_name)
    assert instant == Z(nine_am_utc)
    assert clock_label(instant, zone_name) == label
    work = working_windows(instant - timedelta(hours=1), instant + timedelta(hours=23), zone_name, 540, 1020)
    assert work[0].start == instant and work[0].minutes == 8 * 60


def test_chatham_spring_gap_maps_to_the_jump() -> None:
    # 02:45 CHAST (+12:45) -> 03:45 CHADT on 26 September 2027, at 14:00Z.
    assert wall_to_utc(date(2027, 9, 26), 170, "Pacific/Chatham") == Z("2027-09-25T14:00Z")


def test_hubs_whose_date_differs_from_utc_at_the_start() -> None:
    start, end = Z("2027-03-10T21:00Z"), Z("2027-03-11T21:00Z")
    assert start.date() == date(2027, 3, 10)
    assert local_date(start, "Asia/Tokyo") == date(2027, 3, 11)
    assert local_date(start, "Pacific/Kiritimati") == date(2027, 3, 11)
    assert local_date(start, "America/New_York") == date(2027, 3, 10)
    assert [c.label for c in date_changes(start, end, "Asia/Tokyo")] == ["Thu 11 → Fri 12"]
    assert [(c.at, c.label) for c in date_changes(start, end, "America/New_York")] == [
        (Z("2027-03-11T05:00Z"), "Wed 10 → Thu 11")
    ]
    # Tokyo's working day of the 11th lies wholly inside the event; that of the 12th does not start.
    work = working_windows(start, end, "Asia/Tokyo", 540, 1020)
    assert [(w.day, w.start, w.end) for w in work] == [
        (date(2027, 3, 11), Z("2027-03-11T00:00Z"), Z("2027-03-11T08:00Z"))
    ]


def test_a_session_crossing_midnight_in_one_hub_only() -> None:
    start, end = Z("2027-03-11T04:30Z"), Z("2027-03-11T05:30Z")
    (change,) = date_changes(start, end, "America/New_York")  # 23:30 -> 00:30 EST
    assert change.label == "Wed 10 → Thu 11"
    assert local_date(start, "America/New_York") != local_date(end, "America/New_York")
    assert date_changes(start, end, "Europe/London") == ()
    assert local_date(start, "Europe/London") == local_date(end, "Europe/London")


def test_overnight_rule_and_empty_rule() -> None:
    start, end = Z("2027-03-10T21:00Z"), Z("2027-03-11T21:00Z")
    assert working_windows(start, end, "UTC", 600, 600) == ()
    shifts = working_windows(start, end, "UTC", 20 * 60, 4 * 60)
    assert [(w.start, w.end) for w in shifts] == [
        (Z("2027-03-10T21:00Z"), Z("2027-03-11T04:00Z")),
        (Z("2027-03-11T20:00Z"), Z("2027-03-11T21:00Z")),
    ]


def test_minutes_past_midnight_count_into_the_next_day() -> None:
    assert wall_to_utc(date(2027, 3, 10), 1440, "UTC") == Z("2027-03-11T00:00Z")
    with pytest.raises(ValueError):
        wall_to_utc(date(2027, 3, 10), -5, "UTC")
