"""The one offset rule: a local time carries its zone mark when the hub's clock has changed since
the day began; the rulers learn where the change is and label both offsets (issue 13, item 5)."""

from __future__ import annotations

import pytest

from learningday.setup.clock import (
    clocks_label,
    hub_clock,
    local_span,
    local_text,
    offset_changes,
    offsets_label,
    zone_mark,
)
from learningday.timeutil import parse_utc

Z = parse_utc
#: London goes from BST to GMT at 01:00 UTC on 25 October 2026
LONDON_DAY = Z("2026-10-24T12:00Z"), Z("2026-10-25T12:00Z")
#: Chatham (+12:45, on the next local date) goes to +13:45 at 14:00 UTC on 25 September 2027
CHATHAM_DAY = Z("2027-09-25T00:00Z"), Z("2027-09-26T00:00Z")


def test_a_90_minute_session_across_the_london_autumn_change_shows_both_clocks() -> None:
    start, _ = LONDON_DAY
    assert local_span(Z("2026-10-24T23:30Z"), Z("2026-10-25T01:00Z"), "Europe/London", start) == "00:30 BST–01:00 GMT"


def test_times_after_the_change_carry_the_new_clock_once() -> None:
    start, _ = LONDON_DAY
    assert local_span(Z("2026-10-25T02:30Z"), Z("2026-10-25T03:00Z"), "Europe/London", start) == "02:30–03:00 GMT"
    assert local_text(Z("2026-10-25T02:30Z"), "Europe/London", start, "%a %d %H:%M") == "Sun 25 02:30 GMT"


def test_times_on_the_clock_the_day_began_with_carry_no_mark() -> None:
    start, _ = LONDON_DAY
    assert local_span(Z("2026-10-24T13:00Z"), Z("2026-10-24T14:00Z"), "Europe/London", start) == "14:00–15:00"
    assert local_text(Z("2026-10-24T23:30Z"), "Europe/London", start) == "00:30"


@pytest.mark.parametrize("zone_name", ["Asia/Kathmandu", "Pacific/Chatham", "Asia/Tokyo", "UTC"])
def test_hubs_without_a_change_never_get_a_mark(zone_name: str) -> None:
    start, end = LONDON_DAY
    assert offset_changes(start, end, zone_name) == ()
    assert " " not in local_span(start, end, zone_name, start)


def test_a_numeric_zone_is_marked_by_its_offset() -> None:
    start, _ = CHATHAM_DAY
    assert zone_mark(start, "Pacific/Chatham") == "+12:45"
    assert zone_mark(start, "Asia/Kathmandu") == "+05:45"
    assert zone_mark(start, "Europe/London") == "BST"
    # 13:30 UTC is 02:15 Sunday on Chatham's +12:45; 15:00 UTC is 04:45 on +13:45
    assert local_span(Z("2027-09-25T13:30Z"), Z("2027-09-25T15:00Z"), "Pacific/Chatham", start) == \
        "02:15 +12:45–04:45 +13:45"


@pytest.mark.parametrize(("day", "zone_name", "at", "label"), [
    (LONDON_DAY, "Europe/London", "2026-10-25T01:00Z", "UTC+01:00 → +00:00"),
    (CHATHAM_DAY, "Pacific/Chatham", "2027-09-25T14:00Z", "UTC+12:45 → +13:45"),
])
def test_offset_changes_are_found_to_the_second_and_labelled_with_both_offsets(day, zone_name, at, label) -> None:
    start, end = day
    (change,) = offset_changes(start, end, zone_name)
    assert change.at == Z(at) and change.label == label
    assert offsets_label(start, end, zone_name) == label
    clock = hub_clock("Hub", zone_name, start, end, 9 * 60, 17 * 60)
    assert clock.offset_changes == (change,) and clock.offsets == label


def test_a_change_exactly_at_the_end_of_the_day_is_not_inside_it() -> None:
    start = Z("2026-10-24T01:00Z")
    assert offsets_label(start, Z("2026-10-25T01:00Z"), "Europe/London") == "UTC+01:00"
    assert offsets_label(start, Z("2026-10-25T01:00:01Z"), "Europe/London") == "UTC+01:00 → +00:00"


def test_kathmandu_label_is_its_one_offset() -> None:
    assert offsets_label(*LONDON_DAY, "Asia/Kathmandu") == "UTC+05:45"


def test_clocks_label_names_each_clock_of_the_day() -> None:
    assert clocks_label(*LONDON_DAY, "Europe/London") == "BST (UTC+01:00), then GMT (UTC+00:00)"
    assert clocks_label(*CHATHAM_DAY, "Pacific/Chatham") == "UTC+12:45, then UTC+13:45"
    assert clocks_label(*LONDON_DAY, "Asia/Kathmandu") == "UTC+05:45"
