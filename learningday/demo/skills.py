"""The demo's skills data: self-assessments before and after, feedback, completion rules, sign-offs, branding.

It draws from its own random stream (seeded from the demo's seed), so the agenda, roster and check-in log
of a seed stay what they were; only these tables are added.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update

from learningday.resources import resource_path
from learningday.store.arrival import current_arrivals
from learningday.store.models import (
    Assessment,
    Attendee,
    Branding,
    CheckIn,
    CompletionRuleRow,
    Feedback,
    SignOff,
    Venue,
)
from learningday.store.models import Session as LearningSession

ISSUER = "Northwind Learning Academy"
SIGNER, SIGNER_TITLE = "Amara Okafor", "Chief Learning Officer"
#: levels whose room sessions end with a hands-on exercise a facilitator signs off
SIGN_OFF_LEVELS = (2, 4)
COMMENTS = ("Clear and practical.", "I will use this next week.", "Too fast for me.", "More examples, please.",
            "Great facilitator.", "")
CHUNK = 20_000


def _t(model):  # noqa: ANN001, ANN202
    return model.__table__


def _insert(connection, model, rows: list[dict]) -> None:  # noqa: ANN001
    for start in range(0, len(rows), CHUNK):
        connection.execute(insert(_t(model)), rows[start:start + CHUNK])


def write_skills(connection, seed: int, start: datetime) -> None:  # noqa: ANN001 - a Connection
    rng = random.Random(f"skills-{seed}")
    sessions = connection.execute(select(LearningSession.id, LearningSession.level_id, Venue.kind,
                                         LearningSession.start_utc, LearningSession.duration_minutes)
                                  .outerjoin(Venue, Venue.id == LearningSession.venue_id)).all()
    rooms = {sid for sid, _lv, kind, *_ in sessions if kind == "room"}
    rules = [{"session_id": sid, "min_percent": 75, "needs_sign_off": sid in rooms and level in SIGN_OFF_LEVELS}
             for sid, level, *_ in sessions]
    _insert(connection, CompletionRuleRow, rules)
    needs_sign_off = {r["session_id"] for r in rules if r["needs_sign_off"]}
    ends = {sid: begins + timedelta(minutes=minutes) for sid, _lv, _v, begins, minutes in sessions}
    # each session is better or worse than the others: the report's best and worst are real differences
    quality = {sid: rng.uniform(-1.2, 0.8) for sid, *_ in sessions}
    arrivals = connection.execute(select(CheckIn.attendee_id, CheckIn.session_id)
                                  .where(current_arrivals(), CheckIn.session_id.is_not(None))
                                  .distinct().order_by(CheckIn.attendee_id, CheckIn.session_id)).all()
    feedback, sign_offs, came = [], [], set()
    for aid, sid in arrivals:
        came.add(aid)
        if sid in needs_sign_off and rng.random() < 0.8:
            sign_offs.append({"attendee_id": aid, "session_id": sid, "facilitator_name": "",
                              "at_utc": ends[sid] - timedelta(minutes=5)})
        if rng.random() < 0.45:
            rating = max(1, min(5, round(rng.gauss(4.0 + quality[sid], 0.8))))
            feedback.append({"attendee_id": aid, "session_id": sid, "rating": rating,
                             "can_apply": max(1, min(5, rating + rng.choice((-1, 0, 0, 1)))),
                             "comment": rng.choice(COMMENTS), "source": "kiosk",
                             "at_utc": ends[sid] + timedelta(minutes=rng.randint(0, 30))})
    _insert(connection, SignOff, sign_offs)
    _insert(connection, Feedback, feedback)
    assessments = []
    before = start - timedelta(days=7)
    for aid, level in connection.execute(select(Attendee.id, Attendee.level_id).order_by(Attendee.id)):
        if rng.random() >= 0.6:
            continue
        pre = max(1, min(5, (level or 2) - rng.choice((0, 1, 1, 2))))
        assessments.append({"attendee_id": aid, "phase": "pre", "level": 0, "score": pre, "source": "import",
                            "at_utc": before})
        if rng.random() < 0.7:  # the post-event survey: who attended tends to feel more able
            gain = rng.choice((0, 1, 1, 2)) if aid in came else rng.choice((0, 0, 1))
            assessments.append({"attendee_id": aid, "phase": "post", "level": 0, "score": min(5, pre + gain),
                                "source": "import", "at_utc": start + timedelta(days=3)})
    _insert(connection, Assessment, assessments)
    connection.execute(update(_t(Branding)).where(_t(Branding).c.id == 1).values(
        issuer=ISSUER, signer_name=SIGNER, signer_title=SIGNER_TITLE,
        logo_png=resource_path("demo-logo.png").read_bytes(),
        signature_png=resource_path("demo-signature.png").read_bytes()))
