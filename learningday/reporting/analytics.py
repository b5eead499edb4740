"""One pass over an event: who registered, who came, where, when and for how long.

Definitions (the reports and their tests rely on them):

- Only scheduled sessions count; registrations and check-ins of unscheduled drafts are ignored.
- *registered*: registrations with status 'registered' (waitlisted and cancelled places are not).
- *attended*: distinct attendees with a current arrival (a 'check_in' or 'walk_in' entry that no
  'undo' entry reverses) for the session. Check-outs do not undo an attendance.
- *walk-in*: attended without a registered place (whatever the kind of the log entry).
- *no-show*: registered, never arrived. *rate*: registered people who came / registered; None for
  a session nobody registered for (such sessions are left out of the top/bottom ranking).
- *learning minutes*: the attended sessions' durations; online only (an imported meeting report), the
  minutes attended, and the session counts as attended only with the event's attended share of it.
- Hours: an attendance falls in the hour its session starts in (UTC from the event start; for a
  hub, the local clock hour of its own people). Sessions outside the window have no UTC hour.
- Attendees without a hub form a "No hub" group and have no local-hour row. An event without
  check-ins has zero attendance, rates of 0 where people registered, and no top/bottom sessions.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learningday.attendance.rule import attended_percent, online_only_minutes
from learningday.errors import CancelCheck, Progress, stop_if_cancelled
from learningday.reporting.dto import (
    AttendeeOutcome,
    Breakdown,
    CheckInLogRow,
    EventAnalytics,
    HourBucket,
    HubHours,
    ProgressionPath,
    SessionOutcome,
)
from learningday.reporting.leader import leader_view
from learningday.setup.event import get_event, list_hubs, list_levels
from learningday.store.arrival import current_arrivals
from learningday.store.models import (
    Attendee,
    CheckIn,
    Facilitator,
    Hub,
    Registration,
    Station,
    Venue,
    session_facilitators,
    session_hubs,
)
from learningday.store.models import Session as LearningSession
from learningday.timeutil import to_local

NO_HUB = "No hub"
NO_DEPARTMENT = "No department"
NO_FACILITATOR = "No facilitator"
TOP_N = 5



@dataclass
class _Acc:
    registered: int = 0
    attended: int = 0
    walk_ins: int = 0
    no_shows: int = 0
    minutes: int = 0
    people: set[int] = field(default_factory=set)

    def add(self, attendee: int, *, registered: bool, attended: bool, minutes: int) -> None:
        self.registered += registered
        if attended:
            self.attended += 1
            self.walk_ins += not registered
            self.minutes += minutes
            self.people.add(attendee)
        elif registered:
            self.no_shows += 1

    def freeze(self, key: int | str | None, label: str) -> Breakdown:
        return Breakdown(key, label, self.registered, self.attended, self.walk_ins, self.no_shows,
                         len(self.people), self.minutes)


def _current_arrivals(session: Session) -> dict[int | None, set[int]]:
    """Session id (None: the event) -> attendees who arrived (checkin's rule)."""
    present: dict[int | None, set[int]] = defaultdict(set)
    for session_id, attendee_id in session.execute(
        select(CheckIn.session_id, CheckIn.attendee_id).where(current_arrivals())
    ):
        present[session_id].add(attendee_id)
    return present


def analyse(session: Session, *, top: int = TOP_N, progress: Progress | None = None,
            cancel: CancelCheck | None = None) -> EventAnalytics:
    """Read the event once and compute every figure the reports show (Cancelled when ``cancel`` says stop)."""
    report = progress or (lambda _f, _m: None)
    event, levels, hubs = get_event(session), list_levels(session), list_hubs(session)
    hub_by_id = {h.id: h for h in hubs}
    level_name = {lv.id: lv.name for lv in levels}

    facilitators: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for sid, fid, name in session.execute(
        select(session_facilitators.c.session_id, Facilitator.id, Facilitator.name)
        .join(Facilitator, Facilitator.id == session_facilitators.c.facilitator_id)
        .order_by(Facilitator.name, Facilitator.id)
    ):
        facilitators[sid].append((fid, name))
    targets: dict[int, list[int]] = defaultdict(list)
    for sid, hub_id in session.execute(
        select(session_hubs.c.session_id, Hub.id).join(Hub, Hub.id == session_hubs.c.hub_id)
        .order_by(Hub.position, Hub.name)
    ):
        targets[sid].append(hub_id)
    scheduled = session.execute(
        select(LearningSession.id, LearningSession.uid, LearningSession.title, LearningSession.level_id,
               LearningSession.start_utc, LearningSession.duration_minutes, LearningSession.capacity,
               Venue.name, Venue.kind, Venue.hub_id, Venue.capacity.label("venue_capacity"))
        .outerjoin(Venue, Venue.id == LearningSession.venue_id)
        .where(LearningSession.start_utc.is_not(None))
        .order_by(LearningSession.start_utc, LearningSession.title, LearningSession.id)
    ).all()
    people = session.execute(
        select(Attendee.id, Attendee.code, Attendee.name, Attendee.email, Attendee.employee_id,
               Attendee.department, Attendee.role, Attendee.hub_id, Attendee.level_id, Attendee.uid)
        .order_by(Attendee.name, Attendee.id)
    ).all()
    registered: dict[int, set[int]] = defaultdict(set)
    waitlisted: Counter[int] = Counter()
    for attendee_id, sid, status in session.execute(
        select(Registration.attendee_id, Registration.session_id, Registration.status)
    ):
        if status == "registered":
            registered[sid].add(attendee_id)
        elif status == "waitlisted":
            waitlisted[sid] += 1
    present = _current_arrivals(session)
    online, percent = online_only_minutes(session), attended_percent(session)
    report(0.5, "event read")
    stop_if_cancelled(cancel, "report cancelled")

    person = {p.id: p for p in people}
    hub_of = {p.id: p.hub_id for p in people}
    dept_of = {p.id: p.department for p in people}
    overall, by_level = _Acc(), defaultdict(_Acc)
    by_hub, by_dept, by_fac = defaultdict(_Acc), defaultdict(_Acc), defaultdict(_Acc)
    fac_label: dict[int | None, str] = {None: NO_FACILITATOR}
    level_hub: Counter[tuple[int, int | None]] = Counter()
    hours = [0] * math.ceil(event.length_minutes / 60)
    local_hours: dict[int, list[int]] = {h.id: [0] * 24 for h in hubs}
    attended_by: dict[int, list[int]] = defaultdict(list)
    walk_ins_by: Counter[int] = Counter()
    registered_by: Counter[int] = Counter()
    outcomes: list[SessionOutcome] = []
    minutes_of: dict[int, int] = {}
    level_of: dict[int, int] = {}
    for row in scheduled:
        sid, minutes = row.id, row.duration_minutes
        minutes_of[sid], level_of[sid] = minutes, row.level_id
        regs = registered.get(sid, set())
        came = {a for a in present.get(sid, ()) if online.get((a, sid), minutes) * 100 >= percent * minutes}
        fac = facilitators.get(sid) or [(None, NO_FACILITATOR)]
        for fid, name in fac:
            fac_label[fid] = name
        for aid in regs | came:
            flags = {"registered": aid in regs, "attended": aid in came, "minutes": online.get((aid, sid), minutes)}
            overall.add(aid, **flags)
            by_level[row.level_id].add(aid, **flags)
            by_hub[hub_of[aid]].add(aid, **flags)
            by_dept[dept_of[aid]].add(aid, **flags)
            for fid, _ in fac:
                by_fac[fid].add(aid, **flags)
        for aid in regs:
            registered_by[aid] += 1
        for aid in came:
            attended_by[aid].append(sid)
            walk_ins_by[aid] += aid not in regs
        index = (row.start_utc - event.start_utc) // timedelta(hours=1)
        if 0 <= index < len(hours):
            hours[index] += len(came)
        for hub_id, n in Counter(hub_of[aid] for aid in came).items():
            level_hub[row.level_id, hub_id] += n
            if hub_id is not None:
                local_hours[hub_id][to_local(row.start_utc, hub_by_id[hub_id].zone).hour] += n
        main_hub = hub_by_id.get(row.hub_id) if row.kind == "room" else None
        main_hub = main_hub or (hub_by_id[targets[sid][0]] if targets.get(sid) else None)
        names = lambda ids: tuple(sorted((person[a].name for a in ids), key=str.casefold))  # noqa: E731
        outcomes.append(SessionOutcome(
            id=sid, uid=row.uid, title=row.title, level_id=row.level_id,
            level_name=level_name.get(row.level_id, str(row.level_id)), start_utc=row.start_utc,
            end_utc=row.start_utc + timedelta(minutes=minutes), duration_minutes=minutes,
            venue=row.name or "", venue_kind=row.kind or "", main_hub=main_hub.name if main_hub else None,
            main_hub_zone=main_hub.zone if main_hub else None,
            facilitators=tuple(name for fid, name in fac if fid is not None),
            capacity=row.capacity or row.venue_capacity, registered=len(regs), waitlisted=waitlisted[sid],
            attended=len(came), walk_ins=len(came - regs), no_shows=len(regs - came),
            walk_in_names=names(came - regs), no_show_names=names(regs - came),
        ))
    report(0.8, "sessions counted")
    stop_if_cancelled(cancel, "report cancelled")

    attendees: list[AttendeeOutcome] = []
    progression: list[tuple[int, tuple[int, ...]]] = []
    for p in people:
        sids = tuple(attended_by.get(p.id, ()))
        levels_attended = tuple(sorted({level_of[s] for s in sids}))
        hub = hub_by_id.get(p.hub_id) if p.hub_id is not None else None
        attendees.append(AttendeeOutcome(
            id=p.id, code=p.code, name=p.name, email=p.email, employee_id=p.employee_id,
            department=p.department, role=p.role, hub=hub.name if hub else "",
            hub_zone=hub.zone if hub else None, level_id=p.level_id, registered=registered_by[p.id],
            sessions_attended=sids, walk_ins=walk_ins_by[p.id],
            learning_minutes=sum(online.get((p.id, s), minutes_of[s]) for s in sids), levels_attended=levels_attended,
            uid=p.uid,
        ))
        if len(levels_attended) > 1:
            progression.append((p.id, levels_attended))
    paths = Counter(levels for _, levels in progression)

    hub_rows = [by_hub[h.id].freeze(h.id, h.name) for h in hubs]
    if any(p.hub_id is None for p in people):
        hub_rows.append(by_hub[None].freeze(None, NO_HUB))
    departments = sorted({p.department for p in people}, key=lambda d: (d == "", d.casefold()))
    ranked = [s for s in outcomes if s.registered] if overall.attended else []
    best = sorted(ranked, key=lambda s: (-(s.rate or 0), -s.attended, s.start_utc, s.title))[:top]
    chosen = {s.id for s in best}
    worst = [s for s in sorted(ranked, key=lambda s: (s.rate or 0, s.attended, s.start_utc, s.title))
             if s.id not in chosen][:top]
    leader = leader_view(session, hubs=hubs, levels=levels, people=((p.id, p.hub_id, p.level_id) for p in people),
                         reached=overall.people, sessions=outcomes, minutes_attended=lambda _s: online)
    report(1.0, "analytics done")
    return EventAnalytics(
        event=event, levels=levels, hubs=hubs,
        overall=overall.freeze(None, "All sessions"),
        roster_size=len(people),
        registered_people=len(registered_by),
        unique_attendees=len(overall.people),
        event_checkins=len(present.get(None, ())),
        by_level=tuple(by_level[lv.id].freeze(lv.id, lv.name) for lv in levels),
        by_hub=tuple(hub_rows),
        by_department=tuple(by_dept[d].freeze(d, d or NO_DEPARTMENT) for d in departments),
        by_facilitator=tuple(sorted((acc.freeze(fid, fac_label[fid]) for fid, acc in by_fac.items()),
                                    key=lambda b: (b.key is None, b.label.casefold()))),
        sessions=tuple(outcomes),
        attendees=tuple(attendees),
        hours_utc=tuple(HourBucket(i, event.start_utc + timedelta(hours=i), n) for i, n in enumerate(hours)),
        hours_local=tuple(HubHours(h.name, h.zone, tuple(local_hours[h.id])) for h in hubs),
        progression=tuple(progression),
        progression_paths=tuple(ProgressionPath(levels, n) for levels, n
                                in sorted(paths.items(), key=lambda kv: (-kv[1], kv[0]))),
        top_sessions=tuple(best),
        bottom_sessions=tuple(worst),
        by_level_and_hub=tuple((lv.id, b.label, level_hub[lv.id, b.key]) for lv in levels for b in hub_rows
                               if level_hub[lv.id, b.key]),
        leader=leader,
        **_door_overrides(session),
    )


def _door_overrides(session: Session) -> dict[str, int]:
    """Arrivals a door rule held and an override admitted, and rehearsals: counted apart from the rest."""
    arrived = select(func.count()).select_from(CheckIn).where(current_arrivals())
    return {"overrides": int(session.scalar(arrived.where(CheckIn.override_reason.is_not(None))) or 0),
            "rehearsals": int(session.scalar(arrived.where(CheckIn.rehearsal.is_(True))) or 0)}


def checkin_log(session: Session) -> list[CheckInLogRow]:
    """The whole append-only log in time order, with names instead of ids."""
    undone = set(session.scalars(select(CheckIn.reverses_uid).where(CheckIn.kind == "undo")))
    rows = session.execute(
        select(CheckIn.uid, CheckIn.kind, CheckIn.at_utc, Attendee.code, Attendee.name, Hub.name, Hub.zone,
               LearningSession.title, LearningSession.uid, Station.name, CheckIn.method,
               CheckIn.facilitator_name, CheckIn.reverses_uid)
        .join(Attendee, Attendee.id == CheckIn.attendee_id)
        .outerjoin(Hub, Hub.id == Attendee.hub_id)
        .outerjoin(LearningSession, LearningSession.id == CheckIn.session_id)
        .outerjoin(Station, Station.id == CheckIn.station_id)
        .order_by(CheckIn.at_utc, CheckIn.id)
    )
    return [
        CheckInLogRow(uid, kind, at, code, name, hub or "", zone, title or "", session_uid, station or "",
                      method, fac or "", reverses, uid in undone)
        for uid, kind, at, code, name, hub, zone, title, session_uid, station, method, fac, reverses in rows
    ]
