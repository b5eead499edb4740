"""A report's rows as people: times read in the session's zone, join/leave intervals merged, minutes counted."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from learningday.attendance.dto import Interval, Person
from learningday.attendance.reading import Report, ReportRow
from learningday.attendance.times import TimeProblem, month_first, naive, read_duration, read_wall_time, to_utc
from learningday.errors import InvalidInput
from learningday.setup.rules import loose_key
from learningday.spreadsheet.emails import email_key, parse_email
from learningday.spreadsheet.engine import CellProblem

#: joining this long after the start is late; leaving this long before the end is leaving early
GRACE = timedelta(minutes=5)


def merge(intervals: list[Interval]) -> tuple[Interval, ...]:
    """Overlapping or touching intervals as one: a person on two devices, or dropping and rejoining."""
    if len(intervals) == 1:  # most people join once
        (start, end), = intervals
        return ((start, end),)
    merged: list[list[datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((a, b) for a, b in merged)


def minutes_inside(intervals: tuple[Interval, ...], window: Interval) -> int:
    """Whole minutes of merged ``intervals`` inside ``window`` (seconds summed, then rounded down)."""
    if len(intervals) == 1:  # most people join once
        (a, b), = intervals
        seconds = max(0.0, (min(b, window[1]) - max(a, window[0])).total_seconds())
    else:
        seconds = sum(max(0.0, (min(b, window[1]) - max(a, window[0])).total_seconds()) for a, b in intervals)
    return int(seconds // 60)


def _email(text: str) -> str:
    if "@" not in text:
        return ""  # a guest's id, or nothing
    try:
        return parse_email(text.strip())
    except CellProblem:
        return ""


def _near(window: Interval):  # noqa: ANN202 - a key function
    return lambda instant: max(window[0] - instant, instant - window[1], timedelta())


class _Clock:
    """The report's times read one way for the whole file (day/month order), in one zone."""

    def __init__(self, report: Report, zone_name: str, window: Interval) -> None:
        texts = [t for r in report.rows for t in (r.join, r.leave) if t]
        walls = {}
        for text in texts:
            if text in walls:
                continue
            try:
                walls[text] = read_wall_time(text)
            except TimeProblem as exc:
                raise InvalidInput(f"{report.path.name}: {exc}") from None
        us_style = any(t.rstrip()[-2:].casefold() in ("am", "pm", ".m") for t in texts)
        self._order = month_first(list(walls.values()), us_style=us_style)
        self._walls, self._zone, self._window = walls, zone_name, window
        self._plain: dict[str, datetime] = {}  # texts that name one instant (most): read once per file
        self.notes: list[str] = []

    def instant(self, text: str, row: int, name: str, after: datetime | None = None) -> datetime:
        if (known := self._plain.get(text)) is not None:
            return known
        wall = naive(self._walls[text], month_first_order=self._order)
        instant, note = to_utc(wall, self._zone, _near(self._window), after=after)
        if note:
            self.notes.append(f"row {row} ({name}): {note}; read as {instant:%H:%M} UTC")
        else:
            self._plain[text] = instant
        return instant


class _Where:
    """'report.csv, row 12' for an error message, written only when one is raised (60k rows a day read fine)."""

    def __init__(self, report: Report, row: ReportRow) -> None:
        self.report, self.row = report, row

    def __str__(self) -> str:
        return f"{self.report.path.name}, row {self.row.row}"


def _interval(row: ReportRow, clock: _Clock, report: Report) -> Interval:
    where = _Where(report, row)
    try:
        duration = read_duration(row.duration, bare_unit=report.bare_unit) if row.duration else None
        join = clock.instant(row.join, row.row, row.name) if row.join else None
        leave = clock.instant(row.leave, row.row, row.name, join) if row.leave else None
    except (TimeProblem, InvalidInput) as exc:
        raise InvalidInput(f"{where}: {getattr(exc, 'message', exc)}") from None
    if join is None:
        raise InvalidInput(f"{where}: {row.name or row.email} has no join time")
    if leave is None:
        if duration is None:
            raise InvalidInput(f"{where}: {row.name or row.email} has neither a leave time nor a duration")
        leave = join + duration
    if leave < join:
        raise InvalidInput(f"{where}: {row.name or row.email} leaves before joining")
    return join, leave


def people_of(report: Report, *, zone_name: str, window: Interval) -> tuple[tuple[Person, ...], tuple[str, ...]]:
    """Each person of ``report`` once (by email, else by name), their intervals merged; DST notes beside."""
    clock = _Clock(report, zone_name, window)
    grouped: dict[str, list[ReportRow]] = defaultdict(list)
    emails: dict[str, str] = {}
    for row in report.rows:
        email = _email(row.email)
        key = f"email:{email_key(email)}" if email else f"name:{loose_key(row.name)}"
        emails.setdefault(key, email)
        grouped[key].append(row)
    length = (window[1] - window[0]).total_seconds() / 60
    people = []
    for key, rows in grouped.items():
        intervals = merge([_interval(r, clock, report) for r in rows])
        minutes = minutes_inside(intervals, window)
        people.append(Person(
            key=key, name=next((r.name for r in rows if r.name), emails[key]), email=emails[key],
            role=next((r.role for r in rows if r.role), ""), rows=len(rows), intervals=intervals, minutes=minutes,
            share=minutes / length if length else 0.0, late=intervals[0][0] > window[0] + GRACE,
            left_early=intervals[-1][1] < window[1] - GRACE))
    return tuple(people), tuple(clock.notes)
