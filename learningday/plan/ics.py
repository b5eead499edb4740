"""The agenda as an RFC 5545 calendar (icalendar): one VEVENT per session with a stable UID,
its times in UTC or in one IANA zone described by a VTIMEZONE component."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from learningday.plan.dto import SessionRow
from learningday.setup.dto import EventDTO, LevelDTO
from learningday.timeutil import UTC, zone

PRODID = "-//LearningDay//Agenda//EN"


def session_uid(row: SessionRow) -> str:
    """The VEVENT UID: the session's own UUID, so a re-export updates rather than duplicates."""
    return f"{row.uid}@learningday"


def _vtimezone(zone_name: str, event: EventDTO):  # noqa: ANN202 - icalendar.Timezone
    """``zone_name``'s observances from 1 January of the event's year to the end of the next year,
    so a calendar program that does not know the IANA name still places every session."""
    from icalendar import Timezone

    first = date(event.start_utc.year, 1, 1)
    last = date(event.end_utc.year + 2, 1, 1)
    return Timezone.from_tzinfo(zone(zone_name), tzid=zone_name, first_date=first, last_date=last)


def agenda_calendar(event: EventDTO, rows: Iterable[SessionRow], levels: Iterable[LevelDTO], *,
                    title: str = "", stamp: datetime | None = None, zone_name: str | None = None) -> bytes:
    """The scheduled sessions of ``rows`` as .ics bytes; drafts (no start) are left out.

    ``zone_name``: write DTSTART/DTEND as wall-clock times in that IANA zone (with a TZID and a
    VTIMEZONE component) instead of UTC. The instants, and the UIDs, are the same either way.
    """
    from icalendar import Calendar, Event  # only when exporting

    names = {lv.id: lv.name for lv in levels}
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    shown_in = zone(zone_name) if zone_name else UTC
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title or event.name)
    if zone_name:
        cal.add("x-wr-timezone", zone_name)
        cal.add_component(_vtimezone(zone_name, event))
    for row in rows:
        if row.start_utc is None or row.end_utc is None:
            continue
        item = Event()
        item.add("uid", session_uid(row))
        item.add("dtstamp", stamp)
        item.add("dtstart", row.start_utc.astimezone(shown_in))
        item.add("dtend", row.end_utc.astimezone(shown_in))
        item.add("summary", row.title)
        level = names.get(row.level_id, "")
        item.add("categories", [f"Level {row.level_id}" + (f": {level}" if level else "")])
        if row.venue:
            item.add("location", row.venue)
        lines = [f"Level {row.level_id} {level}".strip()]
        if row.facilitators:
            lines.append("Facilitators: " + ", ".join(row.facilitators))
        if row.target_hubs:
            lines.append("For: " + ", ".join(row.target_hubs))
        item.add("description", "\n".join(lines))
        cal.add_component(item)
    return cal.to_ical()
