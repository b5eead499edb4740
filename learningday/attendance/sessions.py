"""Which session a report is of: given, or found by the meeting's title and time (unsure is said, not guessed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.attendance.reading import Report
from learningday.attendance.times import TimeProblem, naive, read_wall_time, to_utc
from learningday.errors import InvalidInput
from learningday.setup.rules import loose_key
from learningday.store.models import Hub, Venue, session_hubs
from learningday.store.models import Session as LearningSession
from learningday.timeutil import zone as zone_named

#: a report whose title is this close and whose start lies this near a session's names it for sure
SURE_TITLE, SURE_DELTA = 90.0, timedelta(minutes=60)


@dataclass(frozen=True)
class Target:
    id: int
    uid: str
    title: str
    start_utc: datetime
    minutes: int
    #: the zone its host hub keeps (the venue's hub, else its first target hub), or None
    zone: str | None
    title_key: str = ""

    @property
    def window(self) -> tuple[datetime, datetime]:
        return self.start_utc, self.start_utc + timedelta(minutes=self.minutes)


def scheduled_targets(session: Session) -> list[Target]:
    first_hub: dict[int, str] = {}
    for sid, zone in session.execute(select(session_hubs.c.session_id, Hub.zone)
                                     .join(Hub, Hub.id == session_hubs.c.hub_id).order_by(Hub.position, Hub.name)):
        first_hub.setdefault(sid, zone)
    rows = session.execute(
        select(LearningSession.id, LearningSession.uid, LearningSession.title, LearningSession.start_utc,
               LearningSession.duration_minutes, Venue.kind, Hub.zone)
        .outerjoin(Venue, Venue.id == LearningSession.venue_id).outerjoin(Hub, Hub.id == Venue.hub_id)
        .where(LearningSession.start_utc.is_not(None)).order_by(LearningSession.start_utc, LearningSession.id))
    return [Target(sid, uid, title, start, minutes, (zone if kind == "room" else None) or first_hub.get(sid),
                   loose_key(title))
            for sid, uid, title, start, minutes, kind, zone in rows]


def target_by_uid(targets: list[Target], session_uid: str) -> Target:
    uid = session_uid.strip().lower()
    found = next((t for t in targets if t.uid == uid), None)
    if found is None:
        raise InvalidInput(f"no scheduled session with uid {session_uid!r} in this event")
    return found


def zone_for(target: Target, zone: str | None) -> str:
    """The zone the report's times are read in: the user's, else the session's host hub's."""
    if zone:
        zone_named(zone)  # an unknown name is refused here
        return zone
    if target.zone is None:
        raise InvalidInput(f"'{target.title}' has no host hub to take a time zone from; give the zone the report "
                           "was exported in (e.g. --zone Europe/London)")
    return target.zone


def _report_start(report: Report, zone: str) -> datetime | None:
    text = report.start or next((r.join for r in report.rows if r.join), "")
    try:
        wall = read_wall_time(text)
        return to_utc(naive(wall, month_first_order=text.rstrip()[-1:].casefold() == "m"), zone)[0]
    except (TimeProblem, ValueError):
        return None


def find_target(targets: list[Target], report: Report, *, zone: str | None) -> tuple[Target, bool]:
    """The session ``report`` is most likely of (of ``scheduled_targets``), and whether its title and time say so
    clearly."""
    best: tuple[float, Target, bool] | None = None
    title_key = loose_key(report.title)
    starts: dict[str, datetime | None] = {}  # by zone: most targets read the report in one
    for target in targets:
        if (reading_zone := zone or target.zone) is None:
            continue
        if reading_zone not in starts:
            starts[reading_zone] = _report_start(report, reading_zone)
        start = starts[reading_zone]
        delta = abs(start - target.start_utc) if start else timedelta(days=1)
        title = fuzz.ratio(title_key, target.title_key) if report.title else 0.0
        score = title - delta.total_seconds() / 600
        sure = delta <= SURE_DELTA and (title >= SURE_TITLE or (not report.title and delta <= timedelta(minutes=15)))
        if best is None or score > best[0]:
            best = (score, target, sure)
    if best is None:
        raise InvalidInput(f"{report.path.name}: no scheduled session to match it to (give the session and zone)")
    return best[1], best[2]
