"""A hand-built event for the skills tests: every validated count, uplift, response rate and next step by hand.

Event 2027-03-10 00:00 UTC. Hubs Sydney, London. Default rule: 75 % of the session.

| session | level | UTC start | min | rule                 |
|---------|-------|-----------|-----|----------------------|
| L1      | 1     | 10:00     | 60  | default (75 %)       |
| L2      | 2     | 12:00     | 100 | 50 % + a sign-off    |
| L3      | 3     | 14:00     | 60  | 90 %                 |

| who | role        | hub     | dept  | level | log                                                           |
|-----|-------------|---------|-------|-------|---------------------------------------------------------------|
| P1  | Sales rep   | Sydney  | Sales | 1     | L1 in 10:05, no out (100 %); L2 in 12:00 out 13:00 (60 %), no sign-off |
| P2  | Developer   | London  | Eng   | 3     | L1 in 10:00 out 10:30 (50 %); L2 in 12:10 out 13:40 (90 %) + sign-off; L3 54 virtual minutes |
| P3  | ML engineer | London  | Eng   | 4     | L1 in, undone                                                 |
| P4  | Chef        | none    | -Ops  | none  | L3 in 14:00 out 14:50 (83.3 %)                                 |

Feedback: P1 on L1 (5, 4), P2 on L1 (3, 2), P1 on L2 (4, 5); P3 on L1 (2, 2) stored before the undo: unmatched.
Assessments: P1 pre/post overall 2 -> 4; P2 level 2: 3 -> 4, level 3: 2 -> 4; P3 pre overall 1 only; P4 post 3 only.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from learningday.store.db import open_event
from learningday.store.models import (
    Assessment,
    Attendee,
    CheckIn,
    CompletionRuleRow,
    Feedback,
    Hub,
    SignOff,
)
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC
from tests.helpers.backends import Backend, create_on

START = datetime(2027, 3, 10, 0, 0, tzinfo=UTC)
CODES = {"P1": "PPPPP1", "P2": "PPPPP2", "P3": "PPPPP3", "P4": "PPPPP4"}
UIDS = {"L1": "00000000-0000-4000-8000-000000000001", "L2": "00000000-0000-4000-8000-000000000002",
        "L3": "00000000-0000-4000-8000-000000000003"}


def at(hour: int, minute: int = 0) -> datetime:
    return START + timedelta(hours=hour, minutes=minute)


def virtual_minutes(ids: dict[str, int]):  # noqa: ANN201 - a MinutesAttended
    """P2 attended 54 of L3's 60 minutes virtually (the attendance seam)."""
    return lambda session: {(ids["P2"], ids["L3"]): 54}


def build_skills_event(path: Path | str | Backend) -> dict[str, int]:
    """Write the event (a new file, an empty database: Backend.empty(), or a Backend, whose ``empty()`` then
    names it); returns the ids of the people and sessions by their table names."""
    path = create_on(path, name="Skills Day", start_utc=START)
    with open_event(path) as event_file, event_file.write() as s:
        syd = Hub(name="Sydney", zone="Australia/Sydney", position=1)
        lon = Hub(name="London", zone="Europe/London", position=2)
        s.add_all([syd, lon])
        s.flush()
        sessions = {
            "L1": LearningSession(uid=UIDS["L1"], title="Literacy", level_id=1, start_utc=at(10), duration_minutes=60),
            "L2": LearningSession(uid=UIDS["L2"], title="Hands-on", level_id=2, start_utc=at(12),
                                  duration_minutes=100),
            "L3": LearningSession(uid=UIDS["L3"], title="Creating", level_id=3, start_utc=at(14), duration_minutes=60),
        }
        created = START - timedelta(days=7)
        people = {
            "P1": Attendee(code=CODES["P1"], name="Pia One", email="pia@example.com", employee_id="E1",
                           department="Sales", role="Sales rep", hub_id=syd.id, level_id=1, created_utc=created),
            "P2": Attendee(code=CODES["P2"], name="Paul Two", email="paul@example.com", employee_id="E2",
                           department="Eng", role="Developer", hub_id=lon.id, level_id=3, created_utc=created),
            "P3": Attendee(code=CODES["P3"], name="Pat Three", email="pat@example.com", employee_id="E3",
                           department="Eng", role="ML engineer", hub_id=lon.id, level_id=4, created_utc=created),
            "P4": Attendee(code=CODES["P4"], name="=HYPERLINK(\"x\")", email="", employee_id=None,
                           department="-Ops", role="Chef", hub_id=None, level_id=None, created_utc=created),
        }
        s.add_all([*sessions.values(), *people.values()])
        s.flush()
        ids = {k: v.id for k, v in {**sessions, **people}.items()}
        s.add_all([CompletionRuleRow(session_id=ids["L2"], min_percent=50, needs_sign_off=True),
                   CompletionRuleRow(session_id=ids["L3"], min_percent=90, needs_sign_off=False)])

        def log(kind: str, who: str, where: str, when: datetime, reverses: CheckIn | None = None) -> CheckIn:
            entry = CheckIn(kind=kind, attendee_id=ids[who], session_id=ids[where], at_utc=when,
                            reverses_uid=reverses.uid if reverses else None)
            s.add(entry)
            s.flush()
            return entry

        log("check_in", "P1", "L1", at(10, 5))
        log("check_in", "P1", "L2", at(12))
        log("check_out", "P1", "L2", at(13))
        log("check_in", "P2", "L1", at(10))
        log("check_out", "P2", "L1", at(10, 30))
        log("check_in", "P2", "L2", at(12, 10))
        log("check_out", "P2", "L2", at(13, 40))
        wrong = log("check_in", "P3", "L1", at(10, 1))
        log("undo", "P3", "L1", at(10, 2), reverses=wrong)
        log("check_in", "P4", "L3", at(14))
        log("check_out", "P4", "L3", at(14, 50))
        s.add(SignOff(attendee_id=ids["P2"], session_id=ids["L2"], facilitator_name="Fay", at_utc=at(13, 30)))
        for who, where, rating, apply in (("P1", "L1", 5, 4), ("P2", "L1", 3, 2), ("P1", "L2", 4, 5),
                                          ("P3", "L1", 2, 2)):
            s.add(Feedback(attendee_id=ids[who], session_id=ids[where], rating=rating, can_apply=apply,
                           comment="", source="import", at_utc=at(16)))
        for who, phase, level, score in (("P1", "pre", 0, 2), ("P1", "post", 0, 4), ("P2", "pre", 2, 3),
                                         ("P2", "post", 2, 4), ("P2", "pre", 3, 2), ("P2", "post", 3, 4),
                                         ("P3", "pre", 0, 1), ("P4", "post", 0, 3)):
            s.add(Assessment(attendee_id=ids[who], phase=phase, level=level, score=score, source="import",
                             at_utc=created))
    return ids
