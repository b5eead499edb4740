"""The wizard's preview strip: working / awake / night in a hub's local time, hand-computed."""

from __future__ import annotations

from datetime import date, datetime, timezone

from learningday.plan.plandata import DEFAULT_NIGHT
from learningday.setup.clock import NIGHT_END_MIN, NIGHT_START_MIN
from learningday.setup.day_strip import AWAKE, NIGHT, WORKING, day_strip


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def kinds_and_utc(strip) -> list[tuple[str, str, str]]:
    return [(s.kind, f"{s.start:%d %H:%M}", f"{s.end:%d %H:%M}") for s in strip.segments]


def test_the_night_is_the_conflict_rules_night() -> None:
    assert DEFAULT_NIGHT == (NIGHT_START_MIN, NIGHT_END_MIN) == (22 * 60, 7 * 60)


def test_kathmandu_at_plus_0545() -> None:
    # 21:00 UTC on 9 March is 02:45 on 10 March in Kathmandu (UTC+05:45, no DST).
    strip = day_strip(at(2027, 3, 9, 21), 24 * 60, "Asia/Kathmandu", 9 * 60, 17 * 60)
    assert kinds_and_utc(strip) == [
        (NIGHT, "09 21:00", "10 01:15"),    # 02:45-07:00 local
        (AWAKE, "10 01:15", "10 03:15"),    # 07:00-09:00
        (WORKING, "10 03:15", "10 11:15"),  # 09:00-17:00
        (AWAKE, "10 11:15", "10 16:15"),    # 17:00-22:00
        (NIGHT, "10 16:15", "10 21:00"),    # 22:00-02:45 next day
    ]
    assert [f"{s.local_start:%d %H:%M}" for s in strip.segments] == ["10 02:45", "10 07:00", "10 09:00", "10 17:00",
                                                                     "10 22:00"]
    assert sum(s.minutes for s in strip.segments) == 24 * 60
    (change,) = strip.date_changes
    assert change.at == at(2027, 3, 10, 18, 15) and change.after == date(2027, 3, 11)
    assert strip.minutes_from_start(change.at) == 21 * 60 + 15


def test_a_hub_whose_date_is_behind_utc_works_on_its_own_date() -> None:
    # 02:00 UTC on Wed 10 March is 18:00 on Tue 9 March in Los Angeles (PST, UTC-8).
    strip = day_strip(at(2027, 3, 10, 2), 24 * 60, "America/Los_Angeles", 8 * 60 + 30, 16 * 60 + 30)
    assert strip.segments[0].local_start.date() == date(2027, 3, 9)
    assert kinds_and_utc(strip) == [
        (AWAKE, "10 02:00", "10 06:00"),    # Tue 18:00-22:00
        (NIGHT, "10 06:00", "10 15:00"),    # 22:00-07:00
        (AWAKE, "10 15:00", "10 16:30"),    # Wed 07:00-08:30
        (WORKING, "10 16:30", "11 00:30"),  # Wed 08:30-16:30, the working day of Wed 10
        (AWAKE, "11 00:30", "11 02:00"),
    ]
    (change,) = strip.date_changes
    assert (change.at, change.before, change.after) == (at(2027, 3, 10, 8), date(2027, 3, 9), date(2027, 3, 10))


def test_auckland_a_day_ahead_with_working_hours_cut_by_the_window() -> None:
    # 21:00 UTC on 9 March is 10:00 on 10 March in Auckland (NZDT, UTC+13).
    strip = day_strip(at(2027, 3, 9, 21), 24 * 60, "Pacific/Auckland", 9 * 60, 17 * 60)
    assert kinds_and_utc(strip) == [
        (WORKING, "09 21:00", "10 04:00"),  # 10:00-17:00, started before the window
        (AWAKE, "10 04:00", "10 09:00"),
        (NIGHT, "10 09:00", "10 18:00"),
        (AWAKE, "10 18:00", "10 20:00"),
        (WORKING, "10 20:00", "10 21:00"),  # Thu 09:00-10:00, the window ends
    ]


def test_working_hours_follow_the_wall_clock_across_a_dst_change() -> None:
    # US clocks spring forward at 02:00 on Sunday 14 March 2027: PST (UTC-8) before, PDT (UTC-7) after.
    # The window runs from Sat 10:00 PST (18:00 UTC) for 48 h, to Mon 11:00 PDT.
    strip = day_strip(at(2027, 3, 13, 18), 48 * 60, "America/Los_Angeles", 9 * 60, 17 * 60)
    assert kinds_and_utc(strip) == [
        (WORKING, "13 18:00", "14 01:00"),  # Sat 10:00-17:00 PST
        (AWAKE, "14 01:00", "14 06:00"),
        (NIGHT, "14 06:00", "14 14:00"),    # Sat 22:00 PST - Sun 07:00 PDT: 8 h, the clocks lose one
        (AWAKE, "14 14:00", "14 16:00"),
        (WORKING, "14 16:00", "15 00:00"),  # Sun 09:00-17:00 PDT, not PST (17:00-01:00 UTC)
        (AWAKE, "15 00:00", "15 05:00"),
        (NIGHT, "15 05:00", "15 14:00"),    # Sun 22:00 - Mon 07:00 PDT
        (AWAKE, "15 14:00", "15 16:00"),
        (WORKING, "15 16:00", "15 18:00"),  # Mon 09:00-11:00 PDT
    ]
    assert {f"{s.local_start:%H:%M}" for s in strip.segments if s.kind == WORKING} == {"10:00", "09:00"}
    assert [s.local_start.utcoffset().total_seconds() / 3600 for s in strip.segments[::4]] == [-8, -7, -7]
    assert sum(s.minutes for s in strip.segments) == 48 * 60


def test_working_hours_reaching_into_the_night_stay_working() -> None:
    strip = day_strip(at(2027, 3, 10, 0), 24 * 60, "UTC", 6 * 60, 23 * 60)
    assert kinds_and_utc(strip) == [(NIGHT, "10 00:00", "10 06:00"), (WORKING, "10 06:00", "10 23:00"),
                                    (NIGHT, "10 23:00", "11 00:00")]
