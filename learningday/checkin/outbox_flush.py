"""Writing a station's outbox to the event, in order, each entry once: after a lost answer it is found, not doubled."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from learningday.checkin.dto import CheckInResult
from learningday.checkin.log import check_in
from learningday.checkin.outbox import Kept, Outbox, default_folder
from learningday.checkin.sql import instant
from learningday.checkin.sql import rows as _rows
from learningday.errors import LearningDayError, NotSaved
from learningday.store.db import EventFile, open_event
from learningday.store.failures import ServerGone

#: the door rules judge a kept check-in only when it reaches the event: the station says so when keeping it
JUDGED_LATER = "queued: the door rules will judge it when the server is back"


@dataclass(frozen=True)
class Delivered:
    """A kept check-in that reached the event: what the door said (``result``), or why it was refused
    (``error``: its session was deleted meanwhile, say). Either way it no longer waits."""

    entry: Kept
    result: CheckInResult | None = None
    error: LearningDayError | None = None


@dataclass(frozen=True)
class Flushed:
    """What a flush did: the entries delivered, in order, and how many still wait (and why)."""

    delivered: list[Delivered]
    waiting: int
    reason: str = ""

    def result_of(self, uid: str) -> CheckInResult | None:
        return next((d.result for d in self.delivered if d.entry.uid == uid), None)


def _logged(session: Session, uid: str) -> CheckInResult | None:
    """The entry ``uid`` when the log already holds it (an earlier flush whose answer was lost), as its result."""
    rows = _rows(session, "SELECT a.name, COALESCE(s.title, ''), c.at_utc, a.uid, s.uid, a.code, "
                 "COALESCE(h.name, ''), a.department FROM checkins AS c JOIN attendees AS a ON a.id = c.attendee_id "
                 "LEFT JOIN sessions AS s ON s.id = c.session_id LEFT JOIN hubs AS h ON h.id = a.hub_id "
                 "WHERE c.uid = :uid", {"uid": uid})
    if not rows:
        return None
    name, title, at, person, where, code, hub, department = rows[0]
    return CheckInResult("checked_in", name, title, instant(at), uid, person, where, code, hub=hub,
                         department=department)


def write_kept(event_file: EventFile, entry: Kept) -> CheckInResult:
    """Write one kept check-in in its own transaction (EventFile.run_write), with its own uid and time; NotSaved
    (ServerGone) when the store still refuses. An entry the log already holds is reported as written, not written
    again."""

    def write(session: Session) -> CheckInResult:
        return _logged(session, entry.uid) or check_in(
            session, code_or_attendee=entry.who, session_uid=entry.session_uid, station=entry.station,
            facilitator_name=entry.facilitator, method=entry.method, at_utc=entry.at_utc,
            override=entry.override, over_capacity=entry.over_capacity, hub=entry.hub, entry_uid=entry.uid)

    try:
        return event_file.run_write(write)  # run again when another station's write took its turn
    except IntegrityError:  # another process flushed the same outbox at the same moment: its write won
        with event_file.read() as session:
            found = _logged(session, entry.uid)
        if found is None:
            raise
        return found


def flush(outbox: Outbox, event_file: EventFile) -> Flushed:
    """Write the waiting check-ins, oldest first, until the store refuses again (the rest keep waiting)."""
    delivered: list[Delivered] = []
    for entry in outbox.entries():
        try:
            delivered.append(Delivered(entry, result=write_kept(event_file, entry)))
        except NotSaved as exc:
            outbox.set_reason(exc.reason)
            return Flushed(delivered, len(outbox), exc.reason)
        except LearningDayError as exc:  # the event refuses this one for good: said, not retried for ever
            delivered.append(Delivered(entry, error=exc))
        outbox.drop(entry.uid)
    return Flushed(delivered, 0)


def deliver(event_file: EventFile, outbox: Outbox, entry: Kept) -> Flushed:
    """Check ``entry`` in behind the ones waiting (it is kept first: a crash loses nothing), then flush."""
    outbox.keep(entry, outbox.reason)
    return flush(outbox, event_file)


def deliver_to(url: str, entry: Kept, *, folder: Path | None = None) -> Flushed:
    """The event on a server at ``url``: deliver ``entry`` (after what this computer kept for it before), or,
    when the server cannot be reached even to open the event, keep it in the outbox for a later flush."""
    with Outbox.for_event(url, folder or default_folder()) as outbox:
        try:
            with open_event(url) as event_file:
                return deliver(event_file, outbox, entry)
        except ServerGone as exc:
            outbox.keep(entry, exc.reason)
            outbox.set_reason(exc.reason)
            return Flushed([], len(outbox), exc.reason)


def flush_url(url: str, *, folder: Path | None = None) -> Flushed:
    """Write what this computer keeps for the event at ``url``; ServerGone (nothing written) while it is away."""
    with Outbox.for_event(url, folder or default_folder()) as outbox:
        if not len(outbox):
            return Flushed([], 0)
        with open_event(url) as event_file:
            return flush(outbox, event_file)
