"""The agenda as an RFC 5545 calendar (icalendar): one VEVENT per session, UTC times, stable UIDs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .dto import EventDTO, LevelDTO, SessionRow
from .timeutil import UTC

PRODID = "-//LearningDay//Agenda//EN"


def session_uid(row: SessionRow) -> str:
    """The VEVENT UID: the session's own UUID, so a re-export updates rather than duplicates."""
    return f"{row.uid}@learningday"


def agenda_calendar(event: EventDTO, rows: Iterable[SessionRow], levels: Iterable[LevelDTO], *,
                    title: str = "", stamp: datetime | None = None) -> bytes:
    """The scheduled sessions of ``rows`` as .ics bytes; drafts (no start) are left out."""
    from icalendar import Calendar, Event  # only when exporting

    names = {lv.id: lv.name for lv in levels}
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title or event.name)
    for row in rows:
        if row.start_utc is None or row.end_utc is None:
            continue
        item = Event()
        item.add("uid", session_uid(row))
        item.add("dtstamp", stamp)
        item.add("dtstart", row.start_utc.astimezone(UTC))
        item.add("dtend", row.end_utc.astimezone(UTC))
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
