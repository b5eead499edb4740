"""Times as platforms write them, read in a zone (DST gaps and repeats said); durations in three formats."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from learningday.attendance.times import TimeProblem, month_first, naive, read_duration, read_wall_time, to_utc
from learningday.timeutil import UTC


@pytest.mark.parametrize(("text", "minutes"), [
    ("1h 2m 3s", 62.05), ("62", 62), ("01:02:03", 62.05), ("45m", 45), ("1 hr 5 min", 65), ("62:30", 62.5)])
def test_durations(text: str, minutes: float) -> None:
    assert read_duration(text) == timedelta(minutes=minutes)


def test_a_bare_number_in_a_seconds_column_is_seconds() -> None:
    assert read_duration("90", bare_unit="seconds") == timedelta(seconds=90)


@pytest.mark.parametrize("text", ["soon", "1h and a bit", "-5"])
def test_not_a_duration(text: str) -> None:
    with pytest.raises(TimeProblem):
        read_duration(text)


def test_locale_formats_and_day_month_order() -> None:
    us = read_wall_time("11/5/2026, 9:01:33 PM")
    iso = read_wall_time("2026-11-05 21:01:33")
    eu = read_wall_time("13.11.2026 21:01")
    assert naive(us, month_first_order=True) == naive(iso, month_first_order=False) == datetime(2026, 11, 5, 21, 1, 33)
    assert month_first([us, eu], us_style=True) is False  # a 13 in the first place decides for the whole file
    assert month_first([us], us_style=True) is True


def test_a_missing_local_time_is_said_and_read_with_the_old_offset() -> None:
    # Kathmandu never changes; New York skips 02:00-02:59 on 14 March 2027
    instant, note = to_utc(datetime(2027, 3, 14, 2, 30), "America/New_York")
    assert instant == datetime(2027, 3, 14, 7, 30, tzinfo=UTC) and "does not exist" in note
    assert to_utc(datetime(2027, 3, 14, 2, 30), "Asia/Kathmandu") == (datetime(2027, 3, 13, 20, 45, tzinfo=UTC), None)


def test_an_ambiguous_local_time_takes_the_reading_nearest_the_session_and_after_the_join() -> None:
    wall = datetime(2026, 10, 25, 1, 30)  # London: 00:30 or 01:30 UTC
    near_late = lambda instant: abs(instant - datetime(2026, 10, 25, 1, 45, tzinfo=UTC))  # noqa: E731
    assert to_utc(wall, "Europe/London", near_late)[0] == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    early, note = to_utc(wall, "Europe/London")
    assert early == datetime(2026, 10, 25, 0, 30, tzinfo=UTC) and "ambiguous" in note
    after = datetime(2026, 10, 25, 0, 50, tzinfo=UTC)
    assert to_utc(wall, "Europe/London", after=after)[0] == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
