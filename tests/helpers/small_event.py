"""A small hand-built event whose every figure the report tests compute by hand.

Event: 2027-03-10 21:00 UTC, 24 h. Hubs: Kathmandu (UTC+05:45), New York (UTC-05:00 that day).

| session | level | start UTC   | min | venue (main hub)       | facilitators | registered      | arrived (current)      |
|---------|-------|-------------|-----|------------------------|--------------|-----------------|------------------------|
| S1      | 1     | 11th 03:15  | 60  | Room K (Kathmandu)     | Fay          | A1 A2 A3 (+A4 w)| A1 (twice) A4; A2 undone |
| S2      | 2     | 11th 05:00  | 90  | Virtual (New York)     | Fay, Gus     | A1 A3 (A4 canc.)| A1, A3 (kind walk_in)  |
| S3      | 3     | 11th 14:00  | 60  | Virtual (New York)     | Gus          | A2 A3           | nobody                 |
| S4      | 4     | 11th 15:00  | 30  | none (no hub)          | none         | nobody          | A5, A6 (walk-ins)      |
| draft   | 5     | unscheduled |     |                        |              | A1 (ignored)    |                        |

A2 also checks in to the event as a whole; A3 checks out of S2 (no effect).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, Facilitator, Hub, Registration, Venue
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC
from tests.helpers.backends import Backend, create_on

START = datetime(2027, 3, 10, 21, 0, tzinfo=UTC)
TITLES = ("Intro to AI: what it can and cannot do", "Prompting lab", "Nobody came", "Empty room talk")
NAMES = {
    "A1": "Łucja Żak",          # Latin with Ł, ż
    "A2": "अनिता शर्मा",         # Devanagari
    "A3": "Иван Петров",        # Cyrillic
    "A4": "山田太郎",             # CJK
    "A5": "Ελένη Παππά",        # Greek
    "A6": "ليلى حداد",           # Arabic
}
EVENT_NAME = "Small Learning Day"
THEME = "Hand-counted"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 3, day, hour, minute, tzinfo=UTC)


def build_small_event(path: Path | str | Backend, *, checkins: bool = True) -> Path | str:
    """The event at ``path``: a new file, or an empty database (Backend.empty()), or a Backend's fresh store."""
    path = create_on(path, name=EVENT_NAME, start_utc=START, theme=THEME)
    with open_event(path) as event_file, event_file.write() as s:
        ktm = Hub(name="Kathmandu", zone="Asia/Kathmandu", position=1)
        nyc = Hub(name="New York", zone="America/New_York", position=2)
        room = Venue(name="Room K", kind="room", hub=ktm, capacity=20)
        virtual = Venue(name="Virtual", kind="virtual")
        fay = Facilitator(name="Fay", zone="Asia/Kathmandu")
        gus = Facilitator(name="Gus", zone="America/New_York")
        s.add_all([ktm, nyc, room, virtual, fay, gus])
        s.flush()
        s1 = LearningSession(title=TITLES[0], level_id=1, start_utc=at(11, 3, 15), duration_minutes=60,
                             venue_id=room.id, facilitators=[fay], target_hubs=[ktm])
        s2 = LearningSession(title=TITLES[1], level_id=2, start_utc=at(11, 5), duration_minutes=90,
                             venue_id=virtual.id, facilitators=[fay, gus], target_hubs=[nyc])
        s3 = LearningSession(title=TITLES[2], level_id=3, start_utc=at(11, 14), duration_minutes=60,
                             venue_id=virtual.id, facilitators=[gus], target_hubs=[nyc])
        s4 = LearningSession(title=TITLES[3], level_id=4, start_utc=at(11, 15), duration_minutes=30)
        draft = LearningSession(title="Draft session", level_id=5)
        s.add_all([s1, s2, s3, s4, draft])
        created = START - timedelta(days=7)
        people = {
            "A1": Attendee(code="AAAAA1", name=NAMES["A1"], email="lucja@example.com", employee_id="E1",
                           department="Sales", role="Seller", hub_id=ktm.id, level_id=1, created_utc=created),
            "A2": Attendee(code="AAAAA2", name=NAMES["A2"], department="Sales", role="Seller",
                           hub_id=ktm.id, level_id=2, created_utc=created),
            "A3": Attendee(code="AAAAA3", name=NAMES["A3"], department="Eng", role="Developer",
                           hub_id=nyc.id, level_id=3, created_utc=created),
            "A4": Attendee(code="AAAAA4", name=NAMES["A4"], department="", role="", hub_id=None,
                           level_id=None, created_utc=created),
            "A5": Attendee(code="AAAAA5", name=NAMES["A5"], department="Eng", role="=1+2",
                           hub_id=nyc.id, level_id=4, created_utc=created),
            "A6": Attendee(code="AAAAA6", name=NAMES["A6"], department="-Ops", role="@admin",
                           hub_id=nyc.id, level_id=4, created_utc=created),
        }
        s.add_all(people.values())
        s.flush()
        a = {k: p.id for k, p in people.items()}

        def reg(who: str, session: LearningSession, status: str = "registered") -> None:
            s.add(Registration(attendee_id=a[who], session_id=session.id, status=status, created_utc=created))

        for who in ("A1", "A2", "A3"):
            reg(who, s1)
        reg("A4", s1, "waitlisted")
        reg("A1", s2)
        reg("A3", s2)
        reg("A4", s2, "cancelled")
        reg("A2", s3)
        reg("A3", s3)
        reg("A1", draft)
        if checkins:
            def log(kind: str, who: str, session: LearningSession | None, when: datetime,
                    reverses: CheckIn | None = None) -> CheckIn:
                entry = CheckIn(kind=kind, attendee_id=a[who], session_id=session.id if session else None,
                                at_utc=when, method="walk_in" if kind == "walk_in" else "search",
                                reverses_uid=reverses.uid if reverses else None)
                s.add(entry)
                s.flush()
                return entry

            log("check_in", "A1", s1, at(11, 3, 10))
            wrong = log("check_in", "A2", s1, at(11, 3, 11))
            log("undo", "A2", s1, at(11, 3, 12), reverses=wrong)
            log("check_in", "A4", s1, at(11, 3, 13))
            log("check_in", "A1", s1, at(11, 3, 14))
            log("check_in", "A1", s2, at(11, 4, 58))
            log("walk_in", "A3", s2, at(11, 5, 1))
            log("check_out", "A3", s2, at(11, 6, 30))
            log("walk_in", "A5", s4, at(11, 15, 2))
            log("walk_in", "A6", s4, at(11, 15, 3))
            log("check_in", "A2", None, at(11, 2, 0))
    return path
