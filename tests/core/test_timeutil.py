"""UTC instants, zone lookups and offset labels, odd offsets included."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from learningday.errors import InvalidInput
from learningday.timeutil import offset_label, parse_utc, to_local, utc, zone


@pytest.mark.parametrize(
    ("zone_name", "instant", "label"),
    [
        ("Asia/Kathmandu", "2027-03-10T21:00Z", "UTC+05:45"),
        ("Asia/Kolkata", "2027-03-10T21:00Z", "UTC+05:30"),
        ("Pacific/Chatham", "2027-01-10T21:00Z", "UTC+13:45"),  # southern summer
        ("Pacific/Chatham", "2027-07-10T21:00Z", "UTC+12:45"),
        ("Australia/Lord_Howe", "2027-01-10T00:00Z", "UTC+11:00"),
        ("Australia/Lord_Howe", "2027-07-10T00:00Z", "UTC+10:30"),  # 30-minute DST
        ("America/Sao_Paulo", "2027-03-10T21:00Z", "UTC-03:00"),
        ("America/St_Johns", "2027-01-10T12:00Z", "UTC-03:30"),
    ],
)
def test_offset_label_for_odd_offsets(zone_name: str, instant: str, label: str) -> None:
    assert offset_label(parse_utc(instant), zone_name) == label


def test_local_date_can_differ_from_utc_date() -> None:
    start = parse_utc("2027-03-10T21:00Z")
    assert to_local(start, "Australia/Sydney").date().isoformat() == "2027-03-11"
    assert to_local(start, "America/New_York").date().isoformat() == "2027-03-10"


def test_dst_change_inside_a_day_uses_the_offset_of_that_instant() -> None:
    before = parse_utc("2027-03-14T07:00Z")  # Chicago springs forward at 08:00Z
    after = parse_utc("2027-03-14T09:00Z")
    assert offset_label(before, "America/Chicago") == "UTC-06:00"
    assert offset_label(after, "America/Chicago") == "UTC-05:00"


def test_parse_utc_takes_offsets_and_defaults_to_utc() -> None:
    assert parse_utc("2027-03-10T21:00Z") == datetime(2027, 3, 10, 21, tzinfo=timezone.utc)
    assert parse_utc("2027-03-11T02:30+05:30") == datetime(2027, 3, 10, 21, tzinfo=timezone.utc)
    assert parse_utc("2027-03-10 21:00") == datetime(2027, 3, 10, 21, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["", "tomorrow", "2027-13-01T00:00Z", "25:00"])
def test_parse_utc_refuses_what_is_not_a_time(text: str) -> None:
    with pytest.raises(InvalidInput, match="not an ISO 8601"):
        parse_utc(text)


def test_naive_times_and_unknown_zones_are_refused() -> None:
    with pytest.raises(InvalidInput, match="without a zone"):
        utc(datetime(2027, 3, 10, 21))
    with pytest.raises(InvalidInput, match="unknown time zone"):
        zone("Mars/Olympus_Mons")
